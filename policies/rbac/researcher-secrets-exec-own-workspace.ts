import { labelKeys } from "../catalog/labels";
import { stackPolicies } from "../lib/define";
import {
  grants,
  stackRbac,
  roleKey,
  roleRefOf,
  subjectsOf,
  type PolicyRule,
  type RbacObject,
} from "../lib/rbac";
import { declaredNamespaces, StackIndex, type IndexedResource } from "../lib/stack-index";
import { workloadNamespaces as namespacesHoldingWorkloads } from "../lib/workload-namespaces";
import { isUnknown, obj, str } from "../lib/values";
import { req } from "../requirements";

/** What a role lets its holder do with a workspace's data: read its secrets, run code in its pods. */
interface Reach {
  readonly secrets: boolean;
  readonly exec: boolean;
}

const readVerbs = ["get", "list", "watch"];
/** `create` since Kubernetes 1.30's WebSocket exec; `get` opened the same door before (RBAC reference). */
const execVerbs = ["create", "get"];
/** Port-forward too: a socket into the pod past its NetworkPolicies (lib/rbac-rights.ts, `exec`). */
const execResources = ["pods/exec", "pods/attach", "pods/portforward"];

function reachOf(rules: readonly PolicyRule[]): Reach {
  return {
    secrets: rules.some((r) => readVerbs.some((v) => grants(r, v, "secrets"))),
    exec: rules.some((r) => execVerbs.some((v) => execResources.some((x) => grants(r, v, x)))),
  };
}

/**
 * Built-in user-facing ClusterRoles (Kubernetes RBAC reference, "User-facing roles"): `admin`
 * and `edit` read Secrets and exec into pods; `view` deliberately reads no Secret.
 */
const builtInReach: Record<string, Reach> = {
  "cluster-admin": { secrets: true, exec: true },
  admin: { secrets: true, exec: true },
  edit: { secrets: true, exec: true },
  view: { secrets: false, exec: false },
};

const describe = (r: Reach) =>
  [r.secrets ? "read Secrets" : "", r.exec ? "exec into pods" : ""].filter(Boolean).join(" and ");

interface Grant {
  readonly binding: IndexedResource;
  readonly object: RbacObject;
  readonly group: string;
  /** Namespace of a RoleBinding; undefined for a ClusterRoleBinding (every namespace). */
  readonly namespace?: string;
  readonly reach: Reach | "unknown";
  readonly roleName: string;
}

const metadataOf = (o: RbacObject) => obj(o.object.metadata);

/**
 * Researchers' groups read Secrets or exec into pods only in their own workspace namespace.
 *
 * A group counts as a researchers' group when it is bound by a RoleBinding in a namespace that
 * holds workloads, or when a namespace names it in the `hdh.health/owner-group` label. Its own
 * workspace is where it works: namespaces that name it as owner, and namespaces where a binding
 * gives it ordinary access (neither Secrets nor exec). When neither says, a group whose every
 * binding sits in one namespace is at home there; spread over several, none is its own.
 * Labels add context only: a program without them is judged from its bindings alone.
 */
