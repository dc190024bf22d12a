import { isTrue, UnknownAt } from "../lib/values";
import { req } from "../requirements";
import { podPolicies, unknownMessage } from "./pod-rule";

export function podNoHostNamespaces() {
  return podPolicies({
    name: "kubernetes-core-pod-no-host-namespaces",
    description: "Pods share neither the host's network, PID nor IPC namespace.",
    enforcementLevel: "mandatory",
    meta: {
      severity: "critical",
      requirements: [req.pssHostNamespaces, req.cisHostPid, req.anssiContainers],
      remediation: "Remove `hostNetwork`, `hostPID` and `hostIPC` from the pod spec.",
      settings: [],
    },
    check: ({ pod, readPod }, report, unknown) => {
      for (const field of ["hostNetwork", "hostPID", "hostIPC"]) {
        const value = readPod(field);
        if (value instanceof UnknownAt)
          unknown(unknownMessage(value, `whether the pod shares the node's namespace`));
        else if (isTrue(value))
          report(`${pod.path}.${field} is true: the pod shares the node's namespace. Remove it.`);
      }
    },
  });
}
