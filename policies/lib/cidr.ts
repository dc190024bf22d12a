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

/**
 * IPv6 prefixes whose last 32 bits are an IPv4 address, each a way to the IPv4 internet:
 * - `::ffff:0:0/96`, IPv4-mapped IPv6 addresses (RFC 4291 section 2.5.5.2). Kubernetes accepted
 *   them in API fields until KEP-4858 ("IP/CIDR validation improvements", made GA by
 *   kubernetes/kubernetes#141979 in September 2026; older clusters still accept them), and Go's `net` package reads `::ffff:1.2.3.4` as the IPv4
 *   address 1.2.3.4, and that KEP names the confusion as a way to smuggle addresses past checks
 *   (kubernetes/enhancements#4899): a network plugin may enforce `::ffff:0.0.0.0/96` as
 *   0.0.0.0/0.
 * - `64:ff9b::/96`, the NAT64 Well-Known Prefix (RFC 6052 section 2.1): a NAT64 translator
 *   (RFC 6146) carries a packet to `64:ff9b::a.b.c.d` on to the IPv4 host a.b.c.d, so in an
 *   IPv6 cluster behind NAT64 (DNS64 answering every IPv4-only name there) that prefix is the
 *   whole IPv4 internet.
 */
const ipv4Embedding: readonly Prefix[] = ["::ffff:0:0/96", "64:ff9b::/96"].map(
  (cidr) => parsePrefix(cidr) as Prefix,
);

/** The IPv4 range an IPv4-mapped or NAT64 IPv6 prefix stands for (`::ffff:10.0.0.0/104` is 10.0.0.0/8). */
function embeddedIpv4(prefix: Prefix): Prefix | undefined {
  if (prefix.address.kind() !== "ipv6") return undefined;
  if (!ipv4Embedding.some((range) => contains(range, prefix))) return undefined;
  const bytes = (prefix.address as ipaddr.IPv6).toByteArray().slice(12);
  return { address: new ipaddr.IPv4(bytes), bits: prefix.bits - 96, text: prefix.text };
}

/** A private, loopback, link-local or CGNAT range: not reachable from the internet. */
export function isNonPublic(prefix: Prefix): boolean {
  const ipv4 = embeddedIpv4(prefix);
  if (ipv4) return isNonPublic(ipv4);
  return nonPublicRanges.some((range) => contains(range, prefix));
}

/**
 * Open to the internet at large: the whole address space, or a public range so wide that no
 * single organisation holds it (shorter than /16 in IPv4, /32 in IPv6), the IPv4 ranges written
 * as IPv6 (`ipv4Embedding`) included.
 */
export function isInternetWide(prefix: Prefix): boolean {
  if (prefix.bits === 0) return true;
  // An IPv6 range holding a whole IPv4 embedding (`::/80`) is the IPv4 internet; one inside it is
  // judged as the IPv4 range it stands for.
  if (ipv4Embedding.some((range) => contains(prefix, range))) return true;
  const ipv4 = embeddedIpv4(prefix);
  if (ipv4) return isInternetWide(ipv4);
  if (isNonPublic(prefix)) return false;
  return prefix.address.kind() === "ipv4" ? prefix.bits < 16 : prefix.bits < 32;
}

export function withinAny(prefix: Prefix, cidrs: readonly string[]): boolean {
  return cidrs.some((cidr) => {
    const outer = parsePrefix(cidr);
    return outer !== undefined && contains(outer, prefix);
  });
}
