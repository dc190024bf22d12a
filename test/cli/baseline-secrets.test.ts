/**
 * `--baseline` and secrets: a plan's JSON withholds every secret, the live plan holds them, so a
 * naive comparison reports each secret as changed on every run. Both sides compare a keyed digest
 * instead (HMAC-SHA256 under a key that never leaves the machine or the CI job): the same commit
 * planned twice reports no change, a changed secret is reported changed, and no secret (nor an
 * unkeyed hash of one, which a dictionary would reverse) is ever printed.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { diffAgainstBaseline } from "../../cli/baseline-diff";
import { normalizeExport } from "../../cli/normalize/from-export";
import { normalizePlan } from "../../cli/normalize/from-plan";
import { buildStackExport } from "../../cli/plan/stack-export";
import { secretDigester } from "../../cli/secret-digest";
import type { PlannedResource } from "../../offline/mock-run";
import { hdh } from "./run-cli";

const dir = mkdtempSync(join(tmpdir(), "hdh-baseline-secrets-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { HDH_SECRET_DIGEST_KEY: "test-key-0123456789abcdef", SOURCE_DATE_EPOCH: "1700000000" };

const secretSig = {
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
};
function secretResource(password: string): PlannedResource {
  return {
    urn: "urn:pulumi:dev::hdh-sovereign::kubernetes:core/v1:Secret::db",
    type: "kubernetes:core/v1:Secret",
    name: "db",
    custom: true,
    id: "db",
    inputs: {
      metadata: { name: "db" },
      stringData: { ...secretSig, value: { password } },
    },
    outputs: {},
    protect: false,
    retainOnDelete: false,
    deleteBeforeReplace: false,
    dependencies: [],
    propertyDependencies: {},
    additionalSecretOutputs: [],
    ignoreChanges: [],
  };
}

/** The plan written as JSON then read back, as `--baseline plan.json` does. */
function savedBaseline(resources: PlannedResource[], key = env.HDH_SECRET_DIGEST_KEY) {
  const document = buildStackExport(resources, {
    time: "2026-11-23T12:00:00Z",
    writer: "test",
    secretDigester: secretDigester(key),
  });
  const text = JSON.stringify(document);
  return {
    text,
    resources: normalizeExport(JSON.parse(text).deployment, "baseline.json").resources,
  };
}

describe("secrets compared by keyed digest", () => {
  const digester = secretDigester(env.HDH_SECRET_DIGEST_KEY);

  it("an unchanged secret is no change", () => {
    const baseline = savedBaseline([secretResource("s3cret-password")]);
    const live = normalizePlan([secretResource("s3cret-password")], digester);
    const diff = diffAgainstBaseline(baseline.resources, live, "baseline.json");
    expect(diff.changed).toEqual([]);
    expect(diff.unchanged).toBe(1);
  });

  it("a changed secret is a change of its key, and neither value is written anywhere", () => {
    const baseline = savedBaseline([secretResource("s3cret-password")]);
    const live = normalizePlan([secretResource("an0ther-password")], digester);
    const diff = diffAgainstBaseline(baseline.resources, live, "baseline.json");
    expect(diff.changed).toEqual([
      {
        urn: expect.stringContaining("Secret::db"),
        type: "kubernetes:core/v1:Secret",
        keys: ["stringData"],
      },
    ]);
    expect(baseline.text).not.toContain("s3cret-password");
    expect(JSON.stringify(diff)).not.toMatch(/password/);
  });

  it("the digest is keyed: the same secret under another key does not read as equal, nor as changed", () => {
    const baseline = savedBaseline([secretResource("s3cret-password")], "some-other-machine-key");
    const live = normalizePlan([secretResource("an0ther-password")], digester);
    const diff = diffAgainstBaseline(baseline.resources, live, "baseline.json");
    expect(diff.changed).toEqual([]);
    expect(diff.secretsNotCompared).toBe(1);
  });
});

describe("hdh plan --baseline", () => {
  it("the same commit planned twice reports no change", async () => {
    const first = join(dir, "first.json");
    const write = await hdh(["plan", "--stack", "dev", "--format", "json", "--out", first], {
      env,
    });
    expect(write.code, write.stderr).toBe(0);
    const again = await hdh(["plan", "--stack", "dev", "--format", "json", "--baseline", first], {
      env,
    });
    expect(again.code, again.stderr).toBe(0);
    const diff = JSON.parse(again.stdout).hdh.diff;
    expect(diff.changed).toEqual([]);
    expect(diff.added).toEqual([]);
    expect(diff.removed).toEqual([]);
    expect(readFileSync(first, "utf8")).not.toContain(env.HDH_SECRET_DIGEST_KEY);
  }, 120_000);
});
