/**
 * Runs one stack rule of the pack over a whole stack, in-process through the offline evaluator,
 * and returns the rule's own lines (the evaluator prefixes the policy's description).
 */
import { evaluatePolicies, type PolicyPackConfig } from "../../offline/evaluate-policies";
import { allPolicies } from "../../policies/all";
import { labelKeys } from "../../policies/catalog/labels";
import { packConfigFromSettings, type PolicySettings } from "../../policies/config";
import { corpusSettings, type Stack } from "./baseline";

export type Json = Record<string, unknown>;

export async function findings(
  policy: string,
  s: Stack,
  settings: Partial<PolicySettings> = {},
): Promise<string[]> {
  const config = packConfigFromSettings(allPolicies, { ...corpusSettings, ...settings });
  const found = await evaluatePolicies({
    resources: s.list(),
    config: config as PolicyPackConfig,
    stackName: s.name,
    policies: allPolicies.filter((p) => p.name === policy),
    phases: ["stack"],
  });
  return found.map((f) => f.message.split("\n").pop()!);
}

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
