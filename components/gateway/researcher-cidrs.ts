/**
 * What a researchers' network may be: an IPv4 network address no wider than /16. The policy pack
 * treats any public range wider than /16 as "the internet" (policies/lib/cidr.ts), so a wider
 * one would pass here and fail there; opening to everyone is the named opt-out instead
 * (`allowInternetResearchers`). Shared by the config rules and the component.
 */
import { canonicalCidr, isNetworkAddress, parseCidr } from "../network/cidr";

/** Widest researchers' network accepted, as a prefix length. */
export const widestResearcherPrefix = 16;

/** Why `text` is not an acceptable researchers' network, or undefined when it is. */
export function researcherCidrProblem(text: string): string | undefined {
  const cidr = parseCidr(text);
  if (!cidr || cidr.version !== 4) return `"${text}" is not an IPv4 CIDR, such as 203.0.113.0/24`;
  if (cidr.prefix < widestResearcherPrefix) {
    return `"${text}" opens the gateway to ${cidr.prefix === 0 ? "the whole internet" : "a large share of the internet"}; name the researchers' own networks (/${widestResearcherPrefix} or narrower), or set allowInternetResearchers: true to say so explicitly`;
  }
  if (!isNetworkAddress(cidr)) {
    return `"${text}" has host bits set; write the network address (for example ${canonicalCidr(cidr)})`;
  }
  return undefined;
}