export function rbacResearcherSecretsExecOwnWorkspace() {
  return stackPolicies({
    name: "kubernetes-rbac-rolebinding-researcher-own-workspace",
    description:
      "Researchers' groups read Secrets or exec into pods only in their own workspace namespace, never cluster-wide.",
    enforcementLevel: "mandatory",
    meta: {
      area: "rbac",
      severity: "critical",
      requirements: [req.cisSecrets, req.isoAccessRights, req.hdsConfidentiality, req.gdprSecurity],
      remediation:
        "Grant a researchers' group Secrets or pods/exec through a RoleBinding in its own workspace namespace only; elsewhere bind `view` or a Role without them, and never through a ClusterRoleBinding.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const index = StackIndex.of(args.resources);
      // Roles by reference key and bindings, in every form the stack declares.
      const { roles, bindings } = stackRbac(index);
      if (bindings.length === 0) return;

      const reachOfRef = (kind: string, ns: string | undefined, name: string) => {
        const rules = roles.get(roleKey(kind, ns, name));
        if (rules === "unknown") return "unknown";
        if (rules) return reachOf(rules.filter((r) => !r.unknown));
        if (kind === "ClusterRole" && builtInReach[name]) return builtInReach[name];
        return "unknown"; // A role of the live cluster: what it grants cannot be seen here.
      };

      // Namespaces holding workloads, and owner groups the namespaces name (context only).
      // Each workload placed by its own namespace, an item of a List by the item's.
      const workloadNamespaces = new Set(
        namespacesHoldingWorkloads(index).namespaces.map((n) => n.name),
      );
      const homes = new Map<string, Set<string>>();
      const addHome = (group: string, ns: string) => {
        const set = homes.get(group) ?? new Set<string>();
        set.add(ns);
        homes.set(group, set);
      };
      for (const ns of declaredNamespaces(index)) {
        const owner = ns.labels[labelKeys.ownerGroup];
        if (ns.name && owner) addHome(owner, ns.name);
      }

      const grantsFound: Grant[] = [];
      for (const { resource, object } of bindings) {
        const metadata = metadataOf(object);
        const clusterWide = object.kind === "ClusterRoleBinding";
        const namespace = clusterWide ? undefined : metadata?.namespace;
        const where = `${object.path ? `${object.path} of ` : ""}${object.kind} "${str(metadata?.name) ?? resource.name}"`;
        const subjects = subjectsOf(object.object);
        const groups =
          subjects === "unknown"
            ? []
            : subjects.filter((s) => s.kind === "Group" && s.name && !s.name.startsWith("system:"));
        if (subjects === "unknown" || subjects.some((s) => s.unknown)) {
          unknown(`${where}: subjects unknown during preview.`, resource.urn);
        }
        if (groups.length === 0) continue;
        if (isUnknown(namespace)) {
          unknown(`${where}: namespace unknown during preview.`, resource.urn);
          continue;
        }
        const ref = roleRefOf(object.object);
        if (ref === "unknown" || !ref?.name || !ref.kind) {
          if (ref === "unknown") unknown(`${where}: roleRef unknown during preview.`, resource.urn);
          continue;
        }
        const ns = clusterWide ? undefined : (str(namespace) ?? "default");
        const reach = reachOfRef(ref.kind, ns, ref.name);
        for (const s of groups)
          grantsFound.push({
            binding: resource,
            object,
            group: s.name!,
            namespace: ns,
            reach,
            roleName: `${ref.kind} ${ref.name}`,
          });
      }

      // Ordinary access in a namespace makes it the group's own; so does being its only one.
      const researcherGroups = new Set(homes.keys());
      const bound = new Map<string, Set<string>>();
      for (const g of grantsFound) {
        if (g.namespace === undefined) continue;
        if (workloadNamespaces.has(g.namespace)) researcherGroups.add(g.group);
        const set = bound.get(g.group) ?? new Set<string>();
        set.add(g.namespace);
        bound.set(g.group, set);
        if (g.reach !== "unknown" && !g.reach.secrets && !g.reach.exec)
          addHome(g.group, g.namespace);
      }
      for (const [group, namespaces] of bound)
        if (!homes.has(group) && namespaces.size === 1) addHome(group, [...namespaces][0]);

      for (const g of grantsFound) {
        const where = `${g.object.path ? `${g.object.path} of ` : ""}${g.object.kind} "${str(metadataOf(g.object)?.name) ?? g.binding.name}"`;
        if (g.namespace === undefined) {
          // Every namespace, workspaces included: no group of people holds that standing right.
          if (g.reach === "unknown")
            unknown(
              `${where} binds group "${g.group}" cluster-wide to ${g.roleName}, whose rules are not in the stack: whether it reads Secrets or execs into pods cannot be judged.`,
              g.binding.urn,
            );
          else if (g.reach.secrets || g.reach.exec)
            report(
              `${where} lets group "${g.group}" ${describe(g.reach)} in every namespace, each workspace included (${g.roleName}). Bind it per workspace with a RoleBinding, in the group's own namespace only.`,
              g.binding.urn,
            );
          continue;
        }
        if (!researcherGroups.has(g.group)) continue;
        const home = homes.get(g.group);
        if (home?.has(g.namespace)) continue;
        if (g.reach === "unknown") {
          unknown(
            `${where} binds researchers' group "${g.group}" in namespace "${g.namespace}" (not its own) to ${g.roleName}, whose rules are not in the stack.`,
            g.binding.urn,
          );
        } else if (g.reach.secrets || g.reach.exec) {
          const own = home && home.size > 0 ? [...home].join(", ") : "none it can be shown to own";
          report(
            `${where} lets researchers' group "${g.group}" ${describe(g.reach)} in namespace "${g.namespace}", outside its own workspace (${own}). Remove the binding or grant a Role without Secrets and pods/exec.`,
            g.binding.urn,
          );
        }
      }
    },
  });
}
