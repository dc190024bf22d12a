/**
 * What changed against an earlier plan or export (`--baseline`), matched by URN: resources
 * added, removed, and changed with the input keys (and options) that differ. Secrets read the
 * same on both sides (their values are withheld), so only a change of secretness shows.
 */
import type { NormalizedResource } from "../offline/resource-model";

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
}

export function diffAgainstBaseline(
  baseline: readonly NormalizedResource[],
  current: readonly NormalizedResource[],
  baselineFile: string,
): BaselineDiff {
  const before = new Map(baseline.map((r) => [r.urn, r]));
  const diff: BaselineDiff = { baselineFile, added: [], removed: [], changed: [], unchanged: 0 };
  const seen = new Set<string>();
  for (const r of current) {
    seen.add(r.urn);
    const old = before.get(r.urn);
    if (!old) {
      diff.added.push({ urn: r.urn, type: r.type });
      continue;
    }
    const keys = changedKeys(old, r);
    if (keys.length > 0) diff.changed.push({ urn: r.urn, type: r.type, keys });
    else diff.unchanged++;
  }
  for (const r of baseline) if (!seen.has(r.urn)) diff.removed.push({ urn: r.urn, type: r.type });
  return diff;
}

function changedKeys(a: NormalizedResource, b: NormalizedResource): string[] {
  const keys = new Set([...Object.keys(a.inputs), ...Object.keys(b.inputs)]);
  const changed = [...keys].filter((k) => canonical(a.inputs[k]) !== canonical(b.inputs[k])).sort();
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
