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
} as const;
const P = rbacPolicies;

type Rule = {
  apiGroups?: string[];
  resources?: string[];
  verbs?: unknown;
  nonResourceURLs?: string[];
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
    [unknownOf(P.wildcard), unknownOf(P.escalation)],
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
  bad("a ClusterRoleBinding of edit to the researchers' group is rejected", [P.researcher], (s) =>
    clusterRoleBinding(s, "cardio-edit", "edit", [group(cardio)]),
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
      roleBinding(s, "a-view", "team-a", { kind: "ClusterRole", name: "view" }, [
        group("team-a-devs"),
      ]);
      role(s, "exec", "team-b", [readPods, execPods]);
      roleBinding(s, "a-exec-b", "team-b", { kind: "Role", name: "exec" }, [group("team-a-devs")]);
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
];
