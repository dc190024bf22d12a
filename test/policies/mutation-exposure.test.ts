/**
 * Exposure rule edges that mutation testing showed still open after internet-exposure.test.ts:
 * findings that must name the right resource or rule, external networks that must not be
 * over-reported, Services left at their default type, and a ServicePatch that turns a Service
 * public. Each case is the compliant baseline with one change, judged in-process.
 */
import { describe, expect, it } from "vitest";
import { internalLoadBalancerAnnotation } from "../../policies/catalog/labels";
import type { Stack } from "./baseline";
import { messagesAfter } from "./rule-messages";

const P = {
  internet: "openstack-networking-secgroup-rule-no-internet-ingress",
  wide: "openstack-networking-secgroup-rule-no-wide-port-range",
  publicNetwork: "openstack-networking-port-no-public-network",
  floatingIp: "openstack-networking-floatingip-bastion-only",
  service: "kubernetes-core-service-no-public-load-balancer",
};

const messages = messagesAfter;

const bastionParents = ["hdh:bastion:Bastion"];

describe("security-group findings name what to fix", () => {
  it("a wide range in a legacy Nova group is flagged at the index of the rule that opens it", async () => {
    const change = (s: Stack) =>
      s.add("legacy", "openstack:compute/secGroup:SecGroup", {
        rules: [
          { ipProtocol: "tcp", fromPort: 8080, toPort: 8080, cidr: "10.0.0.0/8" },
          { ipProtocol: "tcp", fromPort: 30000, toPort: 32767, cidr: "10.0.0.0/8" },
        ],
      });
    expect(await messages(P.wide, change)).toEqual([
      expect.stringMatching(/^rules\[1\]: ingress from 10\.0\.0\.0\/8 opens tcp ports 30000-32767/),
    ]);
  });

  it("ICMP from the internet to a bastion is flagged: it has no port bastionPublicPorts could list", async () => {
    const change = (s: Stack) =>
      s.add(
        "ping",
        "openstack:networking/secGroupRule:SecGroupRule",
        { direction: "ingress", ethertype: "IPv4", protocol: "icmp", remoteIpPrefix: "0.0.0.0/0" },
        { parents: bastionParents },
      );
    expect(await messages(P.internet, change)).toEqual([
      expect.stringMatching(/^ingress from 0\.0\.0\.0\/0 \(icmp, no ports\) opens the resource/),
    ]);
  });
});

describe("public addresses", () => {
  it("a floating-IP association on a port this program does not declare is flagged as the association", async () => {
    const change = (s: Stack) =>
      s.add("app-ip-assoc", "openstack:networking/floatingIpAssociate:FloatingIpAssociate", {
        floatingIp: "203.0.113.20",
        portId: "port-app",
      });
    expect(await messages(P.floatingIp, change)).toEqual([
      'FloatingIpAssociate "app-ip-assoc": `portId` names "port-app", which this program does not declare, and nothing marks it as a bastion\'s: a public address may only reach a bastion or the gateway edge. Remove it, or move it to a bastion\'s port.',
    ]);
  });
});

describe("external networks", () => {
  it("an instance on two external networks is flagged once, naming both", async () => {
    const change = (s: Stack) =>
      (s.inputs("worker").networks = [
        { name: "Ext-Net" },
        { name: "platform-net" },
        { uuid: "ext-net" },
      ]);
    expect(await messages(P.publicNetwork, change)).toEqual([
      '`networks[0]` "Ext-Net", `networks[2]` "ext-net" is an external network: the resource would be reachable from the internet. Use a private network; only bastions face the internet.',
    ]);
  });
});

describe("Kubernetes Services", () => {
  it("a Service that leaves its type to the default (ClusterIP) is not flagged", async () => {
    const change = (s: Stack) =>
      s.add("plain-svc", "kubernetes:core/v1:Service", {
        metadata: { name: "api", namespace: "platform" },
        spec: { ports: [{ port: 8080 }], selector: { app: "api" } },
      });
    expect(await messages(P.service, change)).toEqual([]);
  });

  it("a ServicePatch that makes a Service a public LoadBalancer is flagged like the Service", async () => {
    const change = (s: Stack) =>
      s.add("portal-patch", "kubernetes:core/v1:ServicePatch", {
        metadata: { name: "portal", namespace: "platform" },
        spec: { type: "LoadBalancer" },
      });
    expect(await messages(P.service, change)).toEqual([
      expect.stringMatching(/^LoadBalancer Service without .*: "true" gets a public floating IP/),
    ]);
  });

  it("a ServicePatch that adds externalIPs is flagged; one that keeps it internal is not", async () => {
    const patch =
      (spec: Record<string, unknown>, annotations = {}) =>
      (s: Stack) =>
        s.add("portal-patch", "kubernetes:core/v1:ServicePatch", {
          metadata: { name: "portal", namespace: "platform", annotations },
          spec,
        });
    expect(await messages(P.service, patch({ externalIPs: ["203.0.113.4"] }))).toEqual([
      "`externalIPs` route outside traffic to the Service. Remove them.",
    ]);
    expect(
      await messages(
        P.service,
        patch({ type: "LoadBalancer" }, { [internalLoadBalancerAnnotation]: "true" }),
      ),
    ).toEqual([]);
  });
});
