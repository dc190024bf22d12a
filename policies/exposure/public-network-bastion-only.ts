import { isBastion } from "../lib/bastion";
import { resourcePolicy } from "../lib/define";
import { isUnknown, list, obj, raw, str } from "../lib/values";
import { req } from "../requirements";

const portTypes = ["openstack:networking/port:Port", "openstack:networking/portV2:PortV2"];
/**
 * Instances and Trove database instances: each lists its interfaces as `networks[]` by `name` or
 * `uuid` (https://www.pulumi.com/registry/packages/openstack/api-docs/database/instance/), and a
 * database plugged into the external network is reachable from the internet as any instance is.
 */
const instanceTypes = [
  "openstack:compute/instance:Instance",
  "openstack:compute/instanceV2:InstanceV2",
  "openstack:database/instance:Instance",
];
/**
 * OVHcloud API instances (pulumi-ovh 2.19.1): `ovh_cloud_project_instance` gets a public IP with
 * `network.public: true`, or a floating IP with `network.private.floatingIp`/`floatingIpCreate`
 * (cloudproject/instance.d.ts, `InstanceNetwork`); `ovh_cloud_instance`'s `networks[]` entry is a
 * public interface with `autoAssignPublicIp: true` or without `networkId` ("Omit for a public
 * interface", types/input.d.ts `CloudInstanceNetwork`).
 */
const ovhProjectInstanceType = "ovh:CloudProject/instance:Instance";
const ovhCloudInstanceType = "ovh:index/cloudInstance:CloudInstance";

/**
 * No port, instance interface or load balancer VIP on the provider's external network, except
 * for bastions. On OVHcloud an instance plugged into Ext-Net gets a public IP with no floating IP
 * at all, so this closes the other door to the internet.
 */
export function publicNetworkBastionOnly() {
  return resourcePolicy({
    name: "openstack-networking-port-no-public-network",
    description:
      "Ports, instance and database interfaces and load balancer VIPs sit on private networks, except for bastions.",
    enforcementLevel: "mandatory",
    // The provider's legacy spellings of ports and instances (`PortV2`, `InstanceV2`) too.
    types: [
      ...portTypes,
      ...instanceTypes,
      "openstack:loadbalancer/loadBalancer:LoadBalancer",
      ovhProjectInstanceType,
      ovhCloudInstanceType,
    ],
    meta: {
      area: "exposure",
      severity: "critical",
      requirements: [req.sncNetworkSegregation, req.isoSegregation, req.anssiAdmin],
      remediation:
        "Attach the resource to a private network behind the router; only bastions may use an external network (setting `publicNetworks`).",
      settings: ["publicNetworks", "bastionComponentTypes", "bastionNamePattern"],
    },
    validate: (args, settings, report) => {
      const props = raw(args.props);
      const publicNames = new Set(settings.publicNetworks.map((n) => n.toLowerCase()));
      const isPublic = (value: unknown) => {
        const text = isUnknown(value) ? undefined : str(value);
        return text !== undefined && publicNames.has(text.toLowerCase());
      };
      const hits: string[] = [];
      switch (args.type as string) {
        case "openstack:networking/port:Port":
        case "openstack:networking/portV2:PortV2":
          if (isPublic(props.networkId)) hits.push(`\`networkId\` "${str(props.networkId)}"`);
          break;
        case "openstack:compute/instance:Instance":
        case "openstack:compute/instanceV2:InstanceV2":
        case "openstack:database/instance:Instance":
          (list(props.networks) ?? []).forEach((value, index) => {
            const network = obj(value);
            if (network && (isPublic(network.name) || isPublic(network.uuid))) {
              hits.push(`\`networks[${index}]\` "${str(network.name) ?? str(network.uuid)}"`);
            }
          });
          break;
        case ovhProjectInstanceType: {
          const network = obj(props.network);
          if (network?.public === true || str(network?.public)?.toLowerCase() === "true")
            hits.push("`network.public: true`");
          const priv = obj(network?.private);
          for (const key of ["floatingIp", "floatingIpCreate"])
            if (priv?.[key] !== undefined && priv[key] !== null && !isUnknown(priv[key]))
              hits.push(`\`network.private.${key}\` (a floating IP)`);
          break;
        }
        case ovhCloudInstanceType:
          (list(props.networks) ?? []).forEach((value, index) => {
            const network = obj(value);
            if (!network) return;
            if (network.autoAssignPublicIp === true)
              hits.push(`\`networks[${index}].autoAssignPublicIp: true\``);
            else if (
              !isUnknown(network.networkId) &&
              (network.networkId === undefined || network.networkId === null)
            )
              hits.push(`\`networks[${index}]\` (no \`networkId\`: a public interface)`);
          });
          break;
        case "openstack:loadbalancer/loadBalancer:LoadBalancer":
          if (isPublic(props.vipNetworkId))
            hits.push(`\`vipNetworkId\` "${str(props.vipNetworkId)}"`);
          break;
        default:
          return;
      }
      if (hits.length === 0 || isBastion({ urn: args.urn, name: args.name, props }, settings))
        return;
      report(
        args.type.startsWith("ovh:")
          ? `${hits.join(", ")} gives the instance a public address: it would be reachable from the internet. Use a private network only; only bastions face the internet.`
          : `${hits.join(", ")} is an external network: the resource would be reachable from the internet. Use a private network; only bastions face the internet.`,
      );
    },
  });
}
