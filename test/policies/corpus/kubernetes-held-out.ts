/**
 * Kubernetes shapes of the third held-out round: volumes the node mounts for the pod (nfs,
 * flexVolume...), PersistentVolumes declared in a List, pods that custom resources of common
 * operators carry elsewhere than `spec.template.spec`, and rights outside the usual verbs.
 */
import { unknown, type Stack } from "../baseline";
import { bad, good, unknownOf, type Case } from "./case";
import { mksServer } from "./endpoints";
import { wholePodTwins } from "./pod-unknowns";
import { podWith } from "./shapes";

const P = {
  hostPath: "kubernetes-core-pod-no-host-path",
  pvHostPath: "kubernetes-core-persistentvolume-no-host-path",
} as const;

type Json = Record<string, unknown>;
/** A hardened Deployment in the platform namespace whose pod spec `edit` changes. */
const deploymentWith = (s: Stack, edit: (container: Json, spec: Json) => void) =>
  s.add("team-app", "kubernetes:apps/v1:Deployment", {
    metadata: { name: "team-app", namespace: "platform" },
    spec: {
      selector: { matchLabels: { app: "team-app" } },
      template: { metadata: { labels: { app: "team-app" } }, spec: podWith(edit) },
    },
  });
const pvList = (s: Stack, items: unknown) =>
  s.add("node-dirs", "kubernetes:core/v1:PersistentVolumeList", { items });

export const kubernetesHeldOutCases: Case[] = [
  bad(
    "an nfs volume, mounted by the node outside the pod's network policy, is rejected",
    [P.hostPath],
    (s) =>
      deploymentWith(s, (_c, spec) => {
        spec.volumes = [{ name: "share", nfs: { server: "198.51.100.9", path: "/exports" } }];
      }),
  ),
  bad("a flexVolume, whose driver runs as root on the node, is rejected", [P.hostPath], (s) =>
    deploymentWith(s, (_c, spec) => {
      spec.volumes = [{ name: "x", flexVolume: { driver: "example.fr/lvm" } }];
    }),
  ),
  good(
    "inline csi and generic ephemeral volumes, which Pod Security restricted allows, pass",
    (s) =>
      deploymentWith(s, (_c, spec) => {
        spec.volumes = [
          { name: "certs", csi: { driver: "secrets-store.csi.k8s.io", readOnly: true } },
          {
            name: "scratch",
            ephemeral: {
              volumeClaimTemplate: {
                spec: {
                  storageClassName: "encrypted-cinder",
                  accessModes: ["ReadWriteOnce"],
                  resources: { requests: { storage: "1Gi" } },
                },
              },
            },
          },
        ];
      }),
  ),
  bad("a PersistentVolumeList item backed by hostPath is rejected", [P.pvHostPath], (s) =>
    pvList(s, [
      {
        metadata: { name: "ok" },
        spec: { csi: { driver: "cinder.csi.openstack.org", volumeHandle: "v" } },
      },
      {
        metadata: { name: "node-root" },
        spec: { capacity: { storage: "1Gi" }, hostPath: { path: "/" } },
      },
    ]),
  ),
  good("a PersistentVolumeList of CSI volumes passes", (s) =>
    pvList(s, [
      {
        metadata: { name: "ok" },
        spec: { csi: { driver: "cinder.csi.openstack.org", volumeHandle: "v" } },
      },
    ]),
  ),
  bad(
    "a PersistentVolumeList whose items are unknown during preview is named unknown",
    [unknownOf(P.pvHostPath)],
    (s) => pvList(s, unknown),
  ),
];

const rbacV1 = "kubernetes:rbac.authorization.k8s.io/v1";
const R = {
  dataRights: "kubernetes-rbac-binding-data-rights-own-namespace",
  sensitive: "kubernetes-rbac-role-no-sensitive-rights",
  privileged: "kubernetes-core-pod-no-privileged",
} as const;
/** A ClusterRole `name` with the rules given, bound cluster-wide to CI's service account. */
const clusterRoleBoundToCi = (s: Stack, name: string, rules: unknown[]) => {
  s.add(name, `${rbacV1}:ClusterRole`, { metadata: { name }, rules });
  s.add(`${name}-ci`, `${rbacV1}:ClusterRoleBinding`, {
    metadata: { name: `${name}-ci` },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name },
    subjects: [{ kind: "ServiceAccount", name: "runner", namespace: "ci" }],
  });
};
const ephemeralContainers = [
  { apiGroups: [""], resources: ["pods/ephemeralcontainers"], verbs: ["patch"] },
];

