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
import { runPlan } from "../plan/run-plan";
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
    findings: applyLevels(settings.findings, policyConfig.levels),
    settings: settings.judgements,
    deployment: buildStackExport(plan.planned, {
      time: manifestTime(io.env),
      writer: `hdh-plan ${deps.version}`,
      secretsProvider: exportedSecretsProvider(stackFile),
      secretDigester,
    }),
    notes: options.workspaces
      ? [`Scale run: the first workspace replicated ${options.workspaces} times.`]
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
  const packConfig = packConfigForStack(plan.config, policyConfig.packConfig);
  result.notes.push(...exceptionNotes(packConfig));
  const code = await evaluateAndSummarise(result, packConfig, deps);
  progress.done();
  const text = renderers[options.format](result, {
    version: deps.version,
    defaultFile: stackFile.displayPath,
  });
  writeReport(io, options.out, text);
  return code;
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
