/**
 * RBAC family: roles with wildcards or escalation verbs, bindings to cluster-admin, to everyone,
 * to the default service account, and researchers' groups reaching into other workspaces. Each
 * in several shapes (Role, ClusterRole, their Patch and List forms, other API versions) with a
 * compliant twin.
 */
import { unknown, type Stack } from "../baseline";
import { bad, good, unknownOf, type Case } from "./case";
import { rbacV1, teamNamespace } from "./shapes";

export const rbacPolicies = {
  wildcard: "kubernetes-rbac-role-no-wildcard",
  escalation: "kubernetes-rbac-role-no-escalation-verbs",
  clusterAdmin: "kubernetes-rbac-binding-no-cluster-admin",
  anonymous: "kubernetes-rbac-binding-no-anonymous-subjects",
  defaultSa: "kubernetes-rbac-binding-no-default-service-account",
  researcher: "kubernetes-rbac-rolebinding-researcher-own-workspace",
  sensitive: "kubernetes-rbac-role-no-sensitive-rights",
  dataRights: "kubernetes-rbac-binding-data-rights-own-namespace",
  aggregatedView: "kubernetes-rbac-clusterrole-no-data-rights-aggregated-to-view",
} as const;
const P = rbacPolicies;

type Rule = {
  apiGroups?: string[];
  resources?: string[];
  verbs?: unknown;
  nonResourceURLs?: string[];
  resourceNames?: string[];
};
type Subject = { kind: string; name: string; namespace?: string; apiGroup?: string };

const role = (s: Stack, key: string, namespace: string, rules: Rule[] | string, kind = "Role") =>
  s.add(key, `${rbacV1}:${kind}`, {
    metadata: kind === "Role" ? { name: key, namespace } : { name: key },
    rules,
  });
const clusterRole = (s: Stack, key: string, rules: Rule[] | string) =>
  role(s, key, "", rules, "ClusterRole");

const group = (name: string): Subject => ({
  kind: "Group",
  name,
  apiGroup: "rbac.authorization.k8s.io",
});
const sa = (name: string, namespace: string): Subject => ({
  kind: "ServiceAccount",
  name,
  namespace,
});

const roleBinding = (
  s: Stack,
  key: string,
  namespace: string,
  roleRef: { kind: string; name: string },
  subjects: Subject[],
) =>
  s.add(key, `${rbacV1}:RoleBinding`, {
    metadata: { name: key, namespace },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", ...roleRef },
    subjects,
  });
const clusterRoleBinding = (s: Stack, key: string, roleName: string, subjects: Subject[]) =>
  s.add(key, `${rbacV1}:ClusterRoleBinding`, {
    metadata: { name: key },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: roleName },
    subjects,
  });

const readPods: Rule = {
  apiGroups: [""],
  resources: ["pods", "pods/log"],
  verbs: ["get", "list", "watch"],
};
const readSecrets: Rule = { apiGroups: [""], resources: ["secrets"], verbs: ["get"] };
const execPods: Rule = { apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] };
const cardio = "hdh-researchers-cardio";

/** team-a's developers, at home in team-a by a `view` binding there, allowed to exec in `namespace`. */
const teamADevsExecIn = (s: Stack, namespace: string) => {
  roleBinding(s, "a-view", "team-a", { kind: "ClusterRole", name: "view" }, [group("team-a-devs")]);
  role(s, "exec", namespace, [readPods, execPods]);
  roleBinding(
    s,
    `a-exec-${namespace.replace("team-", "")}`,
    namespace,
    { kind: "Role", name: "exec" },
    [group("team-a-devs")],
  );
};

