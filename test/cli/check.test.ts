/** `hdh check` on the checked-in samples, with the real policy pack, in every format. */
import { allPolicies } from "../../policies/all";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { sarifProblems } from "./sarif-shape";
import { hdh, noPolicyFindings, samples } from "./run-cli";
import { isNotJudged } from "../../policies/lib/define";

const exportFile = join(samples, "openstack-prod.stack-export.json");
const previewFile = join(samples, "workspace-dev.preview.json");
const out = mkdtempSync(join(tmpdir(), "hdh-check-"));

describe("hdh check on a stack export", () => {
  it("finds the sample's violations and exits 1", async () => {
    const run = await hdh(["check", exportFile, "--format", "json"]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout).hdh;
    expect(report.summary.compliant).toBe(false);
    const at = (name: string) =>
      report.findings
        .filter((f: { resourceName?: string }) => f.resourceName === name)
        .map((f: { policy: string }) => f.policy);
    expect(at("analytics-ssh-any")).toContain(
      "openstack-networking-secgroup-rule-no-internet-ingress",
    );
    expect(at("analytics-data")).toContain("openstack-blockstorage-volume-encrypted-type");
    // The address reaches the instance through its association: the association is the finding.
    expect(at("analytics-fip-assoc")).toContain("openstack-networking-floatingip-bastion-only");
    expect(report.settings).toEqual([
      expect.objectContaining({ setting: "secrets provider", compliant: true }),
    ]);
  });

  it("judges the backend given by flag: Pulumi Cloud for a production export is a mandatory violation", async () => {
    const run = await hdh(
      ["check", exportFile, "--backend", "https://api.pulumi.com", "--format", "json"],
      { evaluatePolicies: noPolicyFindings },
    );
    expect(run.code).toBe(1);
    const findings = JSON.parse(run.stdout).hdh.findings;
    expect(findings).toEqual([
      expect.objectContaining({
        policy: "pulumi-project-state-backend-eu",
        enforcement: "mandatory",
      }),
    ]);
  });

  it("is compliant (exit 0) when the pack finds nothing and the settings are EU", async () => {
    const run = await hdh(["check", exportFile, "--backend", "file:///srv/pulumi"], {
      evaluatePolicies: noPolicyFindings,
    });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Result: compliant/);
  });

  it("reads the secrets provider from --stack-config, which overrides the export's section", async () => {
    const stackConfig = join(out, "Pulumi.prod.yaml");
    writeFileSync(
      stackConfig,
      "secretsprovider: awskms://alias/hdh?region=eu-west-3\nconfig:\n  hdh:environment: prod\n",
    );
    const run = await hdh(
      ["check", exportFile, "--stack-config", stackConfig, "--format", "json"],
      { evaluatePolicies: noPolicyFindings },
    );
    expect(run.code).toBe(1);
    const [finding] = JSON.parse(run.stdout).hdh.findings;
    expect(finding).toMatchObject({
      policy: "pulumi-stack-secretsprovider-eu",
      location: { line: 1 },
    });
  });

  it("an export made with Pulumi Cloud's secrets provider implies a Pulumi Cloud backend", async () => {
    const deployment = JSON.parse(readFileSync(exportFile, "utf8"));
    deployment.deployment.secrets_providers = {
      type: "service",
      state: { url: "https://api.pulumi.com", owner: "hdh", project: "hdh-legacy", stack: "prod" },
    };
    const file = join(out, "service.json");
    writeFileSync(file, JSON.stringify(deployment));
    const run = await hdh(["check", file, "--format", "json"], {
      evaluatePolicies: noPolicyFindings,
    });
    const policies = JSON.parse(run.stdout)
      .hdh.findings.map((f: { policy: string }) => f.policy)
      .sort();
    expect(policies).toEqual([
      "pulumi-project-state-backend-eu",
      "pulumi-stack-secretsprovider-eu",
    ]);
  });

  it("a settings rule can be made advisory through policy config, and the exit code follows", async () => {
    const config = join(out, "policy.json");
    writeFileSync(
      config,
      JSON.stringify({
        "pulumi-project-state-backend-eu": {
          enforcementLevel: "advisory",
          justification: "migration to the EU bucket tracked in OPS-42, due next sprint",
        },
      }),
    );
    const run = await hdh(
      ["check", exportFile, "--backend", "https://api.pulumi.com", "--policy-config", config],
      { evaluatePolicies: noPolicyFindings },
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/ADVISORY \(1\)/);
    // Production: lowering a jurisdiction rule needs the reason, and the report shows it.
    expect(run.stdout).toMatch(/pulumi-project-state-backend-eu .*OPS-42/);
  });
});

