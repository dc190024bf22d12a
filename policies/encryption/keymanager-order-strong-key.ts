import { resourcePolicy } from "../lib/define";
import { isUnknown, num, obj, raw, str } from "../lib/values";
import { req } from "../requirements";

/**
 * The pack's minimum sizes, in bits. Stricter than the ANSSI guide's rules (v2.04: symmetric keys
 * >= 128 bits, RSA modulus >= 2048 bits to 2030 and >= 3072 from 2031, EC order >= 250 bits) by
 * choice: health data outlive 2030, and AES-256 costs nothing more to order.
 */
const minimumBits: Record<string, number> = { aes: 256, rsa: 3072, ec: 256, ecdsa: 256 };

/** Keys ordered from Barbican use algorithms and sizes ANSSI accepts. */
export function keymanagerOrderStrongKey() {
  return resourcePolicy({
    name: "openstack-keymanager-order-strong-key",
    description:
      "Keys ordered from the key manager use AES-256, RSA >= 3072 or EC >= 256 bits, never ECB mode.",
    enforcementLevel: "mandatory",
    types: ["openstack:keymanager/orderV1:OrderV1"],
    meta: {
      area: "encryption",
      severity: "high",
      requirements: [req.anssiCrypto, req.sncEncryptionAtRest, req.isoCrypto],
      remediation:
        'Order `meta: { algorithm: "aes", bitLength: 256, mode: "xts" | "gcm" | "cbc" }` (or RSA >= 3072 for asymmetric keys).',
      settings: [],
    },
    validate: (args, _settings, report) => {
      const props = raw(args.props);
      const meta = obj(props.meta);
      if (!meta || isUnknown(meta.algorithm) || isUnknown(meta.bitLength)) return;
      const algorithm = (str(meta.algorithm) ?? "").toLowerCase();
      const bits = num(meta.bitLength);
      const minimum = minimumBits[algorithm];
      if (minimum === undefined) {
        report(
          `Algorithm "${algorithm || "(none)"}" is not one ANSSI recommends. Use aes (256 bits) or rsa (>= 3072 bits).`,
        );
      } else if (bits === undefined || bits < minimum) {
        report(
          `${algorithm.toUpperCase()} key of ${bits ?? "unspecified"} bits is below the ${minimum} bits ANSSI requires. Set \`bitLength: ${minimum}\` or more.`,
        );
      }
      if (!isUnknown(meta.mode) && str(meta.mode)?.toLowerCase() === "ecb") {
        report("ECB mode leaks data patterns. Use xts, gcm or cbc.");
      }
    },
  });
}
