/**
 * Policy config for the two settings rules, in the same file and shape as the pack's
 * (`{"<policy name>": {"enforcementLevel": ..., ...}}`): operators may add `euHosts` (hosts
 * they checked are in the EU) and change a rule's enforcement level. Our keys are taken out
 * before the rest goes to the pack, so its own schema never sees them.
 */
import type { Enforcement, Finding } from "../evaluated-result";
import { isObject } from "../normalize/property-values";
import { UserError } from "../user-error";
import { setOwnKey } from "../../policies/lib/prototype-keys";
import { secretsProviderPolicy } from "./secrets-provider";
import { stateBackendPolicy } from "./state-backend";

const settingsPolicies = [secretsProviderPolicy, stateBackendPolicy];
type Level = Enforcement | "disabled";

export interface SettingsConfig {
  euHosts: string[];
  levels: Record<string, Level>;
  /** The policy config without our keys, for the pack. */
  packConfig: Record<string, unknown>;
}

export function splitPolicyConfig(config: Record<string, unknown>, file: string): SettingsConfig {
  const out: SettingsConfig = { euHosts: [], levels: {}, packConfig: {} };
  for (const [key, value] of Object.entries(config)) {
    if (!settingsPolicies.includes(key)) {
      setOwnKey(out.packConfig, key, value);
      continue;
    }
    const entry = typeof value === "string" ? { enforcementLevel: value } : value;
    if (!isObject(entry)) throw bad(file, key, "is not an object");
    const level = entry.enforcementLevel;
    if (level !== undefined) {
      if (level !== "mandatory" && level !== "advisory" && level !== "disabled") {
        throw bad(
          file,
          `${key}.enforcementLevel`,
          `is ${JSON.stringify(level)}; expected "mandatory", "advisory" or "disabled"`,
        );
      }
      setOwnKey(out.levels, key, level);
    }
    const hosts = entry.euHosts;
    if (hosts !== undefined) {
      if (!Array.isArray(hosts) || hosts.some((h) => typeof h !== "string" || h === "")) {
        throw bad(file, `${key}.euHosts`, "is not a list of host names");
      }
      out.euHosts.push(...(hosts as string[]));
    }
  }
  // `all` sets every policy's level, as the Pulumi CLI applies it to the pack; a rule's own
  // entry above wins over it.
  const all = config.all;
  const allLevel = typeof all === "string" ? all : isObject(all) ? all.enforcementLevel : undefined;
  if (
    allLevel === "mandatory" ||
    allLevel === "remediate" ||
    allLevel === "advisory" ||
    allLevel === "disabled"
  ) {
    for (const policy of settingsPolicies) {
      if (out.levels[policy] === undefined) {
        setOwnKey(out.levels, policy, allLevel === "remediate" ? "mandatory" : allLevel);
      }
    }
  }
  return out;
}

/** Applies configured enforcement levels to settings findings (dropping disabled ones). */
export function applyLevels(findings: Finding[], levels: Record<string, Level>): Finding[] {
  return findings.flatMap((f) => {
    const level = levels[f.policy];
    if (level === undefined) return [f];
    if (level === "disabled") return [];
    return [{ ...f, enforcement: level }];
  });
}

function bad(file: string, key: string, problem: string): UserError {
  return new UserError(
    `policy config ${file}: ${key} ${problem}.`,
    "Fix that entry of the policy config file.",
  );
}
