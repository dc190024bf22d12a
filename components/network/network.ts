/**
 * Network isolation: one private network and subnet per zone, one router, and one security group
 * per zone that denies everything except the flows of security-rules.ts.
 */
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { zoneNames, type ZoneName } from "./zones";
import { cidrsOverlap, isInternetWide, isNetworkAddress, parseCidr } from "./cidr";
import { throwIfInvalid, type ArgProblem } from "../shared/validation";
import { ruleKey, securityRules, type SecurityRule } from "./security-rules";

export interface NetworkArgs {
  /** Prefix of every physical name, e.g. "hdh-prod". */
  readonly namePrefix: string;
  /** OpenStack provider of the region the network lives in. */
  readonly provider: openstack.Provider;
  /** Region name, set on every resource so a reviewer sees where it lives. */
  readonly region: string;
  /** IPv4 CIDR of each zone; one network and one subnet each. */
  readonly zones: Readonly<Record<ZoneName, string>>;
  /** Administrators' networks, the only sources of SSH to the bastions. */
  readonly adminCidrs: readonly string[];
  /** DNS resolvers handed out by DHCP. @default [] (the provider's, via the subnet's agent) */
  readonly dnsNameservers?: readonly string[];
  /** The only HTTPS destinations outside the platform. @default [] */
  readonly egressHttpsCidrs?: readonly string[];
  /** Name of the provider's external network, the router's gateway. */
  readonly externalNetwork: string;
  /** Object-storage endpoint the platform zone may reach over HTTPS. @default [] */
  readonly objectStorageCidrs?: readonly string[];
  /** `key=value` tags identifying project, classification and owner. @default [] */
  readonly tags?: readonly string[];
}

type ByZone<T> = Record<ZoneName, T>;

export class Network extends pulumi.ComponentResource {
  /** Network id per zone. */
  public readonly networkIds: ByZone<pulumi.Output<string>>;
  /** Subnet id per zone. */
  public readonly subnetIds: ByZone<pulumi.Output<string>>;
  /** Security group id per zone: attach it to every port created in that zone. */
  public readonly securityGroupIds: ByZone<pulumi.Output<string>>;
  /** CIDR per zone, as planned. */
  public readonly zones: Readonly<ByZone<string>>;
  /** The router joining the zones and holding the external gateway. */
  public readonly routerId: pulumi.Output<string>;
  /** Id of the external network (floating IP pool, Magnum's external network). */
  public readonly externalNetworkId: pulumi.Output<string>;
  /** The rules created, as data, for reports. */
  public readonly rules: readonly SecurityRule[];

