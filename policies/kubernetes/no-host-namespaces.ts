import { isTrue } from "../lib/values";
import { req } from "../requirements";
import { podPolicy } from "./pod-rule";

export function podNoHostNamespaces() {
  return podPolicy({
    name: "kubernetes-core-pod-no-host-namespaces",
    description: "Pods share neither the host's network, PID nor IPC namespace.",
    enforcementLevel: "mandatory",
    meta: {
      severity: "critical",
      requirements: [req.pssHostNamespaces, req.cisHostPid, req.anssiContainers],
      remediation: "Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec.",
      settings: [],
    },
    check: ({ pod }, report) => {
      for (const field of ["hostNetwork", "hostPID", "hostIPC"]) {
        if (isTrue(pod.spec[field]))
          report(`${pod.path}.${field} is true: the pod shares the node's namespace. Remove it.`);
      }
    },
  });
}
