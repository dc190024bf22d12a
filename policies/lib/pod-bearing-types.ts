/**
 * The types a rule that judges pod specs must read: every Kubernetes type, since pod specs are
 * found by shape (lib/pod-spec.ts) and a custom resource of any group may carry one, except the
 * built-in kinds whose schema holds no pod template, in any API version and in their Patch and
 * List forms. The analyzer server then skips those kinds unread (patches/README.md): in a
 * workspace stack most Kubernetes resources are network policies, services, namespaces, quotas
 * and RBAC objects, and each of some thirty pod rules ran on every one of them to find nothing.
 *
 * Source: the Kubernetes API reference (https://kubernetes.io/docs/reference/kubernetes-api/):
 * only the workload resources (Pod, PodTemplate, ReplicationController, ReplicaSet, Deployment,
 * StatefulSet, DaemonSet, Job, CronJob) hold a PodSpec; none of the service, config and storage,
 * authorization or policy kinds listed below has one. The API server drops or refuses a field its
 * schema does not define, so a pod spec written into one of them never runs.
 */
const withoutPodTemplate: Readonly<Record<string, readonly string[]>> = {
  core: [
    "Service",
    "Endpoints",
    "Namespace",
    "ConfigMap",
    "Secret",
    "ServiceAccount",
    "PersistentVolumeClaim",
    "PersistentVolume",
    "ResourceQuota",
    "LimitRange",
  ],
  "discovery.k8s.io": ["EndpointSlice"],
  "networking.k8s.io": ["NetworkPolicy", "Ingress", "IngressClass"],
  "rbac.authorization.k8s.io": ["Role", "RoleBinding", "ClusterRole", "ClusterRoleBinding"],
  "storage.k8s.io": ["StorageClass"],
  policy: ["PodDisruptionBudget"],
  "scheduling.k8s.io": ["PriorityClass"],
};

export const podBearingTypes: readonly string[] = podBearingTypesAnd();

/**
 * The pod-bearing types, and also the built-in kinds named here (`core` `ServiceAccount`), in
 * every API version and in their Patch and List forms: for a rule that judges pods by shape and
 * a few kinds without a pod template by type.
 */
export function podBearingTypesAnd(
  also: Readonly<Record<string, readonly string[]>> = {},
): readonly string[] {
  return Object.freeze([
    "kubernetes:*",
    ...Object.entries(withoutPodTemplate).flatMap(([group, kinds]) =>
      kinds
        .filter((kind) => !also[group]?.includes(kind))
        .flatMap((kind) =>
          [kind, `${kind}Patch`, `${kind}List`].map((k) => `!kubernetes:${group}/*:${k}`),
        ),
    ),
  ]);
}
