/**
 * Placeholders left in a stack's configuration, each named by its config key: values that are
 * syntactically valid but can be no real deployment's, so an example stack plans while saying
 * plainly that it cannot be deployed as it stands.
 *
 * - Digests whose first 48 hex digits are zeros: the repository's placeholder convention
 *   (components/workspace/images.ts); no image has such a digest.
 * - Host names with a label `example`, or under the reserved top-level names `.example`, `.test`
 *   and `.invalid` (RFC 2606 §2-3, https://www.rfc-editor.org/rfc/rfc2606): example.fr is not
 *   reserved by the RFC, but `example` as a label is this repository's placeholder for a host.
 * - Addresses and ranges inside the documentation ranges: 192.0.2.0/24, 198.51.100.0/24,
 *   203.0.113.0/24 (RFC 5737, https://www.rfc-editor.org/rfc/rfc5737) and 2001:db8::/32
 *   (RFC 3849, https://www.rfc-editor.org/rfc/rfc3849).
 * - UUIDs (and 32-hex Keystone ids) that are zeros but for the version and variant digits and a
 *   short counter at the end, such as 00000000-0000-4000-8000-000000000002.
 *
 * The plan reports them (cli/commands/plan.ts): mandatory findings in production, so `hdh plan
 * --stack prod` exits 1 and CI blocks the deploy, advisory elsewhere.
 */
import ipaddr from "ipaddr.js";
import { isPlaceholderDigest } from "../components/workspace/images";
import { imageKeys, defaultImagePins } from "./image-pins";

export type PlaceholderKind = "digest" | "example host" | "documentation address" | "zero UUID";

export interface Placeholder {
  /** Config path below `hdh:`, e.g. ["images", "jupyter", "digest"]. */
  readonly path: readonly string[];
  readonly kind: PlaceholderKind;
  /** The placeholder itself, as found in the value. */
  readonly found: string;
}

const documentationRanges = [
  "192.0.2.0/24",
  "198.51.100.0/24",
  "203.0.113.0/24",
  "2001:db8::/32",
].map((cidr) => ipaddr.parseCIDR(cidr));

const reservedTopLevel = new Set(["example", "test", "invalid"]);

/** True when the address (or the whole range) lies in a documentation range. */
export function isDocumentationAddress(text: string): boolean {
  let address: ipaddr.IPv4 | ipaddr.IPv6;
  let bits: number;
  try {
    if (text.includes("/")) [address, bits] = ipaddr.parseCIDR(text);
    else {
      address = ipaddr.process(text);
      bits = address.kind() === "ipv4" ? 32 : 128;
    }
  } catch {
    return false;
  }
  return documentationRanges.some(
    ([range, rangeBits]) =>
      range.kind() === address.kind() &&
      bits >= rangeBits &&
      address.match(range as never, rangeBits),
  );
}

/** True for a host name that stands for no real host (see the module comment). */
export function isExampleHost(host: string): boolean {
  const labels = host.toLowerCase().replace(/\.$/, "").split(".");
  if (labels.length < 2) return false;
  return labels.includes("example") || reservedTopLevel.has(labels[labels.length - 1]);
}

/** True for a UUID or 32-hex id made of zeros but for version, variant and a 4-digit counter. */
export function isZeroUuid(id: string): boolean {
  const hex = id.replace(/-/g, "").toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) return false;
  // Version nibble (index 12) and variant nibble (index 16) of RFC 9562 UUIDs set aside.
  const significant = hex.slice(0, 12) + hex.slice(13, 16) + hex.slice(17);
  return /^0+$/.test(significant.slice(0, significant.length - 4));
}

const digestToken = /sha256:[0-9a-f]{64}/g;
const uuidToken = /\b[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\b/gi;
const hostToken = /(?<![\w.-])(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z][a-z0-9-]*(?![\w-])/gi;
const ipv4Token = /(?<![\d.])\d{1,3}(?:\.\d{1,3}){3}(?:\/\d{1,2})?(?![\d.])/g;
const ipv6Token = /(?<![\w:])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?:\/\d{1,3})?(?![\w:])/gi;

/** The placeholders inside one string value. */
function placeholdersInText(text: string): { kind: PlaceholderKind; found: string }[] {
  const found: { kind: PlaceholderKind; found: string }[] = [];
  for (const [digest] of text.matchAll(digestToken)) {
    if (isPlaceholderDigest(digest)) found.push({ kind: "digest", found: digest });
  }
  for (const [uuid] of text.matchAll(uuidToken)) {
    if (isZeroUuid(uuid)) found.push({ kind: "zero UUID", found: uuid });
  }
  for (const [host] of text.matchAll(hostToken)) {
    if (!/^[\d.]+$/.test(host) && isExampleHost(host))
      found.push({ kind: "example host", found: host });
  }
  for (const [address] of [...text.matchAll(ipv4Token), ...text.matchAll(ipv6Token)]) {
    if (isDocumentationAddress(address))
      found.push({ kind: "documentation address", found: address });
  }
  return found;
}

/**
 * Every placeholder in the raw `hdh:*` values (keys without the prefix), by config path; and
 * each image the stack leaves to its component's placeholder pin, at `images.<key>.digest`.
 */
export function findPlaceholders(raw: unknown): Placeholder[] {
  const result: Placeholder[] = [];
  const walk = (value: unknown, path: string[]): void => {
    if (typeof value === "string") {
      for (const hit of placeholdersInText(value)) result.push({ path, ...hit });
    } else if (Array.isArray(value)) {
      value.forEach((item, index) => walk(item, [...path, String(index)]));
    } else if (value !== null && typeof value === "object") {
      for (const [key, item] of Object.entries(value)) walk(item, [...path, key]);
    }
  };
  walk(raw, []);
  const images = (raw as { images?: Record<string, unknown> } | null)?.images;
  for (const key of imageKeys) {
    if (images && typeof images === "object" && Object.hasOwn(images, key)) continue;
    const digest = defaultImagePins[key].digest;
    if (isPlaceholderDigest(digest))
      result.push({ path: ["images", key, "digest"], kind: "digest", found: digest });
  }
  return result;
}

/** What to write instead, per kind. */
export const placeholderFixes: Readonly<Record<PlaceholderKind, string>> = {
  digest: "mirror the image into the EU registry and write its digest and tag",
  "example host": "write the real host name",
  "documentation address": "write the real address or range",
  "zero UUID": "write the real identifier",
};
