/**
 * How security-group rules are read, in both shapes OpenStack has (Neutron rules, legacy Nova
 * groups): what direction, protocol, source and ports each means as Neutron applies it, and
 * that values unknown at preview stay unknown instead of being guessed.
 */
import { describe, expect, it } from "vitest";
import {
  describePorts,
  describeSource,
  ingressRulesOf,
  neutronRuleType,
  novaSecGroupType,
  type IngressRule,
} from "../../../policies/lib/ingress-rules";
import { parsePrefix } from "../../../policies/lib/cidr";
import { unknown } from "../baseline";

type Props = Record<string, unknown>;

const neutron = (props: Props): IngressRule[] =>
  ingressRulesOf(neutronRuleType, { direction: "ingress", ...props });
const one = (props: Props): IngressRule => {
  const rules = neutron(props);
  expect(rules).toHaveLength(1);
  return rules[0];
};

describe("Neutron rules: direction", () => {
  it("an egress rule admits nothing in", () => {
    expect(neutron({ direction: "egress", protocol: "tcp" })).toEqual([]);
  });

  it("a direction unknown at preview is not guessed", () => {
    expect(neutron({ direction: unknown, protocol: "tcp" })).toEqual([]);
  });

  it("a rule without a direction admits nothing known (Neutron requires one), and does not throw", () => {
    expect(ingressRulesOf(neutronRuleType, { protocol: "tcp" })).toEqual([]);
  });

  it("the direction is read whatever its case", () => {
    expect(neutron({ direction: "INGRESS", protocol: "tcp" })).toHaveLength(1);
  });

  it("a rule keeps its description and sits at no index", () => {
    expect(one({ protocol: "tcp", description: "SSH from admins" })).toMatchObject({
      where: "",
      description: "SSH from admins",
    });
  });
});

describe("Neutron rules: protocol", () => {
  it.each([
    [undefined, "any"],
    ["0", "any"],
    ["ANY", "any"],
    ["6", "tcp"],
    ["17", "udp"],
    ["132", "sctp"],
    ["1", "icmp"],
    ["58", "ipv6-icmp"],
    ["TCP", "tcp"],
    ["gre", "gre"],
    [unknown, "unknown"],
  ])("%j is read as %s", (protocol, expected) => {
    expect(one({ protocol }).protocol).toBe(expected);
  });
});

describe("Neutron rules: ports, as Neutron applies them", () => {
  const ports = (props: Props) => one({ protocol: "tcp", ...props }).ports;

  it("no range, or a zero range, is every port", () => {
    expect(ports({})).toEqual({ kind: "range", min: 1, max: 65535 });
    expect(ports({ portRangeMin: 0, portRangeMax: 0 })).toEqual({
      kind: "range",
      min: 1,
      max: 65535,
    });
  });

  it("a minimum alone is that one port; a maximum alone starts at 1", () => {
    expect(ports({ portRangeMin: 22 })).toEqual({ kind: "range", min: 22, max: 22 });
    expect(ports({ portRangeMax: 80 })).toEqual({ kind: "range", min: 1, max: 80 });
    expect(ports({ portRangeMin: 0, portRangeMax: 443 })).toEqual({
      kind: "range",
      min: 1,
      max: 443,
    });
    expect(ports({ portRangeMin: -5, portRangeMax: 443 })).toEqual({
      kind: "range",
      min: 1,
      max: 443,
    });
  });

  it("a maximum below the minimum is the minimum; above 65535 is cut there", () => {
    expect(ports({ portRangeMin: 100, portRangeMax: 50 })).toEqual({
      kind: "range",
      min: 100,
      max: 100,
    });
    expect(ports({ portRangeMin: 60000, portRangeMax: 70000 })).toEqual({
      kind: "range",
      min: 60000,
      max: 65535,
    });
  });

  it("any protocol has ports; ICMP and GRE have none", () => {
    expect(one({ portRangeMin: 22, portRangeMax: 22 }).ports).toEqual({
      kind: "range",
      min: 22,
      max: 22,
    });
    expect(one({ protocol: "icmp" }).ports).toEqual({ kind: "none" });
    expect(one({ protocol: "gre" }).ports).toEqual({ kind: "none" });
  });

  it.each([
    ["the protocol", { protocol: unknown, portRangeMin: 22, portRangeMax: 22 }],
    ["the minimum", { protocol: "tcp", portRangeMin: unknown, portRangeMax: 22 }],
    ["the maximum", { protocol: "tcp", portRangeMin: 22, portRangeMax: unknown }],
  ])("ports are unknown when %s is", (_, props) => {
    expect(one(props).ports).toEqual({ kind: "unknown" });
  });
});

