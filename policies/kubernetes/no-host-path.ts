import { list, obj, str } from "../lib/values";
import { req } from "../requirements";
import { podPolicy } from "./pod-rule";

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
      settings: [],
    },
    check: ({ pod }, report) => {
      (list(pod.spec.volumes) ?? []).forEach((value, index) => {
        const volume = obj(value);
        if (volume && volume.hostPath !== undefined && volume.hostPath !== null) {
          const path = str(obj(volume.hostPath)?.path) ?? "?";
          report(
            `${pod.path}.volumes[${index}] (${str(volume.name) ?? "unnamed"}) mounts the node's ${path}. Use a PVC or emptyDir instead.`,
          );
        }
      });
    },
  });
}
