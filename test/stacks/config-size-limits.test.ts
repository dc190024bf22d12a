/**
 * Every string and list a stack's config accepts is bounded by what the API it ends up in accepts
 * (stacks/size-limits.ts cites each bound): an oversized value is refused by its key before
 * anything is built, never turned into an object the Kubernetes or OpenStack API refuses at
 * `pulumi up`.
 */
import { describe, expect, it } from "vitest";
import { ConfigError, parsePlatformConfig } from "../../stacks/config";
import { readStackFile } from "../../stacks/stack-file";

const today = new Date("2026-11-23T12:00:00Z");
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RawConfig = Record<string, any>;
/** The dev stack with every optional string field written, so each is tried too. */
function full(): RawConfig {
  const raw = structuredClone(readStackFile("dev").hdh) as RawConfig;
  raw.cloud.recoveryRegion = "SBG5";
  raw.cloud.encryptedVolumeType = "classic-luks";
  raw.cloud.authUrl = "https://auth.cloud.ovh.net/v3";
  raw.bastion.aptMirror = "https://ftp.fr.debian.org/debian";
  raw.audit = { project: "hdh-dev-audit" };
  raw.backup = { csiCluster: "kubernetes", schedule: "30 1 * * *" };
  raw.kms = { consumers: { volumes: ["0123456789abcdef0123456789abcdef"] } };
  raw.gateway.oidc.usernameClaim = "email";
  raw.gateway.oidc.groupsClaim = "groups";
  return raw;
}

function refusedKeys(raw: unknown): string[] {
  try {
    parsePlatformConfig(raw, { stack: "dev", today });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => ConfigError.key(p.path));
  }
  return [];
}

function leaves(value: unknown, path: string[] = []): { path: string[]; value: unknown }[] {
  if (Array.isArray(value)) {
    return [{ path, value }, ...value.flatMap((v, i) => leaves(v, [...path, String(i)]))];
  }
  if (value !== null && typeof value === "object") {
    return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
  }
  return [{ path, value }];
}

function setAt(root: RawConfig, path: string[], value: unknown): void {
  let node = root;
  for (const key of path.slice(0, -1)) node = node[key];
  node[path[path.length - 1]] = value;
}

const keyOf = (path: string[]) => ConfigError.key(path);

describe("size limits", () => {
  it("a 5 MB OIDC client id is refused by its key", () => {
    const raw = full();
    raw.gateway.oidc.clientId = "x".repeat(5 * 1024 * 1024);
    expect(refusedKeys(raw)).toEqual(["hdh:gateway.oidc.clientId"]);
  });

  it.each([
    [["cloud", "authUrl"]],
    [["bastion", "aptMirror"]],
    [["gateway", "oidc", "issuer"]],
    [["gateway", "oidc", "authorizationEndpoint"]],
    [["gateway", "oidc", "jwksEndpoint"]],
  ])("a well-formed URL of 2 MiB at %j is refused at its key", (path) => {
    const raw = full();
    setAt(raw, path, `https://sso.example.fr/${"a".repeat(2 * 1024 * 1024)}`);
    expect(refusedKeys(raw)).toEqual([keyOf(path)]);
  });

  const baseline = full();
  expect(refusedKeys(baseline)).toEqual([]);
  const strings = leaves(baseline).filter((l) => typeof l.value === "string");
  const lists = leaves(baseline).filter((l) => Array.isArray(l.value));

  it.each(strings.map((l) => [keyOf(l.path), l.path] as const))(
    "%s: a 2 MiB string is refused at its key",
    (_key, path) => {
      const raw = full();
      setAt(raw, [...path], "a".repeat(2 * 1024 * 1024));
      const keys = refusedKeys(raw);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys).toContain(keyOf([...path]));
    },
  );

  it.each(lists.map((l) => [keyOf(l.path), l.path] as const))(
    "%s: a list of 20,001 entries is refused at its key",
    (_key, path) => {
      const raw = full();
      const list = path.reduce<RawConfig>((node, key) => node[key], raw) as unknown as unknown[];
      setAt(
        raw,
        [...path],
        Array.from({ length: 20_001 }, () => structuredClone(list[0] ?? "x")),
      );
      expect(refusedKeys(raw)).toContain(keyOf([...path]));
    },
  );
});
