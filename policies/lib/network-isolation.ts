/**
 * Which directions a NetworkPolicy isolates for every pod of its namespace: it selects them all
 * (empty `podSelector`) and lists the direction in `policyTypes` (without `policyTypes`,
 * Ingress, plus Egress when it has an `egress` section). Isolated pods accept only what some
 * policy allows (Kubernetes NetworkPolicy reference, "isolated and non-isolated pods"), so such
 * a policy is the namespace's default deny, whatever allowances it carries beside.
 */
import type { IndexedResource, StackIndex } from "./stack-index";
import { isUnknown, list, obj, str } from "./values";

export type Direction = "Ingress" | "Egress";

export function isolatedDirections(policy: IndexedResource): Direction[] | "unknown" {
  const spec = obj(policy.props.spec);
  if (!spec || isUnknown(spec.podSelector) || isUnknown(spec.policyTypes)) return "unknown";
  const selector = obj(spec.podSelector) ?? {};
  const selectsAll =
    (list(selector.matchExpressions) ?? []).length === 0 &&
    Object.keys(obj(selector.matchLabels) ?? {}).length === 0;
  if (!selectsAll) return [];
  const declared = list(spec.policyTypes);
  const types = declared
    ? declared.filter((t): t is string => typeof t === "string").map((t) => t.toLowerCase())
    : ["ingress", ...(spec.egress !== undefined ? ["egress"] : [])];
  return (["Ingress", "Egress"] as const).filter((d) => types.includes(d.toLowerCase()));
}

/**
 * The directions a NetworkPolicy denies outright for every pod of its namespace: isolated, with
 * no allowance of its own in that direction (a pure default deny, as a workspace starts from).
 */
export function deniedDirections(policy: IndexedResource): Direction[] | "unknown" {
  const isolated = isolatedDirections(policy);
  if (isolated === "unknown") return "unknown";
  const spec = obj(policy.props.spec) ?? {};
  return isolated.filter(
    (d) => (list(d === "Ingress" ? spec.ingress : spec.egress) ?? []).length === 0,
  );
}

/**
 * The namespace a NetworkPolicy lives in: its `metadata.namespace`, Kubernetes' "default" when it
 * names none, undefined when that is unknown during preview.
 */
export function policyNamespace(policy: IndexedResource): string | undefined {
  // Unknown during preview, the whole metadata or its namespace: undefined, never "default".
  if (isUnknown(policy.props.metadata)) return undefined;
  const metadata = obj(policy.props.metadata);
  if (isUnknown(metadata?.namespace)) return undefined;
  return str(metadata?.namespace) ?? "default";
}

/** The namespaces where some NetworkPolicy isolates every pod in `direction` (a default deny). */
export function namespacesIsolating(
  policies: readonly IndexedResource[],
  direction: Direction,
): Set<string> {
  const namespaces = new Set<string>();
  for (const policy of policies) {
    const isolated = isolatedDirections(policy);
    const ns = policyNamespace(policy);
    if (ns && isolated !== "unknown" && isolated.includes(direction)) namespaces.add(ns);
  }
  return namespaces;
}

const networkPolicyType = /^kubernetes:[^:]+:NetworkPolicy(Patch|List)?$/;

/**
 * Every NetworkPolicy a stack writes, in each form a program uses: the object, each item of a
 * `NetworkPolicyList` (`items`), and a `NetworkPolicyPatch` of a live policy, whose allowances
 * reach the namespace as written (server-side apply merges them into the live policy). For the
 * rules that judge allowances beside a default deny; a Patch counted as a deny only widens what
 * they judge.
 */
export function declaredNetworkPolicies(index: StackIndex): IndexedResource[] {
  const found: IndexedResource[] = [];
  for (const r of index.matching((t) => networkPolicyType.test(t))) {
    if (!r.type.endsWith("List")) {
      found.push(r);
      continue;
    }
    (list(r.props.items) ?? []).forEach((item, i) => {
      const props = obj(item);
      if (props) found.push({ ...r, name: `${r.name} items[${i}]`, props });
    });
  }
  return found;
}
