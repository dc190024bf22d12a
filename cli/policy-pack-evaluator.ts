/**
 * The real PolicyEvaluator: the pack's own policies (policies/all.ts), called in-process by
 * offline/evaluate-policies.ts exactly as the CrossGuard analyzer would call them, their
 * violations turned into report findings with the metadata the policies carry.
 */
import { allPolicies } from "../policies/all";
import {
  evaluatePolicies,
  type PolicyPackConfig,
  type PolicyViolation,
} from "../offline/evaluate-policies";
import type { HdhPolicy } from "../policies/policy-meta";
import type { Finding } from "./evaluated-result";
import type { PolicyEvaluationInput } from "./policy-evaluation";
import { citeRequirement } from "./requirements";

const policiesByName = new Map<string, HdhPolicy>(allPolicies.map((p) => [p.name, p]));

export async function evaluateWithPolicyPack(input: PolicyEvaluationInput): Promise<Finding[]> {
  const violations = await evaluatePolicies({
    resources: input.resources,
    stackName: input.stack,
    hubStacks: input.hubStacks,
    config: input.policyConfig as PolicyPackConfig,
  });
  const byUrn = new Map(input.resources.map((r) => [r.urn, r]));
  return violations.map((v) => toFinding(v, byUrn));
}

function toFinding(
  v: PolicyViolation,
  byUrn: ReadonlyMap<string, { type: string; name: string }>,
): Finding {
  const policy = policiesByName.get(v.policyName);
  // CrossGuard's message is the policy's description, a line break, then the rule's own message.
  const own = v.message.startsWith(`${v.description}\n`)
    ? v.message.slice(v.description.length + 1)
    : v.message;
  const finding: Finding = {
    policy: v.policyName,
    enforcement:
      v.enforcementLevel === "mandatory" || v.enforcementLevel === "remediate"
        ? "mandatory"
        : "advisory",
    message: own,
    description: v.description,
    requirements: policy ? policy.meta.requirements.map(citeRequirement) : [],
  };
  if (v.severity) finding.severity = v.severity;
  if (policy?.meta.remediation) finding.remediation = policy.meta.remediation;
  if (v.urn) {
    finding.urn = v.urn;
    const resource = byUrn.get(v.urn);
    if (resource) {
      finding.resourceType = resource.type;
      finding.resourceName = resource.name;
    }
  }
  return finding;
}
