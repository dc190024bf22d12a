import { isUnknown, list, obj, readPath, str, UnknownAt, type Props } from "../lib/values";
import { req } from "../requirements";
import type { ContainerAt } from "../lib/pod-spec";
import { lifts } from "../lib/workload-exceptions";
import { podPolicies, unknownMessage } from "./pod-rule";

/**
 * The containers that mount the volume at `volumePath` writable (`readOnly` not true), and the
 * paths that decide whether others do, unknown during preview: a mount list, a mount, its
 * `readOnly`, its name or the volume's. An exception applies only to what is shown to be
 * read-only, so those paths are named as not judged, never passed.
 */
function writableMounts(containers: readonly ContainerAt[], volume: Props, volumePath: string) {
  const writable: string[] = [];
  const unknownPaths = new Set<string>();
  for (const { label, container } of containers) {
    const mounts = container.volumeMounts;
    if (isUnknown(mounts)) unknownPaths.add(`${label}.volumeMounts`);
    (list(mounts) ?? []).forEach((value, index) => {
      const where = `${label}.volumeMounts[${index}]`;
      const mount = obj(value);
      if (!mount) {
        if (isUnknown(value)) unknownPaths.add(where);
        return;
      }
      const nameUnknown = isUnknown(volume.name)
        ? `${volumePath}.name`
        : isUnknown(mount.name)
          ? `${where}.name`
          : undefined;
      if (!nameUnknown && str(mount.name) !== str(volume.name)) return;
      if (isUnknown(mount.readOnly)) unknownPaths.add(`${where}.readOnly`);
      else if (mount.readOnly === true) return;
      else if (nameUnknown) unknownPaths.add(nameUnknown);
      else if (!writable.includes(label)) writable.push(label);
    });
  }
  return { writable, unknownPaths };
}

/**
 * The volume types Pod Security `restricted` refuses besides hostPath and gitRepo (Pod Security
 * Standards, Restricted, "Volume Types": only configMap, csi, downwardAPI, emptyDir, ephemeral,
 * persistentVolumeClaim, projected and secret are allowed,
 * https://kubernetes.io/docs/concepts/security/pod-security-standards/; Kyverno's
 * restrict-volume-types carries the same list). Each is mounted by the kubelet on the node, with
 * the node's network and credentials: an `nfs` volume reaches its server from the node, outside
 * every NetworkPolicy of the pod, and a `flexVolume` driver runs as root on the node. A claim on a
 * PersistentVolume that an administrator declared is the supported way to such storage.
 */
const nodeMountedVolumeTypes = [
  "nfs",
  "iscsi",
  "fc",
  "rbd",
  "cephfs",
  "glusterfs",
  "flexVolume",
  "cinder",
  "flocker",
  "quobyte",
  "storageos",
  "scaleIO",
  "portworxVolume",
  "photonPersistentDisk",
  "vsphereVolume",
  "azureFile",
  "azureDisk",
  "gcePersistentDisk",
  "awsElasticBlockStore",
];

export function podNoHostPath() {
  return podPolicies({
    name: "kubernetes-core-pod-no-host-path",
    description:
      "Pods mount no hostPath volume, nor a gitRepo volume the node clones, nor another volume type Pod Security `restricted` refuses (nfs, iscsi, flexVolume...).",
    enforcementLevel: "mandatory",
    meta: {
      severity: "critical",
      requirements: [req.pssHostPath, req.cisHostPath, req.anssiContainers],
      remediation:
        "Replace hostPath volumes with persistentVolumeClaim, configMap, secret or emptyDir volumes; clone a repository in an init container into an emptyDir rather than a gitRepo volume; reach network storage (nfs, iscsi...) through a claim on a PersistentVolume.",
      settings: ["workloadExceptions"],
    },
    check: ({ pod, containers, exception, readPod }, report, unknown) => {
      const volumes = readPod("volumes");
      if (volumes instanceof UnknownAt)
        return unknown(unknownMessage(volumes, "whether the pod mounts a node's path"));
      (list(volumes) ?? []).forEach((value, index) => {
        const where = `${pod.path}.volumes[${index}]`;
        if (isUnknown(value))
          return unknown(
            unknownMessage(new UnknownAt(where), "whether the pod mounts a node's path"),
          );
        const volume = obj(value);
        // A gitRepo volume is cloned by the kubelet on the node, with the node's rights: a
        // repository's hooks ran commands beyond the container (CVE-2024-10220,
        // https://github.com/kubernetes/kubernetes/issues/128885) and it reads other pods' local
        // repositories on the node in every version (CVE-2025-1767, deprecated, unfixed upstream,
        // https://github.com/kubernetes/kubernetes/issues/130786). Pod Security `restricted`
        // admits no gitRepo volume either.
        if (volume && volume.gitRepo !== undefined && volume.gitRepo !== null)
          return report(
            `${where} (${str(volume.name) ?? "unnamed"}) is a gitRepo volume, cloned on the node by the kubelet (CVE-2024-10220, CVE-2025-1767). Clone in an init container into an emptyDir instead.`,
          );
        const nodeMounted = volume && nodeMountedVolumeTypes.find((type) => volume[type] != null);
        if (nodeMounted)
          return report(
            `${where} (${str(volume.name) ?? "unnamed"}) is a ${nodeMounted} volume, mounted by the node outside the pod's network policy; Pod Security \`restricted\` refuses it. Claim a PersistentVolume instead.`,
          );
        // A volume's kind is the key it sets: `hostPath` present, even unknown, is a host path.
        if (!volume || volume.hostPath === undefined || volume.hostPath === null) return;
        const path = readPath(volume.hostPath, "path", `${where}.hostPath`);
        if (lifts(exception, "host-path-read-only")) {
          if (path instanceof UnknownAt)
            return unknown(
              unknownMessage(path, `whether ${where} is a path the workload's exception allows`),
            );
          const hostPath = str(path) ?? "?";
          if (exception.hostPaths.includes(hostPath)) {
            const { writable, unknownPaths } = writableMounts(containers, volume, where);
            for (const path of unknownPaths)
              unknown(
                unknownMessage(new UnknownAt(path), `whether ${hostPath} is mounted read-only`),
              );
            if (writable.length > 0)
              report(
                `${where} mounts the node's ${hostPath} writable in ${writable.join(", ")}; its named exception allows read-only mounts only.`,
              );
            return;
          }
        }
        const shown = path instanceof UnknownAt ? "?" : (str(path) ?? "?");
        report(
          `${where} (${str(volume.name) ?? "unnamed"}) mounts the node's ${shown}. Use a PVC or emptyDir instead.`,
        );
      });
    },
  });
}
