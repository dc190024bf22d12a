/**
 * "Who touched project X's data, and when": the investigation query over sealed batches, as a
 * function (so it is tested) with the equivalent jq one-liner in docs/audit.md.
 *
 * "Touched the data" means any record of the workspace whose target is its data: objects in its
 * containers (object storage), its key (key manager), its airlock requests, and Kubernetes access
 * to its pods' files (exec, attach, port-forward, copy) or its volumes and secrets. Denied and
 * failed attempts are included: an investigation wants them most.
 *
 * Key-manager and object-storage records are placed in their workspace when sealed (container
 * name, key register: audit/sources/workspace-of.ts). A key access the register could not place
 * (a key created after the register was last updated) is sealed with no workspace; giving the
 * workspace's Barbican ids (`keyIds`: its secret, order and ACL container, from its stack
 * outputs) places those at query time too.
 */
import type { AuditBatch } from "./batch";
import type { AuditRecord } from "./record";

export interface DataAccess {
  readonly time: string;
  /** The person, or null when nobody is attributed (listed, never hidden). */
  readonly person: string | null;
  readonly via?: string;
  readonly ip?: string;
  readonly source: AuditRecord["source"];
  readonly action: string;
  readonly outcome: AuditRecord["outcome"];
  readonly target: string;
  /** Where the record is: batch seq and index, to show it to a reviewer. */
  readonly at: { readonly seq: number; readonly index: number };
}

export interface WhoTouchedReport {
  readonly workspace: string;
  /** Every access, oldest first. */
  readonly accesses: readonly DataAccess[];
  /** Per person: first and last access and count. */
  readonly people: readonly { person: string; first: string; last: string; count: number }[];
  /** Accesses with no person behind them: each one is a finding. */
  readonly unattributed: readonly DataAccess[];
}

const kubernetesDataResources = new Set([
  "pods/exec",
  "pods/attach",
  "pods/portforward",
  "persistentvolumeclaims",
  "secrets",
]);

export function touchesData(record: AuditRecord): boolean {
  switch (record.source) {
    case "object-storage":
    case "key-manager":
    case "airlock":
      return true;
    case "kubernetes-api": {
      const resource = String(record.target.type);
      const sub = /\/(exec|attach|portforward)(\/|$)/.exec(record.target.name)?.[1];
      return kubernetesDataResources.has(sub ? `pods/${sub}` : resource);
    }
    default:
      return false;
  }
}

/** The Barbican id a key-manager record's target names ("secrets/<id>/payload"), lower case. */
export function keyIdOf(record: AuditRecord): string | undefined {
  if (record.source !== "key-manager") return undefined;
  return record.target.name.split("/")[1]?.toLowerCase() || undefined;
}

export function whoTouched(
  batches: readonly AuditBatch[],
  workspace: string,
  window: { from?: Date; to?: Date } = {},
  options: { keyIds?: readonly string[] } = {},
): WhoTouchedReport {
  const keyIds = new Set((options.keyIds ?? []).map((id) => id.toLowerCase()));
  const ofWorkspace = (record: AuditRecord) =>
    record.workspace === workspace ||
    (record.workspace === null && keyIds.has(keyIdOf(record) ?? ""));
  const accesses: DataAccess[] = [];
  for (const batch of batches) {
    batch.records.forEach((record, index) => {
      if (!ofWorkspace(record) || !touchesData(record)) return;
      const t = Date.parse(record.time);
      if (window.from && t < window.from.getTime()) return;
      if (window.to && t >= window.to.getTime()) return;
      accesses.push({
        time: record.time,
        person: record.actor.person,
        ...(record.actor.via ? { via: record.actor.via } : {}),
        ...(record.actor.ip ? { ip: record.actor.ip } : {}),
        source: record.source,
        action: record.action,
        outcome: record.outcome,
        target: record.target.name,
        at: { seq: batch.seq, index },
      });
    });
  }
  accesses.sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
  const byPerson = new Map<
    string,
    { person: string; first: string; last: string; count: number }
  >();
  for (const a of accesses) {
    if (a.person === null) continue;
    const entry = byPerson.get(a.person);
    if (!entry) byPerson.set(a.person, { person: a.person, first: a.time, last: a.time, count: 1 });
    else {
      entry.last = a.time;
      entry.count++;
    }
  }
  return {
    workspace,
    accesses,
    people: [...byPerson.values()].sort((a, b) => a.person.localeCompare(b.person)),
    unattributed: accesses.filter((a) => a.person === null),
  };
}
