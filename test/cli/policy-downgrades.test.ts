/**
 * `--policy-config` may lower or disable policies, as `pulumi preview --policy-pack-config` does,
 * including for the whole pack under `all`: never silently. Every report format lists each
 * lowered policy and the setting that lowered it; in production, lowering a location,
 * jurisdiction or encryption policy needs a written `justification`, shown in the report.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { evaluatePolicies, type PolicyPackConfig } from "../../offline/evaluate-policies";
import { baseline, corpusSettings, hardenedPodSpec } from "../policies/baseline";
import { allPolicies } from "../../policies/all";
import { packConfigFromSettings } from "../../policies/config";
import { hdh, samples } from "./run-cli";

const dir = mkdtempSync(join(tmpdir(), "hdh-downgrades-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
function configFile(document: unknown): string {
  const file = join(dir, `policy-config-${n++}.json`);
  writeFileSync(file, JSON.stringify(document, null, 2));
  return file;
}
const devPreview = join(samples, "workspace-dev.preview.json");
const prodExport = join(samples, "openstack-prod.stack-export.json");
const privileged = "kubernetes-core-pod-no-privileged";

describe("the in-process evaluator applies `all` as the Pulumi CLI does", () => {
  function privilegedStack() {
    const s = baseline("dev");
    const deployment = s.inputs("ws-cardio-jupyter") as { spec: { template: { spec: unknown } } };
    const spec = hardenedPodSpec();
    (spec.containers[0].securityContext as Record<string, unknown>).privileged = true;
    deployment.spec.template.spec = spec;
    return s.list();
  }
  const settings = packConfigFromSettings(allPolicies, corpusSettings) as PolicyPackConfig;
  const levelsOf = async (config: PolicyPackConfig) =>
    (await evaluatePolicies({ resources: privilegedStack(), config: { ...settings, ...config } }))
      .filter((v) => v.policyName === privileged)
      .map((v) => v.enforcementLevel);

  it('"all": "disabled" disables every policy', async () => {
    expect(await levelsOf({})).toEqual(["mandatory"]);
    expect(await levelsOf({ all: "disabled" })).toEqual([]);
  });

  it('"all" lowers every policy, and a policy\'s own level wins over it', async () => {
    expect(await levelsOf({ all: { enforcementLevel: "advisory" } })).toEqual(["advisory"]);
    expect(await levelsOf({ all: "disabled", [privileged]: "mandatory" })).toEqual(["mandatory"]);
  });
});

describe("hdh check --policy-config: every lowered policy is reported, in every format", () => {
  it('"all": "disabled" is honoured, and the report lists every policy it turned off', async () => {
    const run = await hdh([
      "check",
      devPreview,
      "--policy-config",
      configFile({ all: "disabled" }),
      "--format",
      "json",
    ]);
    const report = JSON.parse(run.stdout).hdh;
    expect(
      report.findings.filter((f: { policy: string }) => !f.policy.startsWith("pulumi-")),
    ).toEqual([]);
    const lowered = report.loweredPolicies as { policy: string; to: string; setting: string }[];
    expect(lowered.map((l) => l.policy).sort()).toEqual(
      expect.arrayContaining(
        allPolicies.filter((p) => p.enforcementLevel === "mandatory").map((p) => p.name),
      ),
    );
    for (const l of lowered) {
      expect(l.to).toBe("disabled");
      expect(l.setting).toMatch(/"all"/);
    }
  });

  it.each(["text", "markdown", "json", "sarif", "codequality"])(
    "the %s report names the disabled policy and the setting",
    async (format) => {
      const file = configFile({ [privileged]: { enforcementLevel: "disabled" } });
      const run = await hdh(["check", devPreview, "--policy-config", file, "--format", format]);
      expect([0, 1]).toContain(run.code);
      expect(run.stdout).toContain(privileged);
      expect(run.stdout).toMatch(/disabled/);
      if (format === "sarif") {
        const sarif = JSON.parse(run.stdout);
        const overrides = sarif.runs[0].invocations[0].ruleConfigurationOverrides;
        expect(overrides).toContainEqual(
          expect.objectContaining({
            descriptor: { id: privileged },
            configuration: expect.objectContaining({ enabled: false }),
          }),
        );
      }
      if (format === "codequality") {
        const issues = JSON.parse(run.stdout) as { check_name: string; description: string }[];
        expect(
          issues.some((i) => i.description.includes(privileged) && /disabled/.test(i.description)),
        ).toBe(true);
      }
      if (format === "text" || format === "markdown") {
        // The privileged pod of the sample is no longer a finding, and the report says why.
        expect(run.stdout).toMatch(new RegExp(`${privileged}.*(mandatory|disabled)`));
      }
    },
  );

  it("a level that is not one is refused (a typo must not turn mandatory into advisory)", async () => {
    const run = await hdh([
      "check",
      devPreview,
      "--policy-config",
      configFile({ [privileged]: "Mandatory" }),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(new RegExp(`${privileged}.*Mandatory`));
  });
});

describe("production: lowering a location, jurisdiction or encryption policy needs a justification", () => {
  it("is refused without one, naming each policy and the setting", async () => {
    const run = await hdh([
      "check",
      prodExport,
      "--policy-config",
      configFile({ "openstack-blockstorage-volume-encrypted-type": "disabled" }),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/openstack-blockstorage-volume-encrypted-type/);
    expect(run.stderr).toMatch(/justification/);
  });

  it('"all": "disabled" in production is refused without one', async () => {
    const run = await hdh([
      "check",
      prodExport,
      "--policy-config",
      configFile({ all: "disabled" }),
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/openstack-all-resource-eu-region/);
  });

  it("with a justification it is accepted, and every report shows the reason", async () => {
    const reason = "Volumes encrypted by the storage array itself, audited in ticket SEC-1234";
    const file = configFile({
      "openstack-blockstorage-volume-encrypted-type": {
        enforcementLevel: "disabled",
        justification: reason,
      },
    });
    for (const format of ["text", "markdown", "json", "sarif", "codequality"]) {
      const run = await hdh(["check", prodExport, "--policy-config", file, "--format", format]);
      expect(run.code, run.stderr).toBe(1); // the sample's other violations remain
      expect(run.stdout, format).toContain(reason);
    }
  });

  it("lowering a policy of another area in production is reported but not refused", async () => {
    const run = await hdh([
      "check",
      prodExport,
      "--policy-config",
      configFile({ "hdh-all-datastore-ownership-labels": "advisory" }),
    ]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/hdh-all-datastore-ownership-labels/);
  });
});
