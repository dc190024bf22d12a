import { isTrue, readPath, UnknownAt } from "../lib/values";
import { req } from "../requirements";
import { podPolicies, unknownMessage } from "./pod-rule";

/**
 * A Windows HostProcess container runs as a process of the node itself, with the node's
 * network and file system: the Windows counterpart of a privileged pod (Pod Security Standards,
 * Baseline "HostProcess"; CIS 5.2.11). Set on the pod's or a container's
 * `securityContext.windowsOptions.hostProcess`.
 */
export function podNoWindowsHostProcess() {
  return podPolicies({
    name: "kubernetes-core-pod-no-windows-host-process",
    description: "No pod or container runs as a Windows HostProcess container.",
    enforcementLevel: "mandatory",
    meta: {
      severity: "critical",
      requirements: [req.pssHostProcess, req.cisHostProcess, req.anssiContainers],
      remediation:
        "Remove `securityContext.windowsOptions.hostProcess` (or set it to false) on the pod and each container.",
      settings: [],
    },
    check: ({ securityContexts }, report, unknown) => {
      for (const { path: where, context } of securityContexts) {
        // A securityContext or windowsOptions unknown during preview may ask for HostProcess too.
        const value = readPath(context, "windowsOptions.hostProcess", where);
        if (value instanceof UnknownAt)
          unknown(unknownMessage(value, "whether the container runs as a HostProcess"));
        else if (isTrue(value))
          report(
            `${where}.windowsOptions.hostProcess is true: the container runs as a process of the Windows node. Remove it.`,
          );
      }
    },
  });
}
