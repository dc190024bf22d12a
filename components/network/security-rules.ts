/**
 * The platform's security-group rules as pure data: which flows exist between zones and which
 * few destinations outside the platform each zone may reach. The Network component turns this
 * table into Neutron rules one for one; tests check the table without Pulumi.
 *
 * Every group is created with `deleteDefaultRules: true`, so Neutron's default "allow all egress"
 * rules are gone and nothing below is implied: a flow missing here is denied in both directions.
 */
import { zoneNames, type ZoneName } from "./zones";

export type Protocol = "tcp" | "udp" | "any";
export type Direction = "ingress" | "egress";

export interface PortRange {
  readonly from: number;
  readonly to: number;
}

/** One Neutron security-group rule, IPv4, with its remote written as a CIDR. */
export interface SecurityRule {
  /** Zone whose security group carries the rule. */
  readonly zone: ZoneName;
  readonly direction: Direction;
  readonly protocol: Protocol;
  /** Inclusive destination port range; absent when `protocol` is "any". */
  readonly ports?: PortRange;
  /** Source (ingress) or destination (egress) range. */
  readonly remote: string;
  /**
   * Match members of the remote zone's security group rather than its whole range (Neutron
   * `remoteGroupId`): used where every protocol is allowed, so only hosts we placed in that
   * group get it. @default false
   */
  readonly peerGroup?: ZoneName;
  /** Why the flow exists; Neutron keeps it on the rule (at most 255 characters). */
  readonly description: string;
}

/** What the rules are computed from: all plain strings (the Network component's own args). */
export interface RulePlanInput {
  /** IPv4 CIDR of each zone. */
  readonly zones: Readonly<Record<ZoneName, string>>;
  /** Administrators' networks: the only sources allowed to the bastions' SSH port. */
  readonly adminCidrs: readonly string[];
  /** DNS resolvers outside the zones (empty: the subnet's own DHCP/DNS agent answers). */
  readonly dnsNameservers: readonly string[];
  /** The only HTTPS destinations outside the platform (cloud APIs, registry, OS mirror). */
  readonly egressHttpsCidrs: readonly string[];
  /** Object-storage endpoint workspace pods (running on platform nodes) keep their data in. @default [] */
  readonly objectStorageCidrs?: readonly string[];
}

export const ports = {
  ssh: 22,
  dns: 53,
  http: 80,
  https: 443,
  kubernetesApi: 6443,
} as const;

/** OpenStack's metadata service, which cloud-init reads at boot (link-local, never routed). */
export const metadataServiceCidr = "169.254.169.254/32";

/** A flow between two zones: an egress rule on the source's group and an ingress rule on the destination's. */
interface ZoneFlow {
  readonly from: ZoneName;
  readonly to: ZoneName;
  readonly protocol: Protocol;
  readonly port?: number;
  readonly why: string;
}

/**
 * Every permitted flow between zones. Nothing else crosses a zone boundary. A flow with protocol
 * "any" is matched on group membership, never on an address range.
 */
export const zoneFlows: readonly ZoneFlow[] = [
  {
    from: "bastion",
    to: "platform",
    protocol: "tcp",
    port: ports.ssh,
    why: "administrators' SSH to Kubernetes nodes, only through a bastion",
  },
  {
    from: "bastion",
    to: "platform",
    protocol: "tcp",
    port: ports.kubernetesApi,
    why: "kubectl from a bastion to the private Kubernetes API",
  },
  {
    from: "bastion",
    to: "data",
    protocol: "tcp",
    port: ports.ssh,
    why: "administrators' SSH to data-service hosts, only through a bastion",
  },
  {
    from: "platform",
    to: "platform",
    protocol: "any",
    why: "Kubernetes nodes among themselves (kubelet, etcd, CNI overlay)",
  },
  {
    from: "platform",
    to: "workspaces",
    protocol: "tcp",
    port: ports.https,
    why: "workspace pods reach their own storage endpoints over TLS",
  },
  {
    from: "platform",
    to: "data",
    protocol: "tcp",
    port: ports.https,
    why: "platform services reach object storage, airlock and audit log store over TLS",
  },
  {
    from: "workspaces",
    to: "data",
    protocol: "tcp",
    port: ports.https,
    why: "workspace storage endpoints persist to the data services over TLS",
  },
];

