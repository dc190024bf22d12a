/**
 * Reading resource properties without tripping on preview-time unknowns.
 *
 * The engine sends a value it cannot know yet during preview as one of the sentinels below, and
 * @pulumi/policy wraps `props` in a proxy that throws on reading one, which turns the whole
 * policy into a "can't run during preview" advisory. Our rules read the raw object instead and
 * decide value by value: an unknown value is never reported, the known rest still is.
 */
import { setOwnKey } from "./prototype-keys";

/** Protocol sentinels (pulumi/sdk `plugin.Unknown*Value`, mirrored by @pulumi/policy/proxy). */
const unknownSentinels: ReadonlySet<string> = new Set([
  "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7",
  "3eeb2bf0-c639-47a8-9e75-3b44932eb421",
  "04da6b54-80e4-46f7-96ec-b56ff0331ba9",
  "6a19a0b0-7e62-4c92-b797-7f8e31da9cc2",
  "030794c1-ac77-496b-92df-f27374a8bd58",
  "e48ece36-62e2-4504-bad9-02848725956a",
  "dd056dcd-154b-4c76-9bd3-c8f88648b5ff",
]);

/** @pulumi/policy's proxies hand back their target on this key (`getSpecialProxyTarget`). */
const proxyTargetKey = "__getSpecialProxyTarget";

export type Props = Record<string, unknown>;

export function isUnknown(value: unknown): boolean {
  return typeof value === "string" && unknownSentinels.has(value);
}

/** The plain object behind an unknown-checking proxy (or the value itself). */
export function raw(value: unknown): Props {
  if (value === null || typeof value !== "object") return {};
  const target = (value as Record<string, unknown>)[proxyTargetKey];
  return (target && typeof target === "object" ? target : value) as Props;
}

/** A plain object, or undefined when absent, unknown or not an object. */
export function obj(value: unknown): Props | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Props)
    : undefined;
}

/** The known elements of an array; undefined for absent, unknown or non-array values. */
export function list(value: unknown): unknown[] | undefined {
  return Array.isArray(value) ? value : undefined;
}

/** Reads a dotted path through plain objects; undefined if any step is missing or unknown. */
export function at(value: unknown, path: string): unknown {
  let current: unknown = value;
  for (const key of pathKeys(path)) {
    const o = obj(current);
    if (!o) return undefined;
    current = o[key];
    if (isUnknown(current)) return unknownMarker;
  }
  return current;
}

/** Returned by `at` when a step of the path is unknown; test with `isUnknown`. */
export const unknownMarker = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/**
 * Where a read met a value unknown during preview: the property path of that value, for the
 * message of a rule's not-judged finding (`spec.template.spec.containers[0] (app).securityContext`).
 */
export class UnknownAt {
  constructor(readonly path: string) {}
}

/**
 * Reads a dotted path below `value`, whose own path is `base` (for messages; "" for the
 * resource's properties): the value found,
 * undefined when a step is absent or not an object, or `UnknownAt` naming the first step (or
 * `base` itself) unknown during preview, so a rule can tell "absent" from "not known yet".
 */
export function readPath(value: unknown, path: string, base: string): unknown {
  if (isUnknown(value)) return new UnknownAt(base);
  let current: unknown = value;
  const keys = pathKeys(path);
  for (let i = 0; i < keys.length; i++) {
    const o = obj(current);
    if (!o) return undefined;
    current = o[keys[i]];
    if (isUnknown(current)) {
      // The path is spelled out only here: rules read many paths and meet few unknowns.
      const where = keys.slice(0, i + 1).join(".");
      return new UnknownAt(base ? `${base}.${where}` : where);
    }
  }
  return current;
}

/** Dotted paths split once: rules read the same few dozen paths on every resource. */
const splitPaths = new Map<string, readonly string[]>();
function pathKeys(path: string): readonly string[] {
  let keys = splitPaths.get(path);
  if (keys === undefined) {
    keys = path.split(".");
    // Paths come from the rules' own code, but a bound keeps a caller building them from data
    // from growing the map for ever.
    if (splitPaths.size < 4096) splitPaths.set(path, keys);
  }
  return keys;
}

/** A known string (empty strings count as absent). */
export function str(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" && !isUnknown(value) ? value : undefined;
}

/** A known number, accepting numeric strings as the engine sometimes sends them. */
export function num(value: unknown): number | undefined {
  if (typeof value === "number" && Number.isFinite(value)) return value;
  if (typeof value === "string" && value.trim() !== "" && !isUnknown(value)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/** True only for a known `true` (or the string "true", as annotations spell it). */
export function isTrue(value: unknown): boolean {
  return value === true || (typeof value === "string" && value.toLowerCase() === "true");
}

/** Key/value map of string values (labels, metadata); unknown values are left out. */
export function stringMap(value: unknown): Record<string, string> {
  const o = obj(value);
  const result: Record<string, string> = {};
  if (!o) return result;
  for (const [k, v] of Object.entries(o)) {
    if (typeof v === "string" && !isUnknown(v)) setOwnKey(result, k, v);
  }
  return result;
}

/** Compiled globs: rules match every resource against the same few patterns. */
const globs = new Map<string, RegExp>();

/** Matches `name` against patterns where `*` stands for any run of characters. */
export function matchesGlob(name: string, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => {
    if (!pattern.includes("*")) return pattern === name;
    let re = globs.get(pattern);
    if (!re) {
      re = new RegExp(
        "^" +
          pattern
            .split("*")
            .map((p) => p.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
            .join(".*") +
          "$",
      );
      globs.set(pattern, re);
    }
    return re.test(name);
  });
}
