import { isUnknown, list, obj, str } from "../lib/values";
import { req } from "../requirements";
import type { ContainerAt } from "../lib/pod-spec";
import { lifts } from "../lib/workload-exceptions";
import { podPolicy } from "./pod-rule";

/**
 * Containers that mount volume `name` without `readOnly: true`. A mount not yet known (preview)
 * counts as writable: an exception applies only to what is shown to be read-only.
 */
function writableMounts(containers: readonly ContainerAt[], name: unknown): string[] {
  const writable = (value: unknown) => {
    const mount = obj(value);
    if (!mount) return isUnknown(value);
    const mounts = isUnknown(name) || isUnknown(mount.name) || str(mount.name) === str(name);
    return mounts && mount.readOnly !== true;
  };
  return containers
    .filter(
      (c) =>
        isUnknown(c.container.volumeMounts) ||
        (list(c.container.volumeMounts) ?? []).some(writable),
    )
    .map((c) => c.label);
}

export function podNoHostPath() {
  return podPolicy({
    name: "kubernetes-core-pod-no-host-path",
    description: "Pods mount no hostPath volume.",
    enforcementLevel: "mandatory",
    meta: {
      severity: "critical",
      requirements: [req.pssHostPath, req.cisHostPath, req.anssiContainers],
      remediation:
        "Replace hostPath volumes with persistentVolumeClaim, configMap, secret or emptyDir volumes.",
      settings: ["workloadExceptions"],
    },
    check: ({ pod, containers, exception }, report) => {
      (list(pod.spec.volumes) ?? []).forEach((value, index) => {
        const volume = obj(value);
        if (volume && volume.hostPath !== undefined && volume.hostPath !== null) {
          const path = str(obj(volume.hostPath)?.path) ?? "?";
          if (lifts(exception, "host-path-read-only") && exception.hostPaths.includes(path)) {
            const writable = writableMounts(containers, volume.name);
            if (writable.length === 0) return;
            report(
              `${pod.path}.volumes[${index}] mounts the node's ${path} writable in ${writable.join(", ")}; its named exception allows read-only mounts only.`,
            );
            return;
          }
          report(
            `${pod.path}.volumes[${index}] (${str(volume.name) ?? "unnamed"}) mounts the node's ${path}. Use a PVC or emptyDir instead.`,
          );
        }
      });
    },
  });
}
