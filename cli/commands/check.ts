/**
 * `hdh check <file>`: the policy pack and the sovereignty settings, evaluated on a real Pulumi
 * artifact (a stack export, a file-backend checkpoint, a `pulumi preview --json` digest) or on a
 * plan written by `hdh plan --format json`.
 */
import { relative, resolve } from "node:path";
import type { NormalizedResource } from "../../offline/resource-model";
import { readArtifact, urnLines, type Artifact } from "../artifact/read-artifact";
import { diffAgainstBaseline } from "../baseline-diff";
import type { EvaluatedResult } from "../evaluated-result";
import { normalizeExport, type SecretsProviderRecord } from "../normalize/from-export";
import { normalizePreview } from "../normalize/from-preview";
import { renderers } from "../report/formats";
import {
  judgeSettings,
  secretsProviderOfStackFile,
  type BackendSource,
  type JudgeSettingsInput,
} from "../settings/judge-settings";
import { ownStackFile } from "../settings/own-stack-file";
import { readStackSettings } from "../settings/project-files";
import { applyLevels, splitPolicyConfig } from "../settings/settings-config";
import { exceptionNotes, packConfigForStackFile } from "../stack-policy-config";
import { evaluateAndSummarise } from "./evaluate";
import { loweredPolicies, refuseUnjustified } from "../lowered-policies";
import {
  looksLikeProduction,
  readPolicyConfig,
  writeReport,
  type CommandDeps,
  type ReportOptions,
} from "./shared";

export interface CheckOptions extends ReportOptions {
  baseline?: string;
  stack?: string;
  stackConfig?: string;
  secretsProvider?: string;
  backend?: string;
  vaultAddress?: string;
  production?: boolean;
}

export async function checkCommand(
  file: string,
  options: CheckOptions,
  deps: CommandDeps,
): Promise<number> {
  const { io } = deps;
  const path = resolve(io.cwd, file);
  const shownPath = relative(io.cwd, path) || file;
  const policyDocument = readPolicyConfig(options.policyConfig, io.cwd);
  const policyConfig = splitPolicyConfig(policyDocument, options.policyConfig ?? "");
  const artifact = readArtifact(path);
  const input = normalizeArtifact(artifact);
  const notes = [...input.notes];

  // --stack-config for an artifact from elsewhere; our own plan or preview finds its file itself.
  const own = options.stackConfig ? undefined : ownStackFile(io.cwd, input.project, input.stack);
  const stackConfigPath = options.stackConfig ? resolve(io.cwd, options.stackConfig) : own?.file;
  if (own) {
    notes.push(
      `Stack settings read from ${own.displayPath}: the artifact's URNs name this project (${input.project}) and stack ${input.stack}. Pass --stack-config to judge it against another file.`,
    );
  }
  const stackFile = stackConfigPath ? readStackSettings(stackConfigPath, io.cwd) : undefined;
  const stack = options.stack ?? input.stack ?? "unknown";
  const environment = stackFile?.config["hdh:environment"];
  const production =
    options.production === true || environment === "prod" || looksLikeProduction(stack);

  const lowered = loweredPolicies(policyDocument, options.policyConfig ?? "", production);
  refuseUnjustified(lowered, production);
  const settingsInput: JudgeSettingsInput = {
    backends: backendsOf(options, input.secretsProvider),
    production,
    euHosts: policyConfig.euHosts,
    secretsProvider: secretsProviderOf(options, stackFile, input.secretsProvider, shownPath),
  };
  if (!settingsInput.secretsProvider) {
    notes.push(
      "Secrets provider not judged: the artifact does not record it; pass --stack-config <path>/Pulumi.<stack>.yaml or --secrets-provider.",
    );
  }
  if (settingsInput.backends.length === 0) {
    notes.push(
      "State backend not judged: an artifact does not record where it is stored; pass --backend <url>.",
    );
  }
  const settings = judgeSettings(settingsInput);

  const result: EvaluatedResult = {
    command: "check",
    stack,
    project: input.project ?? "unknown",
    production,
    source: { kind: artifact.kind, file: shownPath },
    resources: input.resources,
    findings: applyLevels(settings.findings, policyConfig.levels),
    settings: settings.judgements,
    notes,
    lowered,
  };
  if (input.operations) result.operations = input.operations;
  if (options.baseline) {
    const baselinePath = resolve(io.cwd, options.baseline);
    const baseline = normalizeArtifact(readArtifact(baselinePath));
    result.diff = diffAgainstBaseline(
      baseline.resources,
      input.resources,
      relative(io.cwd, baselinePath) || options.baseline,
    );
  }
  // A stack file of ours tells the pack what the stack declares (admin CIDRs, registry...).
  const derived = stackConfigPath
    ? await packConfigForStackFile(stackConfigPath, policyConfig.packConfig)
    : { config: policyConfig.packConfig };
  if (derived.note) notes.push(derived.note);
  notes.push(...exceptionNotes(derived.config));
  // A hub's plan holds its platform stack and its workspace stacks (cli/normalize/one-stack.ts).
  const hubStacks = [
    ...new Set(input.resources.map((r) => /^urn:pulumi:([^:]+)::/.exec(r.urn)?.[1] ?? "")),
  ].filter((s) => s !== "");
  const code = await evaluateAndSummarise(
    result,
    derived.config,
    deps,
    input.stack ?? stack,
    hubStacks.length > 1 ? hubStacks : undefined,
  );
  const text = renderers[options.format](result, {
    version: deps.version,
    defaultFile: shownPath,
    urnLines: urnLines(artifact.text),
  });
  writeReport(io, options.out, text);
  return code;
}

