/**
 * Edges of the exposure rules that mutation testing showed the corpus leaves open: what a
 * bastion's public ports may and may not open, how wide is too wide, which sources the port
 * rules judge, external networks on each resource type, Magnum's floating-IP default, and
 * Services. Each case is the compliant baseline with one change, judged in-process.
 */
import { describe, expect, it } from "vitest";
import { unknown, type Stack } from "./baseline";
import { messagesAfter } from "./rule-messages";
import { unknownOf } from "./corpus/case";

const P = {
  internet: "openstack-networking-secgroup-rule-no-internet-ingress",
  sensitive: "openstack-networking-secgroup-rule-no-sensitive-port-from-internet",
  wide: "openstack-networking-secgroup-rule-no-wide-port-range",
  publicNetwork: "openstack-networking-port-no-public-network",
  cluster: "openstack-containerinfra-cluster-no-public-address",
  floatingIp: "openstack-networking-floatingip-bastion-only",
  service: "kubernetes-core-service-no-public-load-balancer",
};

const ruleType = "openstack:networking/secGroupRule:SecGroupRule";
const bastionParents = ["hdh:bastion:Bastion"];

const messages = messagesAfter;

/** An ingress rule on `key`, on a bastion when `onBastion`. */
const ingress =
  (props: Record<string, unknown>, onBastion = false, key = "probe") =>
  (s: Stack) =>
    s.add(
      key,
      ruleType,
      { direction: "ingress", ethertype: "IPv4", protocol: "tcp", ...props },
      onBastion ? { parents: bastionParents } : {},
    );
const ports = (min: number, max = min) => ({ portRangeMin: min, portRangeMax: max });
const everyPortFrom = (start: number, count: number) =>
  Array.from({ length: count }, (_, i) => start + i);

describe("ingress from the whole internet", () => {
  it("HTTPS open to 0.0.0.0/0 on an ordinary host is flagged, naming source and port", async () => {
    expect(
      await messages(P.internet, ingress({ remoteIpPrefix: "0.0.0.0/0", ...ports(443) })),
    ).toEqual([
      "ingress from 0.0.0.0/0 (tcp, port 443) opens the resource to the whole internet. Restrict the source to a private range, a peer security group, or the administrators' networks on the bastion.",
    ]);
  });

  it("a public range wider than /16 is the internet; a narrower one is not", async () => {
    expect(
      await messages(P.internet, ingress({ remoteIpPrefix: "8.0.0.0/8", ...ports(443) })),
    ).toHaveLength(1);
    expect(
      await messages(P.internet, ingress({ remoteIpPrefix: "198.51.100.0/24", ...ports(443) })),
    ).toEqual([]);
  });

  it.each([
    ["the protocol", { protocol: unknown, ...ports(443) }],
    ["a port", { portRangeMin: unknown, portRangeMax: 443 }],
  ])("%s unknown at preview: refused outside a bastion, named on one", async (_, props) => {
    // Outside a bastion the known source decides: any port from the internet is refused.
    expect(
      await messages(P.internet, ingress({ remoteIpPrefix: "0.0.0.0/0", ...props })),
    ).toHaveLength(1);
    // On a bastion the port decides (bastionPublicPorts): unknown, it is named, not judged.
    const onBastion = ingress({ remoteIpPrefix: "0.0.0.0/0", ...props }, true);
    expect(await messages(P.internet, onBastion)).toEqual([]);
    expect(await messages(unknownOf(P.internet), onBastion)).toHaveLength(1);
  });

  it("a bastion may open the ports listed in bastionPublicPorts, and only those", async () => {
    const settings = { bastionPublicPorts: [443] };
    expect(
      await messages(
        P.internet,
        ingress({ remoteIpPrefix: "0.0.0.0/0", ...ports(443) }, true),
        settings,
      ),
    ).toEqual([]);
    expect(
      await messages(
        P.internet,
        ingress({ remoteIpPrefix: "0.0.0.0/0", ...ports(443, 444) }, true),
        settings,
      ),
    ).toHaveLength(1);
  });

  it("a host that is not a bastion may not open them", async () => {
    expect(
      await messages(P.internet, ingress({ remoteIpPrefix: "0.0.0.0/0", ...ports(443) }), {
        bastionPublicPorts: [443],
      }),
    ).toHaveLength(1);
  });

  it("a sensitive port stays closed to the internet even when listed as public", async () => {
    expect(
      await messages(P.internet, ingress({ remoteIpPrefix: "0.0.0.0/0", ...ports(22) }, true), {
        bastionPublicPorts: [22],
      }),
    ).toHaveLength(1);
  });

  it("a listed range is accepted up to 1,024 ports and refused beyond", async () => {
    const settings = { bastionPublicPorts: everyPortFrom(40000, 1100) };
    const open = (count: number) =>
      messages(
        P.internet,
        ingress({ remoteIpPrefix: "0.0.0.0/0", ...ports(40000, 40000 + count - 1) }, true),
        settings,
      );
    expect(await open(1024)).toEqual([]);
    expect(await open(1025)).toHaveLength(1);
  });

  it("a legacy Nova group names the offending rule by its index", async () => {
    const change = (s: Stack) =>
      s.add("legacy", "openstack:compute/secGroup:SecGroup", {
        rules: [
          { ipProtocol: "tcp", fromPort: 443, toPort: 443, cidr: "10.0.0.0/8" },
          { ipProtocol: "tcp", fromPort: 8443, toPort: 8443, cidr: "0.0.0.0/0" },
        ],
      });
    expect(await messages(P.internet, change)).toEqual([
      expect.stringMatching(/^rules\[1\]: ingress from 0\.0\.0\.0\/0 \(tcp, port 8443\)/),
    ]);
  });
});