describe("hdh check options and failures", () => {
  it("--stack renames the report without confusing the pack about the URNs' stack", async () => {
    const run = await hdh(["check", exportFile, "--stack", "legacy-prod", "--format", "json"]);
    expect(run.code).toBe(1);
    expect(JSON.parse(run.stdout).hdh.stack).toBe("legacy-prod");
  });

  it("a bug is not a verdict: exit 70 with its stack trace", async () => {
    const run = await hdh(["check", exportFile], {
      evaluatePolicies: async () => {
        throw new TypeError("boom");
      },
    });
    expect(run.code).toBe(70);
    expect(run.stderr).toMatch(/internal error[\s\S]*TypeError: boom\n\s+at /);
  });
});

describe("hdh check on a preview", () => {
  it("evaluates the new states: a US region and a privileged pod from docker.io", async () => {
    const run = await hdh(["check", previewFile, "--format", "json"]);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout).hdh;
    const policies = new Set(report.findings.map((f: { policy: string }) => f.policy));
    expect(policies).toContain("openstack-all-resource-eu-region");
    expect(policies).toContain("kubernetes-core-pod-no-privileged");
    expect(report.operations).toEqual({ same: 1, create: 4, update: 1, delete: 1 });
    expect(report.notes.join(" ")).toMatch(/deletes 1 resource/);
    // The deleted volume is not judged.
    expect(JSON.stringify(report.findings)).not.toContain("hdh-pilot-2025-data");
  });

  it("a preview of this project's dev stack is judged with stacks/Pulumi.dev.yaml, found from its URNs", async () => {
    const report = JSON.parse((await hdh(["check", previewFile, "--format", "json"])).stdout).hdh;
    expect(report.notes.join("\n")).toMatch(/Stack settings read from stacks\/Pulumi\.dev\.yaml/);
    expect(report.settings).toContainEqual(
      expect.objectContaining({
        setting: "secrets provider",
        origin: "stacks/Pulumi.dev.yaml secretsprovider",
      }),
    );
  });

  it("the same preview checked outside the project finds no stack file and says what is not judged", async () => {
    const report = JSON.parse(
      (await hdh(["check", previewFile, "--format", "json"], { cwd: out })).stdout,
    ).hdh;
    expect(report.notes.join("\n")).not.toMatch(/Stack settings read from/);
    expect(report.notes.join("\n")).toMatch(/Secrets provider not judged/);
  });

  it("an artifact of another project (hdh-legacy) is not judged against this checkout's stack files", async () => {
    const report = JSON.parse((await hdh(["check", exportFile, "--format", "json"])).stdout).hdh;
    expect(report.notes.join("\n")).not.toMatch(/Stack settings read from/);
    expect(report.settings).toEqual([
      expect.objectContaining({ origin: expect.stringContaining("deployment.secrets_providers") }),
    ]);
  });
});

