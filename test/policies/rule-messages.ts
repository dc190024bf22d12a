/**
 * Runs one rule of the pack in-process through the offline evaluator and returns the rule's own
 * lines (the evaluator prefixes each message with the policy's description). The edge-case
 * suites use it to compare what a rule says about the compliant baseline with one change.
 */
import { evaluatePolicies, type PolicyPackConfig } from "../../offline/evaluate-policies";
import { allPolicies } from "../../policies/all";
import { packConfigFromSettings, type PolicySettings } from "../../policies/config";
import { notJudgedMark } from "../../policies/lib/define";
import { baseline, corpusSettings, type Stack } from "./baseline";
import { expectedNameOf, policyOfExpected } from "./corpus/case";

const withoutMark = (line: string) =>
  line.startsWith(notJudgedMark) ? line.slice(notJudgedMark.length) : line;

/**
 * What `policy` says about the stack `s`, with the corpus settings plus `settings`. Given
 * `unknownOf(rule)`, what the rule could not judge, without the mark that tells it apart.
 */
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
    policies: allPolicies.filter((p) => p.name === policyOfExpected(policy)),
  });
  return found
    .filter((f) => expectedNameOf(f) === policy)
    .map((f) => withoutMark(f.message.split("\n").pop()!));
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
