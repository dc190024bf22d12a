import { internalLoadBalancerAnnotation } from "../catalog/labels";
import { resourcePolicy } from "../lib/define";
import { isTrue, isUnknown, list, obj, raw, str, stringMap } from "../lib/values";
import { req } from "../requirements";

/**
 * A LoadBalancer Service gets an Octavia load balancer with a floating IP unless it asks for an
 * internal one; external IPs attach a public address directly. Neither is allowed, whether
 * declared by a Service, an item of a ServiceList, or a ServicePatch applied to one.
 */
export function serviceNoPublicLoadBalancer() {
  return resourcePolicy({
    name: "kubernetes-core-service-no-public-load-balancer",
    description:
      "Kubernetes Services are not exposed publicly: LoadBalancer Services are internal, no externalIPs.",
    enforcementLevel: "mandatory",
    types: [
      "kubernetes:core/v1:Service",
      "kubernetes:core/v1:ServicePatch",
      "kubernetes:core/v1:ServiceList",
    ],
    meta: {
      area: "exposure",
      severity: "critical",
      requirements: [req.sncNetworkSegregation, req.isoSegregation],
      remediation: `Use a ClusterIP Service, or annotate the LoadBalancer Service with ${internalLoadBalancerAnnotation}: "true"; remove \`externalIPs\`.`,
      settings: [],
    },
    validate: (args, _settings, report) => {
      // A ServicePatch changes a live Service the same way: it may make it a public LoadBalancer.
      const form = /^kubernetes:core\/v1:Service(Patch|List)?$/.exec(args.type);
      if (!form) return;
      const props = raw(args.props);
      // A ServiceList holds its Services in `items`, each judged as a Service.
      const services =
        form[1] === "List"
          ? (list(props.items) ?? []).map((item, i) => ({ at: `items[${i}].`, service: obj(item) }))
          : [{ at: "", service: props }];
      for (const { at, service } of services) {
        const spec = obj(service?.spec);
        if (!spec) continue;
        if (!isUnknown(spec.type) && str(spec.type)?.toLowerCase() === "loadbalancer") {
          const annotations = stringMap(obj(service?.metadata)?.annotations);
          if (!isTrue(annotations[internalLoadBalancerAnnotation])) {
            report(
              `${at ? `\`${at}spec\`: ` : ""}LoadBalancer Service without ${internalLoadBalancerAnnotation}: "true" gets a public floating IP. Make it internal or use ClusterIP.`,
            );
          }
        }
        if ((list(spec.externalIPs) ?? []).length > 0)
          report(
            `\`${at ? `${at}spec.` : ""}externalIPs\` route outside traffic to the Service. Remove them.`,
          );
      }
    },
  });
}
