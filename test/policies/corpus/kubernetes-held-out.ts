/**
 * Kubernetes shapes of the third held-out round: volumes the node mounts for the pod (nfs,
 * flexVolume...), PersistentVolumes declared in a List, pods that custom resources of common
 * operators carry elsewhere than `spec.template.spec`, and rights outside the usual verbs.
 */
import { unknown, type Stack } from "../baseline";
import { bad, good, unknownOf, type Case } from "./case";
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