interface NormalizedArtifact {
  resources: NormalizedResource[];
  stack?: string;
  project?: string;
  secretsProvider?: SecretsProviderRecord;
  operations?: Record<string, number>;
  notes: string[];
}

export function normalizeArtifact(artifact: Artifact): NormalizedArtifact {
  if (artifact.kind === "export") {
    const e = normalizeExport(artifact.deployment, artifact.file);
    const notes =
      e.pendingDeletion > 0
        ? [
            `${e.pendingDeletion} resource(s) marked for deletion by an earlier update were left out.`,
          ]
        : [];
    return { ...e, notes };
  }
  const p = normalizePreview(artifact.digest, artifact.file);
  const notes = [
    "A preview lists only the resources it shows; stack-level rules see those alone (run `pulumi preview --json --show-sames` for the whole stack).",
  ];
  if (p.deleted.length > 0)
    notes.push(`The preview deletes ${p.deleted.length} resource(s); they were not evaluated.`);
  return { ...p, notes };
}

function secretsProviderOf(
  options: CheckOptions,
  stackFile: ReturnType<typeof readStackSettings> | undefined,
  recorded: SecretsProviderRecord | undefined,
  artifactPath: string,
): JudgeSettingsInput["secretsProvider"] {
  const vaultAddress = options.vaultAddress;
  if (options.secretsProvider) {
    return {
      value: options.secretsProvider,
      hasEncryptionSalt: false,
      vaultAddress,
      origin: "--secrets-provider",
    };
  }
  if (stackFile) return secretsProviderOfStackFile(stackFile, vaultAddress);
  if (!recorded) return undefined;
  const value = recorded.type === "cloud" ? recorded.url : recorded.type;
  return {
    value,
    hasEncryptionSalt: false,
    vaultAddress,
    origin: `${artifactPath} deployment.secrets_providers`,
    location: { file: artifactPath },
  };
}

function backendsOf(
  options: CheckOptions,
  recorded: SecretsProviderRecord | undefined,
): BackendSource[] {
  if (options.backend) return [{ url: options.backend, origin: "--backend" }];
  // Pulumi Cloud's secrets provider ("service") only works with a Pulumi Cloud backend.
  if (recorded?.type === "service") {
    return [
      {
        url: "https://api.pulumi.com",
        origin: 'secrets_providers.type "service" (only Pulumi Cloud stacks use it)',
      },
    ];
  }
  return [];
}
