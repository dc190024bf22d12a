/**
 * No placeholder reaches production unnoticed (issue 17). The example stacks carry placeholders
 * (all-zero digests, example hosts, documentation ranges, zero ids): `hdh plan` reports each by
 * its config key, mandatory in production, advisory elsewhere. The example prod stack is therefore
 * "not deployable until its placeholders are filled", and these tests assert exactly that: its only
 * mandatory findings are its placeholders, and the same stack with every placeholder filled plans
 * compliant, so every other production control is exercised on values a deployment could have.
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { beforeAll, describe, expect, it } from "vitest";
import { findPlaceholders, isZeroUuid, isExampleHost } from "../../stacks/placeholders";
import { imageKeys } from "../../stacks/image-pins";
import { hdh, repoRoot } from "./run-cli";

interface PlanDocument {
  hdh: {
    findings: { policy: string; enforcement: string; message: string }[];
    summary: { mandatory: number };
  };
}

const placeholderPolicy = "hdh-stack-config-placeholder";
const env = { SOURCE_DATE_EPOCH: "1767225600" };

async function plan(stack: string, cwd = repoRoot): Promise<{ code: number; doc: PlanDocument }> {
  const out = join(mkdtempSync(join(tmpdir(), "hdh-placeholders-")), `plan-${stack}.json`);
  const run = await hdh(["plan", "--stack", stack, "--format", "json", "--out", out], { cwd, env });
  // A verdict (0 or 1), never bad input: the placeholders are valid values, judged by the plan.
  expect(run.code, run.stderr).toBeLessThan(2);
  return { code: run.code, doc: JSON.parse(readFileSync(out, "utf8")) as PlanDocument };
}

/** The prod stack file with every placeholder replaced by a value a real deployment could have. */
function filledProdStack(): string {
  let counter = 0;
  const hex = () => (++counter).toString(16).padStart(2, "0");
  return (
    readFileSync(join(repoRoot, "stacks", "Pulumi.prod.yaml"), "utf8")
      .replace(/sha256:0{64}/g, () => `sha256:${hex().repeat(32)}`)
      .replace(
        /"0{31}([0-9a-f])"/g,
        (_, d: string) => `"9b1f4c${hex()}d2e84a7fb3c6e1d05a9f0c7${d}"`,
      )
      .replace(
        /00000000-0000-4000-8000-0000000000([0-9a-f]{2})/g,
        "7c9e6679-7425-40de-944b-e07fc1f90a$1",
      )
      .replace(/hdh-sovereign\.example\.fr/g, "hdh-sante.eu")
      .replace(/barbican\.gra\.example\.fr/g, "barbican.gra.hdh-sante.eu")
      // Each documentation /24 becomes its own public /24, so the ranges keep their relations.
      .replace(/\b192\.0\.2\./g, "145.239.2.")
      .replace(/\b198\.51\.100\./g, "145.239.100.")
      .replace(/\b203\.0\.113\./g, "145.239.113.")
  );
}

