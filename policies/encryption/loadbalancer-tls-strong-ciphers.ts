import { resourcePolicies } from "../lib/define";
import { weakCiphers } from "../lib/tls-settings";
import { isUnknown, raw, str } from "../lib/values";
import { req } from "../requirements";
import { tlsCarryingTypes } from "./loadbalancer-tls-min-version";

/** Listeners and pools admit no broken cipher suite in `tlsCiphers`. */
export function loadbalancerTlsStrongCiphers() {
  return resourcePolicies({
    name: "openstack-loadbalancer-listener-pool-tls-strong-ciphers",
    description:
      "Load balancer listeners and pools admit no RC4, DES/3DES, MD5, NULL, anonymous or export cipher.",
    enforcementLevel: "mandatory",
    types: tlsCarryingTypes,
    meta: {
      area: "encryption",
      severity: "high",
      requirements: [req.sncEncryptionInTransit, req.anssiCrypto, req.isoCrypto],
      remediation:
        'List AEAD suites only, e.g. `tlsCiphers: "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-AES256-GCM-SHA384:ECDHE-ECDSA-CHACHA20-POLY1305"`, or leave it unset for the operator\'s default.',
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const props = raw(args.props);
      if (isUnknown(props.tlsCiphers)) {
        unknown("`tlsCiphers` is unknown during preview: the cipher suites cannot be judged.");
        return;
      }
      const ciphers = str(props.tlsCiphers);
      if (!ciphers) return;
      const weak = weakCiphers(ciphers);
      if (weak.length > 0)
        report(
          `\`tlsCiphers\` admits ${weak.join(", ")}: broken or unauthenticated suites. Keep ECDHE with AES-GCM or ChaCha20-Poly1305.`,
        );
    },
  });
}
