import { isNonPublic, parsePrefix } from "../lib/cidr";
import { resourcePolicies } from "../lib/define";
import { isUnknown, raw, str } from "../lib/values";
import { req } from "../requirements";

/**
 * A Manila file share is exported to the clients its access rules name. An `ip` rule grants an
 * address or a CIDR (OpenStack provider `openstack_sharedfilesystem_share_access_v2`; Manila API
 * reference, "grant access", `access_to`): a public address or range puts a file system holding
 * research data within reach of the internet, where NFS and CIFS were never meant to be. Users,
 * certificates and cephx identities are judged by their own back ends, not here.
 */
export function shareAccessNotPublic() {
  return resourcePolicies({
    name: "openstack-sharedfilesystem-share-access-not-public",
    description: "File shares (Manila) are exported to private addresses only, never a public one.",
    enforcementLevel: "mandatory",
    types: ["openstack:sharedfilesystem/shareAccess:ShareAccess"],
    meta: {
      area: "exposure",
      severity: "critical",
      requirements: [req.sncNetworkSegregation, req.hdsConfidentiality, req.isoSegregation],
      remediation:
        "Grant `ip` access to the private address or subnet of the hosts that mount the share; reach it from elsewhere through the platform's network, never the internet.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const props = raw(args.props);
      if (isUnknown(props.accessType) || isUnknown(props.accessTo)) {
        unknown("`accessType` or `accessTo` is unknown during preview.");
        return;
      }
      if (str(props.accessType)?.toLowerCase() !== "ip") return;
      const to = str(props.accessTo) ?? "";
      const prefix = parsePrefix(to);
      if (!prefix) {
        unknown(`\`accessTo\` "${to}" is not an address or CIDR: not judged.`);
        return;
      }
      if (!isNonPublic(prefix))
        report(
          `The share is exported (${str(props.accessLevel) ?? "rw"}) to ${prefix.text}, a public ${prefix.bits === 0 ? "range: the whole internet" : "address or range"}. Export it to private addresses only.`,
        );
    },
  });
}