/** Zones whose hosts may reach `egressHttpsCidrs` (updates, cloud APIs, registry). */
export const httpsEgressZones: readonly ZoneName[] = ["bastion", "platform"];

/**
 * Every rule of every zone's group, without duplicates (Neutron refuses two identical rules).
 * Pure: the same input always gives the same rules in the same order.
 */
export function securityRules(input: RulePlanInput): SecurityRule[] {
  const rules: SecurityRule[] = [];
  const tcp = (port: number): Pick<SecurityRule, "protocol" | "ports"> => ({
    protocol: "tcp",
    ports: { from: port, to: port },
  });

  for (const cidr of input.adminCidrs) {
    rules.push({
      zone: "bastion",
      direction: "ingress",
      ...tcp(ports.ssh),
      remote: cidr,
      description: `Administrators' SSH from ${cidr}: the platform's only entry point`,
    });
  }

  for (const flow of zoneFlows) {
    const shape: Pick<SecurityRule, "protocol" | "ports"> =
      flow.protocol === "any" || flow.port === undefined
        ? { protocol: "any" }
        : { protocol: flow.protocol, ports: { from: flow.port, to: flow.port } };
    const anyProtocol = shape.protocol === "any";
    rules.push({
      zone: flow.from,
      direction: "egress",
      ...shape,
      remote: input.zones[flow.to],
      ...(anyProtocol ? { peerGroup: flow.to } : {}),
      description: `To ${flow.to}: ${flow.why}`,
    });
    rules.push({
      zone: flow.to,
      direction: "ingress",
      ...shape,
      remote: input.zones[flow.from],
      ...(anyProtocol ? { peerGroup: flow.from } : {}),
      description: `From ${flow.from}: ${flow.why}`,
    });
  }

  for (const zone of zoneNames) {
    rules.push({
      zone,
      direction: "egress",
      ...tcp(ports.http),
      remote: metadataServiceCidr,
      description: "Instance metadata service, read by cloud-init at boot",
    });
    const resolvers = [input.zones[zone], ...input.dnsNameservers.map((ip) => `${ip}/32`)];
    for (const remote of resolvers) {
      for (const protocol of ["udp", "tcp"] as const) {
        rules.push({
          zone,
          direction: "egress",
          protocol,
          ports: { from: ports.dns, to: ports.dns },
          remote,
          description:
            remote === input.zones[zone]
              ? `DNS (${protocol}) to the subnet's own DHCP/DNS agent`
              : `DNS (${protocol}) to the configured resolver ${remote}`,
        });
      }
    }
  }

  for (const zone of httpsEgressZones) {
    for (const cidr of input.egressHttpsCidrs) {
      rules.push({
        zone,
        direction: "egress",
        ...tcp(ports.https),
        remote: cidr,
        description: `HTTPS to ${cidr}, a declared cloud API, registry or mirror range`,
      });
    }
  }

  for (const cidr of input.objectStorageCidrs ?? []) {
    rules.push({
      zone: "platform",
      direction: "egress",
      ...tcp(ports.https),
      remote: cidr,
      description: `HTTPS to ${cidr}, the object-storage endpoint of the workspaces' data`,
    });
  }

  return dedupe(rules);
}

/** Stable identity of a rule: two rules with the same key are the same Neutron rule. */
export function ruleKey(rule: SecurityRule): string {
  const portPart = rule.ports ? `${rule.ports.from}-${rule.ports.to}` : "all";
  const remotePart = rule.peerGroup ? `group-${rule.peerGroup}` : rule.remote.replace("/", "_");
  return `${rule.zone}-${rule.direction === "ingress" ? "in" : "out"}-${rule.protocol}-${portPart}-${remotePart}`;
}

function dedupe(rules: SecurityRule[]): SecurityRule[] {
  const seen = new Set<string>();
  return rules.filter((rule) => {
    const key = ruleKey(rule);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
