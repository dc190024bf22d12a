import { podSecurityLabels } from "../catalog/labels";
import { stackPolicies } from "../lib/define";
import { inNamespace, isWorkspaceNamespace, StackIndex } from "../lib/stack-index";
import { exceptionFor } from "../lib/workload-exceptions";
import { workloadNamespaces } from "../lib/workload-namespaces";
import { obj, str } from "../lib/values";
import { req } from "../requirements";
import { isolatedDirections } from "../lib/network-isolation";

/** A Pod Security version: `latest` or a Kubernetes minor, e.g. `v1.30` (PSA reference). */
const versionPattern = /^(latest|v\d+\.\d+)$/;

/**
 * Every namespace that holds a workload, whoever wrote it, starts isolated: a NetworkPolicy
 * denying all ingress and egress to its pods, and Pod Security admission enforcing `restricted`
 * pinned to a version (CIS 5.3.2 and 5.2.1; Kubernetes Pod Security Admission labels). Research
 * workspaces are judged by the workspace rules; this one covers every other namespace.
 * A namespace whose every workload is a named exception (`workloadExceptions`) may enforce a
 * lower level: the exception is explicit and visible in the plan.
 */
export function namespaceWorkloadIsolation() {
  return stackPolicies({
    name: "kubernetes-core-namespace-workload-isolation",
    description:
      "Every namespace holding a workload has a default-deny NetworkPolicy both ways and enforces Pod Security `restricted` with a version.",
    enforcementLevel: "mandatory",
    meta: {
      area: "stack",
      severity: "high",
      requirements: [
        req.cisNetworkPolicy,
        req.cisPolicyControl,
        req.pssRestricted,
        req.sncNetworkSegregation,
      ],
      remediation: `Declare the namespace with labels ${podSecurityLabels.enforce}: restricted and ${podSecurityLabels.enforceVersion}: latest (or v1.xx), and add a NetworkPolicy with \`podSelector: {}\`, \`policyTypes: [Ingress, Egress]\` and no rules.`,
      settings: ["workspaceComponentTypes", "workspaceNamespacePattern", "workloadExceptions"],
    },
    validate: (args, settings, report, unknown) => {
      const index = StackIndex.of(args.resources);
      const { namespaces, unplaced } = workloadNamespaces(index);
      for (const w of unplaced)
        unknown(
          `Workload "${w.name}": its namespace is unknown during preview, so is its isolation.`,
          w.urn,
        );
      if (namespaces.length === 0) return;
      const policies = index.matching((t) => /^kubernetes:[^:]+:NetworkPolicy$/.test(t));
      for (const ns of namespaces) {
        if (ns.declared && isWorkspaceNamespace(ns.declared, settings)) continue;
        const urn = ns.declared?.resource.urn ?? ns.workloads[0].urn;
        // Default deny, both directions, from NetworkPolicies in the namespace.
        const covered = new Set<string>();
        let policyUnknown = false;
        for (const policy of policies) {
          const member = ns.declared
            ? inNamespace(index, policy, ns.declared)
            : (str(obj(policy.props.metadata)?.namespace) ?? "default") === ns.name;
          if (!member) continue;
          const denied = isolatedDirections(policy);
          if (denied === "unknown") policyUnknown = true;
          else denied.forEach((d) => covered.add(d));
        }
        const missing = ["Ingress", "Egress"].filter((d) => !covered.has(d));
        if (missing.length > 0) {
          if (policyUnknown)
            unknown(
              `Namespace "${ns.name}": a NetworkPolicy is unknown during preview; default deny not shown.`,
              urn,
            );
          else
            report(
              `Namespace "${ns.name}" holds ${ns.workloads.map((w) => `"${w.name}"`).join(", ")} but no default-deny NetworkPolicy for ${missing.join(" and ")}. Add one with \`podSelector: {}\`, \`policyTypes: [Ingress, Egress]\` and no rules.`,
              urn,
            );
        }
        // Pod Security admission: only a namespace the stack declares shows its labels.
        if (!ns.declared) {
          unknown(
            `Namespace "${ns.name}" holds workloads but is not declared in this stack: its Pod Security labels cannot be seen.`,
            urn,
          );
          continue;
        }
        const labels = ns.declared.labels;
        const level = labels[podSecurityLabels.enforce]?.toLowerCase();
        const version = labels[podSecurityLabels.enforceVersion];
        const allExcepted = ns.workloads.every((w) => exceptionFor(w.type, w.props, settings));
        if (level !== "restricted" && !(allExcepted && level)) {
          report(
            `Namespace "${ns.name}" ${level ? `enforces "${level}"` : "enforces no Pod Security level"} though it holds workloads. Label it ${podSecurityLabels.enforce}: restricted.`,
            urn,
          );
        }
        if (!version || !versionPattern.test(version)) {
          report(
            `Namespace "${ns.name}" ${version ? `has Pod Security version "${version}"` : "pins no Pod Security version"}: label it ${podSecurityLabels.enforceVersion}: latest (or v1.xx) so the enforced standard is known.`,
            urn,
          );
        }
      }
    },
  });
}
