/**
 * The RBAC rights that reach beyond what their holder is meant to touch, named once for the rules
 * that judge them (policies/rbac/role-no-sensitive-rights.ts, binding-data-rights-own-namespace.ts)
 * and for docs/coverage.md.
 *
 * Each right and why it matters comes from the Kubernetes documentation, "Role Based Access
 * Control Good Practices", section "Kubernetes RBAC - privilege escalation risks"
 * (https://kubernetes.io/docs/concepts/security/rbac-good-practices/), and the anchors that
 * ask for it: CIS Kubernetes 1.9 section 5.1 as kube-bench encodes it, Checkov's CKV_K8S_155/156
 * and CKV2_K8S_1/2/4/5 (their check logic was read at the commit cited in
 * scripts/coverage-anchors.ts; none of it is copied).
 */
import type { PolicyRule } from "./rbac";

/** A verb on some resources of some API groups; `*` in a role's lists matches anything here. */
interface Operation {
  readonly groups: readonly string[];
  readonly resources: readonly string[];
  readonly verbs: readonly string[];
}

export interface SensitiveRight {
  readonly id: string;
  /** What the holder can do, completing "lets its holder ...". */
  readonly does: string;
  /** The anchors' ids that ask for it. */
  readonly anchors: readonly string[];
  readonly operations: readonly Operation[];
  /**
   * True when a rule limited by `resourceNames` no longer grants the right: reading a few named
   * Secrets is not reading them all (CKV2_K8S_5 makes the same exception).
   */
  readonly namesLimit?: boolean;
  /**
   * True when the resources are cluster-scoped (nodes, CSRs, webhook configurations,
   * PersistentVolumes): a namespaced Role cannot grant them, only a ClusterRole can.
   */
  readonly clusterScoped?: boolean;
}

/** Every verb that writes an object (the API's own verbs; `deletecollection` included). */
const writeVerbs = ["create", "update", "patch", "delete", "deletecollection"];

/**
 * Rights that reach the nodes, the control plane or other identities, whatever namespace the
 * role is used in: no role a program declares should carry them.
 */
export const controlPlaneRights: readonly SensitiveRight[] = [
  {
    id: "nodes/proxy",
    clusterScoped: true,
    does: "call the kubelet API of every node (`nodes/proxy`), which runs commands in any pod and bypasses audit and admission",
    anchors: ["CIS 5.1.10", "CKV2_K8S_2"],
    // The kubelet maps HTTP methods to verbs (GET -> get, POST -> create...): any of them opens it.
    operations: [{ groups: [""], resources: ["nodes/proxy"], verbs: ["get", ...writeVerbs] }],
  },
  {
    id: "csr-approval",
    clusterScoped: true,
    does: "approve CertificateSigningRequests, issuing itself a client certificate for any identity, system:masters included",
    anchors: ["CIS 5.1.11", "CKV_K8S_156"],
    operations: [
      {
        groups: ["certificates.k8s.io"],
        resources: ["certificatesigningrequests/approval"],
        verbs: ["update", "patch"],
      },
      { groups: ["certificates.k8s.io"], resources: ["signers"], verbs: ["approve"] },
    ],
  },
  {
    id: "admission-webhooks",
    clusterScoped: true,
    does: "write admission webhook configurations or admission policies, which read or rewrite every object admitted to the cluster and can switch admission checks off",
    anchors: ["CIS 5.1.12", "CKV_K8S_155"],
    operations: [
      {
        groups: ["admissionregistration.k8s.io"],
        resources: [
          "validatingwebhookconfigurations",
          "mutatingwebhookconfigurations",
          // The in-process admission policies (ValidatingAdmissionPolicy, GA in Kubernetes 1.30,
          // and MutatingAdmissionPolicy) and their bindings: cluster-scoped objects that decide
          // which requests are refused or rewritten, so writing (or deleting) one switches the
          // same checks off (Kubernetes docs, "Validating Admission Policy",
          // https://kubernetes.io/docs/reference/access-authn-authz/validating-admission-policy/).
          // CIS 5.1.12 predates them and names the webhook configurations only.
          "validatingadmissionpolicies",
          "validatingadmissionpolicybindings",
          "mutatingadmissionpolicies",
          "mutatingadmissionpolicybindings",
        ],
        verbs: writeVerbs,
      },
    ],
  },
  {
    id: "persistent-volumes",
    clusterScoped: true,
    does: "create PersistentVolumes, whose `hostPath` gives a pod the node's file system",
    anchors: ["CIS 5.1.9"],
    operations: [{ groups: [""], resources: ["persistentvolumes"], verbs: ["create"] }],
  },
  {
    id: "token-request",
    does: "mint API tokens of existing service accounts (`serviceaccounts/token`), acting with their rights",
    anchors: ["CIS 5.1.13"],
    operations: [{ groups: [""], resources: ["serviceaccounts/token"], verbs: ["create"] }],
  },
  {
    id: "services-status",
    does: "write `services/status`, setting a load balancer ingress IP that redirects cluster traffic to it (CVE-2020-8554, unfixed)",
    anchors: ["CKV2_K8S_4"],
    operations: [{ groups: [""], resources: ["services/status"], verbs: ["update", "patch"] }],
  },
  {
    id: "binding-writes",
    does: "write RoleBindings or ClusterRoleBindings, handing every right it holds to any identity, one outside the platform included",
    anchors: ["CKV2_K8S_1"],
    operations: [
      {
        groups: ["rbac.authorization.k8s.io"],
        resources: ["rolebindings", "clusterrolebindings"],
        verbs: ["create", "update", "patch"],
      },
    ],
  },
];