describe("report formats", () => {
  it("text names each violation with its fix and requirement", async () => {
    const run = await hdh(["check", exportFile]);
    expect(run.stdout).toMatch(/MANDATORY \(\d+\)/);
    expect(run.stdout).toMatch(/Fix: /);
    expect(run.stdout).toMatch(/Requirement: SecNumCloud 3\.2/);
    expect(run.stdout).toMatch(/Result: \d+ mandatory violations: not compliant/);
  });

  it("SARIF is a valid 2.1.0 log whose results point at the resource's line in the artifact", async () => {
    const run = await hdh(["check", exportFile, "--format", "sarif"]);
    const log = JSON.parse(run.stdout);
    expect(sarifProblems(log)).toEqual([]);
    const results = log.runs[0].results;
    expect(results.length).toBeGreaterThan(0);
    const lines = readFileSync(exportFile, "utf8").split("\n");
    for (const r of results) {
      const urn = r.locations[0].logicalLocations[0].fullyQualifiedName;
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toBe(
        "samples/openstack-prod.stack-export.json",
      );
      expect(lines[r.locations[0].physicalLocation.region.startLine - 1]).toContain(
        `"urn": "${urn}"`,
      );
    }
    // Mandatory findings are errors; the legacy sample's provider password, a secret whose
    // plaintext the export withholds, is a finding of what the rule could not judge: advisory
    // whatever the rule's level, a warning.
    const level = new Map(
      allPolicies.map((p) => [p.name, p.enforcementLevel === "mandatory" ? "error" : "warning"]),
    );
    for (const r of results as { ruleId: string; level: string; message: { text: string } }[])
      expect(r.level, r.ruleId).toBe(
        isNotJudged({ message: r.message.text }) ? "warning" : level.get(r.ruleId),
      );
    expect(
      results.some((r: { message: { text: string } }) => isNotJudged({ message: r.message.text })),
    ).toBe(true);
    expect(results.some((r: { level: string }) => r.level === "error")).toBe(true);
  });

  it("the SARIF checker itself catches a result without a location", () => {
    const bad = {
      version: "2.1.0",
      $schema: "sarif",
      runs: [
        {
          tool: { driver: { name: "x", rules: [] } },
          results: [{ ruleId: "a", level: "error", message: { text: "m" } }],
        },
      ],
    };
    expect(sarifProblems(bad)).toEqual(["results[0] has no location (GitHub requires one)"]);
  });

  it("Markdown is a comment with a marker, a verdict and table-safe cells", async () => {
    const run = await hdh(["check", exportFile, "--format", "markdown"]);
    expect(run.stdout.startsWith("<!-- hdh-report:check:prod -->\n### ❌")).toBe(true);
    expect(run.stdout).toMatch(/\*\*Not compliant\*\*/);
    for (const row of run.stdout.split("\n").filter((l) => l.startsWith("| `"))) {
      const cells = row.replace(/\\\|/g, "").split("|").length;
      expect(cells, row).toBe(6); // 4 columns
    }
  });

  it("GitLab Code Quality lists each finding with a path, a line and a stable fingerprint", async () => {
    const first = JSON.parse((await hdh(["check", exportFile, "--format", "codequality"])).stdout);
    const again = JSON.parse((await hdh(["check", exportFile, "--format", "codequality"])).stdout);
    expect(first.length).toBeGreaterThan(0);
    for (const issue of first) {
      expect(issue).toMatchObject({
        type: "issue",
        categories: ["Security"],
        location: { path: "samples/openstack-prod.stack-export.json" },
      });
      expect(["info", "minor", "major", "critical", "blocker"]).toContain(issue.severity);
      expect(issue.location.lines.begin).toBeGreaterThan(1);
    }
    expect(again.map((i: { fingerprint: string }) => i.fingerprint)).toEqual(
      first.map((i: { fingerprint: string }) => i.fingerprint),
    );
    expect(new Set(first.map((i: { fingerprint: string }) => i.fingerprint)).size).toBe(
      first.length,
    );
  });

  it("--out writes the report to a file and nothing to stdout", async () => {
    const file = join(out, "report.sarif");
    const run = await hdh(["check", exportFile, "--format", "sarif", "--out", file]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe("");
    expect(sarifProblems(JSON.parse(readFileSync(file, "utf8")))).toEqual([]);
  });
});

describe("baseline", () => {
  it("an export against itself changes nothing; a preview against the export shows its additions", async () => {
    const same = JSON.parse(
      (
        await hdh(["check", exportFile, "--baseline", exportFile, "--format", "json"], {
          evaluatePolicies: noPolicyFindings,
        })
      ).stdout,
    ).hdh.diff;
    expect(same).toMatchObject({ added: [], removed: [], changed: [], unchanged: 15 });
    const text = (
      await hdh(["check", exportFile, "--baseline", previewFile], {
        evaluatePolicies: noPolicyFindings,
      })
    ).stdout;
    expect(text).toMatch(
      /Changes against samples\/workspace-dev.preview.json: 15 added, 0 changed, \d+ removed/,
    );
  });
});
