/**
 * Security-group ingress rules, normalised from the two shapes OpenStack resources use:
 * Neutron `networking/secGroupRule:SecGroupRule` (one rule per resource) and the legacy Nova
 * `compute/secGroup:SecGroup` (inline `rules`). Values unknown during preview are kept as
 * "unknown" so that rules skip them instead of guessing.
 */
import { parsePrefix, type Prefix } from "./cidr";
import { isUnknown, list, num, obj, str, type Props } from "./values";

export const neutronRuleType = "openstack:networking/secGroupRule:SecGroupRule";
export const novaSecGroupType = "openstack:compute/secGroup:SecGroup";
export const ingressRuleTypes = [neutronRuleType, novaSecGroupType];

export type Source =
  | { kind: "any"; family: "ipv4" | "ipv6" }
  | { kind: "prefix"; prefix: Prefix }
  | { kind: "group" }
  | { kind: "invalid"; text: string }
  | { kind: "unknown" };

export type Ports =
  | { kind: "range"; min: number; max: number }
  | { kind: "none" } // ICMP and other port-less protocols
  | { kind: "unknown" };

export interface IngressRule {
  /** Where in the resource the rule sits, for messages (`rules[2]` or ""). */
  readonly where: string;
  readonly description?: string;
  readonly protocol: string; // "tcp", "udp", "sctp", "any", "icmp", other names, or "unknown"
  readonly source: Source;
  readonly ports: Ports;
}

const protocolNumbers: Record<string, string> = {
  "6": "tcp",
  "17": "udp",
  "132": "sctp",
  "1": "icmp",
  "58": "ipv6-icmp",
};
const portedProtocols = new Set(["tcp", "udp", "sctp", "udplite", "dccp", "any"]);

function normaliseProtocol(value: unknown): string {
  if (isUnknown(value)) return "unknown";
  const text = str(value)?.toLowerCase();
  if (text === undefined || text === "any" || text === "0") return "any";
  return protocolNumbers[text] ?? text;
}

function portRange(protocol: string, minValue: unknown, maxValue: unknown): Ports {
  if (protocol === "unknown" || isUnknown(minValue) || isUnknown(maxValue))
    return { kind: "unknown" };
  if (!portedProtocols.has(protocol)) return { kind: "none" };
  let min = num(minValue);
  let max = num(maxValue);
  // Neutron treats a missing (or zero) range as every port.
  if ((min === undefined || min <= 0) && (max === undefined || max <= 0))
    return { kind: "range", min: 1, max: 65535 };
  if (min === undefined || min <= 0) min = 1;
  if (max === undefined || max <= 0 || max < min) max = min === undefined ? 65535 : min;
  return { kind: "range", min, max: Math.min(max, 65535) };
}

function source(prefixValue: unknown, groupValue: unknown, family: "ipv4" | "ipv6"): Source {
  if (isUnknown(prefixValue)) return { kind: "unknown" };
  const text = str(prefixValue);
  if (text !== undefined) {
    const prefix = parsePrefix(text);
    return prefix ? { kind: "prefix", prefix } : { kind: "invalid", text };
  }
  if (isUnknown(groupValue) || str(groupValue) !== undefined) return { kind: "group" };
  // Neither a prefix nor a peer group: Neutron admits every address of the ethertype.
  return { kind: "any", family };
}

/**
 * A Neutron rule whose `direction` is unknown during preview, read as the ingress rule it may be:
 * the rules judge the returned `props` (direction ingress) and report through the returned
 * `report`, which turns each finding into a not-judged one (lib/define.ts, `notJudgedMark`).
 */
export function withUnknownDirection(
  type: string,
  props: Props,
  report: (message: string) => void,
  unknown: (message: string) => void,
): { props: Props; report: (message: string) => void } {
  if (type !== neutronRuleType || !isUnknown(props.direction)) return { props, report };
  return {
    props: { ...props, direction: "ingress" },
    report: (message) =>
      unknown(`\`direction\` is unknown during preview; if this rule is ingress: ${message}`),
  };
}

/** The ingress rules a resource declares (none for egress rules or other types). */
export function ingressRulesOf(type: string, props: Props): IngressRule[] {
  if (type === neutronRuleType) {
    if (isUnknown(props.direction)) return [];
    if (str(props.direction)?.toLowerCase() !== "ingress") return [];
    const family = str(props.ethertype)?.toLowerCase() === "ipv6" ? "ipv6" : "ipv4";
    const protocol = normaliseProtocol(props.protocol);
    return [
      {
        where: "",
        description: str(props.description),
        protocol,
        source: source(props.remoteIpPrefix, props.remoteGroupId, family),
        ports: portRange(protocol, props.portRangeMin, props.portRangeMax),
      },
    ];
  }
  if (type === novaSecGroupType) {
    const rules = list(props.rules) ?? [];
    return rules.flatMap((value, index) => {
      const rule = obj(value);
      if (!rule) return [];
      const protocol = normaliseProtocol(rule.ipProtocol);
      const groupish = rule.self === true ? "self" : rule.fromGroupId;
      return [
        {
          where: `rules[${index}]`,
          protocol,
          source: source(rule.cidr, groupish, "ipv4"),
          ports: portRange(protocol, rule.fromPort, rule.toPort),
        },
      ];
    });
  }
  return [];
}

export function describeSource(source: Source): string {
  switch (source.kind) {
    case "any":
      return source.family === "ipv6"
        ? "::/0 (no remote prefix or group)"
        : "0.0.0.0/0 (no remote prefix or group)";
    case "prefix":
      return source.prefix.text;
    case "invalid":
      return `"${source.text}"`;
    default:
      return source.kind;
  }
}

export function describePorts(ports: Ports): string {
  if (ports.kind !== "range") return "no ports";
  return ports.min === ports.max ? `port ${ports.min}` : `ports ${ports.min}-${ports.max}`;
}
