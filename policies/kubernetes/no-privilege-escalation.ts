import { UnknownAt } from "../lib/values";
import { req } from "../requirements";
import { leftLiveMessage, podPolicies, unknownMessage } from "./pod-rule";

export function podNoPrivilegeEscalation() {
  return podPolicies({
    name: "kubernetes-core-pod-no-privilege-escalation",
    description: "Every container sets allowPrivilegeEscalation: false.",
    enforcementLevel: "mandatory",
    meta: {
      severity: "high",
      requirements: [req.pssEscalation, req.cisEscalation, req.anssiContainers],
      remediation: "Set `securityContext.allowPrivilegeEscalation: false` on every container.",
      settings: [],
    },
    check: ({ containers, read, pod }, report, unknown) => {
      for (const container of containers) {
        const value = read(container, "securityContext.allowPrivilegeEscalation");
        if (value instanceof UnknownAt)
          unknown(unknownMessage(value, `whether ${container.label} can gain privileges`));
        else if (value === undefined && pod.patch)
          unknown(
            leftLiveMessage(
              `${container.label}.securityContext.allowPrivilegeEscalation`,
              `whether ${container.label} can gain privileges`,
            ),
          );
        else if (value !== false)
          report(
            `${container.label} does not set \`allowPrivilegeEscalation: false\`: setuid binaries could gain privileges.`,
          );
      }
    },
  });
}
