import { UnknownAt } from "../lib/values";
import { req } from "../requirements";
import { leftLiveMessage, podPolicies, unknownMessage } from "./pod-rule";

export function podResourceLimits() {
  return podPolicies({
    name: "kubernetes-core-pod-resource-limits",
    description: "Containers set CPU and memory limits.",
    enforcementLevel: "mandatory",
    meta: {
      severity: "medium",
      requirements: [req.isoCapacity, req.isoConfiguration],
      remediation: "Set `resources.limits.cpu` and `resources.limits.memory` on every container.",
      settings: [],
    },
    check: ({ containers, read, pod }, report, unknown) => {
      for (const container of containers) {
        const missing: string[] = [];
        // `resources` or `limits` unknown stands for both limits: named once.
        const pending = new Set<string>();
        for (const kind of ["cpu", "memory"]) {
          const limit = read(container, `resources.limits.${kind}`);
          if (limit instanceof UnknownAt) pending.add(limit.path);
          else if (limit === undefined || limit === null || limit === "") missing.push(kind);
        }
        for (const path of pending)
          unknown(unknownMessage(new UnknownAt(path), `the limits of ${container.label}`));
        // A Patch merges `limits` key by key: a limit it does not name keeps its live value.
        if (missing.length > 0 && pod.patch)
          unknown(
            leftLiveMessage(
              `${container.label}.resources.limits.${missing.join("/")}`,
              `the limits of ${container.label}`,
            ),
          );
        else if (missing.length > 0)
          report(
            `${container.label} has no ${missing.join(" or ")} limit: one workload could starve the node. Set \`resources.limits\`.`,
          );
      }
    },
  });
}
