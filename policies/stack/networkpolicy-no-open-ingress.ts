import { isInternetWide, parsePrefix } from "../lib/cidr";
import { stackPolicies } from "../lib/define";
import { StackIndex, type IndexedResource } from "../lib/stack-index";
import { isUnknown, list, obj, str } from "../lib/values";
import { req } from "../requirements";
import {
  declaredNetworkPolicies,
  namespacesIsolating,
  policyNamespace,
} from "../lib/network-isolation";

/** True when a label selector's labels or expressions are unknown during preview. */
const selectorUnknown = (selector: unknown) =>
  isUnknown(selector) ||
  isUnknown(obj(selector)?.matchLabels) ||
  isUnknown(obj(selector)?.matchExpressions);

/** True for a label selector that selects everything: absent, `{}`, no labels and no expressions. */
const selectsEverything = (selector: unknown) =>
  selector === undefined ||
  ((list(obj(selector)?.matchExpressions) ?? []).length === 0 &&
    Object.keys(obj(obj(selector)?.matchLabels) ?? {}).length === 0);

/**
 * Beside a namespace's default deny of ingress, no NetworkPolicy lets every source in: an ingress
 * rule without `from` (Kubernetes reads it as every source: every pod of every namespace, and
 * outside addresses wherever a Service or the node network lets them reach the pod), an `ipBlock`
 * of 0.0.0.0/0, ::/0 or a public range too wide for one organisation (lib/cidr.ts
 * `isInternetWide`), or a peer whose `namespaceSelector` selects every namespace and whose
 * `podSelector` every pod (NetworkPolicy reference, "behavior of to and from selectors"). Each
 * undoes the deny: in a research hub, it opens a workspace to every other workspace's pods. The
 * egress side is `kubernetes-networking-networkpolicy-no-internet-egress`, and for workspaces
 * their tier's rule; ingress is judged in every namespace, workspace or not. A policy whose
 * namespace is unknown during preview and that admits every source is named as not judged.
 */
export function networkpolicyNoOpenIngress() {
  return stackPolicies({
    name: "kubernetes-networking-networkpolicy-no-open-ingress",
    description:
      "In a namespace with a default deny of ingress, no NetworkPolicy lets every source in (no `from`, an internet-wide ipBlock, or every pod of every namespace).",
    enforcementLevel: "mandatory",
    meta: {
      area: "stack",
      severity: "high",
      requirements: [req.sncNetworkSegregation, req.isoSegregation],
      remediation:
        "Name the sources: pods by `podSelector`, namespaces by `namespaceSelector` on `kubernetes.io/metadata.name`, addresses by a narrow `ipBlock`.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const index = StackIndex.of(args.resources);
      const policies = declaredNetworkPolicies(index);
      if (policies.length === 0) return;
      const denyingIngress = namespacesIsolating(policies, "Ingress");
      for (const p of policies) {
        const ns = policyNamespace(p);
        if (ns !== undefined) {
          if (denyingIngress.has(ns)) judgeIngress(p, ns, report, unknown);
          continue;
        }
        // The namespace decides whether a default deny stands beside the policy: unknown, an
        // open or unknown source is named rather than skipped (as the egress rule does).
        const found: string[] = [];
        judgeIngress(
          p,
          "(unknown)",
          (m) => found.push(m),
          (m) => found.push(m),
        );
        if (found.length > 0)
          unknown(
            `NetworkPolicy "${p.name}": \`metadata.namespace\` is unknown during preview, and it admits every source (or sources unknown yet): whether a default deny stands beside it cannot be judged yet.`,
            p.urn,
          );
      }
    },
  });
}

/** Judges one policy's ingress rules beside namespace `ns`'s default deny. */
function judgeIngress(
  p: IndexedResource,
  ns: string,
  report: (message: string, urn: string) => void,
  unknown: (message: string, urn: string) => void,
): void {
  const spec = obj(p.props.spec);
  if (isUnknown(spec?.ingress)) {
    unknown(`NetworkPolicy "${p.name}": \`ingress\` unknown during preview.`, p.urn);
    return;
  }
  (list(spec?.ingress) ?? []).forEach((value, i) => {
    const rule = obj(value);
    if (isUnknown(value) || isUnknown(rule?.from)) {
      unknown(`NetworkPolicy "${p.name}" ingress[${i}].from is unknown during preview.`, p.urn);
      return;
    }
    const from = list(rule?.from);
    if (!from || from.length === 0) {
      report(
        `NetworkPolicy "${p.name}" ingress[${i}] has no \`from\`: every source (the pods of every namespace, other workspaces included) beside namespace "${ns}"'s default deny. Name the sources.`,
        p.urn,
      );
      return;
    }
    from.forEach((value, j) => {
      const peer = obj(value);
      const where = `NetworkPolicy "${p.name}" ingress[${i}].from[${j}]`;
      if (
        isUnknown(value) ||
        isUnknown(peer?.ipBlock) ||
        isUnknown(obj(peer?.ipBlock)?.cidr) ||
        selectorUnknown(peer?.namespaceSelector) ||
        selectorUnknown(peer?.podSelector)
      ) {
        unknown(`${where} is unknown during preview.`, p.urn);
        return;
      }
      const cidr = str(obj(peer?.ipBlock)?.cidr);
      const prefix = cidr ? parsePrefix(cidr) : undefined;
      if (prefix && isInternetWide(prefix)) {
        report(
          `${where} admits ${cidr} (the internet) beside namespace "${ns}"'s default deny. Admit the needed addresses only.`,
          p.urn,
        );
      } else if (
        peer?.namespaceSelector !== undefined &&
        selectsEverything(peer.namespaceSelector) &&
        selectsEverything(peer.podSelector)
      ) {
        report(
          `${where} selects every pod of every namespace (\`namespaceSelector: {}\`) beside namespace "${ns}"'s default deny: other workspaces included. Select the source namespaces by name.`,
          p.urn,
        );
      }
    });
  });
}