export const rbacCases: Case[] = [
  // --- wildcards ------------------------------------------------------------------------------
  bad("a ClusterRole granting every verb on pods is rejected", [P.wildcard], (s) =>
    clusterRole(s, "pod-boss", [{ apiGroups: [""], resources: ["pods"], verbs: ["*"] }]),
  ),
  bad(
    "a Role granting get on every resource, second item of a RoleList, is rejected",
    [P.wildcard],
    (s) =>
      s.add("roles", `${rbacV1}:RoleList`, {
        items: [
          { metadata: { name: "a", namespace: "ws-cardio" }, rules: [readPods] },
          {
            metadata: { name: "b", namespace: "ws-cardio" },
            rules: [{ apiGroups: [""], resources: ["*"], verbs: ["get"] }],
          },
        ],
      }),
  ),
  bad("a ClusterRolePatch opening every API group is rejected", [P.wildcard], (s) =>
    s.add("patch", `${rbacV1}:ClusterRolePatch`, {
      metadata: { name: "view" },
      rules: [{ apiGroups: ["*"], resources: ["deployments"], verbs: ["get"] }],
    }),
  ),
  bad("a ClusterRole on every non-resource URL is rejected", [P.wildcard], (s) =>
    clusterRole(s, "urls", [{ nonResourceURLs: ["*"], verbs: ["get"] }]),
  ),
  good("a Role naming its verbs, resources and groups passes", (s) =>
    role(s, "reader", "ws-cardio", [
      readPods,
      { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get"] },
    ]),
  ),
  bad(
    "a Role whose rules are unknown during preview is reported as unknown, not compliant",
    [unknownOf(P.wildcard), unknownOf(P.escalation), unknownOf(P.sensitive)],
    (s) => role(s, "later", "ws-cardio", unknown),
  ),

  // --- escalation verbs -----------------------------------------------------------------------
  bad("a ClusterRole that may impersonate users and groups is rejected", [P.escalation], (s) =>
    clusterRole(s, "impersonator", [
      { apiGroups: [""], resources: ["users", "groups"], verbs: ["impersonate"] },
    ]),
  ),
  bad("a v1beta1 Role that may bind roles is rejected", [P.escalation], (s) =>
    s.add("binder", "kubernetes:rbac.authorization.k8s.io/v1beta1:Role", {
      metadata: { name: "binder", namespace: "ws-cardio" },
      rules: [
        readPods,
        { apiGroups: ["rbac.authorization.k8s.io"], resources: ["roles"], verbs: ["get", "bind"] },
      ],
    }),
  ),
  bad("a ClusterRole that may escalate, among other verbs, is rejected", [P.escalation], (s) =>
    clusterRole(s, "escalator", [
      {
        apiGroups: ["rbac.authorization.k8s.io"],
        resources: ["clusterroles"],
        verbs: ["get", "escalate", "update"],
      },
    ]),
  ),
  good("a ClusterRole reading roles, without escalate or bind, passes", (s) =>
    clusterRole(s, "rbac-reader", [
      {
        apiGroups: ["rbac.authorization.k8s.io"],
        resources: ["roles", "rolebindings"],
        verbs: ["get", "list"],
      },
    ]),
  ),

  // --- cluster-admin and system:masters -------------------------------------------------------
  bad(
    "a ClusterRoleBinding giving a service account cluster-admin is rejected",
    [P.clusterAdmin],
    (s) => clusterRoleBinding(s, "ci-admin", "cluster-admin", [sa("deployer", "ci")]),
  ),
  bad("a RoleBinding giving cluster-admin within a namespace is rejected", [P.clusterAdmin], (s) =>
    roleBinding(s, "ns-admin", "ws-cardio", { kind: "ClusterRole", name: "cluster-admin" }, [
      sa("jupyter-api", "ws-cardio"),
    ]),
  ),
  bad("a binding naming the system:masters group is rejected", [P.clusterAdmin], (s) =>
    clusterRoleBinding(s, "masters", "view", [group("system:masters")]),
  ),
  bad(
    "cluster-admin for a group of people is rejected twice: the role, and Secrets read in every workspace",
    [P.clusterAdmin, P.researcher],
    (s) => clusterRoleBinding(s, "ops-admin", "cluster-admin", [group("platform-ops")]),
  ),
  good("a ClusterRoleBinding of view to an auditors' group passes", (s) =>
    clusterRoleBinding(s, "auditors", "view", [group("auditors")]),
  ),
  bad(
    "a binding whose roleRef is unknown during preview is reported as unknown",
    [unknownOf(P.clusterAdmin), unknownOf(P.researcher)],
    (s) =>
      s.add("later-binding", `${rbacV1}:RoleBinding`, {
        metadata: { name: "later", namespace: "ws-cardio" },
        roleRef: unknown,
        subjects: [group(cardio)],
      }),
  ),

  // --- everyone ---------------------------------------------------------------------------------
  bad("a ClusterRoleBinding of view to system:unauthenticated is rejected", [P.anonymous], (s) =>
    clusterRoleBinding(s, "public-view", "view", [group("system:unauthenticated")]),
  ),
  bad("a RoleBinding to the system:anonymous user is rejected", [P.anonymous], (s) => {
    role(s, "reader", "ws-cardio", [readPods]);
    roleBinding(s, "anon", "ws-cardio", { kind: "Role", name: "reader" }, [
      { kind: "User", name: "system:anonymous", apiGroup: "rbac.authorization.k8s.io" },
    ]);
  }),
  bad(
    "system:authenticated as the second subject of a RoleBindingList item is rejected",
    [P.anonymous],
    (s) =>
      s.add("bindings", `${rbacV1}:RoleBindingList`, {
        items: [
          {
            metadata: { name: "everyone", namespace: "ws-cardio" },
            roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "view" },
            subjects: [group(cardio), group("system:authenticated")],
          },
        ],
      }),
  ),
  good("re-declaring Kubernetes' own public-info-viewer binding passes", (s) =>
    clusterRoleBinding(s, "system:public-info-viewer", "system:public-info-viewer", [
      group("system:authenticated"),
      group("system:unauthenticated"),
    ]),
  ),

  // --- default service account ------------------------------------------------------------------
  bad(
    "a RoleBinding to the namespace's default service account is rejected",
    [P.defaultSa],
    (s) => {
      role(s, "reader", "ws-cardio", [readPods]);
      roleBinding(s, "default-reader", "ws-cardio", { kind: "Role", name: "reader" }, [
        sa("default", "ws-cardio"),
      ]);
    },
  ),
  bad("a ClusterRoleBinding to every service account is rejected", [P.defaultSa], (s) =>
    clusterRoleBinding(s, "all-sa", "view", [group("system:serviceaccounts")]),
  ),
  bad("the default service account named as a user is rejected", [P.defaultSa], (s) =>
    clusterRoleBinding(s, "sa-user", "view", [
      {
        kind: "User",
        name: "system:serviceaccount:platform:default",
        apiGroup: "rbac.authorization.k8s.io",
      },
    ]),
  ),
  good("a RoleBinding to a dedicated service account passes", (s) => {
    role(s, "reader", "ws-cardio", [readPods]);
    roleBinding(s, "api-reader", "ws-cardio", { kind: "Role", name: "reader" }, [
      sa("jupyter-api", "ws-cardio"),
    ]);
  }),

  // --- researchers' groups outside their workspace ----------------------------------------------
  bad(
    "a ClusterRoleBinding of edit to the researchers' group is rejected: Secrets and exec everywhere, and pod creation",
    [P.researcher, P.dataRights],
    (s) => clusterRoleBinding(s, "cardio-edit", "edit", [group(cardio)]),
  ),
  bad(
    "the researchers' group reading Secrets in another team's namespace is rejected",
    [P.researcher],
    (s) => {
      teamNamespace(s, "oncology");
      role(s, "secret-reader", "oncology", [readPods, readSecrets]);
      roleBinding(s, "cardio-in-onco", "oncology", { kind: "Role", name: "secret-reader" }, [
        group(cardio),
      ]);
    },
  ),
  bad(
    "a group at home in team-a by its bindings alone, exec-ing into team-b's pods, is rejected",
    [P.researcher],
    (s) => {
      teamNamespace(s, "team-a");
      teamNamespace(s, "team-b");
      teamADevsExecIn(s, "team-b");
    },
  ),
  bad(
    "a group reading Secrets in two workload namespaces is rejected in both (neither shown its own)",
    [P.researcher],
    (s) => {
      teamNamespace(s, "team-a");
      teamNamespace(s, "team-b");
      roleBinding(s, "x-a", "team-a", { kind: "ClusterRole", name: "edit" }, [group("team-x")]);
      roleBinding(s, "x-b", "team-b", { kind: "ClusterRole", name: "admin" }, [group("team-x")]);
    },
  ),
  good("the researchers' group with edit in its own workspace passes", (s) =>
    roleBinding(s, "cardio-edit", "ws-cardio", { kind: "ClusterRole", name: "edit" }, [
      group(cardio),
    ]),
  ),
  good("a group no label names, whose only bindings sit in one namespace, passes", (s) => {
    teamNamespace(s, "team-a");
    roleBinding(s, "a-edit", "team-a", { kind: "ClusterRole", name: "edit" }, [
      group("team-a-devs"),
    ]);
    roleBinding(s, "a-view", "team-a", { kind: "ClusterRole", name: "view" }, [
      group("team-a-devs"),
    ]);
  }),
  bad(
    "a role of the live cluster bound for the researchers elsewhere is reported as unknown",
    [unknownOf(P.researcher)],
    (s) => {
      teamNamespace(s, "oncology");
      roleBinding(s, "cardio-custom", "oncology", { kind: "ClusterRole", name: "lab-operator" }, [
        group(cardio),
      ]);
    },
  ),

  // --- rights that reach the nodes, the control plane or other identities ----------------------
  bad("a ClusterRole that approves CertificateSigningRequests is rejected", [P.sensitive], (s) =>
    clusterRole(s, "csr-approver", [
      {
        apiGroups: ["certificates.k8s.io"],
        resources: ["certificatesigningrequests", "certificatesigningrequests/approval"],
        verbs: ["get", "list", "update"],
      },
      {
        apiGroups: ["certificates.k8s.io"],
        resources: ["signers"],
        resourceNames: ["kubernetes.io/kube-apiserver-client"],
        verbs: ["approve"],
      },
    ]),
  ),
  bad(
    "a v1beta1 ClusterRole that may patch validating webhook configurations is rejected",
    [P.sensitive],
    (s) =>
      s.add("webhook-admin", "kubernetes:rbac.authorization.k8s.io/v1beta1:ClusterRole", {
        metadata: { name: "webhook-admin" },
        rules: [
          {
            apiGroups: ["admissionregistration.k8s.io"],
            resources: ["validatingwebhookconfigurations"],
            verbs: ["get", "patch"],
          },
        ],
      }),
  ),
  bad("a Role in a workspace that mints service account tokens is rejected", [P.sensitive], (s) =>
    role(s, "token-minter", "ws-cardio", [
      { apiGroups: [""], resources: ["serviceaccounts/token"], verbs: ["create"] },
    ]),
  ),
  bad(
    "nodes/proxy granted in the second item of a ClusterRoleList is rejected",
    [P.sensitive],
    (s) =>
      s.add("node-roles", `${rbacV1}:ClusterRoleList`, {
        items: [
          {
            metadata: { name: "node-reader" },
            rules: [{ apiGroups: [""], resources: ["nodes"], verbs: ["get"] }],
          },
          {
            metadata: { name: "kubelet-caller" },
            rules: [{ apiGroups: [""], resources: ["nodes/proxy"], verbs: ["get"] }],
          },
        ],
      }),
  ),
  bad("a ClusterRolePatch adding PersistentVolume creation is rejected", [P.sensitive], (s) =>
    s.add("pv-patch", `${rbacV1}:ClusterRolePatch`, {
      metadata: { name: "storage-operator" },
      rules: [{ apiGroups: [""], resources: ["persistentvolumes"], verbs: ["get", "create"] }],
    }),
  ),
  bad("a Role that may patch services/status (CVE-2020-8554) is rejected", [P.sensitive], (s) =>
    role(s, "lb-status", "platform", [
      { apiGroups: [""], resources: ["services", "services/status"], verbs: ["get", "patch"] },
    ]),
  ),
  bad("a Role that may create RoleBindings is rejected", [P.sensitive], (s) =>
    role(s, "delegator", "ws-cardio", [
      { apiGroups: ["rbac.authorization.k8s.io"], resources: ["rolebindings"], verbs: ["create"] },
    ]),
  ),
  good("a ClusterRole reading CSRs and webhook configurations, writing neither, passes", (s) =>
    clusterRole(s, "cert-auditor", [
      {
        apiGroups: ["certificates.k8s.io"],
        resources: ["certificatesigningrequests"],
        verbs: ["get", "list", "watch"],
      },
      {
        apiGroups: ["admissionregistration.k8s.io"],
        resources: ["validatingwebhookconfigurations", "mutatingwebhookconfigurations"],
        verbs: ["get", "list"],
      },
    ]),
  ),
  good("a ClusterRole reading node metrics and PersistentVolumes passes", (s) =>
    clusterRole(s, "node-metrics", [
      {
        apiGroups: [""],
        resources: ["nodes/metrics", "nodes/stats", "persistentvolumes"],
        verbs: ["get", "list"],
      },
    ]),
  ),
  bad(
    "a role rule whose verbs are unknown during preview is reported as unknown",
    [unknownOf(P.sensitive), unknownOf(P.escalation), unknownOf(P.wildcard)],
    (s) =>
      role(s, "later-rule", "ws-cardio", [
        { apiGroups: [""], resources: ["pods"], verbs: unknown },
      ]),
  ),

  // --- Secrets, pod creation and exec beyond the subject's own namespace -----------------------
  bad(
    "a ClusterRoleBinding letting a service account read every Secret is rejected",
    [P.dataRights],
    (s) => {
      clusterRole(s, "secret-reader", [
        { apiGroups: [""], resources: ["secrets"], verbs: ["list", "watch"] },
      ]);
      clusterRoleBinding(s, "backup-secrets", "secret-reader", [sa("backup", "platform")]);
    },
  ),
  bad(
    "a RoleBinding giving a service account of another namespace edit in a workspace is rejected",
    [P.dataRights],
    (s) =>
      roleBinding(s, "ci-in-cardio", "ws-cardio", { kind: "ClusterRole", name: "edit" }, [
        sa("deployer", "ci"),
      ]),
  ),
  bad("a ClusterRoleBinding of admin to one person is rejected", [P.dataRights], (s) =>
    clusterRoleBinding(s, "alice-admin", "admin", [
      { kind: "User", name: "alice@hospital.example", apiGroup: "rbac.authorization.k8s.io" },
    ]),
  ),
  bad(
    "system:node bound to an ordinary service account, in a ClusterRoleBindingList, is rejected",
    [P.dataRights],
    (s) =>
      s.add("node-bindings", `${rbacV1}:ClusterRoleBindingList`, {
        items: [
          {
            metadata: { name: "fake-node" },
            roleRef: {
              apiGroup: "rbac.authorization.k8s.io",
              kind: "ClusterRole",
              name: "system:node",
            },
            subjects: [sa("agent", "monitoring")],
          },
        ],
      }),
  ),
  bad(
    "exec into every pod for a service account named as a user is rejected",
    [P.dataRights],
    (s) => {
      clusterRole(s, "debugger", [execPods]);
      clusterRoleBinding(s, "runner-debug", "debugger", [
        {
          kind: "User",
          name: "system:serviceaccount:ci:runner",
          apiGroup: "rbac.authorization.k8s.io",
        },
      ]);
    },
  ),
  bad("a group creating Deployments in every namespace is rejected", [P.dataRights], (s) => {
    clusterRole(s, "deployer", [
      { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "create", "update"] },
    ]);
    clusterRoleBinding(s, "devs-deploy", "deployer", [group("release-managers")]);
  }),
  good("a service account creating pods and reading Secrets in its own namespace passes", (s) => {
    role(s, "spawner", "ws-cardio", [
      { apiGroups: [""], resources: ["pods"], verbs: ["get", "list", "create", "delete"] },
      readSecrets,
    ]);
    roleBinding(s, "hub-spawner", "ws-cardio", { kind: "Role", name: "spawner" }, [
      sa("hub", "ws-cardio"),
    ]);
  }),
  good("a ClusterRole bound by a RoleBinding to a service account of that namespace passes", (s) =>
    roleBinding(s, "ops-edit", "platform", { kind: "ClusterRole", name: "edit" }, [
      sa("operator", "platform"),
    ]),
  ),
  good("Kubernetes' own node group bound to system:node passes", (s) =>
    clusterRoleBinding(s, "system:node", "system:node", [group("system:nodes")]),
  ),
  good("reading two named Secrets cluster-wide passes (resourceNames)", (s) => {
    clusterRole(s, "ca-reader", [
      {
        apiGroups: [""],
        resources: ["secrets"],
        resourceNames: ["ca-bundle", "trust"],
        verbs: ["get"],
      },
    ]);
    clusterRoleBinding(s, "ca-readers", "ca-reader", [sa("mesh", "platform")]);
  }),
  bad(
    "a ClusterRole of the live cluster bound to a service account everywhere is reported as unknown",
    [unknownOf(P.dataRights)],
    (s) => clusterRoleBinding(s, "agent-custom", "lab-operator", [sa("agent", "monitoring")]),
  ),
  bad(
    "Kubernetes' controller-manager role bound to an ordinary service account is reported as unknown",
    [unknownOf(P.dataRights)],
    (s) =>
      clusterRoleBinding(s, "fake-kcm", "system:kube-controller-manager", [
        sa("agent", "monitoring"),
      ]),
  ),
  // --- ClusterRoles aggregated into Kubernetes' own `view` --------------------------------------
  bad(
    "a ClusterRole aggregated into `view` that reads Secrets is rejected (every view holder reads them)",
    [P.aggregatedView],
    (s) =>
      s.add("view-secrets", `${rbacV1}:ClusterRole`, {
        metadata: {
          name: "view-secrets",
          labels: { "rbac.authorization.k8s.io/aggregate-to-view": "true" },
        },
        rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get", "list"] }],
      }),
  ),
  good("a ClusterRole aggregated into `view` that reads only ConfigMaps passes", (s) =>
    s.add("view-config", `${rbacV1}:ClusterRole`, {
      metadata: {
        name: "view-config",
        labels: { "rbac.authorization.k8s.io/aggregate-to-view": "true" },
      },
      rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "list"] }],
    }),
  ),
  bad(
    "a ClusterRoleList item aggregated into `view` that execs into pods is rejected",
    [P.aggregatedView],
    (s) =>
      s.add("view-list", `${rbacV1}:ClusterRoleList`, {
        items: [
          {
            metadata: {
              name: "view-exec",
              labels: { "rbac.authorization.k8s.io/aggregate-to-view": "true" },
            },
            rules: [{ apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] }],
          },
        ],
      }),
  ),
  bad(
    "a ClusterRole reading Secrets whose labels are unknown during preview is named, not passed",
    [unknownOf(P.aggregatedView)],
    (s) =>
      s.add("maybe-view", `${rbacV1}:ClusterRole`, {
        metadata: { name: "maybe-view", labels: unknown },
        rules: [{ apiGroups: [""], resources: ["secrets"], verbs: ["get"] }],
      }),
  ),
  // --- researchers' workloads declared as List items, each in its own namespace --------------
  bad(
    "a group at home in team-a exec-ing into team-b, both teams' workloads items of one DeploymentList, is rejected",
    [P.researcher],
    (s) => {
      teamsAsListItems(s);
      teamADevsExecIn(s, "team-b");
    },
  ),
  good(
    "a group exec-ing into its own team-a, the workloads items of one DeploymentList, passes",
    (s) => {
      teamsAsListItems(s);
      teamADevsExecIn(s, "team-a");
    },
  ),
  // --- port-forward: a socket into the pod, past its NetworkPolicies ---------------------------
  bad(
    "port-forward into every pod for a service account of another namespace is rejected",
    [P.dataRights],
    (s) => {
      clusterRole(s, "tunnel", [
        { apiGroups: [""], resources: ["pods/portforward"], verbs: ["create"] },
      ]);
      clusterRoleBinding(s, "ci-tunnel", "tunnel", [sa("runner", "ci")]);
    },
  ),
  bad(
    "a group at home in team-a port-forwarding into team-b's pods is rejected",
    [P.researcher],
    (s) => {
      teamNamespace(s, "team-a");
      teamNamespace(s, "team-b");
      roleBinding(s, "a-view", "team-a", { kind: "ClusterRole", name: "view" }, [
        group("team-a-devs"),
      ]);
      role(s, "tunnel", "team-b", [
        readPods,
        { apiGroups: [""], resources: ["pods/portforward"], verbs: ["create"] },
      ]);
      roleBinding(s, "a-tunnel-b", "team-b", { kind: "Role", name: "tunnel" }, [
        group("team-a-devs"),
      ]);
    },
  ),
  good("port-forward into its own team-a's pods for team-a's group passes", (s) => {
    teamNamespace(s, "team-a");
    roleBinding(s, "a-view", "team-a", { kind: "ClusterRole", name: "view" }, [
      group("team-a-devs"),
    ]);
    role(s, "tunnel", "team-a", [
      readPods,
      { apiGroups: [""], resources: ["pods/portforward"], verbs: ["create"] },
    ]);
    roleBinding(s, "a-tunnel-a", "team-a", { kind: "Role", name: "tunnel" }, [
      group("team-a-devs"),
    ]);
  }),
];

/** Two isolated team namespaces whose workloads are the items of one DeploymentList. */
function teamsAsListItems(s: Stack): void {
  teamNamespace(s, "team-a");
  teamNamespace(s, "team-b");
  const items = ["team-a-app", "team-b-app"].map((key) => {
    const workload = s.inputs(key);
    s.resources.delete(key);
    return workload;
  });
  s.add("team-apps", `kubernetes:apps/v1:DeploymentList`, { items });
}