describe("Neutron rules: source", () => {
  it("a prefix is read as a range; text that is not one is kept, quoted, as invalid", () => {
    expect(one({ remoteIpPrefix: "203.0.113.0/24" }).source).toEqual({
      kind: "prefix",
      prefix: parsePrefix("203.0.113.0/24"),
    });
    expect(one({ remoteIpPrefix: "office" }).source).toEqual({ kind: "invalid", text: "office" });
  });

  it("a peer group, known or not yet, is a group", () => {
    expect(one({ remoteGroupId: "sg-bastion" }).source).toEqual({ kind: "group" });
    expect(one({ remoteGroupId: unknown }).source).toEqual({ kind: "group" });
  });

  it("a prefix unknown at preview is unknown, even with a group", () => {
    expect(one({ remoteIpPrefix: unknown, remoteGroupId: "sg" }).source).toEqual({
      kind: "unknown",
    });
  });

  it("neither prefix nor group admits every address of the ethertype", () => {
    expect(one({}).source).toEqual({ kind: "any", family: "ipv4" });
    expect(one({ ethertype: "IPv6" }).source).toEqual({ kind: "any", family: "ipv6" });
  });
});

describe("legacy Nova security groups", () => {
  it("each inline rule is read, at its index; entries that are not rules are skipped", () => {
    const rules = ingressRulesOf(novaSecGroupType, {
      rules: [
        { ipProtocol: "tcp", fromPort: 22, toPort: 22, cidr: "198.51.100.0/24" },
        "garbage",
        { ipProtocol: "udp", fromPort: 53, toPort: 53, self: true },
        { ipProtocol: "tcp", fromPort: 443, toPort: 443, fromGroupId: "sg-lb" },
        { ipProtocol: "icmp", fromPort: -1, toPort: -1 },
      ],
    });
    expect(rules).toEqual([
      {
        where: "rules[0]",
        protocol: "tcp",
        source: { kind: "prefix", prefix: parsePrefix("198.51.100.0/24") },
        ports: { kind: "range", min: 22, max: 22 },
      },
      {
        where: "rules[2]",
        protocol: "udp",
        source: { kind: "group" },
        ports: { kind: "range", min: 53, max: 53 },
      },
      {
        where: "rules[3]",
        protocol: "tcp",
        source: { kind: "group" },
        ports: { kind: "range", min: 443, max: 443 },
      },
      {
        where: "rules[4]",
        protocol: "icmp",
        source: { kind: "any", family: "ipv4" },
        ports: { kind: "none" },
      },
    ]);
  });

  it("a group without rules, or with rules unknown at preview, admits nothing known", () => {
    expect(ingressRulesOf(novaSecGroupType, {})).toEqual([]);
    expect(ingressRulesOf(novaSecGroupType, { rules: unknown })).toEqual([]);
  });

  it("a self rule not set to true is not a group rule", () => {
    const [rule] = ingressRulesOf(novaSecGroupType, {
      rules: [{ ipProtocol: "tcp", fromPort: 22, toPort: 22, self: false }],
    });
    expect(rule.source).toEqual({ kind: "any", family: "ipv4" });
  });
});

it("other resource types declare no ingress rules", () => {
  expect(
    ingressRulesOf("openstack:networking/secGroup:SecGroup", {
      direction: "ingress",
      rules: [{ ipProtocol: "tcp" }],
    }),
  ).toEqual([]);
});

describe("how sources and ports are worded in findings", () => {
  it.each([
    [{ kind: "any", family: "ipv4" }, "0.0.0.0/0 (no remote prefix or group)"],
    [{ kind: "any", family: "ipv6" }, "::/0 (no remote prefix or group)"],
    [{ kind: "prefix", prefix: parsePrefix("10.0.0.0/8") }, "10.0.0.0/8"],
    [{ kind: "invalid", text: "office" }, '"office"'],
    [{ kind: "group" }, "group"],
    [{ kind: "unknown" }, "unknown"],
  ] as const)("%j reads %s", (source, text) => {
    expect(describeSource(source as never)).toBe(text);
  });

  it.each([
    [{ kind: "range", min: 22, max: 22 }, "port 22"],
    [{ kind: "range", min: 1, max: 1024 }, "ports 1-1024"],
    [{ kind: "none" }, "no ports"],
    [{ kind: "unknown" }, "no ports"],
  ] as const)("%j reads %s", (ports, text) => {
    expect(describePorts(ports)).toBe(text);
  });
});
