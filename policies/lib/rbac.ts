/**
 * Kubernetes RBAC objects as rules read them: Roles, ClusterRoles and their bindings, in every
 * form a Pulumi program can declare them (the object itself, a server-side `*Patch` of a live
 * one, a `*List` of several), under any API version of `rbac.authorization.k8s.io`.
 *
 * Semantics from the Kubernetes RBAC reference
 * (https://kubernetes.io/docs/reference/access-authn-authz/rbac/): a rule grants its verbs on
 * every listed resource of every listed API group; `*` means all (current and future); a
 * RoleBinding may reference a ClusterRole and then grants it within its own namespace only.
 */
import { isUnknown, list, obj, str, type Props } from "./values";

export type RbacKind = "Role" | "ClusterRole" | "RoleBinding" | "ClusterRoleBinding";

const rbacType =
  /^kubernetes:rbac\.authorization\.k8s\.io\/[^:]+:(ClusterRole|Role|ClusterRoleBinding|RoleBinding)(Patch|List)?$/;

/** The types an RBAC rule reads: every kind of the RBAC API group, any version and form. */
export const rbacTypes = ["kubernetes:rbac.authorization.k8s.io/*"];

export interface RbacObject {
  readonly kind: RbacKind;
  /** Where it sits in the resource's properties, for messages: "" or "items[2]". */
  readonly path: string;
  readonly object: Props;
}

/** The RBAC objects a resource declares (one, or each item of a List); none for other types. */
export function rbacObjectsOf(type: string, props: Props): RbacObject[] {
  const match = rbacType.exec(type);
  if (!match) return [];
  const kind = match[1] as RbacKind;
  if (match[2] !== "List") return [{ kind, path: "", object: props }];
  const result: RbacObject[] = [];
  (list(props.items) ?? []).forEach((item, index) => {
    const object = obj(item);
    if (object) result.push({ kind, path: `items[${index}]`, object });
  });
  return result;
}

export const isRoleKind = (kind: RbacKind) => kind === "Role" || kind === "ClusterRole";

/** A rule of a role, its lists lower-cased; `unknown` when a list is not known yet. */
export interface PolicyRule {
  readonly index: number;
  readonly verbs: string[];
  readonly resources: string[];
  readonly apiGroups: string[];
  readonly nonResourceURLs: string[];
  /** Names the rule is limited to; empty when it applies to every object of its resources. */
  readonly resourceNames: string[];
  readonly unknown: boolean;
}

/** Known strings of a list, lower-cased; "" stays (it is the core API group). */
function strings(value: unknown): string[] {
  return (list(value) ?? []).flatMap((v) =>
    typeof v === "string" && !isUnknown(v) ? [v.toLowerCase()] : [],
  );
}

function hasUnknown(value: unknown): boolean {
  return isUnknown(value) || (list(value) ?? []).some(isUnknown);
}

export function rulesOf(role: Props): PolicyRule[] | "unknown" {
  if (isUnknown(role.rules)) return "unknown";
  return (list(role.rules) ?? []).flatMap((value, index) => {
    const rule = obj(value);
    if (!rule) return isUnknown(value) ? [unknownRule(index)] : [];
    return [
      {
        index,
        verbs: strings(rule.verbs),
        resources: strings(rule.resources),
        apiGroups: strings(rule.apiGroups),
        nonResourceURLs: strings(rule.nonResourceURLs),
        resourceNames: strings(rule.resourceNames),
        unknown: ["verbs", "resources", "apiGroups", "nonResourceURLs", "resourceNames"].some((k) =>
          hasUnknown(rule[k]),
        ),
      },
    ];
  });
}

/**
 * Each rule of each Role or ClusterRole a resource declares, with the role it belongs to. A role
 * whose whole `rules` list is unknown during preview goes to `unknown`, named, and yields nothing.
 */
