/**
 * Canonical JSON: the one byte string a value hashes to, whoever serialises it. Object keys are
 * sorted by UTF-16 code units and nothing is indented, which for the values we accept (strings,
 * finite numbers, booleans, null, arrays, plain objects) is the output of RFC 8785 (JCS). Anything
 * JSON cannot represent faithfully (undefined, NaN, Infinity, functions, class instances) is an
 * error rather than a silent change, so a record can never hash differently from what is stored.
 */
import { createHash } from "node:crypto";

export function canonicalJson(value: unknown): string {
  return write(value, "$");
}

/** SHA-256 of the canonical JSON of `value`, in lower-case hex. */
export function sha256Canonical(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value), "utf8").digest("hex");
}

function write(value: unknown, path: string): string {
  if (value === null) return "null";
  switch (typeof value) {
    case "string":
    case "boolean":
      return JSON.stringify(value);
    case "number":
      if (!Number.isFinite(value)) throw new TypeError(`${path}: ${value} has no JSON form`);
      return JSON.stringify(value);
    case "object":
      if (Array.isArray(value)) {
        return `[${value.map((item, i) => write(item, `${path}[${i}]`)).join(",")}]`;
      }
      if (
        Object.getPrototypeOf(value) !== Object.prototype &&
        Object.getPrototypeOf(value) !== null
      ) {
        throw new TypeError(`${path}: only plain objects have a canonical JSON form`);
      }
      return `{${Object.keys(value)
        .sort()
        .map((key) => {
          const item = (value as Record<string, unknown>)[key];
          if (item === undefined) throw new TypeError(`${path}.${key}: undefined has no JSON form`);
          return `${JSON.stringify(key)}:${write(item, `${path}.${key}`)}`;
        })
        .join(",")}}`;
    default:
      throw new TypeError(`${path}: a ${typeof value} has no JSON form`);
  }
}
