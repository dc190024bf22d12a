import { str, UnknownAt } from "../lib/values";
import { req } from "../requirements";
import { leftLiveMessage, podPolicies, unknownMessage } from "./pod-rule";

const allowed = new Set(["runtimedefault", "localhost"]);

export function podSeccompProfile() {
  return podPolicies({
    name: "kubernetes-core-pod-seccomp-profile",
    description: "Containers run under the RuntimeDefault (or a Localhost) seccomp profile.",
    enforcementLevel: "mandatory",
    meta: {
      severity: "medium",
      requirements: [req.pssSeccomp, req.cisSeccomp, req.anssiContainers],
      remediation: "Set `securityContext.seccompProfile: { type: RuntimeDefault }` on the pod.",
      settings: [],
    },
    check: ({ containers, effective, pod }, report, unknown) => {
      for (const container of containers) {
        // A container's seccompProfile replaces the pod's; `type` is required in either.
        const type = effective(container, "seccompProfile.type");
        if (type instanceof UnknownAt) {
          unknown(unknownMessage(type, `the seccomp profile of ${container.label}`));
          continue;
        }
        const name = str(type);
        if (!name && pod.patch) {
          unknown(
            leftLiveMessage(
              `${container.label}.securityContext.seccompProfile`,
              `the seccomp profile of ${container.label}`,
            ),
          );
          continue;
        }
        if (!name || !allowed.has(name.toLowerCase())) {
          report(
            `${container.label} runs ${name ? `with seccomp profile "${name}"` : "without a seccomp profile"}: every syscall is open. Use RuntimeDefault.`,
          );
        }
      }
    },
  });
}