kubernetesHeldOutCases.push(
  bad(
    "adding debug containers to every namespace's pods (pods/ephemeralcontainers) is rejected like exec",
    [R.dataRights],
    (s) => clusterRoleBoundToCi(s, "debugger", ephemeralContainers),
  ),
  good("reading pods' ephemeral containers cluster-wide passes", (s) =>
    clusterRoleBoundToCi(s, "debug-reader", [
      { apiGroups: [""], resources: ["pods/ephemeralcontainers"], verbs: ["get"] },
    ]),
  ),
  bad(
    "a ClusterRole deleting ValidatingAdmissionPolicyBindings (admission checks off) is rejected",
    [R.sensitive],
    (s) =>
      s.add("vap-admin", `${rbacV1}:ClusterRole`, {
        metadata: { name: "vap-admin" },
        rules: [
          {
            apiGroups: ["admissionregistration.k8s.io"],
            resources: ["validatingadmissionpolicybindings"],
            verbs: ["delete"],
          },
        ],
      }),
  ),
  good("a ClusterRole reading admission policies passes", (s) =>
    s.add("vap-reader", `${rbacV1}:ClusterRole`, {
      metadata: { name: "vap-reader" },
      rules: [
        {
          apiGroups: ["admissionregistration.k8s.io"],
          resources: ["validatingadmissionpolicies", "validatingadmissionpolicybindings"],
          verbs: ["get", "list", "watch"],
        },
      ],
    }),
  ),
  bad(
    "a KEDA ScaledJob whose job pod (spec.jobTargetRef.template) runs privileged is rejected",
    [R.privileged],
    (s) =>
      s.add("events", "kubernetes:keda.sh/v1alpha1:ScaledJob", {
        metadata: { name: "events", namespace: "platform" },
        spec: {
          jobTargetRef: {
            template: {
              spec: {
                ...podWith((c) => ((c.securityContext as Json).privileged = true)),
                restartPolicy: "Never",
              },
            },
          },
          triggers: [{ type: "cron", metadata: { timezone: "Europe/Paris", start: "0 * * * *" } }],
        },
      }),
  ),
  good("a KEDA ScaledJob with a hardened job pod passes", (s) =>
    s.add("events", "kubernetes:keda.sh/v1alpha1:ScaledJob", {
      metadata: { name: "events", namespace: "platform" },
      spec: {
        jobTargetRef: { template: { spec: { ...podWith(() => {}), restartPolicy: "Never" } } },
        triggers: [{ type: "cron", metadata: { timezone: "Europe/Paris", start: "0 * * * *" } }],
      },
    }),
  ),
);

/** A ClusterRole aggregating every ClusterRole labelled `example.fr/aggregate-to-ci: "true"`. */
const aggregator = (s: Stack, selectors: unknown) =>
  s.add("ci-aggregate", `${rbacV1}:ClusterRole`, {
    metadata: { name: "ci-aggregate" },
    aggregationRule: { clusterRoleSelectors: selectors },
    rules: [],
  });
const aggregatedPart = (s: Stack, rules: unknown[]) =>
  s.add("ci-part", `${rbacV1}:ClusterRole`, {
    metadata: { name: "ci-part", labels: { "example.fr/aggregate-to-ci": "true" } },
    rules,
  });
const bindAggregatorToCi = (s: Stack) =>
  s.add("ci-aggregate-ci", `${rbacV1}:ClusterRoleBinding`, {
    metadata: { name: "ci-aggregate-ci" },
    roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: "ci-aggregate" },
    subjects: [{ kind: "ServiceAccount", name: "runner", namespace: "ci" }],
  });