export function* declaredRoleRules(
  type: string,
  props: Props,
  unknown: (message: string) => void,
): Generator<{ role: RbacObject; rule: PolicyRule }> {
  for (const role of rbacObjectsOf(type, props)) {
    if (!isRoleKind(role.kind)) continue;
    const rules = rulesOf(role.object);
    if (rules === "unknown") {
      unknown(`${at(role)}\`rules\` of the ${role.kind} are unknown during preview.`);
      continue;
    }
    for (const rule of rules) yield { role, rule };
  }
}

const unknownRule = (index: number): PolicyRule => ({
  index,
  verbs: [],
  resources: [],
  apiGroups: [],
  nonResourceURLs: [],
  resourceNames: [],
  unknown: true,
});

/** Whether the rule grants `verb` on `resource` (e.g. "secrets", "pods/exec") of the core group. */
export function grants(rule: PolicyRule, verb: string, resource: string): boolean {
  const group = rule.apiGroups.some((g) => g === "" || g === "*");
  const verbs = rule.verbs.some((v) => v === verb || v === "*");
  const [parent] = resource.split("/");
  const resources = rule.resources.some(
    (r) =>
      r === "*" ||
      r === resource ||
      (resource.includes("/") && (r === `${parent}/*` || r === `*/${resource.split("/")[1]}`)),
  );
  return group && verbs && resources;
}

/** The subject list of a binding; names kept as written (Kubernetes compares them exactly). */
export interface Subject {
  readonly index: number;
  readonly kind?: string;
  readonly name?: string;
  readonly namespace?: string;
  readonly unknown: boolean;
}

export function subjectsOf(binding: Props): Subject[] | "unknown" {
  if (isUnknown(binding.subjects)) return "unknown";
  return (list(binding.subjects) ?? []).map((value, index) => {
    const s = obj(value);
    if (!s) return { index, unknown: isUnknown(value) };
    return {
      index,
      kind: str(s.kind),
      name: str(s.name),
      namespace: str(s.namespace),
      unknown: isUnknown(s.kind) || isUnknown(s.name) || isUnknown(s.namespace),
    };
  });
}

/** `roleRef` of a binding; `unknown` when its kind or name is not known yet. */
export function roleRefOf(
  binding: Props,
): { kind?: string; name?: string } | "unknown" | undefined {
  if (isUnknown(binding.roleRef)) return "unknown";
  const ref = obj(binding.roleRef);
  if (!ref) return undefined;
  if (isUnknown(ref.kind) || isUnknown(ref.name)) return "unknown";
  return { kind: str(ref.kind), name: str(ref.name) };
}

export const subjectLabel = (s: Subject) =>
  `subjects[${s.index}] (${s.kind ?? "?"} ${s.namespace ? `${s.namespace}/` : ""}${s.name ?? "?"})`;

/** Prefix for a message about one object of a List resource. */
export const at = (o: RbacObject) => (o.path ? `${o.path}: ` : "");

/** A resource's RBAC object with the resource it came from (for the finding's URN and name). */
export interface DeclaredRbac<R> {
  readonly resource: R;
  readonly object: RbacObject;
}

/**
 * The roles and bindings a stack declares, in every form: roles by reference key (`roleKey`),
 * bindings in declaration order. A Role without a namespace lives in `default`, as the API
 * server places it.
 */
export function indexRbac<R extends { type: string; props: Props }>(resources: readonly R[]) {
  const roles = new Map<string, PolicyRule[] | "unknown">();
  const bindings: DeclaredRbac<R>[] = [];
  const clusterRoles: Props[] = [];
  for (const resource of resources) {
    for (const object of rbacObjectsOf(resource.type, resource.props)) {
      if (!isRoleKind(object.kind)) {
        bindings.push({ resource, object });
        continue;
      }
      if (object.kind === "ClusterRole") clusterRoles.push(object.object);
      const metadata = obj(object.object.metadata);
      const name = str(metadata?.name);
      if (!name) continue;
      const ns = object.kind === "Role" ? (str(metadata?.namespace) ?? "default") : undefined;
      roles.set(roleKey(object.kind, ns, name), rulesOf(object.object));
    }
  }
  for (const role of clusterRoles) {
    const name = str(obj(role.metadata)?.name);
    if (name && role.aggregationRule != null)
      roles.set(roleKey("ClusterRole", undefined, name), aggregatedRules(role, clusterRoles, 0));
  }
  return { roles, bindings };
}

