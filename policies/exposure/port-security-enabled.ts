import { resourcePolicies } from "../lib/define";
import { isInternetWide, parsePrefix } from "../lib/cidr";
import { isUnknown, list, obj, raw, str } from "../lib/values";
import { req } from "../requirements";

const types = [
  "openstack:networking/port:Port",
  "openstack:networking/network:Network",
  "openstack:networking/portV2:PortV2",
  "openstack:networking/networkV2:NetworkV2",
];

/**
 * Neutron port security is what applies security groups and anti-spoofing to a port; with it off
 * (on the port, or by default for every port of a network) the port takes any traffic and may
 * send from any address (Neutron port-security extension). An allowed address pair lets one more
 * address (or CIDR) through anti-spoofing (Neutron allowed-address-pairs extension, API reference
 * "ports", `allowed_address_pairs`): a pair of 0.0.0.0/0, ::/0 or a public range too wide for
 * one organisation (lib/cidr.ts `isInternetWide`) lets internet addresses through, which is
 * anti-spoofing off by another name. Private ranges stay allowed: a cluster's pod range routed
 * without encapsulation needs one.
 */
export function portSecurityEnabled() {
  return resourcePolicies({
    name: "openstack-networking-port-security-enabled",
    description:
      "No port or network turns Neutron port security (security groups, anti-spoofing) off.",
    enforcementLevel: "mandatory",
    types,
    meta: {
      area: "exposure",
      severity: "critical",
      requirements: [req.sncNetworkSegregation, req.isoSegregation, req.isoNetworks],
      remediation:
        "Remove `portSecurityEnabled: false` (it defaults to true) and attach security groups; for a router or VIP address, allow it with `allowedAddressPairs` instead.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const value = raw(args.props).portSecurityEnabled;
      if (isUnknown(value)) unknown("`portSecurityEnabled` is unknown during preview.");
      else if (value === false || (typeof value === "string" && value.toLowerCase() === "false"))
        report(
          `\`portSecurityEnabled: false\` on ${args.type.endsWith("Port") || args.type.endsWith("PortV2") ? "this port" : "this network (every port created on it)"}: no security group or anti-spoofing applies. Turn it back on.`,
        );
      const pairs = raw(args.props).allowedAddressPairs;
      if (isUnknown(pairs)) unknown("`allowedAddressPairs` is unknown during preview.");
      (list(pairs) ?? []).forEach((value, i) => {
        const address = obj(value)?.ipAddress;
        if (isUnknown(value) || isUnknown(address)) {
          unknown(`\`allowedAddressPairs[${i}].ipAddress\` is unknown during preview.`);
          return;
        }
        const prefix = parsePrefix(str(address) ?? "");
        if (prefix && isInternetWide(prefix))
          report(
            `\`allowedAddressPairs[${i}]\` allows ${prefix.text}: any internet source address passes anti-spoofing, as with port security off. Allow the one virtual address (a /32 or /128) the port really carries.`,
          );
      });
    },
  });
}
