import { resourcePolicy } from "../lib/define";
import { helmTypes, valuesOf } from "../lib/helm-values";
import { list, raw, str } from "../lib/values";
import { req } from "../requirements";

const exposingTypes = new Set(["loadbalancer", "nodeport"]);

/**
 * A release's values publish no Service: any `type` (or `serviceType`) set to LoadBalancer or
 * NodePort, or a non-empty `externalIPs` list (the Service field charts pass through, which makes
 * the cluster's nodes answer on those addresses: Kubernetes Service reference, external IPs),
 * wherever the chart nests it, makes the release reachable from outside the cluster.
 */
export function helmReleaseNoServiceExposure() {
  return resourcePolicy({
    name: "kubernetes-helm-release-no-service-exposure",
    description:
      "Helm release values publish no LoadBalancer or NodePort Service, and set no externalIPs, anywhere in the values tree.",
    enforcementLevel: "mandatory",
    types: helmTypes,
    meta: {
      area: "helm",
      severity: "critical",
      requirements: [req.sncNetworkSegregation, req.isoSegregation],
      remediation:
        "Set the chart's service types to ClusterIP (e.g. `service.type: ClusterIP`, `controller.service.type: ClusterIP`) and reach it through the platform's ingress.",
      settings: [],
    },
    validate: (args, _settings, report) => {
      for (const { path, key, value } of valuesOf(raw(args.props).values)) {
        if (key === "externalIPs" && (list(value) ?? []).length > 0) {
          report(
            `values \`${path}\` gives a Service external IPs: the nodes answer for it on those addresses. Remove them.`,
          );
          continue;
        }
        if (!/^(type|serviceType)$/.test(key)) continue;
        const type = str(value);
        if (type && exposingTypes.has(type.toLowerCase()))
          report(
            `values \`${path}: ${type}\` publishes a Service outside the cluster. Use ClusterIP.`,
          );
      }
    },
  });
}
