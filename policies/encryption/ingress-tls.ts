import { resourcePolicies } from "../lib/define";
import { isUnknown, list, obj, raw, str, stringMap } from "../lib/values";
import { req } from "../requirements";

const sslRedirectAnnotations = [
  "nginx.ingress.kubernetes.io/ssl-redirect",
  "nginx.ingress.kubernetes.io/force-ssl-redirect",
];

function hostCovered(host: string, tlsHosts: string[]): boolean {
  const h = host.toLowerCase();
  return tlsHosts.some((t) => {
    const pattern = t.toLowerCase();
    if (pattern.startsWith("*."))
      return h.endsWith(pattern.slice(1)) && !h.slice(0, -pattern.length + 1).includes(".");
    return pattern === h;
  });
}

/** Ingresses terminate TLS for every host they route, and do not turn HTTPS redirects off. */
export function ingressTls() {
  return resourcePolicies({
    name: "kubernetes-networking-ingress-tls",
    description: "Ingresses serve every host over TLS and keep the HTTP-to-HTTPS redirect.",
    enforcementLevel: "mandatory",
    // An Ingress of any API group and version (networking.k8s.io, extensions...).
    types: ["kubernetes:*:Ingress"],
    meta: {
      area: "encryption",
      severity: "high",
      requirements: [req.sncEncryptionInTransit, req.hdsConfidentiality, req.isoCrypto],
      remediation:
        'Add `spec.tls` entries whose `hosts` cover every rule host, with a certificate `secretName`, and do not set ssl-redirect annotations to "false".',
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      if (!/^kubernetes:[^:]+:Ingress$/.test(args.type)) return;
      const props = raw(args.props);
      // Unknown during preview is named, never taken for TLS.
      const unknownAt = isUnknown(props.spec)
        ? ["spec"]
        : ["tls", "rules"]
            .filter((key) => isUnknown(obj(props.spec)?.[key]))
            .map((k) => `spec.${k}`);
      if (unknownAt.length > 0) {
        unknown(
          `${unknownAt.map((p) => `\`${p}\``).join(", ")} unknown during preview: whether every host is served over TLS cannot be told.`,
        );
        return;
      }
      const spec = obj(props.spec);
      if (!spec) return;
      const tls = (list(spec.tls) ?? []).map(obj).filter((t) => t !== undefined);
      if (tls.length === 0) {
        report(
          "The Ingress has no `spec.tls`: it serves plain HTTP. Add a TLS entry with a certificate for its hosts.",
        );
      } else {
        const tlsHosts = tls.flatMap((t) =>
          (list(t.hosts) ?? []).map(str).filter((h) => h !== undefined),
        );
        const catchAll = tls.some((t) => (list(t.hosts) ?? []).length === 0);
        for (const rule of (list(spec.rules) ?? []).map(obj)) {
          const host = rule ? str(rule.host) : undefined;
          if (!host || catchAll || hostCovered(host, tlsHosts)) continue;
          report(
            `Host "${host}" is routed but not listed in any \`spec.tls[].hosts\`: it is served over plain HTTP.`,
          );
        }
      }
      const annotations = stringMap(obj(props.metadata)?.annotations);
      for (const key of sslRedirectAnnotations) {
        if (annotations[key]?.toLowerCase() === "false")
          report(`Annotation ${key}: "false" lets clients use plain HTTP. Remove it.`);
      }
    },
  });
}
