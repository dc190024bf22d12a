import { isUnknown, obj } from "../lib/values";
import { req } from "../requirements";
import { podPolicy } from "./pod-rule";

export function podReadOnlyRootFilesystem() {
  return podPolicy({
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
    check: ({ containers }, report) => {
      for (const { label, container } of containers) {
        const value = obj(container.securityContext)?.readOnlyRootFilesystem;
        if (!isUnknown(value) && value !== true)
          report(
            `${label} can write to its root filesystem. Set \`readOnlyRootFilesystem: true\`.`,
          );
      }
    },
  });
}
