/**
 * The gateway's public edge, the researchers' bastion: one Octavia load balancer in the bastion
 * zone with a floating IP, an HTTPS listener terminating TLS with a Barbican certificate, and an
 * HTTP listener that only redirects to https://. Its security group admits 443 and 80 from the
 * researchers' networks only (443 from anywhere only under the named opt-out) and lets it send
 * only to the backend's port in the platform zone.
 *
 * Every resource carries `hdh.health/role=bastion`, and the component type is a bastion
 * component for the policy pack (stacks/policy-settings.ts), so the pack judges it as an entry
 * point rather than as a host that should have none.
 */
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { bastionRole } from "../../policies/catalog/labels";
import { ports } from "../network/security-rules";
import { ownershipTags, type Ownership } from "../shared/ownership";

export const edgeComponentType = "hdh:gateway:Edge";

/** One ingress or egress rule of the edge's security group, as data. */
export interface EdgeRule {
  readonly direction: "ingress" | "egress";
  readonly port: number;
  readonly remote: string;
  readonly description: string;
}

export interface EdgeRuleInput {
  readonly researcherCidrs: readonly string[];
  readonly allowInternetResearchers: boolean;
  readonly backendCidr: string;
  readonly backendPort: number;
}

/** The edge's security-group rules: nothing else is admitted or sent (default rules deleted). */
export function edgeRules(input: EdgeRuleInput): EdgeRule[] {
  const rules: EdgeRule[] = [];
  for (const cidr of input.researcherCidrs) {
    rules.push({
      direction: "ingress",
      port: ports.https,
      remote: cidr,
      description: `Researchers' HTTPS from ${cidr} to the research gateway`,
    });
    rules.push({
      direction: "ingress",
      port: ports.http,
      remote: cidr,
      description: `Researchers' HTTP from ${cidr}, only redirected to https://`,
    });
  }
  if (input.allowInternetResearchers) {
    rules.push({
      direction: "ingress",
      port: ports.https,
      remote: "0.0.0.0/0",
      description:
        "Researchers' HTTPS from any network: opt-out hdh:gateway.allowInternetResearchers",
    });
  }
  rules.push({
    direction: "egress",
    port: input.backendPort,
    remote: input.backendCidr,
    description: `To the gateway's internal load balancer in ${input.backendCidr}, nothing else`,
  });
  return rules;
}

export interface GatewayEdgeArgs extends EdgeRuleInput {
  readonly namePrefix: string;
  readonly provider: openstack.Provider;
  readonly region: string;
  /** Bastion-zone subnet of the VIP. */
  readonly subnetId: pulumi.Input<string>;
  /** External network of the floating IP. */
  readonly externalNetwork: string;
  /** Barbican certificate container served on 443. */
  readonly certificateRef: string;
  /** Name researchers open; the HTTP listener redirects to https://<hostname>/. */
  readonly hostname: string;
  /** Address of the backend (the cluster's internal load balancer for the gateway). */
  readonly backendAddress: pulumi.Input<string>;
  /** Subnet of the backend address. @default none (routed from the VIP subnet) */
  readonly backendSubnetId?: pulumi.Input<string>;
  readonly ownership: Omit<Ownership, "role">;
}

export class GatewayEdge extends pulumi.ComponentResource {
  /** The floating IP researchers connect to. */
  public readonly publicAddress: pulumi.Output<string>;
  /** The rules created, as data. */
  public readonly rules: readonly EdgeRule[];

