/**
 * The sovereignty settings that live outside the resource graph, judged the same way for `plan`
 * (read from the project's files and environment) and `check` (given by flags or read from the
 * export's `secrets_providers`).
 */
import type { Finding, SettingJudgement } from "../evaluated-result";
import { judgeSecretsProvider, type SecretsProviderInput } from "./secrets-provider";
import { isPulumiCloud, judgeStateBackend } from "./state-backend";
import { type ProjectFile, type StackFile } from "./project-files";
import { currentLogin } from "./pulumi-credentials";

export interface SettingsOutcome {
  judgements: SettingJudgement[];
  findings: Finding[];
}

export interface BackendSource {
  url?: string;
  origin: string;
  location?: { file: string; line?: number };
}

/**
 * The backend the Pulumi CLI would use, in its own order (pkg/workspace/creds.go
 * `GetCurrentCloudURL`, v3.248.0): PULUMI_BACKEND_URL, then the project's `backend.url`, then the
 * current login in the credentials file; none of them means Pulumi Cloud. What the docs suggest
 * (`pulumi login ...` in a README) is not what is in force, so it is not judged.
 */
export function backendsOfProject(
  project: ProjectFile,
  env: Readonly<Record<string, string | undefined>>,
): BackendSource[] {
  const fromEnv = env.PULUMI_BACKEND_URL?.trim();
  if (fromEnv) return [{ url: fromEnv, origin: "environment variable PULUMI_BACKEND_URL" }];
  if (project.backendUrl) {
    return [
      {
        url: project.backendUrl,
        origin: "Pulumi.yaml backend.url",
        location: { file: "Pulumi.yaml", line: project.backendLine },
      },
    ];
  }
  const login = currentLogin(env);
  if (login.url)
    return [{ url: login.url, origin: `the current \`pulumi login\` (${login.file})` }];
  return [
    {
      origin: `no PULUMI_BACKEND_URL, no backend.url in Pulumi.yaml, no current login in ${login.file}`,
      location: { file: "Pulumi.yaml" },
    },
  ];
}

export interface JudgeSettingsInput {
  backends: BackendSource[];
  /** Absent when the artifact does not say (a preview) and no flag gave it. */
  secretsProvider?: Omit<SecretsProviderInput, "backendIsPulumiCloud" | "euHosts">;
  production: boolean;
  euHosts: readonly string[];
}

export function judgeSettings(input: JudgeSettingsInput): SettingsOutcome {
  const out: SettingsOutcome = { judgements: [], findings: [] };
  const add = (r: { judgement: SettingJudgement; finding?: Finding }): void => {
    out.judgements.push(r.judgement);
    if (r.finding) out.findings.push(r.finding);
  };
  if (input.secretsProvider) {
    add(
      judgeSecretsProvider({
        ...input.secretsProvider,
        backendIsPulumiCloud: input.backends.some((b) => isPulumiCloud(b.url)),
        euHosts: input.euHosts,
      }),
    );
  }
  for (const b of input.backends) {
    add(judgeStateBackend({ ...b, production: input.production, euHosts: input.euHosts }));
  }
  return out;
}

export function secretsProviderOfStackFile(
  stack: StackFile,
  vaultAddress: string | undefined,
): JudgeSettingsInput["secretsProvider"] {
  return {
    value: stack.secretsProvider,
    hasEncryptionSalt: stack.hasEncryptionSalt,
    vaultAddress,
    origin: `${stack.displayPath}${stack.secretsProvider === undefined ? " (secretsprovider unset)" : " secretsprovider"}`,
    location: { file: stack.displayPath, line: stack.secretsProviderLine },
  };
}
