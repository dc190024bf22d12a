import { isTrue, obj } from "../lib/values";
import { req } from "../requirements";
import { podPolicy } from "./pod-rule";

export function podNoPrivileged() {
  return podPolicy({
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
    check: ({ containers }, report) => {
      for (const { label, container } of containers) {
        if (isTrue(obj(container.securityContext)?.privileged)) {
          report(
            `${label} is privileged: it has every capability and the host's devices. Remove \`privileged: true\`.`,
          );
        }
      }
    },
  });
}
