import { stackPolicies } from "../lib/define";
import { listedObjects, StackIndex, type IndexedResource } from "../lib/stack-index";
import { isUnknown, list, obj, str } from "../lib/values";
import { req } from "../requirements";

// Each form a program declares them in: the object, a Patch of a live one, each item of a List.
const gatewayType = /^kubernetes:gateway\.networking\.k8s\.io\/[^:]+:Gateway(Patch|List)?$/;
const httpRouteType = /^kubernetes:gateway\.networking\.k8s\.io\/[^:]+:HTTPRoute(Patch|List)?$/;

/** The Kubernetes namespace of a resource as its manifest says; undefined when not said. */
const namespaceOf = (r: IndexedResource) => str(obj(r.props.metadata)?.namespace);

/**
 * Whether an HTTPRoute only redirects its requests to https (every rule a RequestRedirect filter
 * with `scheme: https`), and so may be the one route of a plain HTTP listener.
 */
function redirectsToHttps(route: IndexedResource): boolean | "unknown" {
  const rules = obj(route.props.spec)?.rules;
  if (isUnknown(rules)) return "unknown";
  const all = list(rules) ?? [];
  if (all.length === 0) return false;
  for (const rule of all) {
    const filters = obj(rule)?.filters;
    if (isUnknown(filters)) return "unknown";
    const redirect = (list(filters) ?? []).map(obj).find((f) => str(f?.type) === "RequestRedirect");
    const scheme = obj(redirect?.requestRedirect)?.scheme;
    if (isUnknown(scheme)) return "unknown";
    if (str(scheme)?.toLowerCase() !== "https") return false;
  }
  return true;
}

/**
 * A Gateway API Gateway serves plain HTTP on a listener of `protocol: HTTP` (the Gateway API's
 * listener protocols are HTTP, HTTPS, TLS, TCP and UDP; API reference at gateway-api.sigs.k8s.io,
 * not re-read this session): what its routes carry crosses the network in clear. The one accepted
 * use is the redirect to https: an HTTP listener every route attached to which (by `parentRefs`
 * naming the Gateway, and its `sectionName` when given) only answers with a RequestRedirect filter
 * of `scheme: https` (Gateway API guide "HTTP path redirects and rewrites",
 * https://gateway-api.sigs.k8s.io/guides/http-redirect-rewrite/, whose 301 is "for permanent
 * redirects like HTTP to HTTPS upgrades"). A listener with no route attached is reported too: the
 * next route attached serves in clear. The Ingress counterpart is kubernetes-networking-ingress-tls.
 */
export function gatewayListenerTls() {
  return stackPolicies({
    name: "kubernetes-gateway-listener-tls",
    description:
      "Gateway API listeners serve HTTPS or TLS; a plain HTTP listener only redirects to https.",
    enforcementLevel: "mandatory",
    meta: {
      area: "encryption",
      severity: "high",
      requirements: [req.sncEncryptionInTransit, req.hdsConfidentiality, req.isoCrypto],
      remediation:
        "Give the listener `protocol: HTTPS` with a certificate (`tls.certificateRefs`), or attach to the HTTP listener only an HTTPRoute whose rules redirect with `RequestRedirect` and `scheme: https`.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const index = StackIndex.of(args.resources);
      const gateways = index.matching((t) => gatewayType.test(t)).flatMap(listedObjects);
      if (gateways.length === 0) return;
      const routes = index.matching((t) => httpRouteType.test(t)).flatMap(listedObjects);
      for (const gateway of gateways) {
        const gatewayName = str(obj(gateway.props.metadata)?.name) ?? gateway.name;
        const listeners = obj(gateway.props.spec)?.listeners;
        if (isUnknown(listeners) || isUnknown(gateway.props.spec)) {
          unknown(
            `Gateway "${gateway.name}": its listeners are unknown during preview: whether they serve plain HTTP cannot be told.`,
            gateway.urn,
          );
          continue;
        }
        for (const [i, listener] of (list(listeners) ?? []).map(obj).entries()) {
          const protocol = listener?.protocol;
          const section = str(listener?.name) ?? `#${i}`;
          if (isUnknown(protocol)) {
            unknown(
              `Gateway "${gateway.name}" listener "${section}": \`protocol\` unknown during preview.`,
              gateway.urn,
            );
            continue;
          }
          if (str(protocol)?.toUpperCase() !== "HTTP") continue;
          const attached = routes.filter((route) =>
            (list(obj(route.props.spec)?.parentRefs) ?? []).map(obj).some((ref) => {
              if (str(ref?.name) !== gatewayName) return false;
              const ns = str(ref?.namespace) ?? namespaceOf(route);
              if (
                ns !== undefined &&
                namespaceOf(gateway) !== undefined &&
                ns !== namespaceOf(gateway)
              )
                return false;
              const sectionName = str(ref?.sectionName);
              return sectionName === undefined || sectionName === str(listener?.name);
            }),
          );
          const verdicts = attached.map(redirectsToHttps);
          if (attached.length > 0 && verdicts.every((v) => v === true)) continue;
          if (attached.length > 0 && verdicts.every((v) => v !== false)) {
            unknown(
              `Gateway "${gateway.name}" listener "${section}" serves plain HTTP: whether its routes only redirect to https is unknown during preview.`,
              gateway.urn,
            );
            continue;
          }
          report(
            `Gateway "${gateway.name}" listener "${section}" serves plain HTTP${attached.length === 0 ? "" : " to routes that do not only redirect to https"}: what it carries crosses the network in clear. Use HTTPS, or attach only an https redirect.`,
            gateway.urn,
          );
        }
      }
    },
  });
}
