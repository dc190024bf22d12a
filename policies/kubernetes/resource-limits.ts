import { isUnknown, obj } from "../lib/values";
import { req } from "../requirements";
import { podPolicy } from "./pod-rule";

export function podResourceLimits() {
  return podPolicy({
    name: "kubernetes-core-pod-resource-limits",
    description: "Containers set CPU and memory limits.",
    enforcementLevel: "mandatory",
    meta: {
      severity: "medium",
      requirements: [req.isoCapacity, req.isoConfiguration],
      remediation: "Set `resources.limits.cpu` and `resources.limits.memory` on every container.",
      settings: [],
    },
    check: ({ containers }, report) => {
      for (const { label, container } of containers) {
        const resources = obj(container.resources);
        if (isUnknown(container.resources) || (resources && isUnknown(resources.limits))) continue;
        const limits = obj(resources?.limits) ?? {};
        const missing = ["cpu", "memory"].filter(
          (k) => limits[k] === undefined || limits[k] === null || limits[k] === "",
        );
        if (missing.length > 0)
          report(
            `${label} has no ${missing.join(" or ")} limit: one workload could starve the node. Set \`resources.limits\`.`,
          );
      }
    },
  });
}