  constructor(name: string, args: GatewayEdgeArgs, opts?: pulumi.ComponentResourceOptions) {
    super(edgeComponentType, name, {}, opts);
    const region = args.region;
    const child = { parent: this, provider: args.provider };
    const tags = ownershipTags({ ...args.ownership, role: bastionRole });
    const lbName = `${args.namePrefix}-research-gateway`;

    const group = new openstack.networking.SecGroup(
      `${name}-sg`,
      {
        name: lbName,
        description: "Research gateway edge: HTTPS (and the HTTP redirect) from researchers only",
        deleteDefaultRules: true,
        region,
        tags,
      },
      child,
    );
    this.rules = edgeRules(args);
    for (const rule of this.rules) {
      new openstack.networking.SecGroupRule(
        `${name}-${rule.direction === "ingress" ? "in" : "out"}-${rule.port}-${rule.remote.replace("/", "_")}`,
        {
          securityGroupId: group.id,
          direction: rule.direction,
          ethertype: "IPv4",
          protocol: "tcp",
          portRangeMin: rule.port,
          portRangeMax: rule.port,
          remoteIpPrefix: rule.remote,
          description: rule.description,
          region,
        },
        child,
      );
    }

    const lb = new openstack.loadbalancer.LoadBalancer(
      `${name}-lb`,
      {
        name: lbName,
        description: "Researchers' only way in: TLS to the research gateway",
        vipSubnetId: args.subnetId,
        securityGroupIds: [group.id],
        adminStateUp: true,
        region,
        tags,
      },
      child,
    );
    // Octavia enforces the allowed sources itself as well, on the listener.
    const httpsSources = args.allowInternetResearchers ? ["0.0.0.0/0"] : [...args.researcherCidrs];
    const https = new openstack.loadbalancer.Listener(
      `${name}-https`,
      {
        name: `${lbName}-https`,
        loadbalancerId: lb.id,
        protocol: "TERMINATED_HTTPS",
        protocolPort: ports.https,
        defaultTlsContainerRef: args.certificateRef,
        allowedCidrs: httpsSources,
        insertHeaders: { "X-Forwarded-For": "true", "X-Forwarded-Proto": "true" },
        region,
        tags,
      },
      child,
    );
    const pool = new openstack.loadbalancer.Pool(
      `${name}-pool`,
      {
        name: `${lbName}-web`,
        listenerId: https.id,
        protocol: "HTTP",
        lbMethod: "ROUND_ROBIN",
        region,
      },
      child,
    );
    new openstack.loadbalancer.Member(
      `${name}-backend`,
      {
        poolId: pool.id,
        address: args.backendAddress,
        protocolPort: args.backendPort,
        subnetId: args.backendSubnetId,
        region,
      },
      child,
    );
    new openstack.loadbalancer.Monitor(
      `${name}-monitor`,
      {
        poolId: pool.id,
        type: "HTTP",
        urlPath: "/",
        httpMethod: "GET",
        expectedCodes: "200",
        delay: 10,
        timeout: 5,
        maxRetries: 3,
        region,
      },
      child,
    );

    // The plain-HTTP listener exists only to send researchers to https://; it has no pool.
    if (args.researcherCidrs.length > 0) {
      const http = new openstack.loadbalancer.Listener(
        `${name}-http`,
        {
          name: `${lbName}-http-redirect`,
          loadbalancerId: lb.id,
          protocol: "HTTP",
          protocolPort: ports.http,
          allowedCidrs: [...args.researcherCidrs],
          region,
          tags,
        },
        child,
      );
      const redirect = new openstack.loadbalancer.L7PolicyV2(
        `${name}-redirect`,
        {
          name: `${lbName}-to-https`,
          listenerId: http.id,
          action: "REDIRECT_TO_URL",
          redirectUrl: `https://${args.hostname}/`,
          position: 1,
          region,
        },
        child,
      );
      new openstack.loadbalancer.L7RuleV2(
        `${name}-redirect-all`,
        {
          l7policyId: redirect.id,
          type: "PATH",
          compareType: "STARTS_WITH",
          value: "/",
          region,
        },
        child,
      );
    }

    const address = new openstack.networking.FloatingIp(
      `${name}-fip`,
      {
        pool: args.externalNetwork,
        portId: lb.vipPortId,
        description: `Public address of the research gateway ${args.hostname}, HTTPS only`,
        region,
        tags,
      },
      child,
    );
    this.publicAddress = address.address;
    this.registerOutputs({ publicAddress: this.publicAddress });
  }
}
