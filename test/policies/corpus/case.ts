/**
 * One corpus case: the compliant baseline with one change. A violating case names the policies
 * it must trip (and nothing else may trip); its compliant twin must trip nothing.
 */
import type { PolicySettings } from "../../../policies/config";
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

/** The advisory twin of a rule: it names what the rule could not see during preview. */
export const unknownOf = (policy: string) => `${policy}-unknown`;
