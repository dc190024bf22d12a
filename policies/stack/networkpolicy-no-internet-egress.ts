import { isInternetWide, parsePrefix } from "../lib/cidr";
import { stackPolicies } from "../lib/define";
import { isWorkspaceNamespace, namespaceInfo, namespaceType, StackIndex } from "../lib/stack-index";
import { isUnknown, list, obj, str } from "../lib/values";
import { req } from "../requirements";
import { namespacesIsolating, policyNamespace } from "../lib/network-isolation";

/**
 * Beside a default deny, no NetworkPolicy allows egress to the internet: an `ipBlock` of
 * 0.0.0.0/0, ::/0 or any public range too wide for one organisation (lib/cidr.ts
 * `isInternetWide`, whatever its `except` carves out of it), or an egress rule without `to`,
 * which Kubernetes reads as every destination (NetworkPolicy reference). Workspace namespaces
 * are judged by their data tier (`kubernetes-networking-networkpolicy-workspace-egress-within-tier`).
 */
export function networkpolicyNoInternetEgress() {
  return stackPolicies({
    name: "kubernetes-networking-networkpolicy-no-internet-egress",
    description:
      "In a namespace with a default deny, no NetworkPolicy allows egress to the internet (0.0.0.0/0, ::/0, any wide public range, or any destination).",
    enforcementLevel: "mandatory",
    meta: {
      area: "stack",
      severity: "critical",
      requirements: [req.sncNetworkSegregation, req.isoSegregation, req.gdprTransfers],
      remediation:
        "Allow egress only to the destinations needed (pods by selector, the API endpoints' own /32 or /24); reach the internet through the platform's mirror or proxy.",
      settings: ["workspaceComponentTypes", "workspaceNamespacePattern"],
    },
    validate: (args, settings, report, unknown) => {
      const index = StackIndex.of(args.resources);
      const policies = index.matching((t) => /^kubernetes:[^:]+:NetworkPolicy$/.test(t));
      if (policies.length === 0) return;
      const workspaces = new Set(
        index
          .ofTypes([namespaceType])
          .map(namespaceInfo)
          .filter((ns) => isWorkspaceNamespace(ns, settings))
          .map((ns) => ns.name ?? ns.resource.name),
      );
      const denyingEgress = namespacesIsolating(policies, "Egress");
      for (const p of policies) {
        const ns = policyNamespace(p);
        if (!ns || !denyingEgress.has(ns) || workspaces.has(ns)) continue;
        const spec = obj(p.props.spec);
        if (isUnknown(spec?.egress)) {
          unknown(`NetworkPolicy "${p.name}": \`egress\` unknown during preview.`, p.urn);
          continue;
        }
        (list(spec?.egress) ?? []).forEach((value, i) => {
          const rule = obj(value);
          if (!rule) return;
          if (isUnknown(rule.to)) {
            unknown(`NetworkPolicy "${p.name}" egress[${i}].to is unknown during preview.`, p.urn);
            return;
          }
          const to = list(rule.to);
          if (!to || to.length === 0) {
            report(
              `NetworkPolicy "${p.name}" egress[${i}] has no \`to\`: every destination, the internet included, beside namespace "${ns}"'s default deny. Name the destinations.`,
              p.urn,
            );
            return;
          }
          to.forEach((peer, j) => {
            const block = isUnknown(peer) ? peer : obj(peer)?.ipBlock;
            if (isUnknown(block) || isUnknown(obj(block)?.cidr)) {
              unknown(
                `NetworkPolicy "${p.name}" egress[${i}].to[${j}] (or its ipBlock) is unknown during preview.`,
                p.urn,
              );
              return;
            }
            const cidr = str(obj(block)?.cidr);
            const prefix = cidr ? parsePrefix(cidr) : undefined;
            if (prefix && isInternetWide(prefix))
              report(
                `NetworkPolicy "${p.name}" egress[${i}].to[${j}] allows ${cidr} (the internet) beside namespace "${ns}"'s default deny. Allow the needed addresses only.`,
                p.urn,
              );
          });
        });
      }
    },
  });
}
