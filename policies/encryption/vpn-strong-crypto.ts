/**
 * Site-to-site VPNs (Neutron VPNaaS) negotiate only algorithms ANSSI accepts. What Neutron applies
 * when a field is left out is judged as well: the IKE and IPsec policies default to `sha1`,
 * `aes-128`, `group5`, and IKE `v1` (neutron vpn-ikepolicy-create / vpn-ipsecpolicy-create,
 * https://docs.redhat.com/en/documentation/red_hat_openstack_platform/10/html/command-line_interface_reference_guide/neutronclient_subcommand_vpn-ikepolicy-create),
 * so a policy that names nothing runs on SHA-1 and a 1536-bit group. Values as the API accepts them
 * (https://docs.openstack.org/python-neutronclient/latest/cli/osc/v2/vpn-ike-policy.html).
 *
 * The floor, from ANSSI's IPsec recommendations (https://www.ssi.gouv.fr/uploads/2012/09/NT_IPsec.pdf:
 * ESP rather than AH, IKEv2) and the RGS annex B1 minimums as a qualified vendor states them
 * (https://documentation.stormshield.eu/SNS/v4/en/Content/ANSSI_Configuration_Recommendations_SNS_v4.3-LTSB/Encryption_profiles.htm:
 * AES, SHA-256 or better, Diffie-Hellman of at least 2048-bit MODP or 256-bit curves):
 * - encryption: any AES mode, never `3des`;
 * - integrity: SHA-2 (`sha256`, `sha384`, `sha512`) or AES-based (`aes-xcbc`, `aes-cmac`), never `sha1`;
 * - PFS groups: 14-21, 24 and 28-31 (MODP 2048+ and curves of 256 bits or more); never 2 (1024),
 *   5 (1536), 22 (1024), 23 (2048 with a 224-bit subgroup), 25, 26 or 27 (curves under 256 bits);
 * - IKE `v2`, never `v1`; main mode, never `aggressive` (identities in clear);
 * - IPsec transform `esp` (the only one that encrypts), never `ah`.
 */
import { resourcePolicies } from "../lib/define";
import { isUnknown, raw, str } from "../lib/values";
import { req } from "../requirements";

const ikeType = "openstack:vpnaas/ikePolicy:IkePolicy";
const ipsecType = "openstack:vpnaas/ipSecPolicy:IpSecPolicy";

const strongPfsGroups = new Set([14, 15, 16, 17, 18, 19, 20, 21, 24, 28, 29, 30, 31]);

interface Field {
  readonly field: string;
  /** Neutron's value when the field is left out. */
  readonly neutronDefault: string;
  /** Why the value is refused, or undefined when it is accepted. */
  readonly weak: (value: string) => string | undefined;
}

const encryption: Field = {
  field: "encryptionAlgorithm",
  neutronDefault: "aes-128",
  weak: (v) => (/^aes-/.test(v) ? undefined : "not AES (3DES has a 64-bit block, Sweet32)"),
};
const integrity: Field = {
  field: "authAlgorithm",
  neutronDefault: "sha1",
  weak: (v) =>
    /^(sha256|sha384|sha512|aes-xcbc|aes-cmac)$/.test(v)
      ? undefined
      : "below SHA-256 (SHA-1 is refused by the RGS annex B1)",
};
const pfs: Field = {
  field: "pfs",
  neutronDefault: "group5",
  weak: (v) => {
    const group = /^group(\d+)$/.exec(v);
    return group && strongPfsGroups.has(Number(group[1]))
      ? undefined
      : "a Diffie-Hellman group under 2048-bit MODP or 256-bit curves";
  },
};
const ikeFields: Field[] = [
  encryption,
  integrity,
  pfs,
  {
    field: "ikeVersion",
    neutronDefault: "v1",
    weak: (v) => (v === "v2" ? undefined : "IKEv1 (ANSSI recommends IKEv2)"),
  },
  {
    field: "phase1NegotiationMode",
    neutronDefault: "main",
    weak: (v) => (v === "main" ? undefined : "aggressive mode sends the identities in clear"),
  },
];
const ipsecFields: Field[] = [
  encryption,
  integrity,
  pfs,
  {
    field: "transformProtocol",
    neutronDefault: "esp",
    weak: (v) => (v === "esp" ? undefined : "AH authenticates but does not encrypt"),
  },
];

export function vpnStrongCrypto() {
  return resourcePolicies({
    name: "openstack-vpnaas-policy-strong-crypto",
    description:
      "VPN IKE and IPsec policies use AES, SHA-2, Diffie-Hellman groups of 2048 bits or 256-bit curves, IKEv2 and ESP, including where Neutron's defaults apply.",
    enforcementLevel: "mandatory",
    types: [ikeType, ipsecType],
    meta: {
      area: "encryption",
      severity: "high",
      requirements: [req.sncEncryptionInTransit, req.anssiCrypto, req.isoCrypto],
      remediation:
        'Set every field explicitly: `encryptionAlgorithm: "aes-256"`, `authAlgorithm: "sha256"` (or sha384/sha512), `pfs: "group19"` (or group14+), and on the IKE policy `ikeVersion: "v2"`; keep the IPsec `transformProtocol` at `esp`.',
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const fields = args.type === ikeType ? ikeFields : args.type === ipsecType ? ipsecFields : [];
      const props = raw(args.props);
      const kind = args.type === ikeType ? "IKE" : "IPsec";
      for (const { field, neutronDefault, weak } of fields) {
        const value = props[field];
        if (isUnknown(value)) {
          unknown(
            `\`${field}\` is unknown during preview: the ${kind} policy cannot be judged yet.`,
          );
          continue;
        }
        const given = str(value)?.trim().toLowerCase();
        const effective = given || neutronDefault;
        const why = weak(effective);
        if (why)
          report(
            given
              ? `${kind} policy \`${field}: ${given}\` is ${why}.`
              : `${kind} policy leaves \`${field}\` out, so Neutron applies "${neutronDefault}": ${why}. Set it explicitly.`,
          );
      }
    },
  });
}
