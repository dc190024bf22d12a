import { resourcePolicies } from "../lib/define";
import { isUnknown, list, obj, raw, readPath, str, UnknownAt } from "../lib/values";
import { req } from "../requirements";

/**
 * A PersistentVolume backed by `hostPath` hands a directory of whichever node the pod lands on to
 * any claim that binds it: the pod never names the host path, so the pod rule on hostPath volumes
 * and Pod Security admission (which read the pod spec) never see it. Kubernetes documents the
 * hostPath PersistentVolume as "for single node testing only" (Persistent Volumes, "Types of
 * Persistent Volumes", https://kubernetes.io/docs/concepts/storage/persistent-volumes/); the
 * `local` type, bound to a named node by node affinity, is the supported way to use node storage.
 */
const persistentVolumeTypes = [
  "kubernetes:core/v1:PersistentVolume",
  "kubernetes:core/v1:PersistentVolumePatch",
  "kubernetes:core/v1:PersistentVolumeList",
];

export function persistentVolumeNoHostPath() {
  return resourcePolicies({
    name: "kubernetes-core-persistentvolume-no-host-path",
    description: "No PersistentVolume is backed by a hostPath of the node.",
    enforcementLevel: "mandatory",
    types: persistentVolumeTypes,
    meta: {
      area: "kubernetes",
      severity: "high",
      requirements: [req.pssHostPath, req.cisHostPath, req.anssiContainers],
      remediation:
        "Back the volume with the cluster's encrypted storage class (a CSI volume), or with a `local` volume pinned to a node; never `hostPath`.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      // Decided from the resource itself too: other kinds' `spec.hostPath` means nothing here.
      if (!persistentVolumeTypes.includes(args.type)) return;
      const props = raw(args.props);
      // A PersistentVolumeList declares each of its items (Kubernetes API concepts, collections).
      if (args.type.endsWith("List")) {
        if (isUnknown(props.items))
          return unknown(
            "`items` is unknown during preview: whether a volume is a host directory cannot be judged yet.",
          );
        (list(props.items) ?? []).forEach((item, i) =>
          judgeVolume(item, `items[${i}].`, report, unknown),
        );
        return;
      }
      judgeVolume(props, "", report, unknown);
    },
  });
}

/** Reports one PersistentVolume (the resource, or an item at `base` of a List) backed by hostPath. */
function judgeVolume(
  volume: unknown,
  base: string,
  report: (message: string) => void,
  unknown: (message: string) => void,
): void {
  const path = readPath(volume, "spec.hostPath", base.replace(/\.$/, ""));
  if (path instanceof UnknownAt) {
    unknown(
      `\`${path.path}\` is unknown during preview: whether the volume is a host directory cannot be judged yet.`,
    );
    return;
  }
  if (path === undefined || path === null) return;
  const hostPath = obj(path);
  const where = isUnknown(hostPath?.path)
    ? "a path unknown during preview"
    : `"${str(hostPath?.path) ?? "?"}"`;
  report(
    `The PersistentVolume${base ? ` ${base.slice(0, -1)}` : ""} is backed by the node's directory ${where} (${base}spec.hostPath): any pod whose claim binds it reaches the node's file system, unseen by the pod's own rules. Use a CSI or local volume.`,
  );
}