/**
 * Rights over a namespace's data: legitimate for an identity inside its own namespace (a
 * workspace's tooling, its operator), a breach of the workspace boundary anywhere else.
 */
export const dataRights: readonly SensitiveRight[] = [
  {
    id: "secrets",
    does: "read Secrets",
    anchors: ["CIS 5.1.2", "CKV2_K8S_5"],
    operations: [{ groups: [""], resources: ["secrets"], verbs: ["get", "list", "watch"] }],
    namesLimit: true,
  },
  {
    id: "create-pods",
    does: "create pods (and so mount any Secret and run as any service account of the namespace)",
    anchors: ["CIS 5.1.4"],
    // Workload resources create pods through their controllers: the same right, one step removed.
    operations: [
      { groups: [""], resources: ["pods", "replicationcontrollers"], verbs: ["create"] },
      {
        groups: ["apps"],
        resources: ["deployments", "statefulsets", "daemonsets", "replicasets"],
        verbs: ["create"],
      },
      { groups: ["batch"], resources: ["jobs", "cronjobs"], verbs: ["create"] },
    ],
  },
  {
    id: "exec",
    does: "exec into, attach to, port-forward to or add a debug container to running pods",
    // Port-forward opens a socket into the pod through the kubelet, past the NetworkPolicies that
    // isolate it (KICS query 38fa11ef-dbcc-4da8-9680-7e1fd855b6fb, "RBAC Roles with
    // Port-Forwarding Permission", https://docs.datadoghq.com/security/code_security/iac_security/iac_rules/k8s/rbac_roles_with_portforwarding_permissions/).
    anchors: ["CKV2_K8S_2", "KICS 38fa11ef"],
    // `create` since Kubernetes 1.30's WebSocket exec; `get` opened the same door before.
    operations: [
      {
        groups: [""],
        resources: ["pods/exec", "pods/attach", "pods/portforward"],
        verbs: ["create", "get"],
      },
      // `kubectl debug` adds an ephemeral container to a running pod by writing its
      // `pods/ephemeralcontainers` subresource (Kubernetes docs, "Ephemeral Containers",
      // https://kubernetes.io/docs/concepts/workloads/pods/ephemeral-containers/): the added
      // container runs any command in the pod, with its volumes and Secrets (Elastic detection
      // rule 62a8cc5d, "Ephemeral Container Added to Pod").
      { groups: [""], resources: ["pods/ephemeralcontainers"], verbs: ["update", "patch"] },
    ],
  },
];

const matches = (granted: readonly string[], wanted: string) =>
  granted.some((g) => g === "*" || g === wanted);

function resourceMatches(granted: readonly string[], wanted: string): boolean {
  const [parent, sub] = wanted.split("/");
  return granted.some(
    (r) =>
      r === "*" || r === wanted || (sub !== undefined && (r === `${parent}/*` || r === `*/${sub}`)),
  );
}

/** Whether one rule of a role grants the right (its known lists; unknown parts are not guessed). */
export function ruleGrants(rule: PolicyRule, right: SensitiveRight): boolean {
  if (right.namesLimit && rule.resourceNames.length > 0) return false;
  return right.operations.some(
    (op) =>
      op.groups.some((g) => matches(rule.apiGroups, g)) &&
      op.verbs.some((v) => matches(rule.verbs, v)) &&
      op.resources.some((r) => resourceMatches(rule.resources, r)),
  );
}

/** The rights of `catalogue` that any of the rules grants. */
export function rightsGranted(
  rules: readonly PolicyRule[],
  catalogue: readonly SensitiveRight[],
): SensitiveRight[] {
  return catalogue.filter((right) => rules.some((rule) => ruleGrants(rule, right)));
}

/**
 * Kubernetes' own ClusterRoles whose rights the RBAC reference states
 * (https://kubernetes.io/docs/reference/access-authn-authz/rbac/#default-roles-and-role-bindings):
 * `admin` and `edit` access Secrets and run pods as any service account of the namespace (and
 * exec into them); `view` reads no Secret; `system:node` has "read access to all secrets".
 * `cluster-admin` is left to its own rule (kubernetes-rbac-binding-no-cluster-admin). Any other
 * `system:` role: the reference does not list its rights, so binding a subject that is not
 * Kubernetes' own to it is reported as unknown, never as compliant.
 */
export const builtInRoleRights: Readonly<Record<string, readonly string[]>> = {
  admin: ["secrets", "create-pods", "exec"],
  edit: ["secrets", "create-pods", "exec"],
  view: [],
  "system:node": ["secrets"],
};

export const allRights: readonly SensitiveRight[] = [...controlPlaneRights, ...dataRights];

/** Names listed by a right, for messages: "`nodes/proxy` (CIS 5.1.10, CKV2_K8S_2)". */
export const rightLabel = (right: SensitiveRight) => `${right.does} (${right.anchors.join(", ")})`;
