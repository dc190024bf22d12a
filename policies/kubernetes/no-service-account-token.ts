import { UnknownAt } from "../lib/values";
import { req } from "../requirements";
import { podPolicies, unknownMessage } from "./pod-rule";

export function podNoServiceAccountToken() {
  return podPolicies({
    name: "kubernetes-core-pod-no-service-account-token",
    description: "Pods do not mount a Kubernetes API token unless they need one.",
    enforcementLevel: "advisory",
    meta: {
      severity: "medium",
      requirements: [req.cisServiceAccountToken, req.isoPrivilegedAccess],
      remediation:
        "Set `automountServiceAccountToken: false` on the pod spec (or its service account) unless the pod calls the Kubernetes API.",
      settings: [],
    },
    check: ({ pod, readPod }, report, unknown) => {
      const value = readPod("automountServiceAccountToken");
      if (value instanceof UnknownAt)
        unknown(unknownMessage(value, "whether the pod mounts a service account token"));
      // A Patch that does not name the field leaves the live pod's value, which the program
      // does not declare (lib/pod-spec.ts `patch`): judged where that pod is declared.
      else if (value === undefined && pod.patch) return;
      else if (value !== false)
        report(
          `${pod.path} mounts a service account token: a compromised container could call the Kubernetes API. Set \`automountServiceAccountToken: false\`.`,
        );
    },
  });
}
