/**
 * One corpus case: the compliant baseline with one change. A violating case names the policies
 * it must trip (and nothing else may trip); its compliant twin must trip nothing.
 */
import type { PolicySettings } from "../../../policies/config";
import { isNotJudged } from "../../../policies/lib/define";
import type { Stack } from "../baseline";

export interface Case {
  /** What is wrong (or, for a twin, why it is fine). */
  name: string;
  /** Policies that must report; empty for a compliant case. */
  expect: string[];
  change(s: Stack): void;
  stack?: string;
  settings?: Partial<PolicySettings>;
}

export const bad = (
  name: string,
  expect: string[],
  change: (s: Stack) => void,
  extra: Partial<Case> = {},
): Case => ({ name, expect, change, ...extra });

export const good = (
  name: string,
  change: (s: Stack) => void,
  extra: Partial<Case> = {},
): Case => ({
  name,
  expect: [],
  change,
  ...extra,
});

/**
 * What a case expects of a rule that cannot see a value during preview: the rule's advisory
 * "not judged" finding (policies/lib/define.ts, `notJudgedMark`), told apart from its findings.
 */
export const unknownOf = (policy: string) => `${policy}${notJudgedSuffix}`;
const notJudgedSuffix = "-unknown";

/** The name a case's `expect` gives a finding: its policy, or `unknownOf` its policy. */
export const expectedNameOf = (finding: { policyName: string; message: string }) =>
  isNotJudged(finding) ? unknownOf(finding.policyName) : finding.policyName;

/** The policy an `expect` entry names. */
export const policyOfExpected = (name: string) =>
  name.endsWith(notJudgedSuffix) ? name.slice(0, -notJudgedSuffix.length) : name;
