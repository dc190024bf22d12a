import { isUnknown, obj, str } from "../lib/values";
import { req } from "../requirements";
import { podPolicy } from "./pod-rule";

const allowed = new Set(["runtimedefault", "localhost"]);

export function podSeccompProfile() {
  return podPolicy({
    name: "kubernetes-core-pod-seccomp-profile",
    description: "Containers run under the RuntimeDefault (or a Localhost) seccomp profile.",
    enforcementLevel: "mandatory",
    meta: {
      severity: "medium",
      requirements: [req.pssSeccomp, req.cisSeccomp, req.anssiContainers],
      remediation: "Set `securityContext.seccompProfile: { type: RuntimeDefault }` on the pod.",
      settings: [],
    },
    check: ({ containers, effective }, report) => {
      for (const container of containers) {
        const profile = effective(container, "seccompProfile");
        if (isUnknown(profile)) continue;
        const type = obj(profile)?.type;
        if (isUnknown(type)) continue;
        const name = str(type);
        if (!name || !allowed.has(name.toLowerCase())) {
          report(
            `${container.label} runs ${name ? `with seccomp profile "${name}"` : "without a seccomp profile"}: every syscall is open. Use RuntimeDefault.`,
          );
        }
      }
    },
  });
}
