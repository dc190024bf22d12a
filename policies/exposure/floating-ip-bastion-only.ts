import { isBastion } from "../lib/bastion";
import { resourcePolicy } from "../lib/define";
import { isUnknown, raw, str } from "../lib/values";
import { req } from "../requirements";

const publicAddressTypes = new Set([
  "openstack:networking/floatingIp:FloatingIp",
  "openstack:compute/floatingIp:FloatingIp",
  "openstack:networking/floatingIpAssociate:FloatingIpAssociate",
  "openstack:compute/floatingIpAssociate:FloatingIpAssociate",
  "openstack:networking/portForwardingV2:PortForwardingV2",
]);
const instanceType = "openstack:compute/instance:Instance";

/** Public (floating) addresses exist only for bastions: every other host is reached through them. */
export function floatingIpBastionOnly() {
  return resourcePolicy({
    name: "openstack-networking-floatingip-bastion-only",
    description: "Floating IPs, their associations and port forwardings exist only for bastions.",
    enforcementLevel: "mandatory",
    types: [...publicAddressTypes, instanceType],
    meta: {
      area: "exposure",
      severity: "critical",
      requirements: [
        req.sncNetworkSegregation,
        req.sncAdministration,
        req.isoSegregation,
        req.anssiAdmin,
      ],
      remediation:
        "Remove the public address; reach the host through the bastion. A bastion's resources are children of a bastion component (setting `bastionComponentTypes`) or named per `bastionNamePattern`.",
      settings: ["bastionComponentTypes", "bastionNamePattern"],
    },
    validate: (args, settings, report) => {
      const props = raw(args.props);
      const isPublicAddress = publicAddressTypes.has(args.type);
      const instanceFloatingIp =
        args.type === instanceType &&
        !isUnknown(props.floatingIp) &&
        str(props.floatingIp) !== undefined;
      if (!isPublicAddress && !instanceFloatingIp) return;
      if (isBastion({ urn: args.urn, name: args.name, props }, settings)) return;
      const what = instanceFloatingIp
        ? "The instance's `floatingIp`"
        : `${args.type.split(":").pop()} "${args.name}"`;
      report(
        `${what} gives a non-bastion resource a public address. Remove it and go through the bastion.`,
      );
    },
  });
}
