/**
 * The door from `hdh` to the policy pack. Commands receive a `PolicyEvaluator` so tests can run
 * them in-process; the real one (policy-pack-evaluator.ts) calls the pack's own policies through
 * offline/evaluate-policies.ts, never a copy of the rules.
 */
import type { NormalizedResource } from "../offline/resource-model";
import type { Finding } from "./evaluated-result";

export interface PolicyEvaluationInput {
  resources: readonly NormalizedResource[];
  stack: string;
  /** A hub's stacks (platform and workspace stacks judged together). @default [stack] */
  hubStacks?: readonly string[];
  /** The `--policy-config` document, in the Pulumi CLI's `--policy-pack-config` shape. */
  policyConfig: Record<string, unknown>;
}

export type PolicyEvaluator = (input: PolicyEvaluationInput) => Promise<Finding[]>;
