import { resourcePolicies } from "../lib/define";
import { isUnknown, list, obj, raw, str, type Props } from "../lib/values";
import { req } from "../requirements";

const serviceType = /^kubernetes:core\/v1:Service(Patch|List)?$/;

/**
 * A NodePort Service opens its port on every node of the cluster, to whatever reaches the nodes,
 * past NetworkPolicies that only see pod traffic (Kubernetes Service reference, type NodePort).
 * Judged everywhere, whoever declares it.
 */
export function serviceNoNodePort() {
  return resourcePolicies({
    name: "kubernetes-core-service-no-node-port",
    description: "No Service is of type NodePort.",
    enforcementLevel: "mandatory",
    types: [
      "kubernetes:core/v1:Service",
      "kubernetes:core/v1:ServicePatch",
      "kubernetes:core/v1:ServiceList",
    ],
    meta: {
      area: "exposure",
      severity: "high",
      requirements: [req.sncNetworkSegregation, req.isoSegregation],
      remediation:
        "Use a ClusterIP Service (reached through the cluster's ingress or an internal load balancer) instead of NodePort.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const match = serviceType.exec(args.type);
      if (!match) return;
      const props = raw(args.props);
      const services: [string, Props][] =
        match[1] === "List"
          ? (list(props.items) ?? []).flatMap((item, i) => {
              const o = obj(item);
              return o ? [[`items[${i}]: `, o] as [string, Props]] : [];
            })
          : [["", props]];
      for (const [where, service] of services) {
        const type = obj(service.spec)?.type;
        if (isUnknown(type) || isUnknown(service.spec))
          unknown(`${where}Service \`spec.type\` is unknown during preview.`);
        else if (str(type)?.toLowerCase() === "nodeport")
          report(`${where}Service of type NodePort opens its port on every node. Use ClusterIP.`);
      }
    },
  });
}
