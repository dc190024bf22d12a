/**
 * Helpers of the stack-rule edge suites: one rule's findings over a whole stack, and the
 * baseline workspace's labels, tier and name to change.
 */
import { labelKeys } from "../../policies/catalog/labels";
import type { Stack } from "./baseline";
import { ruleMessages } from "./rule-messages";

export type Json = Record<string, unknown>;

/** What the stack rule `policy` says about `s` (see rule-messages.ts). */
export const findings = ruleMessages;

/** The baseline workspace namespace's labels, to change in place. */
export const workspaceLabels = (s: Stack) =>
  (s.inputs("ws-cardio").metadata as { labels: Record<string, string> }).labels;

/** Sets the baseline workspace's data tier. */
export function setTier(s: Stack, tier: string | undefined) {
  const labels = workspaceLabels(s);
  if (tier === undefined) delete labels[labelKeys.classification];
  else labels[labelKeys.classification] = tier;
}

/**
 * The baseline workspace namespace under another program name ("cardio-ns"): its Kubernetes name
 * stays "ws-cardio", the name a reader looks up with kubectl.
 */
export function renameWorkspaceResource(s: Stack) {
  const inputs = s.inputs("ws-cardio");
  s.resources.delete("ws-cardio");
  s.add("cardio-ns", "kubernetes:core/v1:Namespace", inputs);
}
