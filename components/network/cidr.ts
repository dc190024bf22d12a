/**
 * CIDR arithmetic for the network plan, on top of ipaddr.js. Pure functions: the config schema
 * uses them to refuse overlapping or malformed zones before any resource exists, and the network
 * component uses them to lay out subnets.
 */
import ipaddr from "ipaddr.js";

export interface Cidr {
  readonly text: string;
  readonly version: 4 | 6;
  readonly address: ipaddr.IPv4 | ipaddr.IPv6;
  readonly prefix: number;
}

/** Parses `a.b.c.d/n` or an IPv6 CIDR; undefined when the text is not a CIDR. */
export function parseCidr(text: string): Cidr | undefined {
  if (typeof text !== "string" || !ipaddr.isValidCIDR(text)) return undefined;
  const [address, prefix] = ipaddr.parseCIDR(text);
  return { text, version: address.kind() === "ipv4" ? 4 : 6, address, prefix };
}

/** The same block written with its network address: 10.0.0.1/8 becomes 10.0.0.0/8. */
export function canonicalCidr(cidr: Cidr): string {
  const network =
    cidr.version === 4
      ? ipaddr.IPv4.networkAddressFromCIDR(cidr.text)
      : ipaddr.IPv6.networkAddressFromCIDR(cidr.text);
  return `${network.toString()}/${cidr.prefix}`;
}

/** True when no host bit is set (10.0.0.0/8, not 10.0.0.1/8): what OpenStack stores anyway. */
export function isNetworkAddress(cidr: Cidr): boolean {
  return canonicalCidr(cidr) === `${cidr.address.toString()}/${cidr.prefix}`;
}

/** Two CIDRs overlap when either contains the other's first address. */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  // Aligned blocks either nest or are disjoint, so checking both first addresses is enough.
  return a.version === b.version && (matches(a, b) || matches(b, a));
}

function matches(outer: Cidr, inner: Cidr): boolean {
  const outerNetwork: [ipaddr.IPv4 | ipaddr.IPv6, number] = [outer.address, outer.prefix];
  return (inner.address as ipaddr.IPv4).match(outerNetwork as [ipaddr.IPv4, number]);
}

/** True when `inner` lies entirely inside `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  return outer.version === inner.version && inner.prefix >= outer.prefix && matches(outer, inner);
}

/** True for a range that covers the whole internet or a large share of it (shorter than /8, /16). */
export function isInternetWide(cidr: Cidr): boolean {
  return cidr.version === 4 ? cidr.prefix < 8 : cidr.prefix < 16;
}