describe("sensitive ports from public sources", () => {
  it("SSH to a bastion from no remote at all is flagged, even though SSH from admins is allowed", async () => {
    expect(await messages(P.sensitive, ingress({ ...ports(22) }, true))).toEqual([
      expect.stringMatching(/^SSH \(22\) reachable from public source 0\.0\.0\.0\/0/),
    ]);
  });

  it("from the administrators' networks, a bastion may open SSH but nothing else with it", async () => {
    expect(
      await messages(
        P.sensitive,
        ingress({ remoteIpPrefix: "203.0.113.0/24", ...ports(22, 23) }, true),
      ),
    ).toEqual([
      "SSH (22), Telnet (23) reachable from public source 203.0.113.0/24. Allow it only from private ranges or peer security groups; SSH to a bastion only from `adminCidrs`.",
    ]);
  });
});

describe("port ranges", () => {
  it("exactly maxPortRangeSize ports are allowed, one more is not", async () => {
    const open = (count: number) =>
      messages(
        P.wide,
        ingress({ remoteIpPrefix: "10.0.0.0/8", ...ports(10000, 10000 + count - 1) }),
      );
    expect(await open(32)).toEqual([]);
    expect(await open(33)).toEqual([
      "ingress from 10.0.0.0/8 opens tcp ports 10000-10032 (33 ports); at most 32 ports are allowed. Open only the service's ports.",
    ]);
  });

  it("a range opened to a peer security group is not judged: the group is the boundary", async () => {
    expect(
      await messages(P.wide, ingress({ remoteGroupId: "sg-nodes", ...ports(1, 65535) })),
    ).toEqual([]);
  });

  it("no remote at all is judged like 0.0.0.0/0", async () => {
    expect(await messages(P.wide, ingress({ ...ports(1000, 2000) }))).toEqual([
      expect.stringMatching(/^ingress from 0\.0\.0\.0\/0 \(no remote prefix or group\) opens tcp/),
    ]);
  });
});

