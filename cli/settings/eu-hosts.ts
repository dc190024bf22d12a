/**
 * Is a host in the EU, under EU law? Used for the two sovereignty settings outside the resource
 * graph (secrets provider, state backend). A hostname cannot prove where a server stands, so this
 * is deliberately narrow and fails closed: hosts of EU-law operators we know, hosts under an EU
 * country-code domain, and private hosts (an in-platform Vault or object store). Everything else
 * must be named in policy config (`euHosts`) by someone who checked it.
 */
import { euMemberStates } from "../../policies/catalog/cloud-profiles";
import ipaddr from "ipaddr.js";

/** Object-storage and KMS domains of EU-law operators, restricted to their EU regions. */
const knownEuHostPatterns: readonly RegExp[] = [
  /(^|\.)(gra|sbg|rbx|de|waw|eu-west-par|eu-south-mil)\.io\.cloud\.ovh\.net$/i, // OVHcloud S3, EU regions
  /(^|\.)storage\.(gra|sbg|de|waw)\.cloud\.ovh\.net$/i,
  /(^|\.)oos\.(eu-west-2|cloudgouv-eu-west-1)\.outscale\.com$/i, // 3DS Outscale, France
  /(^|\.)s3\.(fr-par|nl-ams|pl-waw)\.scw\.cloud$/i, // Scaleway
  /(^|\.)cloud-temple\.com$/i,
  /(^|\.)s3nsapis\.fr$/i,
];

/** EU ccTLDs (Greece's is .gr, not .el) plus .eu. */
const euTlds = new Set([...[...euMemberStates].map((c) => c.toLowerCase()), "eu"]);

export function isEuHost(host: string, extraEuHosts: readonly string[] = []): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  if (h === "") return false;
  if (extraEuHosts.some((e) => h === e.toLowerCase() || h.endsWith(`.${e.toLowerCase()}`)))
    return true;
  if (isPrivateHost(h)) return true;
  if (knownEuHostPatterns.some((p) => p.test(h))) return true;
  const tld = h.split(".").pop() ?? "";
  return euTlds.has(tld);
}

/** Loopback, RFC 1918 / ULA addresses and names that only resolve inside a private network. */
export function isPrivateHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "");
  if (ipaddr.isValid(bare)) {
    const range = ipaddr.process(bare).range();
    return ["private", "loopback", "uniqueLocal", "linkLocal"].includes(range);
  }
  return host === "localhost" || /\.(internal|local|lan|localdomain)$/.test(host);
}