kubernetesHeldOutCases.push(
  bad(
    "a ClusterRole aggregating (by a custom label) a role that reads Secrets, bound cluster-wide, is rejected",
    [R.dataRights],
    (s) => {
      aggregator(s, [{ matchLabels: { "example.fr/aggregate-to-ci": "true" } }]);
      aggregatedPart(s, [{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }]);
      bindAggregatorToCi(s);
    },
  ),
  bad(
    "a ClusterRole aggregating by matchExpressions a role that execs into pods is rejected",
    [R.dataRights],
    (s) => {
      aggregator(s, [
        { matchExpressions: [{ key: "example.fr/aggregate-to-ci", operator: "Exists" }] },
      ]);
      aggregatedPart(s, [{ apiGroups: [""], resources: ["pods/exec"], verbs: ["create"] }]);
      bindAggregatorToCi(s);
    },
  ),
  good("a ClusterRole aggregating a read-only role on pods, bound cluster-wide, passes", (s) => {
    aggregator(s, [{ matchLabels: { "example.fr/aggregate-to-ci": "true" } }]);
    aggregatedPart(s, [{ apiGroups: [""], resources: ["pods"], verbs: ["get", "list"] }]);
    bindAggregatorToCi(s);
  }),
  bad(
    "a ClusterRole whose aggregation selectors are unknown, bound cluster-wide, is named unknown",
    [unknownOf(R.dataRights)],
    (s) => {
      aggregator(s, unknown);
      aggregatedPart(s, [{ apiGroups: [""], resources: ["secrets"], verbs: ["list"] }]);
      bindAggregatorToCi(s);
    },
  ),
);

const isolation = "kubernetes-core-namespace-workload-isolation";
/** A Deployment naming no namespace, deployed through a Kubernetes provider with `inputs`. */
const deploymentThroughProvider = (s: Stack, inputs: Json) => {
  const providerUrn = s.add("k8s-team", "pulumi:providers:kubernetes", {
    kubeconfig: JSON.stringify({ clusters: [{ name: "hdh", cluster: { server: mksServer } }] }),
    ...inputs,
  }).urn;
  s.add(
    "etl",
    "kubernetes:apps/v1:Deployment",
    {
      metadata: { name: "etl" },
      spec: {
        selector: { matchLabels: { app: "etl" } },
        template: { metadata: { labels: { app: "etl" } }, spec: podWith(() => {}) },
      },
    },
    { providerUrn },
  );
};

kubernetesHeldOutCases.push(
  good(
    "a workload naming no namespace, placed by its provider in an isolated namespace, passes",
    (s) => deploymentThroughProvider(s, { namespace: "platform" }),
  ),
  bad(
    "a workload naming no namespace, placed by its provider in a namespace without default deny, is rejected",
    [isolation, "hdh-all-datastore-ownership-labels"],
    (s) => {
      s.add("ns-scratch", "kubernetes:core/v1:Namespace", {
        metadata: {
          name: "scratch",
          labels: {
            "pod-security.kubernetes.io/enforce": "restricted",
            "pod-security.kubernetes.io/enforce-version": "latest",
          },
        },
      });
      deploymentThroughProvider(s, { namespace: "scratch" });
    },
  ),
  bad(
    "a workload naming no namespace, whose provider's namespace is unknown, is named unknown",
    [unknownOf(isolation), unknownOf("kubernetes-core-no-default-namespace")],
    (s) => deploymentThroughProvider(s, { namespace: unknown }),
  ),
);

/**
 * An Argo Workflow in the platform namespace: the hardened pod's settings at the workflow level,
 * its container as the step's, `edit` applied to that container and the workflow spec.
 */
const argoWorkflow = (
  s: Stack,
  edit: (container: Json, workflow: Json) => void,
  type = "kubernetes:argoproj.io/v1alpha1:Workflow",
) => {
  const pod = podWith(() => {});
  const { containers, securityContext, automountServiceAccountToken } = pod as {
    containers: Json[];
    securityContext: Json;
    automountServiceAccountToken: boolean;
  };
  const { livenessProbe: _l, readinessProbe: _r, ports: _p, ...container } = containers[0];
  const workflow: Json = {
    entrypoint: "extract",
    securityContext,
    automountServiceAccountToken,
    executor: { serviceAccountName: "argo-executor" },
    templates: [{ name: "extract", container }],
  };
  edit(container, workflow);
  const spec = type.endsWith(":CronWorkflow")
    ? { schedule: "0 3 * * *", workflowSpec: workflow }
    : workflow;
  s.add("extract", type, { metadata: { name: "extract", namespace: "platform" }, spec });
};

