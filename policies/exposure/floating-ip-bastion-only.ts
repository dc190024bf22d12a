import { isBastion } from "../lib/bastion";
import { stackPolicies } from "../lib/define";
import {
  associatedAddresses,
  floatingIpTypes,
  hostsBehind,
  reachOf,
  routes,
} from "../lib/public-address-routes";
import { StackIndex, type IndexedResource } from "../lib/stack-index";
import { isUnknown, str } from "../lib/values";
import { req } from "../requirements";

const instanceType = "openstack:compute/instance:Instance";
const shortType = (type: string) => type.split(":").pop() ?? type;
const describe = (r: IndexedResource) => `${shortType(r.type)} "${r.name}"`;

/**
 * Public (floating) addresses reach only bastions and the gateway edge (a bastion for the pack:
 * setting `bastionComponentTypes`), by whatever route: the address's own port, an association,
 * a port forwarding or an instance's `floatingIp`. The target decides, not the address's name: an
 * address named "bastion" on a database port is refused, an anonymous one on a bastion's port
 * passes. Where the target cannot be seen (an id this program does not declare, or a value unknown
 * at preview that comes from no resource of it), only the route's own bastion marks can vouch for
 * it: without them the address is refused, with them the unseen target is named as unknown.
 */
export function floatingIpBastionOnly() {
  return stackPolicies({
    name: "openstack-networking-floatingip-bastion-only",
    description:
      "Floating IPs, by any association route, reach only bastions and the gateway edge.",
    enforcementLevel: "mandatory",
    meta: {
      area: "exposure",
      severity: "critical",
      requirements: [
        req.sncNetworkSegregation,
        req.sncAdminInterfaces,
        req.isoSegregation,
        req.anssiAdmin,
      ],
      remediation:
        "Remove the public address, or move it to a bastion's port; reach every other host through the bastion. A bastion's resources are children of a bastion component (setting `bastionComponentTypes`), named per `bastionNamePattern`, or tagged `hdh.health/role=bastion`.",
      settings: ["bastionComponentTypes", "bastionNamePattern"],
    },
    validate: (args, settings, report, unknown) => {
      const index = StackIndex.of(args.resources);
      const bastion = (r: IndexedResource) =>
        isBastion({ urn: r.urn, name: r.name, props: r.props }, settings);

      /** A target this program does not show: the route's own marks are all there is. */
      const unseen = (route: IndexedResource, field: string, what: string) => {
        if (bastion(route))
          unknown(
            `${describe(route)}: \`${field}\` ${what}, so what its public address reaches cannot be checked. Declare the target in this program, or check it once known.`,
            route.urn,
          );
        else
          report(
            `${describe(route)}: \`${field}\` ${what}, and nothing marks it as a bastion's: a public address may only reach a bastion or the gateway edge. Remove it, or move it to a bastion's port.`,
            route.urn,
          );
      };

      for (const { type, target } of routes) {
        for (const route of index.ofTypes([type])) {
          const reach = reachOf(index, route, target);
          switch (reach.kind) {
            case "resources":
              for (const host of reach.targets.flatMap((t) => hostsBehind(index, t)))
                if (!bastion(host))
                  report(
                    `${describe(route)} gives ${describe(host)} a public address (through \`${target}\`), and it is not a bastion. Remove the address and reach the host through a bastion.`,
                    route.urn,
                  );
              break;
            case "unknown":
              unseen(route, target, "is unknown during preview and comes from no resource here");
              break;
            case "outside":
              unseen(route, target, `names "${reach.id}", which this program does not declare`);
              break;
            case "none":
              break;
          }
        }
      }

      // An address no route of this program uses reaches nothing yet; it is still a public
      // address waiting for a host, so only a bastion's may exist.
      const used = associatedAddresses(index);
      for (const address of index.ofTypes(floatingIpTypes)) {
        const ownTarget = address.type === floatingIpTypes[0] ? address.props.portId : undefined;
        if (ownTarget !== undefined && ownTarget !== null && ownTarget !== "") continue;
        if (index.dependenciesOf(address, "portId").length > 0) continue;
        if (used.has(address.urn) || bastion(address)) continue;
        report(
          `${describe(address)} allocates a public address that no bastion uses. Remove it, or allocate it for a bastion (see the remediation).`,
          address.urn,
        );
      }

      for (const instance of index.ofTypes([instanceType])) {
        const value = instance.props.floatingIp;
        if (bastion(instance)) continue;
        if (isUnknown(value))
          unknown(
            `The instance "${instance.name}"'s \`floatingIp\` is unknown during preview: if set, it gives a non-bastion host a public address.`,
            instance.urn,
          );
        else if (str(value) !== undefined)
          report(
            `The instance "${instance.name}"'s \`floatingIp\` gives a non-bastion host a public address. Remove it and go through the bastion.`,
            instance.urn,
          );
      }
    },
  });
}
