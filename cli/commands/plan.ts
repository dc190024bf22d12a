/**
 * `hdh plan --stack <name>`: the stack's real program under Pulumi's mocks, evaluated by the
 * policy pack and judged on its sovereignty settings, reported in the chosen format. Its JSON is
 * a `pulumi stack export` document, which `hdh check` and `--baseline` read back.
 */
import { relative, resolve } from "node:path";
import { readArtifact } from "../artifact/read-artifact";
import { diffAgainstBaseline } from "../baseline-diff";
import type { EvaluatedResult } from "../evaluated-result";
import { buildStackExport } from "../plan/stack-export";
import { runPlan, type PlanRun, type StackPlan } from "../plan/run-plan";
import { placeholderFindings } from "../plan/placeholder-findings";
import { summariseStacks } from "../plan/stack-summary";
import {
  contractOutputs,
  type PlatformContract,
} from "../../components/platform/platform-contract";
import { createProgress } from "../progress";
import { renderers } from "../report/formats";
import {
  backendsOfProject,
  judgeSettings,
  secretsProviderOfStackFile,
} from "../settings/judge-settings";
import { findProject, readStackFile, type StackFile } from "../settings/project-files";
import { applyLevels, splitPolicyConfig } from "../settings/settings-config";
import { normalizeArtifact } from "./check";
import { loweredPolicies, refuseUnjustified } from "../lowered-policies";
import { digesterFromEnvironment } from "../secret-digest";
import { evaluateAndSummarise } from "./evaluate";
import { exceptionNotes, packConfigForStack } from "../stack-policy-config";
import { readPolicyConfig, writeReport, type CommandDeps, type ReportOptions } from "./shared";

export interface PlanOptions extends ReportOptions {
  stack: string;
  baseline?: string;
  workspaces?: number;
  /** Plan only this workspace's stack. */
  workspace?: string;
}

export async function planCommand(options: PlanOptions, deps: CommandDeps): Promise<number> {
  const { io } = deps;
  const project = findProject(io.cwd);
  const stackFile = readStackFile(project, options.stack);
  const policyDocument = readPolicyConfig(options.policyConfig, io.cwd);
  const policyConfig = splitPolicyConfig(policyDocument, options.policyConfig ?? "");
  // Levels checked now, so a typo fails before a long plan; production is known after it.
  loweredPolicies(policyDocument, options.policyConfig ?? "", false);
  // Read the baseline first: a bad path should fail before a long plan, not after.
  const baseline = options.baseline
    ? normalizeArtifact(readArtifact(resolve(io.cwd, options.baseline)))
    : undefined;

  // Secrets are digested (under a key that stays here) only where a plan is written or compared.
  const secretDigester =
    options.format === "json" || baseline ? digesterFromEnvironment(io.env) : undefined;
  const progress = createProgress(io, options.progress);
  progress.phase(`planning stack ${options.stack} under mocks`);
  const plan = await runPlan({
    project,
    stack: options.stack,
    workspaces: options.workspaces,
    workspace: options.workspace,
    onResource: (n) => progress.count(n),
    secretDigester,
  });
  progress.phase("evaluating the policy pack");

  const lowered = loweredPolicies(
    policyDocument,
    options.policyConfig ?? "",
    plan.config.production,
  );
  refuseUnjustified(lowered, plan.config.production);
  const settings = judgeSettings({
    backends: backendsOfProject(project, io.env),
    secretsProvider: secretsProviderOfStackFile(stackFile, io.env.VAULT_SERVER_URL),
    production: plan.config.production,
    euHosts: policyConfig.euHosts,
  });
  const result: EvaluatedResult = {
    command: "plan",
    stack: options.stack,
    project: project.name,
    production: plan.config.production,
    source: { kind: "plan" },
    resources: plan.resources,
    findings: applyLevels(
      [
        ...settings.findings,
        ...placeholderFindings(plan.placeholders, plan.config.production, stackFile.displayPath),
      ],
      policyConfig.levels,
    ),
    settings: settings.judgements,
    deployment: buildStackExport(plan.planned, {
      time: manifestTime(io.env),
      writer: `hdh-plan ${deps.version}`,
      secretsProvider: exportedSecretsProvider(stackFile),
      secretDigester,
    }),
    notes: options.workspaces
      ? [
          `Scale run: the first workspace replicated ${options.workspaces} times, each in its own stack.`,
        ]
      : [],
    lowered,
  };
  if (baseline && options.baseline) {
    result.diff = diffAgainstBaseline(
      baseline.resources,
      result.resources,
      relative(io.cwd, resolve(io.cwd, options.baseline)),
    );
  }
  // The stack's own declarations (admin CIDRs, registry, regions) configure the pack, as
  // `hdh policy-config` writes them for `pulumi preview --policy-pack-config`.
  // A workspace stack judged alone uses the platform's encrypted StorageClass, which is declared
  // in the platform stack: the platform plan's contract output names it, as a real preview of
  // the workspace stack reads it through its StackReference.
  const contract = plan.stacks[0].outputs[contractOutputs.contract] as PlatformContract | undefined;
  const workspaceAlone =
    plan.stacks.length > 1 && !plan.planned.includes(plan.stacks[0].planned[0]);
  const packConfig = packConfigForStack(
    plan.config,
    policyConfig.packConfig,
    workspaceAlone && contract ? { encryptedStorageClasses: [contract.encryptedStorageClass] } : {},
  );
  if (workspaceAlone && contract) {
    result.notes.push(
      `Workspace stack judged alone, with the platform stack ${contract.stack}'s outputs it reads: its StorageClass "${contract.encryptedStorageClass}" is declared (encrypted) in the platform stack.`,
    );
  }
  result.notes.push(...exceptionNotes(packConfig));
  const judged = plan.stacks.filter((s) => plan.planned.length === 0 || judgedStack(s, plan));
  const code = await evaluateAndSummarise(
    result,
    packConfig,
    deps,
    judged[0]?.stack ?? options.stack,
    judged.map((s) => s.stack),
  );
  if (plan.stacks.length > 1) result.stacks = summariseStacks(judged, result.findings);
  progress.done();
  const text = renderers[options.format](result, {
    version: deps.version,
    defaultFile: stackFile.displayPath,
  });
  writeReport(io, options.out, text);
  return code;
}

/** Whether a stack's resources are among those judged (all, or the one workspace asked for). */
function judgedStack(stack: StackPlan, plan: PlanRun): boolean {
  return stack.planned.length > 0 && plan.planned.includes(stack.planned[0]);
}

/** SOURCE_DATE_EPOCH (reproducible-builds convention) pins the manifest time; else now. */
function manifestTime(env: Readonly<Record<string, string | undefined>>): string {
  const epoch = Number(env.SOURCE_DATE_EPOCH);
  return (
    Number.isFinite(epoch) && env.SOURCE_DATE_EPOCH ? new Date(epoch * 1000) : new Date()
  ).toISOString();
}

/** The `secrets_providers` section the CLI would write for this stack's settings. */
function exportedSecretsProvider(
  stack: StackFile,
): { type: string; state?: Record<string, unknown> } | undefined {
  const value = stack.secretsProvider;
  if (value === undefined) return stack.hasEncryptionSalt ? { type: "passphrase" } : undefined;
  if (value === "passphrase") return { type: "passphrase" };
  if (value === "default" || value === "service") return { type: "service" };
  return { type: "cloud", state: { url: value } };
}
