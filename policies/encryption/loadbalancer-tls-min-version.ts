import { resourcePolicies } from "../lib/define";
import {
  inlineListeners,
  ovhInlineLoadBalancerType,
  ovhListenerType,
} from "../lib/ovh-load-balancer";
import { weakTlsVersion } from "../lib/tls-settings";
import { isUnknown, list, raw, str, type Props } from "../lib/values";
import { req } from "../requirements";

export const tlsCarryingTypes = [
  "openstack:loadbalancer/listener:Listener",
  "openstack:loadbalancer/pool:Pool",
];

/**
 * Listeners and pools offer TLS 1.2 or later only. Without `tlsVersions` Octavia applies the
 * operator's defaults (`[api_settings] default_listener_tls_versions` / `default_pool_tls_versions`,
 * TLS 1.2 and 1.3 since Octavia Wallaby), so only an explicit list is judged. OVHcloud's load
 * balancer listeners (Octavia behind the OVHcloud API) carry the same `tlsVersions`, on their own
 * resource or inline (policies/lib/ovh-load-balancer.ts).
 */
function judgeVersions(
  props: Props,
  at: string,
  report: (message: string) => void,
  unknown: (message: string) => void,
) {
  if (isUnknown(props.tlsVersions)) {
    unknown(`\`${at}tlsVersions\` is unknown during preview: the TLS floor cannot be judged.`);
    return;
  }
  const versions = list(props.tlsVersions) ?? [];
  if (versions.some(isUnknown))
    unknown(`An element of \`${at}tlsVersions\` is unknown during preview.`);
  const weak = versions.flatMap((v) => {
    const s = str(v);
    return s && weakTlsVersion(s) ? [s] : [];
  });
  if (weak.length > 0)
    report(
      `\`${at}tlsVersions\` allows ${weak.join(", ")}: deprecated protocols (RFC 8996). Keep TLSv1.2 and TLSv1.3 only.`,
    );
}

/** Listeners and pools, Octavia's and OVHcloud's, offer TLS 1.2 or later only (see above). */
export function loadbalancerTlsMinVersion() {
  return resourcePolicies({
    name: "openstack-loadbalancer-listener-pool-tls-min-version",
    description: "Load balancer listeners and pools allow no TLS version below 1.2.",
    enforcementLevel: "mandatory",
    types: [...tlsCarryingTypes, ovhListenerType, ovhInlineLoadBalancerType],
    meta: {
      area: "encryption",
      severity: "high",
      requirements: [req.sncEncryptionInTransit, req.anssiCrypto, req.isoCrypto],
      remediation:
        'Set `tlsVersions: ["TLSv1.2", "TLSv1.3"]` (or leave it unset for the TLS 1.2+ default).',
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const props = raw(args.props);
      if (args.type !== ovhInlineLoadBalancerType) {
        judgeVersions(props, "", report, unknown);
        return;
      }
      const listeners = inlineListeners(props);
      if (listeners === "unknown") {
        unknown("`listeners` is unknown during preview: their TLS floor cannot be judged.");
        return;
      }
      for (const l of listeners)
        if (!l.unknown) judgeVersions(l.props, `${l.path}.`, report, unknown);
    },
  });
}
