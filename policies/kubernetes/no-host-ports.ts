import { list, num, obj } from "../lib/values";
import { req } from "../requirements";
import { podPolicy } from "./pod-rule";

export function podNoHostPorts() {
  return podPolicy({
    name: "kubernetes-core-pod-no-host-ports",
    description: "Containers bind no host port.",
    enforcementLevel: "mandatory",
    meta: {
      severity: "high",
      requirements: [req.pssHostPorts, req.cisHostPorts],
      remediation: "Remove `hostPort` and expose the port through a ClusterIP Service.",
      settings: [],
    },
    check: ({ containers }, report) => {
      for (const { label, container } of containers) {
        for (const port of (list(container.ports) ?? []).map(obj)) {
          const hostPort = num(port?.hostPort);
          if (hostPort !== undefined && hostPort > 0)
            report(`${label} binds host port ${hostPort} on the node. Use a Service instead.`);
        }
      }
    },
  });
}
