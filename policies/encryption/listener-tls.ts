import { resourcePolicies } from "../lib/define";
import { isUnknown, list, raw, str } from "../lib/values";
import { req } from "../requirements";

export const listenerType = "openstack:loadbalancer/listener:Listener";

/**
 * Load balancer listeners carry TLS: TERMINATED_HTTPS with a certificate, or HTTPS passthrough.
 * A plain HTTP listener is only tolerated as a redirect (no default pool); the stack-level rule
 * `openstack-loadbalancer-listener-http-redirect-only` proves the redirect exists.
 */
export function listenerTls() {
  return resourcePolicies({
    name: "openstack-loadbalancer-listener-tls",
    description:
      "Load balancer listeners terminate (or pass through) TLS; plain HTTP only as a redirect.",
    enforcementLevel: "mandatory",
    types: [listenerType],
    meta: {
      area: "encryption",
      severity: "high",
      requirements: [req.sncEncryptionInTransit, req.hdsConfidentiality, req.isoCrypto],
      remediation:
        "Use `protocol: TERMINATED_HTTPS` with `defaultTlsContainerRef` (a Barbican certificate container), or `HTTPS` passthrough; keep HTTP only for a listener with no pool and an L7 policy redirecting to https://.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      if (args.type !== listenerType) return;
      const props = raw(args.props);
      if (isUnknown(props.protocol)) {
        unknown(
          "`protocol` is unknown during preview: whether the listener carries TLS cannot be judged yet.",
        );
        return;
      }
      const protocol = (str(props.protocol) ?? "").toUpperCase();
      if (protocol === "HTTPS") return;
      if (protocol === "TERMINATED_HTTPS") {
        const hasCertificate =
          isUnknown(props.defaultTlsContainerRef) ||
          str(props.defaultTlsContainerRef) !== undefined ||
          (list(props.sniContainerRefs) ?? []).length > 0 ||
          isUnknown(props.sniContainerRefs);
        if (!hasCertificate)
          report(
            "TERMINATED_HTTPS listener without `defaultTlsContainerRef`: set the Barbican certificate container it serves.",
          );
        return;
      }
      if (protocol === "HTTP") {
        if (
          props.defaultPoolId !== undefined &&
          props.defaultPoolId !== null &&
          props.defaultPoolId !== ""
        ) {
          report(
            "Plain HTTP listener forwards traffic to a pool unencrypted. Use TERMINATED_HTTPS, or drop `defaultPoolId` and redirect to https:// with an L7 policy.",
          );
        }
        return;
      }
      report(
        `Listener protocol "${protocol || "(none)"}" cannot be shown to carry TLS. Use TERMINATED_HTTPS or HTTPS (TLS passthrough).`,
      );
    },
  });
}