  constructor(name: string, args: NetworkArgs, opts?: pulumi.ComponentResourceOptions) {
    validateNetworkArgs(args);
    super("hdh:network:Network", name, {}, opts);
    const dnsNameservers = args.dnsNameservers ?? [];
    const egressHttpsCidrs = args.egressHttpsCidrs ?? [];
    const tags = [...(args.tags ?? [])];

    const region = args.region;
    const child = { parent: this, provider: args.provider };
    const external = openstack.networking.getNetworkOutput(
      { name: args.externalNetwork, external: true, region },
      child,
    );
    this.externalNetworkId = external.id;

    const router = new openstack.networking.Router(
      `${name}-router`,
      {
        name: `${args.namePrefix}-router`,
        description: "Joins the zones; its external gateway serves the bastions' floating IPs",
        externalNetworkId: external.id,
        adminStateUp: true,
        region,
        tags,
      },
      child,
    );
    this.routerId = router.id;

    const networkIds = {} as ByZone<pulumi.Output<string>>;
    const subnetIds = {} as ByZone<pulumi.Output<string>>;
    const securityGroupIds = {} as ByZone<pulumi.Output<string>>;
    for (const zone of zoneNames) {
      const network = new openstack.networking.Network(
        `${name}-${zone}`,
        {
          name: `${args.namePrefix}-${zone}`,
          description: `Private network of the ${zone} zone`,
          adminStateUp: true,
          external: false,
          shared: false,
          portSecurityEnabled: true,
          region,
          tags,
        },
        child,
      );
      const subnet = new openstack.networking.Subnet(
        `${name}-${zone}-subnet`,
        {
          name: `${args.namePrefix}-${zone}`,
          networkId: network.id,
          cidr: args.zones[zone],
          ipVersion: 4,
          enableDhcp: true,
          dnsNameservers: [...dnsNameservers],
          region,
          tags,
        },
        child,
      );
      // Every zone is routed (bastion to nodes, nodes to data services); what may cross is decided
      // by the security groups, which start empty.
      new openstack.networking.RouterInterface(
        `${name}-${zone}-router-interface`,
        { routerId: router.id, subnetId: subnet.id, region },
        child,
      );
      const group = new openstack.networking.SecGroup(
        `${name}-${zone}-sg`,
        {
          name: `${args.namePrefix}-${zone}`,
          description: `Deny by default; only the ${zone} zone's declared flows`,
          deleteDefaultRules: true,
          region,
          tags,
        },
        child,
      );
      networkIds[zone] = network.id;
      subnetIds[zone] = subnet.id;
      securityGroupIds[zone] = group.id;
    }

    this.rules = securityRules({
      zones: args.zones,
      adminCidrs: args.adminCidrs,
      dnsNameservers,
      egressHttpsCidrs,
      objectStorageCidrs: args.objectStorageCidrs ?? [],
    });
    for (const rule of this.rules) {
      new openstack.networking.SecGroupRule(
        `${name}-${ruleKey(rule)}`,
        {
          securityGroupId: securityGroupIds[rule.zone],
          direction: rule.direction,
          ethertype: "IPv4",
          // Neutron's "any protocol" is an absent protocol.
          protocol: rule.protocol === "any" ? undefined : rule.protocol,
          portRangeMin: rule.ports?.from,
          portRangeMax: rule.ports?.to,
          ...(rule.peerGroup
            ? { remoteGroupId: securityGroupIds[rule.peerGroup] }
            : { remoteIpPrefix: rule.remote }),
          description: rule.description,
          region,
        },
        child,
      );
    }

    this.networkIds = networkIds;
    this.subnetIds = subnetIds;
    this.securityGroupIds = securityGroupIds;
    this.zones = { ...args.zones };
    this.registerOutputs({
      networkIds,
      subnetIds,
      securityGroupIds,
      routerId: this.routerId,
      externalNetworkId: this.externalNetworkId,
    });
  }
}

/** Refuses a plan the rules could not make safe; every problem at once. */
function validateNetworkArgs(args: NetworkArgs): void {
  const errors: ArgProblem[] = [];
  const parsed: { zone: ZoneName; cidr: NonNullable<ReturnType<typeof parseCidr>> }[] = [];
  for (const zone of zoneNames) {
    const cidr = parseCidr(args.zones[zone]);
    if (!cidr || cidr.version !== 4 || !isNetworkAddress(cidr)) {
      errors.push({
        propertyPath: `zones.${zone}`,
        reason: `"${args.zones[zone]}" is not an IPv4 network address such as 10.42.0.0/24`,
      });
      continue;
    }
    const clash = parsed.find((p) => cidrsOverlap(p.cidr, cidr));
    if (clash) {
      errors.push({
        propertyPath: `zones.${zone}`,
        reason: `${cidr.text} overlaps zones.${clash.zone} (${clash.cidr.text}); give each zone its own range`,
      });
    }
    parsed.push({ zone, cidr });
  }
  if (args.adminCidrs.length === 0) {
    errors.push({
      propertyPath: "adminCidrs",
      reason: "name at least one administrators' network",
    });
  }
  const outside = [
    ...args.adminCidrs.map((c, i) => [`adminCidrs[${i}]`, c] as const),
    ...(args.egressHttpsCidrs ?? []).map((c, i) => [`egressHttpsCidrs[${i}]`, c] as const),
    ...(args.objectStorageCidrs ?? []).map((c, i) => [`objectStorageCidrs[${i}]`, c] as const),
  ];
  for (const [path, text] of outside) {
    const cidr = parseCidr(text);
    if (!cidr || cidr.version !== 4 || isInternetWide(cidr)) {
      errors.push({
        propertyPath: path,
        reason: `"${text}" must be an IPv4 range of /8 or narrower, never the internet`,
      });
    }
  }
  throwIfInvalid("hdh:network:Network", errors);
}
