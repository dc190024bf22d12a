/**
 * The policy pack loaded by the real Pulumi CLI (3.248.0, built from Go modules by
 * `scripts/pulumi-toolchain.sh cli`), not by our gRPC harness: the CLI starts `policies/`,
 * reads its policies and their config schemas, and validates the pack config `hdh policy-config`
 * writes for each stack against them, refusing a config that does not fit.
 *
 * What is real and what is not, and why: the module proxy here refuses the Node.js language host
 * and every provider plugin (docs/ci.md, "The real Pulumi engine"), so our program cannot be
 * previewed. The program here is one component resource (which needs no plugin), run by the Node
 * SDK's Automation API as an inline program: its own language server, reached by the CLI through
 * `pulumi preview --client`, Pulumi's path for inline programs. The CLI finds no `nodejs` language
 * plugin, so it starts the pack through an analyzer plugin named `pulumi-analyzer-policy-nodejs`
 * (sdk/go/common/resource/plugin/analyzer_plugin.go, NewPolicyAnalyzer, at v3.248.0):
 * scripts/analyzer/ holds that three-line script, which runs the SDK's own run-policy-pack.
 *
 * Skips, saying so, when the CLI has not been built on this machine (.ci/run builds it).
 */
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { homedir, tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { LocalWorkspace, PulumiCommand } from "@pulumi/pulumi/automation";
import { describe, expect, it } from "vitest";
import { allPolicies } from "../../policies/all";
import { declaredTypesOf, typeMatches } from "../../policies/lib/declared-types";
import { isStackPolicy } from "../../policies/policy-meta";
import { hdh } from "../cli/run-cli";

const root = join(__dirname, "..", "..");
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version?: string }>;
};
const pulumiVersion = lock.packages["node_modules/@pulumi/pulumi"].version!;
const cliRoot = join(homedir(), ".cache/hdh/pulumi-toolchain", `cli-${pulumiVersion}`);
const haveCli = existsSync(join(cliRoot, "bin/pulumi"));
const skipNote = haveCli
  ? ""
  : ` — SKIPPED: no Pulumi CLI ${pulumiVersion} built here (run scripts/pulumi-toolchain.sh cli)`;
if (!haveCli) console.warn(`pack-in-real-cli.test.ts${skipNote}`);

/** A preview of a one-component program with the pack and a pack config; the CLI's output. */
async function previewWithPack(stackName: string, packConfig: string) {
  const state = mkdtempSync(join(tmpdir(), "hdh-real-cli-"));
  const output: string[] = [];
  const events: EngineEventRecord[] = [];
  const stack = await LocalWorkspace.createOrSelectStack(
    {
      projectName: "hdh-sovereign",
      stackName,
      program: async () => {
        new pulumi.ComponentResource("hdh:test:Probe", "probe", {}, {});
      },
    },
    {
      workDir: state,
      pulumiCommand: await PulumiCommand.get({ root: cliRoot }),
      projectSettings: {
        name: "hdh-sovereign",
        runtime: "nodejs",
        backend: { url: `file://${state}` },
      },
      envVars: {
        PULUMI_CONFIG_PASSPHRASE: "throw-away test state",
        PULUMI_HOME: join(state, ".pulumi-home"),
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PATH: `${join(root, "scripts/analyzer")}${delimiter}${process.env.PATH ?? ""}`,
      },
    },
  );
  try {
    await stack.preview({
      policyPacks: [join(root, "policies")],
      policyPackConfigs: [packConfig],
      onOutput: (line) => output.push(line),
      onEvent: (event) => events.push(event as EngineEventRecord),
    });
    return { ok: true, output: output.join(""), events };
  } catch (error) {
    return { ok: false, output: `${output.join("")}\n${String(error)}`, events };
  }
}

/**
 * The engine's events as the CLI writes them to its event log (sdk/go/common/apitype/events.go):
 * the Node SDK's types omit the policy summaries, which Pulumi Cloud receives with the rest.
 */
interface EngineEventRecord {
  policyAnalyzeSummaryEvent?: {
    resourceUrn: string;
    policyPack: string;
    passed?: string[];
    failed?: string[];
  };
}

/** The dev stack's preview, shared by the tests that read it (one preview costs seconds). */
let devPreview: ReturnType<typeof previewWithPack> | undefined;
async function previewDev() {
  devPreview ??= policyConfigOf("dev").then((config) => previewWithPack("dev", config));
  return devPreview;
}

async function policyConfigOf(stack: string): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), "hdh-policy-config-")), `${stack}.json`);
  const run = await hdh(["policy-config", "--stack", stack, "--out", file]);
  expect(run.code, run.stderr).toBe(0);
  return file;
}

describe(`the policy pack in the real Pulumi CLI ${pulumiVersion}${skipNote}`, () => {
  it.skipIf(!haveCli).each(["dev", "prod"])(
    "loads policies/ and accepts hdh policy-config --stack %s",
    async (stack) => {
      const run =
        stack === "dev"
          ? await previewDev()
          : await previewWithPack(stack, await policyConfigOf(stack));
      expect(run.output).toMatch(/Policies:\s+✅ hdh-sovereign@v0\.1\.0 \(local: .*policies\)/);
      expect(run.ok, run.output).toBe(true);
    },
    180_000,
  );

  it.skipIf(!haveCli)(
    "the engine's policy summary of a resource counts as passed only the policies that judged it (the pack lists every other one as not applicable)",
    async () => {
      const run = await previewDev();
      expect(run.ok, run.output).toBe(true);
      const summaries = run.events.flatMap((e) =>
        e.policyAnalyzeSummaryEvent ? [e.policyAnalyzeSummaryEvent] : [],
      );
      const probe = summaries.find((s) => s.resourceUrn.endsWith("::probe"));
      expect(probe, JSON.stringify(summaries)).toBeDefined();
      // hdh:test:Probe is a type no resource policy declares: each was skipped unread, so none
      // passed or failed. A pack that left the skipped policies out of its response would have
      // them all counted as passed here (tried: all 67 were).
      const judging = allPolicies
        .flatMap((p) => (isStackPolicy(p) ? [] : [p]))
        .filter((p) => typeMatches(declaredTypesOf(p.validateResource) ?? ["*"], "hdh:test:Probe"))
        .map((p) => p.name);
      expect(judging).toEqual([]);
      expect(probe!.passed ?? []).toEqual([]);
      expect(probe!.failed ?? []).toEqual([]);
    },
    180_000,
  );

  it.skipIf(!haveCli)(
    "refuses a pack config that does not fit a policy's schema, naming the policy and field",
    async () => {
      const file = await policyConfigOf("dev");
      const config = JSON.parse(readFileSync(file, "utf8")) as Record<string, object>;
      config["openstack-all-resource-eu-region"] = {
        ...config["openstack-all-resource-eu-region"],
        allowedRegions: 42,
      };
      writeFileSync(file, JSON.stringify(config));
      const run = await previewWithPack("dev", file);
      expect(run.ok).toBe(false);
      expect(run.output).toContain(
        "validating policy config: hdh-sovereign 0.1.0  openstack-all-resource-eu-region: allowedRegions: Invalid type. Expected: array, given: integer",
      );
    },
    180_000,
  );
});
