/**
 * What changed against an earlier plan or export (`--baseline`), matched by URN: resources
 * added, removed, and changed with the input keys (and options) that differ. A secret is
 * compared by its keyed digest (cli/secret-digest.ts) on both sides, never by its value; where
 * one side has no digest (a real export's ciphertext, a preview's "[secret]", another key), the
 * secret is counted as not compared rather than reported changed or unchanged.
 */
import type { NormalizedResource } from "../offline/resource-model";
import { keyIdOf } from "./secret-digest";

export interface ChangedResource {
  urn: string;
  type: string;
  /** Top-level input keys and resource options (`protect`, `parent`...) that differ. */
  keys: string[];
}

export interface BaselineDiff {
  baselineFile: string;
  added: { urn: string; type: string }[];
  removed: { urn: string; type: string }[];
  changed: ChangedResource[];
  unchanged: number;
  /** Secrets present on both sides whose values could not be compared (no common digest). */
  secretsNotCompared: number;
}

export function diffAgainstBaseline(
  baseline: readonly NormalizedResource[],
  current: readonly NormalizedResource[],
  baselineFile: string,
): BaselineDiff {
  const before = new Map(baseline.map((r) => [r.urn, r]));
  const diff: BaselineDiff = {
    baselineFile,
    added: [],
    removed: [],
    changed: [],
    unchanged: 0,
    secretsNotCompared: 0,
  };
  const seen = new Set<string>();
  for (const r of current) {
    seen.add(r.urn);
    const old = before.get(r.urn);
    if (!old) {
      diff.added.push({ urn: r.urn, type: r.type });
      continue;
    }
    const secrets = secretViews(old, r);
    diff.secretsNotCompared += secrets.notCompared;
    const keys = changedKeys(old, r, secrets);
    if (keys.length > 0) diff.changed.push({ urn: r.urn, type: r.type, keys });
    else diff.unchanged++;
  }
  for (const r of baseline) if (!seen.has(r.urn)) diff.removed.push({ urn: r.urn, type: r.type });
  return diff;
}

/** What stands at each secret path in the comparison: its digest, or one marker for both sides. */
interface SecretViews {
  a: ReadonlyMap<string, string>;
  b: ReadonlyMap<string, string>;
  notCompared: number;
}

function secretViews(a: NormalizedResource, b: NormalizedResource): SecretViews {
  const views = { a: new Map<string, string>(), b: new Map<string, string>(), notCompared: 0 };
  const digestsA = a.secretDigests ?? {};
  const digestsB = b.secretDigests ?? {};
  for (const path of new Set([...a.secretPaths, ...b.secretPaths])) {
    const da = Object.hasOwn(digestsA, path) ? digestsA[path] : undefined;
    const db = Object.hasOwn(digestsB, path) ? digestsB[path] : undefined;
    if (da !== undefined && db !== undefined && keyIdOf(da) === keyIdOf(db)) {
      views.a.set(path, da);
      views.b.set(path, db);
    } else {
      // Nothing both sides can compare: the same marker on both, so no phantom change.
      if (a.secretPaths.includes(path) && b.secretPaths.includes(path)) views.notCompared++;
      views.a.set(path, "not compared");
      views.b.set(path, "not compared");
    }
  }
  return views;
}

/** The inputs with each secret replaced by what the comparison sees of it. */
function comparable(value: unknown, secrets: ReadonlyMap<string, string>, path: string): unknown {
  if (path !== "" && secrets.has(path)) return { "[secret]": secrets.get(path) };
  if (Array.isArray(value)) return value.map((v, i) => comparable(v, secrets, `${path}[${i}]`));
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [
      k,
      comparable(v, secrets, path === "" ? k : `${path}.${k}`),
    ]),
  );
}

function changedKeys(a: NormalizedResource, b: NormalizedResource, secrets: SecretViews): string[] {
  const viewA =
    secrets.a.size > 0
      ? (comparable(a.inputs, secrets.a, "") as Record<string, unknown>)
      : a.inputs;
  const viewB =
    secrets.b.size > 0
      ? (comparable(b.inputs, secrets.b, "") as Record<string, unknown>)
      : b.inputs;
  const keys = new Set([...Object.keys(viewA), ...Object.keys(viewB)]);
  const changed = [...keys].filter((k) => canonical(viewA[k]) !== canonical(viewB[k])).sort();
  const options: (keyof NormalizedResource)[] = [
    "protect",
    "retainOnDelete",
    "parent",
    "providerUrn",
  ];
  for (const o of options) if (a[o] !== b[o]) changed.push(`(${o})`);
  if (canonical([...a.secretPaths].sort()) !== canonical([...b.secretPaths].sort()))
    changed.push("(secrets)");
  return changed;
}

/** JSON with sorted keys, so key order never reads as a change. */
export function canonical(v: unknown): string {
  return (
    JSON.stringify(v, (_k, value: unknown) =>
      value && typeof value === "object" && !Array.isArray(value)
        ? Object.fromEntries(
            Object.entries(value as Record<string, unknown>).sort(([x], [y]) =>
              x < y ? -1 : x > y ? 1 : 0,
            ),
          )
        : value,
    ) ?? "undefined"
  );
}