describe("external networks", () => {
  const port = (networkId: unknown) => (s: Stack) =>
    s.add("nic", "openstack:networking/port:Port", { networkId });

  it("a port on the external network is flagged; on a private one it is not", async () => {
    expect(await messages(P.publicNetwork, port("Ext-Net"))).toEqual([
      '`networkId` "Ext-Net" is an external network: the resource would be reachable from the internet. Use a private network; only bastions face the internet.',
    ]);
    expect(await messages(P.publicNetwork, port("platform-net"))).toEqual([]);
  });

  it("a load balancer whose VIP is on the external network is flagged; on a private one it is not", async () => {
    const lb = (vipNetworkId: string) => (s: Stack) =>
      s.add("edge-lb", "openstack:loadbalancer/loadBalancer:LoadBalancer", { vipNetworkId });
    expect(await messages(P.publicNetwork, lb("ext-net"))).toEqual([
      expect.stringMatching(/^`vipNetworkId` "ext-net" is an external network/),
    ]);
    expect(await messages(P.publicNetwork, lb("platform-net"))).toEqual([]);
  });
});

describe("Magnum floating IPs", () => {
  const template = (props: Record<string, unknown>) => (s: Stack) =>
    s.add("tpl", "openstack:containerinfra/clusterTemplate:ClusterTemplate", {
      tlsDisabled: false,
      ...props,
    });
  const cluster = (props: Record<string, unknown>) => (s: Stack) =>
    s.add("k8s", "openstack:containerinfra/cluster:Cluster", props);

  it("a template that leaves floatingIpEnabled unset gets Magnum's default (true): flagged", async () => {
    expect(await messages(P.cluster, template({}))).toEqual([
      "`floatingIpEnabled` is not set and Magnum defaults it to true: every node would get a public IP. Set it to false.",
    ]);
  });

  it("a template or a cluster that turns them on is flagged", async () => {
    const expected = ["`floatingIpEnabled: true` gives every node a public IP. Set it to false."];
    expect(await messages(P.cluster, template({ floatingIpEnabled: true }))).toEqual(expected);
    expect(await messages(P.cluster, cluster({ floatingIpEnabled: true }))).toEqual(expected);
  });

  it("a cluster that says nothing inherits its template's setting: not flagged on its own", async () => {
    expect(await messages(P.cluster, cluster({}))).toEqual([]);
  });

  it("a setting unknown at preview is not judged", async () => {
    expect(await messages(P.cluster, template({ floatingIpEnabled: unknown }))).toEqual([]);
  });
});

describe("public addresses", () => {
  it("an instance's own floatingIp is flagged unless it is a bastion", async () => {
    const vm =
      (extra = {}) =>
      (s: Stack) =>
        s.add("vm", "openstack:compute/instance:Instance", { floatingIp: "203.0.113.9" }, extra);
    expect(await messages(P.floatingIp, vm())).toEqual([
      'The instance "vm"\'s `floatingIp` gives a non-bastion host a public address. Remove it and go through the bastion.',
    ]);
    expect(await messages(P.floatingIp, vm({ parents: bastionParents }))).toEqual([]);
  });

  it("an instance's floatingIp unknown at preview is not judged, only named as unknown", async () => {
    const change = (s: Stack) =>
      s.add("vm", "openstack:compute/instance:Instance", { floatingIp: unknown });
    expect(await messages(P.floatingIp, change)).toEqual([]);
    expect(await messages(unknownOf(P.floatingIp), change)).toEqual([
      'The instance "vm"\'s `floatingIp` is unknown during preview: if set, it gives a non-bastion host a public address.',
    ]);
  });
});

describe("Kubernetes Services", () => {
  const service = (props: Record<string, unknown>) => (s: Stack) =>
    s.add("svc", "kubernetes:core/v1:Service", props);

  it("a LoadBalancer Service without metadata is flagged (no internal annotation)", async () => {
    expect(await messages(P.service, service({ spec: { type: "LoadBalancer" } }))).toEqual([
      expect.stringMatching(/^LoadBalancer Service without .*: "true" gets a public floating IP/),
    ]);
  });

  it("a Service type unknown at preview, or no spec, is not judged", async () => {
    expect(await messages(P.service, service({ spec: { type: unknown } }))).toEqual([]);
    expect(await messages(P.service, service({ metadata: { name: "x" } }))).toEqual([]);
  });

  it("externalIPs are flagged on any Service type", async () => {
    expect(
      await messages(
        P.service,
        service({ spec: { type: "ClusterIP", externalIPs: ["203.0.113.4"] } }),
      ),
    ).toEqual(["`externalIPs` route outside traffic to the Service. Remove them."]);
  });
});
