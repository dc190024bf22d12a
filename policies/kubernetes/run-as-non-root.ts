import { num, UnknownAt } from "../lib/values";
import { req } from "../requirements";
import { lifts } from "../lib/workload-exceptions";
import { leftLiveMessage, podPolicies, unknownMessage } from "./pod-rule";

export function podRunAsNonRoot() {
  return podPolicies({
    name: "kubernetes-core-pod-run-as-non-root",
    description: "Containers run with runAsNonRoot: true and never as UID 0.",
    enforcementLevel: "mandatory",
    meta: {
      severity: "high",
      requirements: [req.pssNonRoot, req.cisRoot, req.anssiContainers],
      remediation:
        "Set `securityContext.runAsNonRoot: true` (pod or container) and a non-zero `runAsUser`.",
      settings: ["workloadExceptions"],
    },
    check: ({ containers, effective, exception, pod }, report, unknown) => {
      if (lifts(exception, "run-as-root")) return;
      for (const container of containers) {
        const nonRoot = effective(container, "runAsNonRoot");
        const user = effective(container, "runAsUser");
        if (!(user instanceof UnknownAt) && num(user) === 0) {
          report(`${container.label} runs as UID 0 (root). Use a non-zero \`runAsUser\`.`);
          continue;
        }
        if (nonRoot instanceof UnknownAt)
          unknown(unknownMessage(nonRoot, `whether ${container.label} may run as root`));
        else if (nonRoot === undefined && pod.patch)
          unknown(
            leftLiveMessage(
              `${container.label}.securityContext.runAsNonRoot`,
              `whether ${container.label} may run as root`,
            ),
          );
        else if (nonRoot !== true)
          report(
            `${container.label} does not set \`runAsNonRoot: true\` (on itself or the pod): it may run as root.`,
          );
        // UID 0 is refused whatever runAsNonRoot says, so an unknown runAsUser is named too.
        if (user instanceof UnknownAt)
          unknown(unknownMessage(user, `whether ${container.label} runs as UID 0`));
      }
    },
  });
}
