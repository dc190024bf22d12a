/**
 * `hdh plan` and `hdh diagram` on the real dev stack: the program under mocks, the real pack.
 * Each plan costs a few seconds, so one JSON plan is shared by the assertions that read it.
 */
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { sarifProblems } from "./sarif-shape";
import { hdh, type CliRun } from "./run-cli";

const out = mkdtempSync(join(tmpdir(), "hdh-plan-"));
const planFile = join(out, "plan-dev.json");
let plan: CliRun;
let document: {
  version: number;
  deployment: {
    manifest: { magic: string; version: string };
    resources: {
      urn: string;
      type: string;
      parent?: string;
      dependencies?: string[];
      provider?: string;
      custom: boolean;
    }[];
  };
  hdh: {
    findings: { policy: string; urn?: string; enforcement: string }[];
    summary: { mandatory: number };
  };
};

beforeAll(async () => {
  plan = await hdh(["plan", "--stack", "dev", "--format", "json", "--out", planFile], {
    env: { SOURCE_DATE_EPOCH: "1767225600" },
  });
  document = JSON.parse(readFileSync(planFile, "utf8"));
});

describe("hdh plan --format json is a stack export", () => {
  it("has the export's shape, manifest magic included", () => {
    expect(document.version).toBe(3);
    expect(document.deployment.manifest.magic).toBe(
      createHash("sha256").update(document.deployment.manifest.version).digest("hex"),
    );
    expect(document.deployment.resources.length).toBeGreaterThan(50);
    expect(document.deployment.resources[0].type).toBe("pulumi:pulumi:Stack");
  });

  it("exits 1 exactly when there are mandatory violations", () => {
    expect(plan.code).toBe(document.hdh.summary.mandatory > 0 ? 1 : 0);
  });

  it("writes the URNs the engine would: qualified by the parent's type chain, never by the root stack", () => {
    const byUrn = new Map(document.deployment.resources.map((r) => [r.urn, r]));
    const qualified = (urn: string) => urn.split("::")[2];
    for (const r of document.deployment.resources) {
      expect(r.urn).not.toContain("pulumi:pulumi:Stack$");
      if (!r.parent) continue;
      const parent = byUrn.get(r.parent);
      expect(parent, `parent of ${r.urn}`).toBeDefined();
      const expected =
        parent!.type === "pulumi:pulumi:Stack" ? r.type : `${qualified(parent!.urn)}$${r.type}`;
      expect(qualified(r.urn)).toBe(expected);
      for (const d of r.dependencies ?? []) expect(byUrn.has(d), `dependency ${d}`).toBe(true);
      if (r.provider)
        expect(byUrn.has(r.provider.slice(0, r.provider.lastIndexOf("::"))), r.provider).toBe(true);
    }
    expect(document.deployment.resources.some((r) => qualified(r.urn).split("$").length >= 3)).toBe(
      true,
    );
  });

  it("never writes a secret's plaintext, only the export's secret envelope", () => {
    const text = readFileSync(planFile, "utf8");
    expect(text).not.toMatch(/mock-password-/);
    expect(text).toMatch(
      /"4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",\s*"ciphertext"/,
    );
  });

  it("hdh check reads the plan back with no flag (its stack file found from the URNs) and finds the same policy violations", async () => {
    const check = await hdh(["check", planFile, "--format", "json"]);
    const report = JSON.parse(check.stdout).hdh;
    expect(report.notes).toContainEqual(
      expect.stringMatching(/^Stack settings read from stacks\/Pulumi\.dev\.yaml: .*stack dev/),
    );
    // The secrets provider is judged from the same file, as the plan did.
    const secrets = (r: { settings: { setting: string }[] }) =>
      r.settings.filter((s) => s.setting === "secrets provider");
    expect(secrets(report)).toEqual(secrets(document.hdh as never));
    const key = (f: { policy: string; urn?: string }) => `${f.policy} ${f.urn ?? ""}`;
    const policyOnly = (list: { policy: string; urn?: string }[]) =>
      list
        // Settings (pulumi-*) and the stack file's placeholders are the plan's own judgements of
        // files, not the pack's findings on the resources.
        .filter(
          (f) => !f.policy.startsWith("pulumi-") && f.policy !== "hdh-stack-config-placeholder",
        )
        .map(key)
        .sort();
    expect(policyOnly(report.findings)).toEqual(policyOnly(document.hdh.findings));
    expect(check.code).toBe(plan.code);
  });

  it("is reproducible: the same config and SOURCE_DATE_EPOCH give the same bytes", async () => {
    const again = join(out, "again.json");
    await hdh(["plan", "--stack", "dev", "--format", "json", "--out", again], {
      env: { SOURCE_DATE_EPOCH: "1767225600" },
    });
    expect(readFileSync(again, "utf8")).toBe(readFileSync(planFile, "utf8"));
  });
});

