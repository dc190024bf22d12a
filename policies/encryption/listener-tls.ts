import { resourcePolicies } from "../lib/define";
import {
  inlineListeners,
  ovhInlineLoadBalancerType,
  ovhListenerType,
  protocolKey,
} from "../lib/ovh-load-balancer";
import { isUnknown, list, raw, str, type Props } from "../lib/values";
import { req } from "../requirements";

export const listenerType = "openstack:loadbalancer/listener:Listener";

/**
 * Judges one listener in Octavia's field names; `at` prefixes each field it names (an inline
 * listener of an OVHcloud load balancer is `listeners[i].`, whose certificate is `secretId`).
 */
function judgeListener(
  props: Props,
  at: string,
  certificateField: string,
  report: (message: string) => void,
  unknown: (message: string) => void,
) {
  if (isUnknown(props.protocol)) {
    unknown(
      `\`${at}protocol\` is unknown during preview: whether the listener carries TLS cannot be judged yet.`,
    );
    return;
  }
  const protocol = protocolKey(str(props.protocol) ?? "");
  if (protocol === "HTTPS") return;
  if (protocol === "TERMINATEDHTTPS") {
    const hasCertificate =
      isUnknown(props.defaultTlsContainerRef) ||
      str(props.defaultTlsContainerRef) !== undefined ||
      (list(props.sniContainerRefs) ?? []).length > 0 ||
      isUnknown(props.sniContainerRefs);
    if (!hasCertificate)
      report(
        `TERMINATED_HTTPS listener without \`${at}${certificateField}\`: set the Barbican certificate container it serves.`,
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
        `Plain HTTP listener${at ? ` \`${at.slice(0, -1)}\`` : ""} forwards traffic to a pool unencrypted. Use TERMINATED_HTTPS, or drop its pool and redirect to https:// with an L7 policy.`,
      );
    }
    return;
  }
  report(
    `Listener${at ? ` \`${at.slice(0, -1)}\`` : ""} protocol "${str(props.protocol)?.trim() || "(none)"}" cannot be shown to carry TLS. Use TERMINATED_HTTPS or HTTPS (TLS passthrough).`,
  );
}

/**
 * Load balancer listeners carry TLS: TERMINATED_HTTPS with a certificate, or HTTPS passthrough.
 * A plain HTTP listener is only tolerated as a redirect (no default pool); the stack-level rule
 * `openstack-loadbalancer-listener-http-redirect-only` proves the redirect exists. OVHcloud's
 * load balancer (Octavia behind the OVHcloud API) is judged the same, in both of its provider
 * shapes (policies/lib/ovh-load-balancer.ts).
 */
export function listenerTls() {
  return resourcePolicies({
    name: "openstack-loadbalancer-listener-tls",
    description:
      "Load balancer listeners terminate (or pass through) TLS; plain HTTP only as a redirect.",
    enforcementLevel: "mandatory",
    types: [listenerType, ovhListenerType, ovhInlineLoadBalancerType],
    meta: {
      area: "encryption",
      severity: "high",
      requirements: [req.sncEncryptionInTransit, req.hdsConfidentiality, req.isoCrypto],
      remediation:
        "Use `protocol: TERMINATED_HTTPS` with `defaultTlsContainerRef` (a Barbican certificate container; `secretId` on an OVHcloud load balancer's inline listener), or `HTTPS` passthrough; keep HTTP only for a listener with no pool and an L7 policy redirecting to https://.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const props = raw(args.props);
      if (args.type === listenerType || args.type === ovhListenerType) {
        judgeListener(props, "", "defaultTlsContainerRef", report, unknown);
        return;
      }
      if (args.type !== ovhInlineLoadBalancerType) return;
      const listeners = inlineListeners(props);
      if (listeners === "unknown") {
        unknown("`listeners` is unknown during preview: whether they carry TLS cannot be judged.");
        return;
      }
      for (const l of listeners) {
        if (l.unknown) unknown(`\`${l.path}\` is unknown during preview.`);
        else judgeListener(l.props, `${l.path}.`, "secretId", report, unknown);
      }
    },
  });
}
