import { resourcePolicies } from "../lib/define";
import { weakTlsVersion } from "../lib/tls-settings";
import { isUnknown, list, raw, str } from "../lib/values";
import { req } from "../requirements";

export const tlsCarryingTypes = [
  "openstack:loadbalancer/listener:Listener",
  "openstack:loadbalancer/pool:Pool",
];

/**
 * Listeners and pools offer TLS 1.2 or later only. Without `tlsVersions` Octavia applies the
 * operator's defaults (`[api_settings] default_listener_tls_versions` / `default_pool_tls_versions`,
 * TLS 1.2 and 1.3 since Octavia Wallaby), so only an explicit list is judged.
 */
export function loadbalancerTlsMinVersion() {
  return resourcePolicies({
    name: "openstack-loadbalancer-listener-pool-tls-min-version",
    description: "Load balancer listeners and pools allow no TLS version below 1.2.",
    enforcementLevel: "mandatory",
    types: tlsCarryingTypes,
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
      if (isUnknown(props.tlsVersions)) {
        unknown("`tlsVersions` is unknown during preview: the TLS floor cannot be judged.");
        return;
      }
      const versions = list(props.tlsVersions) ?? [];
      if (versions.some(isUnknown))
        unknown("An element of `tlsVersions` is unknown during preview.");
      const weak = versions.flatMap((v) => {
        const s = str(v);
        return s && weakTlsVersion(s) ? [s] : [];
      });
      if (weak.length > 0)
        report(
          `\`tlsVersions\` allows ${weak.join(", ")}: deprecated protocols (RFC 8996). Keep TLSv1.2 and TLSv1.3 only.`,
        );
    },
  });
}
