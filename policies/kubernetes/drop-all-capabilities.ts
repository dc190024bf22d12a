import { isUnknown, list, str, UnknownAt } from "../lib/values";
import { req } from "../requirements";
import { leftLiveMessage, podPolicies, unknownMessage } from "./pod-rule";

const allowedAdds = new Set(["NET_BIND_SERVICE"]);

function capabilityName(value: unknown): string | undefined {
  return str(value)?.toUpperCase().replace(/^CAP_/, "");
}

export function podDropAllCapabilities() {
  return podPolicies({
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
    check: ({ containers, read, pod }, report, unknown) => {
      for (const container of containers) {
        const { label } = container;
        const drop = read(container, "securityContext.capabilities.drop");
        if (drop instanceof UnknownAt)
          unknown(unknownMessage(drop, `whether ${label} drops ALL capabilities`));
        // A Patch that names `drop` replaces the live list (it is atomic): judged as written.
        else if (drop === undefined && pod.patch)
          unknown(
            leftLiveMessage(
              `${label}.securityContext.capabilities.drop`,
              `whether ${label} drops ALL capabilities`,
            ),
          );
        else {
          const drops = list(drop) ?? [];
          if (!drops.map(capabilityName).includes("ALL")) {
            const pending = drops.findIndex(isUnknown);
            if (pending >= 0)
              unknown(
                unknownMessage(
                  new UnknownAt(`${label}.securityContext.capabilities.drop[${pending}]`),
                  `whether ${label} drops ALL capabilities`,
                ),
              );
            else
              report(
                `${label} does not drop ALL capabilities. Add \`capabilities.drop: ["ALL"]\`.`,
              );
          }
        }
        const add = read(container, "securityContext.capabilities.add");
        // The path up to `capabilities` is named once, by the `drop` read above.
        if (add instanceof UnknownAt) {
          if (!(drop instanceof UnknownAt) || drop.path !== add.path)
            unknown(unknownMessage(add, `which capabilities ${label} adds`));
          continue;
        }
        const adds = list(add) ?? [];
        adds.forEach((value, index) => {
          if (isUnknown(value))
            unknown(
              unknownMessage(
                new UnknownAt(`${label}.securityContext.capabilities.add[${index}]`),
                `which capabilities ${label} adds`,
              ),
            );
        });
        const extra = adds.map(capabilityName).filter((c) => c && !allowedAdds.has(c));
        if (extra.length > 0)
          report(
            `${label} adds capabilities ${extra.join(", ")}. Only NET_BIND_SERVICE may be added.`,
          );
      }
    },
  });
}
