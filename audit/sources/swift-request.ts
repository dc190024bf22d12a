/**
 * What a Swift API request touched and what it did, from its path and method: shared by the CADF
 * mapping (swift-cadf.ts) and the proxy access-log mapping (swift-access-log.ts).
 *
 * Swift paths are `/v1/<account>/<container>/<object>` (account `AUTH_<project id>` with
 * keystoneauth); the object name may hold slashes. Names arrive percent-encoded.
 */
import { workspaceOfContainer, type Placement } from "./workspace-of";

export type SwiftLevel = "account" | "container" | "object" | "endpoint";

export interface SwiftTarget {
  readonly level: SwiftLevel;
  readonly account?: string;
  readonly container?: string;
  readonly object?: string;
  /** "<container>/<object>", "<container>", the account, or the path for /info and the like. */
  readonly name: string;
  readonly workspace: string | null;
  readonly placement: Placement;
}

/** decodeURIComponent that keeps malformed escapes as they are instead of throwing. */
export function safeDecode(value: string): string {
  try {
    return decodeURIComponent(value);
  } catch {
    return value;
  }
}

/** The target of a request path (already percent-decoded once by the caller if it was twice). */
export function swiftTarget(requestPath: string): SwiftTarget {
  const path = requestPath.split("?")[0];
  const match = /^\/?(v1(?:\.0)?)\/([^/]+)(?:\/([^/]+)(?:\/(.+))?)?\/?$/.exec(path);
  if (!match) {
    return { level: "endpoint", name: path || "/", workspace: null, placement: "platform" };
  }
  const account = safeDecode(match[2]);
  const container = match[3] === undefined ? undefined : safeDecode(match[3]);
  const object = match[4] === undefined ? undefined : safeDecode(match[4]);
  const placed = container === undefined ? undefined : workspaceOfContainer(container);
  return {
    level: object !== undefined ? "object" : container !== undefined ? "container" : "account",
    account,
    ...(container !== undefined ? { container } : {}),
    ...(object !== undefined ? { object } : {}),
    name:
      container === undefined
        ? account
        : object === undefined
          ? container
          : `${container}/${object}`,
    workspace: placed?.workspace ?? null,
    placement: placed ? "container-name" : "platform",
  };
}

const byLevel: Readonly<Record<SwiftLevel, Readonly<Record<string, string>>>> = {
  object: {
    GET: "object.read",
    HEAD: "object.head",
    PUT: "object.write",
    COPY: "object.copy",
    POST: "object.metadata.update",
    DELETE: "object.delete",
  },
  container: {
    GET: "object.list",
    HEAD: "object.container.head",
    PUT: "object.container.create",
    // POST changes container metadata, its ACLs (X-Container-Read/Write) included.
    POST: "object.container.update",
    DELETE: "object.container.delete",
  },
  account: {
    GET: "object.account.list",
    HEAD: "object.account.head",
    POST: "object.account.update",
  },
  endpoint: {},
};

/** The record's action for an HTTP method at a level ("object.<method>" when unlisted). */
export function swiftAction(level: SwiftLevel, method: string): string {
  const upper = method.toUpperCase();
  return (
    (Object.hasOwn(byLevel[level], upper) ? byLevel[level][upper] : undefined) ??
    `object.${upper.toLowerCase().replace(/[^a-z]/g, "") || "unknown"}`
  );
}
