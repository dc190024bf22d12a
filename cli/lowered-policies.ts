/**
 * What a `--policy-config` document lowers: each policy whose enforcement level ends below the
 * one the pack declares, with the setting that did it (the policy's own entry, or `all`, which
 * the Pulumi CLI applies to every policy before the policies' own entries: pkg/resource/analyzer/
 * config.go `applyConfig`, v3.248.0; https://www.pulumi.com/docs/iac/using-pulumi/crossguard/configuration/).
 *
 * A lowered policy is never silent: every report lists it. In production, lowering a policy that
 * keeps health data in the EU, under EU law or encrypted is refused unless the setting carries a
 * `justification`, which the reports show beside it.
 */
import type { EnforcementLevel } from "@pulumi/policy";
import { allPolicies } from "../policies/all";
import type { PolicyArea } from "../policies/policy-meta";
import { isObject } from "./normalize/property-values";
import { secretsProviderPolicy } from "./settings/secrets-provider";
import { stateBackendPolicy } from "./settings/state-backend";
import { UserError } from "./user-error";

export interface LoweredPolicy {
  policy: string;
  area: PolicyArea;
  /** The level the pack declares (for the settings rules: mandatory in production). */
  from: "mandatory" | "advisory";
  to: "advisory" | "disabled";
  /** The deciding setting as written, e.g. `"all": "disabled"`. */
  setting: string;
  /** The policy config file it is written in. */
  file: string;
  /** Why, as the setting says; required in production for the areas below. */
  justification?: string;
}

/** Areas whose policies production may not lower without a written reason. */
export const justifiedAreas: ReadonlySet<PolicyArea> = new Set([
  "location",
  "jurisdiction",
  "encryption",
]);

const levels: readonly EnforcementLevel[] = ["advisory", "mandatory", "remediate", "disabled"];
const rank: Record<EnforcementLevel, number> = {
  disabled: 0,
  advisory: 1,
  mandatory: 2,
  remediate: 2,
};

interface Entry {
  level?: EnforcementLevel;
  justification?: string;
  setting: string;
}

/**
 * Every policy (the pack's and the two settings rules) the document lowers. Throws a UserError
 * for a level that is not one, as the Pulumi CLI refuses it ("is not a valid enforcement level"):
 * read as a finding's level, a typo would silently make a mandatory policy advisory.
 */
export function loweredPolicies(
  document: Record<string, unknown>,
  file: string,
  production: boolean,
): LoweredPolicy[] {
  const all = entryOf(document, "all", file);
  const declared: { name: string; area: PolicyArea; level: "mandatory" | "advisory" }[] = [
    ...allPolicies.map((p) => ({
      name: p.name,
      area: p.meta.area,
      level:
        rank[p.enforcementLevel] >= rank.mandatory ? ("mandatory" as const) : ("advisory" as const),
    })),
    ...[
      { name: stateBackendPolicy, area: "jurisdiction" as const },
      { name: secretsProviderPolicy, area: "encryption" as const },
    ].map((p) => ({ ...p, level: production ? ("mandatory" as const) : ("advisory" as const) })),
  ];
  const lowered: LoweredPolicy[] = [];
  for (const policy of declared) {
    const own = entryOf(document, policy.name, file);
    const decided = own?.level ? own : all?.level ? all : undefined;
    if (!decided?.level || rank[decided.level] >= rank[policy.level]) continue;
    const entry: LoweredPolicy = {
      policy: policy.name,
      area: policy.area,
      from: policy.level,
      to: decided.level === "disabled" ? "disabled" : "advisory",
      setting: decided.setting,
      file,
    };
    const justification = decided.justification ?? own?.justification;
    if (justification) entry.justification = justification;
    lowered.push(entry);
  }
  return lowered;
}

function entryOf(document: Record<string, unknown>, key: string, file: string): Entry | undefined {
  if (!Object.prototype.hasOwnProperty.call(document, key)) return undefined;
  const value = document[key];
  const bad = (problem: string) =>
    new UserError(
      `policy config ${file}: "${key}" ${problem}.`,
      'Write a level ("mandatory", "advisory", "remediate" or "disabled") or {"enforcementLevel": ..., "justification": "why", ...settings}.',
    );
  if (typeof value === "string") {
    if (!levels.includes(value as EnforcementLevel)) {
      throw bad(`is "${value}", not an enforcement level`);
    }
    return { level: value as EnforcementLevel, setting: `"${key}": "${value}"` };
  }
  if (!isObject(value)) throw bad("is neither a level nor an object");
  const level = value.enforcementLevel;
  if (level !== undefined && !levels.includes(level as EnforcementLevel)) {
    throw bad(`has enforcementLevel ${JSON.stringify(level)}, not an enforcement level`);
  }
  const justification = value.justification;
  if (
    justification !== undefined &&
    (typeof justification !== "string" || justification.trim().length < 10)
  ) {
    throw bad(
      "has a justification that does not say why (write a sentence, at least 10 characters)",
    );
  }
  return {
    level: level as EnforcementLevel | undefined,
    justification: justification as string | undefined,
    setting: `"${key}": {"enforcementLevel": "${String(level)}"}`,
  };
}

/** In production, refuses lowered location, jurisdiction and encryption policies without a reason. */
export function refuseUnjustified(lowered: readonly LoweredPolicy[], production: boolean): void {
  if (!production) return;
  const unjustified = lowered.filter((l) => justifiedAreas.has(l.area) && !l.justification);
  if (unjustified.length === 0) return;
  const shown = unjustified
    .slice(0, 8)
    .map((l) => `${l.policy} (${l.area}, ${l.to} by ${l.setting})`)
    .join("; ");
  const more = unjustified.length > 8 ? ` and ${unjustified.length - 8} more` : "";
  throw new UserError(
    `policy config ${unjustified[0].file} lowers ${unjustified.length} policy(ies) that keep a production stack's health data in the EU, under EU law or encrypted: ${shown}${more}.`,
    'Keep them mandatory, or write why under each setting: {"<policy>": {"enforcementLevel": "disabled", "justification": "why, and where it was approved"}}; the reason is shown in every report.',
  );
}

/** One line per lowered policy, for the text and Markdown reports and the Code Quality issues. */
export function describeLowered(l: LoweredPolicy): string {
  return `${l.policy} (${l.area}): ${l.from} → ${l.to} by ${l.setting} in ${l.file}${l.justification ? `; justification: ${l.justification}` : "; no justification given"}`;
}