describe("hdh plan reports", () => {
  it("text shows settings, components, workspaces and findings; --workspaces scales against a baseline", async () => {
    const run = await hdh([
      "plan",
      "--stack",
      "dev",
      "--workspaces",
      "3",
      "--baseline",
      planFile,
      "--progress",
    ]);
    expect(run.stdout).toMatch(/Sovereignty settings\n {2}\[ok\] {3}secrets provider: passphrase/);
    expect(run.stdout).toMatch(/hdh:network:Network hdh-dev-network/);
    expect(run.stdout).toMatch(/Workspaces \(3\)/);
    expect(run.stdout).toMatch(/cardio-2026-1 /);
    expect(run.stdout).toMatch(
      /Changes against .*plan-dev\.json: [1-9]\d* added, \d+ changed, [1-9]\d* removed/,
    );
    expect(run.stdout).toMatch(/Scale run: the first workspace replicated 3 times/);
    expect(run.stderr).toMatch(/hdh: planning stack dev under mocks/);
    expect(run.stderr).toMatch(/hdh: done, \d+ resources/);
  });

  it("SARIF points settings and planned resources at the stack's settings file", async () => {
    const run = await hdh(["plan", "--stack", "dev", "--format", "sarif"]);
    const log = JSON.parse(run.stdout);
    expect(sarifProblems(log)).toEqual([]);
    for (const r of log.runs[0].results)
      expect(r.locations[0].physicalLocation.artifactLocation.uri).toMatch(
        /^stacks\/Pulumi\.dev\.yaml$|\.md$|^Pulumi\.yaml$/,
      );
  });

  it("an invalid configuration is exit 2 with every problem named, no stack trace", async () => {
    const root = mkdtempSync(join(tmpdir(), "hdh-badcfg-"));
    const { mkdirSync } = await import("node:fs");
    mkdirSync(join(root, "stacks"));
    writeFileSync(
      join(root, "Pulumi.yaml"),
      "name: hdh-sovereign\nruntime: nodejs\nstackConfigDir: stacks\n",
    );
    const dev = readFileSync(join(__dirname, "..", "..", "stacks", "Pulumi.dev.yaml"), "utf8");
    writeFileSync(
      join(root, "stacks", "Pulumi.broken.yaml"),
      dev
        .replace("primaryRegion: GRA11", "primaryRegion: US-EAST-VA-1")
        .replace("- 203.0.113.0/24", "- 0.0.0.0/0"),
    );
    const run = await hdh(["plan", "--stack", "broken"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/Invalid configuration for stack "broken"/);
    expect(run.stderr).toMatch(/hdh:cloud\.primaryRegion/);
    expect(run.stderr).toMatch(/hdh:bastion\.adminCidrs\[0\]/);
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
    expect(run.stdout).toBe("");
  });
});

describe("hdh diagram", () => {
  it("draws the zones with their CIDRs, the flows between them and the workspaces", async () => {
    const run = await hdh(["diagram", "--stack", "dev"]);
    expect(run.code).toBe(0);
    const text = run.stdout;
    expect(text.startsWith("flowchart LR\n")).toBe(true);
    for (const zone of ["bastion", "platform", "workspaces", "data"])
      expect(text).toMatch(new RegExp(`subgraph zone_\\w*${zone}_\\w+\\["zone [^"]*${zone} 10\\.`));
    expect(text).toMatch(/net_203_0_113_0_24_\w+ -->\|"tcp\/22"\| zone_\w*bastion_\w+/); // admins to the bastion
    expect(text).toMatch(/vm_hdh_dev_bastion_1_\w+\["VM hdh-dev-bastion-1"\]/);
    expect(text).toMatch(/zone_\w*bastion_\w+ -->\|"[^"]*tcp\/22[^"]*"\| zone_\w*platform_\w+/); // bastion to the nodes
    expect(text).toMatch(/Kubernetes cluster/);
    expect(text).toMatch(/hdh-dev-ws-cardio-2026 · tier 3/);
    // From the whole internet, only the bastions' floating IPs, and no security-group rule.
    expect(text.match(/internet -->.*/g)).toEqual([
      expect.stringMatching(/internet -->\|"floating IP"\| zone_\w*bastion_\w+/),
    ]);
  });
});
