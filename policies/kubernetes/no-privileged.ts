import { isTrue, UnknownAt } from "../lib/values";
import { req } from "../requirements";
import { podPolicies, unknownMessage } from "./pod-rule";

export function podNoPrivileged() {
  return podPolicies({
    name: "kubernetes-core-pod-no-privileged",
    description: "No container runs privileged.",
    enforcementLevel: "mandatory",
    meta: {
      severity: "critical",
      requirements: [req.pssPrivileged, req.cisPrivileged, req.anssiContainers],
      remediation:
        "Remove `securityContext.privileged: true`; grant no capability beyond NET_BIND_SERVICE.",
      settings: [],
    },
    check: ({ containers, read }, report, unknown) => {
      for (const container of containers) {
        const privileged = read(container, "securityContext.privileged");
        if (privileged instanceof UnknownAt)
          unknown(unknownMessage(privileged, `whether ${container.label} runs privileged`));
        else if (isTrue(privileged))
          report(
            `${container.label} is privileged: it has every capability and the host's devices. Remove \`privileged: true\`.`,
          );
      }
    },
  });
}
