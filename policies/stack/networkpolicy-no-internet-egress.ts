import { isInternetWide, parsePrefix } from "../lib/cidr";
import { stackPolicies } from "../lib/define";
import {
  isWorkspaceNamespace,
  declaredNamespaces,
  StackIndex,
  type IndexedResource,
} from "../lib/stack-index";
import { isUnknown, list, obj, str } from "../lib/values";
import { req } from "../requirements";
import {
  declaredNetworkPolicies,
  namespacesIsolating,
  policyNamespace,
} from "../lib/network-isolation";

/**
 * Beside a default deny, no NetworkPolicy allows egress to the internet: an `ipBlock` of
 * 0.0.0.0/0, ::/0 or any public range too wide for one organisation (lib/cidr.ts
 * `isInternetWide`, whatever its `except` carves out of it), or an egress rule without `to`,
 * which Kubernetes reads as every destination (NetworkPolicy reference). Workspace namespaces
 * are judged by their data tier (`kubernetes-networking-networkpolicy-workspace-egress-within-tier`).
 * A policy whose namespace is unknown during preview and that allows such egress is named as not
 * judged: the namespace decides both.
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
      const policies = declaredNetworkPolicies(index);
      if (policies.length === 0) return;
      const workspaces = new Set(
        declaredNamespaces(index)
          .filter((ns) => isWorkspaceNamespace(ns, settings))
          .map((ns) => ns.name ?? ns.resource.name),
      );
      const denyingEgress = namespacesIsolating(policies, "Egress");
      for (const p of policies) {
        const ns = policyNamespace(p);
        if (ns !== undefined && (!denyingEgress.has(ns) || workspaces.has(ns))) continue;
        const found = internetEgressOf(p, ns ?? "(unknown)");
        if (ns === undefined) {
          // The namespace decides whether a default deny stands beside the policy (and whether
          // a workspace's tier rule judges it instead): unknown, the allowance is named.
          if (found.allows.length > 0 || found.unknown.length > 0)
            unknown(
              `NetworkPolicy "${p.name}": \`metadata.namespace\` is unknown during preview, and it allows egress to the internet (or to destinations unknown yet): whether a default deny stands beside it cannot be judged yet.`,
              p.urn,
            );
          continue;
        }
        for (const message of found.allows) report(message, p.urn);
        for (const message of found.unknown) unknown(message, p.urn);
      }
    },
  });
}

/** What a NetworkPolicy's egress allows towards the internet, and what is unknown during preview. */
function internetEgressOf(p: IndexedResource, ns: string): { allows: string[]; unknown: string[] } {
  const allows: string[] = [];
  const unknown: string[] = [];
  const spec = obj(p.props.spec);
  if (isUnknown(spec?.egress)) {
    unknown.push(`NetworkPolicy "${p.name}": \`egress\` unknown during preview.`);
    return { allows, unknown };
  }
  (list(spec?.egress) ?? []).forEach((value, i) => {
    const rule = obj(value);
    if (!rule) return;
    if (isUnknown(rule.to)) {
      unknown.push(`NetworkPolicy "${p.name}" egress[${i}].to is unknown during preview.`);
      return;
    }
    const to = list(rule.to);
    if (!to || to.length === 0) {
      allows.push(
        `NetworkPolicy "${p.name}" egress[${i}] has no \`to\`: every destination, the internet included, beside namespace "${ns}"'s default deny. Name the destinations.`,
      );
      return;
    }
    to.forEach((peer, j) => {
      const block = isUnknown(peer) ? peer : obj(peer)?.ipBlock;
      if (isUnknown(block) || isUnknown(obj(block)?.cidr)) {
        unknown.push(
          `NetworkPolicy "${p.name}" egress[${i}].to[${j}] (or its ipBlock) is unknown during preview.`,
        );
        return;
      }
      const cidr = str(obj(block)?.cidr);
      const prefix = cidr ? parsePrefix(cidr) : undefined;
      if (prefix && isInternetWide(prefix))
        allows.push(
          `NetworkPolicy "${p.name}" egress[${i}].to[${j}] allows ${cidr} (the internet) beside namespace "${ns}"'s default deny. Allow the needed addresses only.`,
        );
    });
  });
  return { allows, unknown };
}
