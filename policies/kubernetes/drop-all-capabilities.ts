import { isUnknown, list, obj, str } from "../lib/values";
import { req } from "../requirements";
import { podPolicy } from "./pod-rule";

const allowedAdds = new Set(["NET_BIND_SERVICE"]);

function capabilityName(value: unknown): string | undefined {
  return str(value)?.toUpperCase().replace(/^CAP_/, "");
}

export function podDropAllCapabilities() {
  return podPolicy({
    name: "kubernetes-core-pod-drop-all-capabilities",
    description: "Containers drop ALL capabilities and add back at most NET_BIND_SERVICE.",
    enforcementLevel: "mandatory",
    meta: {
      severity: "high",
      requirements: [req.pssCapabilities, req.cisCapabilities, req.anssiContainers],
      remediation:
        'Set `securityContext.capabilities: { drop: ["ALL"] }`, adding only NET_BIND_SERVICE if the process binds a port below 1024.',
      settings: [],
    },
    check: ({ containers }, report) => {
      for (const { label, container } of containers) {
        const capabilities = obj(obj(container.securityContext)?.capabilities);
        if (capabilities && (isUnknown(capabilities.drop) || isUnknown(capabilities.add))) continue;
        const drops = (list(capabilities?.drop) ?? []).map(capabilityName);
        if (!drops.includes("ALL"))
          report(`${label} does not drop ALL capabilities. Add \`capabilities.drop: ["ALL"]\`.`);
        const extra = (list(capabilities?.add) ?? [])
          .map(capabilityName)
          .filter((c) => c && !allowedAdds.has(c));
        if (extra.length > 0)
          report(
            `${label} adds capabilities ${extra.join(", ")}. Only NET_BIND_SERVICE may be added.`,
          );
      }
    },
  });
}