/**
 * The rules of a ClusterRole with an `aggregationRule`: the control plane's aggregation
 * controller overwrites its `rules` with the union of the rules of every ClusterRole whose labels
 * one of its `clusterRoleSelectors` matches (Kubernetes RBAC reference, "Aggregated
 * ClusterRoles", https://kubernetes.io/docs/reference/access-authn-authz/rbac/#aggregated-clusterroles).
 * Judged from the ClusterRoles the stack declares; "unknown" when a selector or a candidate's
 * labels or rules are unknown during preview, or when no declared ClusterRole matches (its rules
 * then come from roles of the live cluster, which the pack cannot see).
 */
function aggregatedRules(
  role: Props,
  clusterRoles: readonly Props[],
  depth: number,
): PolicyRule[] | "unknown" {
  const selectors = obj(role.aggregationRule)?.clusterRoleSelectors;
  if (isUnknown(role.aggregationRule) || isUnknown(selectors) || depth > 8) return "unknown";
  const rules: PolicyRule[] = [];
  let matched = false;
  for (const candidate of clusterRoles) {
    if (candidate === role) continue;
    const labels = obj(candidate.metadata)?.labels;
    const matches = (list(selectors) ?? []).map((selector) => selectorMatches(selector, labels));
    if (matches.includes("unknown")) return "unknown";
    if (!matches.includes(true)) continue;
    matched = true;
    const own =
      candidate.aggregationRule != null
        ? aggregatedRules(candidate, clusterRoles, depth + 1)
        : rulesOf(candidate);
    if (own === "unknown") return "unknown";
    rules.push(...own);
  }
  return matched ? rules : "unknown";
}

/**
 * Whether a label selector (`matchLabels`, `matchExpressions` with In, NotIn, Exists,
 * DoesNotExist) matches the labels given; "unknown" when either is unknown during preview. An
 * empty selector matches every object (Kubernetes docs, "Labels and Selectors").
 */
function selectorMatches(selector: unknown, labels: unknown): boolean | "unknown" {
  if (isUnknown(selector) || isUnknown(labels)) return "unknown";
  const s = obj(selector);
  if (!s) return false;
  const have = obj(labels) ?? {};
  if (isUnknown(s.matchLabels) || isUnknown(s.matchExpressions)) return "unknown";
  for (const [key, value] of Object.entries(obj(s.matchLabels) ?? {})) {
    if (isUnknown(value) || isUnknown(have[key])) return "unknown";
    if (have[key] !== value) return false;
  }
  for (const entry of list(s.matchExpressions) ?? []) {
    const e = obj(entry);
    if (!e || isUnknown(e.key) || isUnknown(e.operator) || hasUnknown(e.values)) return "unknown";
    const key = str(e.key) ?? "";
    const value = have[key];
    if (isUnknown(value)) return "unknown";
    const present = typeof value === "string";
    const values = (list(e.values) ?? []).filter((v): v is string => typeof v === "string");
    const ok =
      e.operator === "Exists"
        ? present
        : e.operator === "DoesNotExist"
          ? !present
          : e.operator === "In"
            ? present && values.includes(value)
            : e.operator === "NotIn"
              ? !present || !values.includes(value)
              : false;
    if (!ok) return false;
  }
  return true;
}

/** How a binding's `roleRef` finds a role: a Role in the binding's namespace, or a ClusterRole. */
export const roleKey = (kind: string, namespace: string | undefined, name: string) =>
  `${kind}:${kind === "Role" ? (namespace ?? "default") : ""}/${name}`;

/** The roles and bindings of a stack (`indexRbac` over its RBAC resources, found by type). */
export function stackRbac<R extends { type: string; props: Props }>(index: {
  matching(test: (type: string) => boolean): R[];
}) {
  return indexRbac(index.matching((t) => t.startsWith("kubernetes:rbac.authorization.k8s.io/")));
}
