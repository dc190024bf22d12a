import { stackPolicy } from "../lib/define";
import { inNamespace, StackIndex, workspaceNamespaces } from "../lib/stack-index";
import { deniedDirections, type Direction } from "../lib/network-isolation";
import { req } from "../requirements";

/** Every workspace namespace starts from deny-all, both ways; allowances are added on top. */
export function workspaceDefaultDeny() {
  return stackPolicy({
    name: "kubernetes-core-namespace-workspace-default-deny",
    description:
      "Every workspace namespace has a default-deny NetworkPolicy for both ingress and egress.",
    enforcementLevel: "mandatory",
    meta: {
      area: "stack",
      severity: "critical",
      requirements: [req.cisNetworkPolicy, req.sncNetworkSegregation, req.isoSegregation],
      remediation:
        "Add a NetworkPolicy in the namespace with `podSelector: {}`, `policyTypes: [Ingress, Egress]` and no rules; allow needed flows with further policies.",
      settings: ["workspaceComponentTypes", "workspaceNamespacePattern"],
    },
    validate: (args, settings, report) => {
      const index = StackIndex.of(args.resources);
      const namespaces = workspaceNamespaces(index, settings);
      if (namespaces.length === 0) return;
      const policies = index.matching((t) => /^kubernetes:[^:]+:NetworkPolicy$/.test(t));
      for (const ns of namespaces) {
        const covered = new Set<Direction>();
        let unknown = false;
        for (const policy of policies) {
          if (!inNamespace(index, policy, ns)) continue;
          const denied = deniedDirections(policy);
          if (denied === "unknown") unknown = true;
          else denied.forEach((d) => covered.add(d));
        }
        const missing = (["Ingress", "Egress"] as const).filter((d) => !covered.has(d));
        if (missing.length > 0 && !unknown) {
          report(
            `Workspace namespace "${ns.name ?? ns.resource.name}" has no default-deny NetworkPolicy for ${missing.join(" and ")}. ` +
              "Add one with `podSelector: {}`, `policyTypes: [Ingress, Egress]` and no rules.",
            ns.resource.urn,
          );
        }
      }
    },
  });
}
