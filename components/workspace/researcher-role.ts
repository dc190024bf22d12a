/**
 * What the project's researchers may do with the Kubernetes API, in their own namespace only:
 * see their tool running, read its logs and events, stop and restart it. Nothing that reaches
 * data or identities: no secrets, no exec/attach/port-forward (which would bypass the gateway
 * and the airlock), no creating pods or changing policies, quotas or RBAC.
 */

export interface PolicyRule {
  apiGroups: string[];
  resources: string[];
  verbs: string[];
}

export const researcherRules: readonly PolicyRule[] = [
  {
    apiGroups: [""],
    resources: ["pods", "pods/log", "services", "persistentvolumeclaims"],
    verbs: ["get", "list", "watch"],
  },
  { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list", "watch"] },
  // Scale 0/1 is how a researcher stops the tool over a holiday and starts it again.
  { apiGroups: ["apps"], resources: ["deployments/scale"], verbs: ["get", "update", "patch"] },
  { apiGroups: ["", "events.k8s.io"], resources: ["events"], verbs: ["get", "list", "watch"] },
];

/** Resources researchers must never be granted, whatever a later edit adds above. */
export const forbiddenResearcherResources: readonly string[] = [
  "secrets",
  "pods/exec",
  "pods/attach",
  "pods/portforward",
  "pods/ephemeralcontainers",
  "networkpolicies",
  "resourcequotas",
  "limitranges",
  "roles",
  "rolebindings",
  "serviceaccounts/token",
  "*",
];