describe("placeholders found in stack values", () => {
  it("names each kind by its key, and leaves real values alone", () => {
    const found = findPlaceholders({
      registry: "registry.hdh.example.fr/hdh",
      network: {
        egressHttpsCidrs: ["198.51.100.0/26", "145.239.2.0/24"],
        dnsNameservers: ["2001:db8::53"],
      },
      gateway: {
        certificateRef: "https://kms.hdh.test/v1/containers/00000000-0000-4000-8000-000000000007",
      },
      airlock: { platformProjectId: "00000000000000000000000000000000" },
      images: { jupyter: { tag: "1", digest: `sha256:${"0".repeat(64)}` } },
    });
    expect(found.map((p) => [p.path.join("."), p.kind])).toEqual(
      expect.arrayContaining([
        ["registry", "example host"],
        ["network.egressHttpsCidrs.0", "documentation address"],
        ["network.dnsNameservers.0", "documentation address"],
        ["gateway.certificateRef", "zero UUID"],
        ["gateway.certificateRef", "example host"],
        ["airlock.platformProjectId", "zero UUID"],
        ["images.jupyter.digest", "digest"],
        // Images the stack leaves to the component's pin are placeholders too, by their key.
        ["images.rstudio.digest", "digest"],
      ]),
    );
    expect(found.some((p) => p.path.join(".") === "network.egressHttpsCidrs.1")).toBe(false);
  });

  it("tells placeholders from real hosts and ids", () => {
    expect(isExampleHost("sso.example.com")).toBe(true);
    expect(isExampleHost("registry.hdh.test")).toBe(true);
    expect(isExampleHost("examples.org")).toBe(false);
    expect(isExampleHost("auth.cloud.ovh.net")).toBe(false);
    expect(isZeroUuid("00000000-0000-0000-0000-000000000000")).toBe(true);
    expect(isZeroUuid("7c9e6679-7425-40de-944b-e07fc1f90ae7")).toBe(false);
    expect(isZeroUuid("00000000-0000-4000-8000-000000010000")).toBe(false);
  });
});

describe("hdh plan and placeholders", () => {
  let prod: { code: number; doc: PlanDocument };
  let filled: { code: number; doc: PlanDocument };
  let dev: { code: number; doc: PlanDocument };

  beforeAll(async () => {
    const project = mkdtempSync(join(tmpdir(), "hdh-filled-prod-"));
    mkdirSync(join(project, "stacks"));
    copyFileSync(join(repoRoot, "Pulumi.yaml"), join(project, "Pulumi.yaml"));
    const text = filledProdStack();
    // The fixture is only worth something if nothing in it is a placeholder any more.
    expect(findPlaceholders(parse(text).config ? hdhValues(parse(text).config) : {})).toEqual([]);
    writeFileSync(join(project, "stacks", "Pulumi.prod.yaml"), text);
    // One after the other: plans share the process's Pulumi runtime under mocks.
    prod = await plan("prod");
    filled = await plan("prod", project);
    dev = await plan("dev");
  }, 120_000);

  it("the example prod stack is not deployable: exit 1, and its only mandatory findings are its placeholders", () => {
    expect(prod.code).toBe(1);
    const mandatory = prod.doc.hdh.findings.filter((f) => f.enforcement === "mandatory");
    expect(mandatory.length).toBeGreaterThan(0);
    expect(mandatory.filter((f) => f.policy !== placeholderPolicy)).toEqual([]);
    const keys = mandatory.map((f) => f.message.split(":")[0] + ":" + f.message.split(":")[1]);
    for (const key of imageKeys) expect(keys).toContain(`hdh:images.${key}.digest`);
    expect(keys).toEqual(
      expect.arrayContaining([
        "hdh:registry",
        "hdh:gateway.hostname",
        "hdh:gateway.certificateRef",
        "hdh:bastion.adminCidrs[0]",
        "hdh:network.egressHttpsCidrs[0]",
        "hdh:cloud.objectStorageEncryptionAttestation",
      ]),
    );
  });

  it("the same stack with every placeholder filled plans compliant, exit 0", () => {
    expect(filled.doc.hdh.findings.filter((f) => f.enforcement === "mandatory")).toEqual([]);
    expect(filled.code).toBe(0);
  });

  it("in dev the placeholders are advisory: named, and the plan still passes", () => {
    const placeholders = dev.doc.hdh.findings.filter((f) => f.policy === placeholderPolicy);
    expect(placeholders.length).toBeGreaterThan(0);
    expect(placeholders.every((f) => f.enforcement === "advisory")).toBe(true);
    expect(dev.code).toBe(0);
  });
});

/** The `hdh:*` values of a stack file's `config:`, keys without the namespace. */
function hdhValues(config: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(config)
      .filter(([key]) => key.startsWith("hdh:"))
      .map(([key, value]) => [key.slice(4), value]),
  );
}
