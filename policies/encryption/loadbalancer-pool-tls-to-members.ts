import { resourcePolicies } from "../lib/define";
import { isTrue, isUnknown, raw, str } from "../lib/values";
import { req } from "../requirements";

const poolType = "openstack:loadbalancer/pool:Pool";

/** Pool protocols in which the load balancer speaks plain HTTP (or PROXY + HTTP) to members. */
const clearProtocols = new Set(["HTTP", "PROXY", "PROXYV2"]);

/**
 * A pool whose protocol is HTTP (or PROXY) sends what its listener received to the members in
 * clear, unless Octavia re-encrypts it (the pool's `tls_enabled`, Octavia API reference, "Create
 * Pool"): behind a TERMINATED_HTTPS listener, the researchers' sessions and the data they show
 * cross the tenant network decrypted. A TCP pool is left to its listener (HTTPS passthrough keeps
 * TLS end to end; a plain TCP listener is listener-tls's finding).
 *
 * Advisory, severity high, because the provider cannot express the fix: @pulumi/openstack
 * 3.15.2, the newest in the npm registry this session (`npm view @pulumi/openstack versions`:
 * 3.14.0, 3.15.2), has no `tlsEnabled` on `loadbalancer.Pool`. A program can still avoid it with
 * HTTPS passthrough (listener and pool HTTPS, TLS ended in the backend); a pool that does declare
 * `tlsEnabled: true` (a later provider, or another tool's state) passes. Make it mandatory once
 * the provider offers re-encryption.
 */
export function loadbalancerPoolTlsToMembers() {
  return resourcePolicies({
    name: "openstack-loadbalancer-pool-tls-to-members",
    description: "Load-balancer pools do not carry HTTP to their members in clear.",
    enforcementLevel: "advisory",
    types: [poolType],
    meta: {
      area: "encryption",
      severity: "high",
      requirements: [req.sncEncryptionInTransit, req.hdsConfidentiality, req.isoCrypto],
      remediation:
        "Re-encrypt to the members (the pool's `tls_enabled`, once the provider exposes it) or use HTTPS passthrough: listener and pool `HTTPS`, TLS ended in the backend.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      if (args.type !== poolType) return;
      const props = raw(args.props);
      if (isUnknown(props.protocol) || isUnknown(props.tlsEnabled)) {
        unknown("`protocol` or `tlsEnabled` of the pool is unknown during preview.");
        return;
      }
      const protocol = str(props.protocol)?.toUpperCase() ?? "";
      if (!clearProtocols.has(protocol) || isTrue(props.tlsEnabled)) return;
      report(
        `The pool speaks ${protocol} to its members in clear: whatever its listener decrypted crosses the network unencrypted. Re-encrypt to the members or use HTTPS passthrough.`,
      );
    },
  });
}
