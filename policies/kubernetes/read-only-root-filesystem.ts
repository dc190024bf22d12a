import { UnknownAt } from "../lib/values";
import { req } from "../requirements";
import { leftLiveMessage, podPolicies, unknownMessage } from "./pod-rule";

export function podReadOnlyRootFilesystem() {
  return podPolicies({
    name: "kubernetes-core-pod-read-only-root-filesystem",
    description: "Containers mount their root filesystem read-only.",
    enforcementLevel: "advisory",
    meta: {
      severity: "medium",
      requirements: [req.anssiContainers, req.isoConfiguration],
      remediation:
        "Set `securityContext.readOnlyRootFilesystem: true`; give writable paths an emptyDir volume.",
      settings: [],
    },
    check: ({ containers, read, pod }, report, unknown) => {
      for (const container of containers) {
        const value = read(container, "securityContext.readOnlyRootFilesystem");
        if (value instanceof UnknownAt)
          unknown(unknownMessage(value, `whether ${container.label} can write to its root`));
        else if (value === undefined && pod.patch)
          unknown(
            leftLiveMessage(
              `${container.label}.securityContext.readOnlyRootFilesystem`,
              `whether ${container.label} can write to its root`,
            ),
          );
        else if (value !== true)
          report(
            `${container.label} can write to its root filesystem. Set \`readOnlyRootFilesystem: true\`.`,
          );
      }
    },
  });
}
