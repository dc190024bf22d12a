/**
 * Address ranges as security-group rules state them, IPv4 and IPv6 alike.
 */
import * as ipaddr from "ipaddr.js";

export interface Prefix {
  readonly address: ipaddr.IPv4 | ipaddr.IPv6;
  readonly bits: number;
  readonly text: string;
}

/** Parses `10.0.0.0/8`, `::/0`, or a bare address (a /32 or /128); undefined if invalid. */
export function parsePrefix(text: string): Prefix | undefined {
  const trimmed = text.trim();
  try {
    if (trimmed.includes("/")) {
      const [address, bits] = ipaddr.parseCIDR(trimmed);
      return { address, bits, text: trimmed };
    }
    const address = ipaddr.parse(trimmed);
    return { address, bits: address.kind() === "ipv4" ? 32 : 128, text: trimmed };
  } catch {
    return undefined;
  }
}

const nonPublicRanges: readonly Prefix[] = [
  "10.0.0.0/8",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "100.64.0.0/10",
  "127.0.0.0/8",
  "169.254.0.0/16",
  "fc00::/7",
  "fe80::/10",
  "::1/128",
].map((cidr) => parsePrefix(cidr) as Prefix);

/** True when every address of `inner` is inside `outer` (same family). */
export function contains(outer: Prefix, inner: Prefix): boolean {
  if (outer.address.kind() !== inner.address.kind()) return false;
  if (inner.bits < outer.bits) return false;
  return (inner.address as ipaddr.IPv4).match(outer.address as ipaddr.IPv4, outer.bits);
}

/** A private, loopback, link-local or CGNAT range: not reachable from the internet. */
export function isNonPublic(prefix: Prefix): boolean {
  return nonPublicRanges.some((range) => contains(range, prefix));
}

/**
 * Open to the internet at large: the whole address space, or a public range so wide that no
 * single organisation holds it (shorter than /16 in IPv4, /32 in IPv6).
 */
export function isInternetWide(prefix: Prefix): boolean {
  if (prefix.bits === 0) return true;
  if (isNonPublic(prefix)) return false;
  return prefix.address.kind() === "ipv4" ? prefix.bits < 16 : prefix.bits < 32;
}

export function withinAny(prefix: Prefix, cidrs: readonly string[]): boolean {
  return cidrs.some((cidr) => {
    const outer = parsePrefix(cidr);
    return outer !== undefined && contains(outer, prefix);
  });
}
