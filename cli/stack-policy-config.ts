/**
 * The pack config a stack implies: settings derived from its validated configuration
 * (stacks/policy-settings.ts) with the user's `--policy-config` laid over them. Shared by
 * `hdh plan`, `hdh check --stack-config` and `hdh policy-config`, so all three judge alike.
 */
import { basename, dirname } from "node:path";
import { allPolicies } from "../policies/all";
import { packConfigFromSettings, type PolicySettings } from "../policies/config";
import type { PlatformConfig } from "../stacks/config";
import {
  policySettingsFor,
  stackPolicyConfig,
  type PackConfigDocument,
} from "../stacks/policy-settings";

export function packConfigForStack(
  config: PlatformConfig,
  user: PackConfigDocument,
  /** Settings known from elsewhere, e.g. a workspace stack's platform outputs. @default {} */
  extra: Partial<PolicySettings> = {},
): PackConfigDocument {
  const settings = { ...policySettingsFor(config), ...extra };
  return stackPolicyConfig(packConfigFromSettings(allPolicies, settings), user);
}

/**
 * Same, from a `Pulumi.<stack>.yaml` path. A file with no `hdh:` settings (a stack this program
 * did not make) implies nothing: the user's config alone applies, and the note says so.
 */
export async function packConfigForStackFile(
  file: string,
  user: PackConfigDocument,
  today: Date = new Date(),
): Promise<{ config: PackConfigDocument; note?: string }> {
  const stack = /^Pulumi\.(.+)\.ya?ml$/.exec(basename(file))?.[1];
  const { readStackFile } = await import("../stacks/stack-file");
  const { parseStackFile } = await import("../stacks/config");
  if (!stack) {
    return {
      config: user,
      note: `${file} is not named Pulumi.<stack>.yaml: no stack settings derived for the pack.`,
    };
  }
  const stackFile = readStackFile(stack, dirname(file));
  if (Object.keys(stackFile.hdh).length === 0) {
    return { config: user, note: `${file} has no hdh: settings: the pack runs with its defaults.` };
  }
  const { ConfigError } = await import("../stacks/config-error");
  try {
    const config = parseStackFile(stackFile, today);
    return { config: packConfigForStack(config, user) };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    // Checking an artifact must not depend on its stack file being deployable today (an
    // expired workspace, say): report why nothing was derived instead of refusing the check.
    const first = error.problems[0];
    return {
      config: user,
      note: `${file}'s hdh: settings do not validate (${error.problems.length} problem(s), first: ${ConfigError.key(first.path)}: ${first.message}); the pack runs with its defaults and your --policy-config.`,
    };
  }
}

/**
 * One line per named workload exception in a pack config, for the report's notes: an opt-out
 * is never silent.
 */
export function exceptionNotes(config: PackConfigDocument): string[] {
  const seen = new Set<string>();
  const notes: string[] = [];
  for (const entry of Object.values(config)) {
    if (entry === null || typeof entry !== "object") continue;
    const exceptions = (entry as { workloadExceptions?: unknown }).workloadExceptions;
    if (!Array.isArray(exceptions)) continue;
    for (const e of exceptions as Record<string, unknown>[]) {
      const key = JSON.stringify(e);
      if (seen.has(key)) continue;
      seen.add(key);
      const paths =
        Array.isArray(e.hostPaths) && e.hostPaths.length > 0
          ? ` (read-only ${e.hostPaths.join(", ")})`
          : "";
      notes.push(
        `Named exception in force: ${e.kind} ${e.namespace}/${e.name} may ${(e.controls as string[]).join(" and ")}${paths}: ${e.reason}`,
      );
    }
  }
  return notes;
}
