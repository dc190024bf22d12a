import { isUnknown, obj } from "../lib/values";
import { req } from "../requirements";
import { podPolicy } from "./pod-rule";

export function podNoPrivilegeEscalation() {
  return podPolicy({
    name: "kubernetes-core-pod-no-privilege-escalation",
    description: "Every container sets allowPrivilegeEscalation: false.",
    enforcementLevel: "mandatory",
    meta: {
      severity: "high",
      requirements: [req.pssEscalation, req.cisEscalation, req.anssiContainers],
      remediation: "Set `securityContext.allowPrivilegeEscalation: false` on every container.",
      settings: [],
    },
    check: ({ containers }, report) => {
      for (const { label, container } of containers) {
        const value = obj(container.securityContext)?.allowPrivilegeEscalation;
        if (isUnknown(value) || value === false) continue;
        report(
          `${label} does not set \`allowPrivilegeEscalation: false\`: setuid binaries could gain privileges.`,
        );
      }
    },
  });
}
