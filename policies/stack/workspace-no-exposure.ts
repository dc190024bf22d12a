import { stackPolicy } from "../lib/define";
import { inNamespace, listedObjects, StackIndex, workspaceNamespaces } from "../lib/stack-index";
import { list, obj, str } from "../lib/values";
import { req } from "../requirements";

const exposingServiceTypes = new Set(["loadbalancer", "nodeport"]);

/**
 * Gateway API routes (gateway.networking.k8s.io: HTTPRoute, GRPCRoute, TLSRoute, TCPRoute,
 * UDPRoute, any version, and their Patch and List forms): attached to a Gateway, a route publishes the
 * Services it names to whatever the Gateway listens on, the Ingress of the Gateway API
 * (gateway-api.sigs.k8s.io, API overview). A route exposes a workspace when it sits in the
 * workspace's namespace, or names a backend there (`backendRefs[].namespace`, which a
 * ReferenceGrant then allows).
 */
const gatewayRoute =
  /^kubernetes:gateway\.networking\.k8s\.io\/[^:]+:(HTTP|GRPC|TLS|TCP|UDP)Route(Patch|List)?$/;

/** The namespaces a route's rules name for their backends. */
function backendNamespaces(props: Record<string, unknown>): string[] {
  const rules = list(obj(props.spec)?.rules) ?? [];
  return rules.flatMap((rule) =>
    (list(obj(rule)?.backendRefs) ?? []).flatMap((ref) => str(obj(ref)?.namespace) ?? []),
  );
}

/** Nothing in a workspace namespace is reachable from outside the cluster. */
export function workspaceNoExposure() {
  return stackPolicy({
    name: "kubernetes-core-namespace-workspace-no-exposure",
    description:
      "No LoadBalancer or NodePort Service, externalIPs, Ingress or Gateway API route exposes a workspace.",
    enforcementLevel: "mandatory",
    meta: {
      area: "stack",
      severity: "critical",
      requirements: [req.sncNetworkSegregation, req.isoSegregation, req.hdsConfidentiality],
      remediation:
        "Use ClusterIP Services only; researchers reach their workspace through the platform's authenticated access path, never an Ingress, a Gateway route or a node port.",
      settings: ["workspaceComponentTypes", "workspaceNamespacePattern"],
    },
    validate: (args, settings, report) => {
      const index = StackIndex.of(args.resources);
      const namespaces = workspaceNamespaces(index, settings);
      if (namespaces.length === 0) return;
      // A patch changes a live object the same way: it may expose a workspace's Service too; each
      // item of a List is an object of its own, in its own namespace.
      const services = index
        .ofTypes([
          "kubernetes:core/v1:Service",
          "kubernetes:core/v1:ServicePatch",
          "kubernetes:core/v1:ServiceList",
        ])
        .flatMap(listedObjects);
      const ingresses = index
        .matching((t) => /^kubernetes:[^:]+:Ingress(Patch|List)?$/.test(t))
        .flatMap(listedObjects);
      const routes = index.matching((t) => gatewayRoute.test(t)).flatMap(listedObjects);
      for (const ns of namespaces) {
        const nsName = ns.name ?? ns.resource.name;
        for (const service of services) {
          if (!inNamespace(index, service, ns)) continue;
          const spec = obj(service.props.spec);
          const type = str(spec?.type)?.toLowerCase();
          if (type && exposingServiceTypes.has(type)) {
            report(
              `Service "${service.name}" of type ${str(spec?.type)} exposes workspace "${nsName}" outside the cluster. Use ClusterIP.`,
              service.urn,
            );
          } else if ((list(spec?.externalIPs) ?? []).length > 0) {
            report(
              `Service "${service.name}" has externalIPs exposing workspace "${nsName}". Remove them.`,
              service.urn,
            );
          }
        }
        for (const ingress of ingresses) {
          if (inNamespace(index, ingress, ns)) {
            report(
              `Ingress "${ingress.name}" exposes workspace "${nsName}". Remove it.`,
              ingress.urn,
            );
          }
        }
        for (const route of routes) {
          if (inNamespace(index, route, ns) || backendNamespaces(route.props).includes(nsName)) {
            report(
              `Gateway API route "${route.name}" (${route.type.split(":").pop()}) publishes a Service of workspace "${nsName}" through a Gateway. Remove it.`,
              route.urn,
            );
          }
        }
      }
    },
  });
}
