import { internalLoadBalancerAnnotation } from "../catalog/labels";
import { resourcePolicy } from "../lib/define";
import { isTrue, isUnknown, list, obj, raw, str, stringMap } from "../lib/values";
import { req } from "../requirements";

/**
 * A LoadBalancer Service gets an Octavia load balancer with a floating IP unless it asks for an
 * internal one; external IPs attach a public address directly. Neither is allowed, whether
 * declared by a Service or by a ServicePatch applied to one.
 */
export function serviceNoPublicLoadBalancer() {
  return resourcePolicy({
    name: "kubernetes-core-service-no-public-load-balancer",
    description:
      "Kubernetes Services are not exposed publicly: LoadBalancer Services are internal, no externalIPs.",
    enforcementLevel: "mandatory",
    types: ["kubernetes:core/v1:Service", "kubernetes:core/v1:ServicePatch"],
    meta: {
      area: "exposure",
      severity: "critical",
      requirements: [req.sncNetworkSegregation, req.isoSegregation],
      remediation: `Use a ClusterIP Service, or annotate the LoadBalancer Service with ${internalLoadBalancerAnnotation}: "true"; remove \`externalIPs\`.`,
      settings: [],
    },
    validate: (args, _settings, report) => {
      // A ServicePatch changes a live Service the same way: it may make it a public LoadBalancer.
      if (!/^kubernetes:core\/v1:Service(Patch)?$/.test(args.type)) return;
      const props = raw(args.props);
      const spec = obj(props.spec);
      if (!spec) return;
      if (!isUnknown(spec.type) && str(spec.type)?.toLowerCase() === "loadbalancer") {
        const annotations = stringMap(obj(props.metadata)?.annotations);
        if (!isTrue(annotations[internalLoadBalancerAnnotation])) {
          report(
            `LoadBalancer Service without ${internalLoadBalancerAnnotation}: "true" gets a public floating IP. Make it internal or use ClusterIP.`,
          );
        }
      }
      if ((list(spec.externalIPs) ?? []).length > 0)
        report("`externalIPs` route outside traffic to the Service. Remove them.");
    },
  });
}