kubernetesHeldOutCases.push(
  good("a hardened Argo Workflow step passes (it runs to completion: no probes needed)", (s) =>
    argoWorkflow(s, () => {}),
  ),
  bad("an Argo Workflow step whose container runs privileged is rejected", [R.privileged], (s) =>
    argoWorkflow(s, (c) => ((c.securityContext as Json).privileged = true)),
  ),
  bad(
    "an Argo CronWorkflow sharing the host's network is rejected",
    ["kubernetes-core-pod-no-host-namespaces"],
    (s) =>
      argoWorkflow(
        s,
        (_c, w) => (w.hostNetwork = true),
        "kubernetes:argoproj.io/v1alpha1:CronWorkflow",
      ),
  ),
  bad(
    "an Argo WorkflowTemplate mounting the node's root in a script step is rejected",
    [P.hostPath],
    (s) =>
      argoWorkflow(
        s,
        (c, w) => {
          w.volumes = [{ name: "node", hostPath: { path: "/" } }];
          w.templates = [{ name: "extract", script: { ...c, source: "ls /node" } }];
        },
        "kubernetes:argoproj.io/v1alpha1:WorkflowTemplate",
      ),
  ),
  bad(
    "an Argo Workflow sidecar pulling from Docker Hub is rejected",
    ["kubernetes-core-pod-image-eu-registry", "kubernetes-core-pod-image-extra-eu-registry"],
    (s) =>
      argoWorkflow(s, (c, w) => {
        (w.templates as Json[])[0].sidecars = [
          { ...c, name: "proxy", image: "docker.io/library/nginx:1.27" },
        ];
      }),
  ),
);

const pvcClass = "kubernetes-core-persistentvolumeclaim-encrypted-class";
const scratchVolume = (storageClassName: unknown) => ({
  name: "scratch",
  ephemeral: {
    volumeClaimTemplate: {
      spec: {
        storageClassName,
        accessModes: ["ReadWriteOnce"],
        resources: { requests: { storage: "50Gi" } },
      },
    },
  },
});

kubernetesHeldOutCases.push(
  bad(
    "a generic ephemeral volume claiming from an unencrypted StorageClass is rejected",
    [pvcClass],
    (s) => deploymentWith(s, (_c, spec) => (spec.volumes = [scratchVolume("standard")])),
  ),
  bad(
    "a generic ephemeral volume whose StorageClass is unknown during preview is named unknown",
    [unknownOf(pvcClass)],
    (s) => deploymentWith(s, (_c, spec) => (spec.volumes = [scratchVolume(unknown)])),
  ),
  bad(
    "a PersistentVolumeClaimList item on an unencrypted StorageClass is rejected",
    [pvcClass],
    (s) =>
      s.add("claims", "kubernetes:core/v1:PersistentVolumeClaimList", {
        items: [
          {
            metadata: { name: "scratch", namespace: "platform" },
            spec: {
              storageClassName: "standard",
              accessModes: ["ReadWriteOnce"],
              resources: { requests: { storage: "5Gi" } },
            },
          },
        ],
      }),
  ),
);

kubernetesHeldOutCases.push(
  bad(
    "an Argo Workflow whose templates are unknown during preview is named unknown by the pod rules",
    wholePodTwins,
    (s) => argoWorkflow(s, (_c, w) => (w.templates = unknown)),
  ),
);

const registry = "kubernetes-core-pod-image-eu-registry";
kubernetesHeldOutCases.push(
  bad("an image volume pulled from Docker Hub is rejected", [registry], (s) =>
    deploymentWith(s, (_c, spec) => {
      spec.volumes = [{ name: "model", image: { reference: "docker.io/org/model:1.0" } }];
    }),
  ),
  good("an image volume pulled from the platform's EU registry passes", (s) =>
    deploymentWith(s, (_c, spec) => {
      spec.volumes = [
        {
          name: "model",
          image: {
            reference: `registry.hdh-sovereign.example.fr/models/nlp:1.0@sha256:${"b".repeat(64)}`,
          },
        },
      ];
    }),
  ),
  bad(
    "an image volume whose reference is unknown during preview is named unknown",
    [unknownOf(registry)],
    (s) =>
      deploymentWith(s, (_c, spec) => {
        spec.volumes = [{ name: "model", image: { reference: unknown } }];
      }),
  ),
);

kubernetesHeldOutCases.push(
  bad(
    "a StatefulSetList item claiming from an unencrypted StorageClass is rejected",
    [pvcClass],
    (s) =>
      s.add("stores", "kubernetes:apps/v1:StatefulSetList", {
        items: [
          {
            metadata: { name: "store", namespace: "platform" },
            spec: {
              serviceName: "store",
              selector: { matchLabels: { app: "store" } },
              template: { metadata: { labels: { app: "store" } }, spec: podWith(() => {}) },
              volumeClaimTemplates: [
                {
                  metadata: { name: "data" },
                  spec: {
                    storageClassName: "standard",
                    accessModes: ["ReadWriteOnce"],
                    resources: { requests: { storage: "10Gi" } },
                  },
                },
              ],
            },
          },
        ],
      }),
  ),
);
