/**
 * Runs one rule of the pack in-process through the offline evaluator and returns the rule's own
 * lines (the evaluator prefixes each message with the policy's description). The edge-case
 * suites use it to compare what a rule says about the compliant baseline with one change.
 */
import { evaluatePolicies, type PolicyPackConfig } from "../../offline/evaluate-policies";
import { allPolicies } from "../../policies/all";
import { packConfigFromSettings, type PolicySettings } from "../../policies/config";
import { baseline, corpusSettings, type Stack } from "./baseline";

/** What `policy` says about the stack `s`, with the corpus settings plus `settings`. */
export async function ruleMessages(
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
  });
  return found.map((f) => f.message.split("\n").pop()!);
}

/** What `policy` says about the dev baseline once `change` is applied to it. */
export function messagesAfter(
  policy: string,
  change: (s: Stack) => void,
  settings: Partial<PolicySettings> = {},
): Promise<string[]> {
  const s = baseline("dev");
  change(s);
  return ruleMessages(policy, s, settings);
}
