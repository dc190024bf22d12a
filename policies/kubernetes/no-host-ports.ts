import { list, num, readPath, UnknownAt } from "../lib/values";
import { req } from "../requirements";
import { podPolicies, unknownMessage } from "./pod-rule";

export function podNoHostPorts() {
  return podPolicies({
    name: "kubernetes-core-pod-no-host-ports",
    description: "Containers bind no host port.",
    enforcementLevel: "mandatory",
    meta: {
      severity: "high",
      requirements: [req.pssHostPorts, req.cisHostPorts],
      remediation: "Remove `hostPort` and expose the port through a ClusterIP Service.",
      settings: [],
    },
    check: ({ containers, read }, report, unknown) => {
      for (const container of containers) {
        const { label } = container;
        const ports = read(container, "ports");
        if (ports instanceof UnknownAt) {
          unknown(unknownMessage(ports, `whether ${label} binds a host port`));
          continue;
        }
        (list(ports) ?? []).forEach((port, index) => {
          const hostPort = readPath(port, "hostPort", `${label}.ports[${index}]`);
          if (hostPort instanceof UnknownAt)
            unknown(unknownMessage(hostPort, `whether ${label} binds a host port`));
          else if ((num(hostPort) ?? 0) > 0)
            report(`${label} binds host port ${num(hostPort)} on the node. Use a Service instead.`);
        });
      }
    },
  });
}
