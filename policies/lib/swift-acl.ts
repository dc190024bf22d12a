/**
 * Swift container ACLs (`X-Container-Read` / `X-Container-Write`, the provider's
 * `containerRead` / `containerWrite`), read as Swift reads them. The V1 syntax is a comma-separated
 * list, each element trimmed (https://docs.openstack.org/swift/latest/misc.html, `clean_acl`;
 * https://docs.openstack.org/swift/latest/overview_acl.html):
 * - `.r:<value>` (also spelled `.ref:`, `.referer:`, `.referrer:`) grants by HTTP Referer: `*`
 *   any referrer, a host, or a `.domain`; a leading `-` denies. The Referer header is set by the
 *   client, so any referrer grant is readable by anyone who forges it: public.
 * - `.rlistings` lets those referrer-granted clients list the container.
 * - `*:*` grants any user holding a token, in any project; `*` alone is how radosgw and older
 *   Swift spell "everyone".
 * - `<project>:<user>` or `<project>:*` name who may act: named sharing, not exposure.
 */

export interface AclExposure {
  /** The element as written, e.g. ".r:*" or "*:*". */
  readonly element: string;
  /** 0-based position in the comma list. */
  readonly position: number;
  readonly meaning: string;
}

const referrerPrefix = /^\.(r|ref|referer|referrer):(.*)$/i;

export function aclExposures(acl: string): AclExposure[] {
  const found: AclExposure[] = [];
  acl.split(",").forEach((raw, position) => {
    const element = raw.trim();
    if (element === "") return;
    const referrer = referrerPrefix.exec(element);
    if (referrer) {
      const value = referrer[2].trim();
      if (value.startsWith("-") || value === "") return; // a denial narrows, it grants nothing
      found.push({
        element,
        position,
        meaning:
          value === "*"
            ? "anyone on the internet (any referrer)"
            : `anyone sending the forgeable Referer "${value}"`,
      });
    } else if (element.toLowerCase() === ".rlistings") {
      found.push({ element, position, meaning: "listing of every object name" });
    } else if (element === "*:*") {
      found.push({ element, position, meaning: "every user of every project" });
    } else if (element === "*") {
      found.push({ element, position, meaning: "everyone (radosgw and legacy Swift)" });
    }
  });
  return found;
}

/**
 * Container metadata keys that arm temporary URLs (X-Container-Meta-Temp-URL-Key[-2]), in any case
 * and with `_` for `-`: a WSGI server hands header names to Swift as `HTTP_X_CONTAINER_META_TEMP_URL_KEY`,
 * where both become `_` (PEP 3333 via CGI, https://peps.python.org/pep-3333/#environ-variables),
 * so `Temp_URL_Key` may reach the tempurl middleware as the key itself. Whether the servers in
 * front keep or drop a header with an underscore was not verified for Swift's own: counted as the
 * key (fail closed).
 */
export function isTempUrlKey(metadataKey: string): boolean {
  return /^(x[-_]container[-_]meta[-_])?temp[-_]url[-_]key([-_]2)?$/i.test(metadataKey.trim());
}
