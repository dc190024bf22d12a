/**
 * Container image references, parsed the way container runtimes resolve them
 * (distribution/reference): `[host[:port]/]path[:tag][@digest]`, where the first path component
 * is a host only if it contains "." or ":" or is "localhost"; otherwise the image is on Docker Hub.
 */
import { hostMatches, implicitRegistryHost } from "../catalog/jurisdictions";

export interface ImageRef {
  readonly text: string;
  /** Registry host (with port), lower case; `docker.io` when implicit. */
  readonly host: string;
  readonly hostExplicit: boolean;
  /** Repository path without host, tag or digest. */
  readonly path: string;
  readonly tag?: string;
  readonly digest?: string;
}

export function parseImage(text: string): ImageRef {
  const trimmed = text.trim();
  const at = trimmed.indexOf("@");
  const digest = at >= 0 ? trimmed.slice(at + 1) : undefined;
  let name = at >= 0 ? trimmed.slice(0, at) : trimmed;
  let tag: string | undefined;
  const lastSlash = name.lastIndexOf("/");
  const lastColon = name.lastIndexOf(":");
  if (lastColon > lastSlash) {
    tag = name.slice(lastColon + 1);
    name = name.slice(0, lastColon);
  }
  const firstSlash = name.indexOf("/");
  const first = firstSlash >= 0 ? name.slice(0, firstSlash) : "";
  const hostExplicit =
    firstSlash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost");
  return {
    text: trimmed,
    host: hostExplicit ? first.toLowerCase() : implicitRegistryHost,
    hostExplicit,
    path: hostExplicit ? name.slice(firstSlash + 1) : name,
    tag,
    digest,
  };
}

/** True when the digest is a content digest (`sha256:` + 64 hex, or another algorithm). */
export function hasDigest(image: ImageRef): boolean {
  return (
    image.digest !== undefined &&
    /^[a-z0-9]+([+._-][a-z0-9]+)*:[a-fA-F0-9]{32,}$/.test(image.digest)
  );
}

/**
 * Whether the image comes from one of the allowed registries: `host`, `*.domain`, or
 * `host/path` (the image's repository must then start with that path).
 */
export function fromAllowedRegistry(image: ImageRef, registries: readonly string[]): boolean {
  return registries.some((entry) => {
    const slash = entry.indexOf("/");
    const hostPattern = slash >= 0 ? entry.slice(0, slash) : entry;
    const pathPrefix = slash >= 0 ? entry.slice(slash + 1).replace(/\/+$/, "") : "";
    if (!hostMatches(image.host, hostPattern)) return false;
    return (
      pathPrefix === "" || image.path === pathPrefix || image.path.startsWith(`${pathPrefix}/`)
    );
  });
}
