/**
 * Verifies a chain of sealed batches and says exactly what is wrong: which batch is missing,
 * altered, duplicated or out of order, which record inside a batch was removed, added, altered or
 * reordered, and whether the end of the chain was cut off.
 *
 * A hash chain alone cannot see its own tail being cut, nor an edit to the very last batch (no
 * later batch records its hash). Two options close that gap, and the CLI asks for them:
 * `knownHead`, a head recorded outside the store (the previous verification's report), and
 * `maxSilenceSeconds`, since the shipper seals a batch at least every interval even when idle.
 */
import { genesisHash, hashBatch, batchFormat, digestRecord, type AuditBatch } from "./batch";
import type { AuditRecord } from "./record";

export type ChainProblemKind =
  | "malformed-batch"
  | "foreign-chain"
  | "batch-missing"
  | "batch-altered"
  | "batch-reordered"
  | "batch-duplicated"
  | "batch-conflict"
  | "record-altered"
  | "record-removed"
  | "record-added"
  | "records-reordered"
  | "truncated"
  | "stale"
  | "empty";

export interface ChainProblem {
  readonly kind: ChainProblemKind;
  /** The batch concerned (its seq), when known. */
  readonly seq?: number;
  /** The stored name (object or file) of the batch concerned, when there is one. */
  readonly name?: string;
  /** The record concerned inside the batch: its index there and, when known, its id. */
  readonly record?: { readonly index: number; readonly id?: string };
  readonly message: string;
}

export interface ChainReport {
  readonly ok: boolean;
  readonly chain?: string;
  /** Batches read (well-formed, of this chain). */
  readonly batches: number;
  readonly records: number;
  /** Seq of the first batch present. */
  readonly firstSeq?: number;
  /** The last batch's seq and hash: record it, and pass it as `knownHead` next time. */
  readonly head?: { readonly seq: number; readonly hash: string };
  readonly problems: readonly ChainProblem[];
}

export interface VerifyOptions {
  /** Expected chain id; default: the chain of the first well-formed batch. */
  readonly chain?: string;
  /** First seq that must be present. Raise it once older batches have passed retention. @default 0 */
  readonly startSeq?: number;
  /** A head seen before, kept outside the store: it must still be there, unchanged. */
  readonly knownHead?: { readonly seq: number; readonly hash: string };
  /** Verification time, for `maxSilenceSeconds`. */
  readonly now?: Date;
  /** Longest time the shipper may go without sealing a batch, in seconds. */
  readonly maxSilenceSeconds?: number;
}

/** One batch as stored: its object or file name, and its parsed JSON content. */
export interface StoredBatch {
  readonly name: string;
  readonly content: unknown;
}

interface Placed {
  readonly batch: AuditBatch;
  readonly name: string;
  readonly hash: string;
}

/** `stored` must be in stored order (object names sort in seq order by construction). */
export function verifyChain(
  stored: readonly StoredBatch[],
  options: VerifyOptions = {},
): ChainReport {
  const problems: ChainProblem[] = [];
  const placed: Placed[] = [];
  let chain = options.chain;
  for (const { name, content } of stored) {
    const shape = batchShapeProblem(content);
    if (shape) {
      problems.push({ kind: "malformed-batch", name, message: `${name}: ${shape}` });
      continue;
    }
    const batch = content as AuditBatch;
    chain ??= batch.chain;
    if (batch.chain !== chain) {
      problems.push({
        kind: "foreign-chain",
        seq: batch.seq,
        name,
        message: `${name}: belongs to chain "${batch.chain}", not "${chain}"`,
      });
      continue;
    }
    placed.push({ batch, name, hash: hashBatch(batch) });
  }

  problems.push(...reorderProblems(placed));
  const { unique, problems: duplicateProblems } = dedupe(placed);
  problems.push(...duplicateProblems);
  const recordLevel = new Map<number, ChainProblem[]>();
  for (const p of unique) recordLevel.set(p.batch.seq, recordProblems(p));
  problems.push(...[...recordLevel.values()].flat());
  problems.push(...linkProblems(unique, options, recordLevel));
  problems.push(...tailProblems(unique, options));

  const last = unique.at(-1);
  return {
    ok: problems.length === 0,
    chain,
    batches: unique.length,
    records: unique.reduce((n, p) => n + p.batch.records.length, 0),
    firstSeq: unique[0]?.batch.seq,
    head: last ? { seq: last.batch.seq, hash: last.hash } : undefined,
    problems: problems.sort(byPosition),
  };
}

const hex64 = /^[0-9a-f]{64}$/;

function batchShapeProblem(value: unknown): string | undefined {
  if (typeof value !== "object" || value === null || Array.isArray(value))
    return "not a JSON object";
  const b = value as Record<string, unknown>;
  if (b.format !== batchFormat) return `format is not "${batchFormat}"`;
  if (typeof b.chain !== "string") return "chain is missing";
  if (!Number.isSafeInteger(b.seq) || (b.seq as number) < 0)
    return "seq is not a non-negative integer";
  if (typeof b.prev !== "string" || !hex64.test(b.prev)) return "prev is not a SHA-256 hex digest";
  if (typeof b.sealedAt !== "string" || Number.isNaN(Date.parse(b.sealedAt)))
    return "sealedAt is not a date";
  if (!Array.isArray(b.records)) return "records is not a list";
  if (
    !Array.isArray(b.digests) ||
    !b.digests.every(
      (d) => typeof d?.id === "string" && typeof d?.sha256 === "string" && hex64.test(d.sha256),
    )
  ) {
    return "digests is not a list of {id, sha256}";
  }
  return undefined;
}

/** Stored order must follow seq; a batch stored after a higher seq was moved. */
function reorderProblems(placed: readonly Placed[]): ChainProblem[] {
  const problems: ChainProblem[] = [];
  let highest = -1;
  for (const p of placed) {
    if (p.batch.seq < highest) {
      problems.push({
        kind: "batch-reordered",
        seq: p.batch.seq,
        name: p.name,
        message: `batch ${p.batch.seq} (${p.name}) is stored after batch ${highest}: batches were reordered`,
      });
    }
    highest = Math.max(highest, p.batch.seq);
  }
  return problems;
}

function dedupe(placed: readonly Placed[]): { unique: Placed[]; problems: ChainProblem[] } {
  const bySeq = new Map<number, Placed>();
  const problems: ChainProblem[] = [];
  for (const p of [...placed].sort((a, b) => a.batch.seq - b.batch.seq)) {
    const seen = bySeq.get(p.batch.seq);
    if (!seen) bySeq.set(p.batch.seq, p);
    else if (seen.hash === p.hash) {
      problems.push({
        kind: "batch-duplicated",
        seq: p.batch.seq,
        name: p.name,
        message: `batch ${p.batch.seq} is stored twice (${seen.name} and ${p.name})`,
      });
    } else {
      problems.push({
        kind: "batch-conflict",
        seq: p.batch.seq,
        name: p.name,
        message: `two different batches claim seq ${p.batch.seq} (${seen.name} and ${p.name}): one was forged or altered`,
      });
    }
  }
  return { unique: [...bySeq.values()], problems };
}

/** Compares each record with the digest sealed for it. */
function recordProblems({ batch, name }: Placed): ChainProblem[] {
  const seq = batch.seq;
  const sealed = batch.digests;
  const actual = batch.records.map((r) => digestRecord(r as AuditRecord).sha256);
  const at = (index: number, id?: string) => ({ index, ...(id === undefined ? {} : { id }) });
  if (sealed.length === actual.length) {
    const differing = sealed.flatMap((d, i) => (d.sha256 === actual[i] ? [] : [i]));
    if (differing.length === 0) return [];
    if (
      sameMultiset(
        sealed.map((d) => d.sha256),
        actual,
      )
    ) {
      return [
        {
          kind: "records-reordered",
          seq,
          name,
          record: at(differing[0], sealed[differing[0]].id),
          message: `batch ${seq}: records at positions ${differing.join(", ")} were reordered`,
        },
      ];
    }
    return differing.map((i) => ({
      kind: "record-altered" as const,
      seq,
      name,
      record: at(i, sealed[i].id),
      message: `batch ${seq}: record ${i} (id ${sealed[i].id}) was altered`,
    }));
  }
  // Walk both lists; an entry present on one side only was removed (sealed) or added (actual).
  const problems: ChainProblem[] = [];
  let i = 0;
  let j = 0;
  const removing = sealed.length > actual.length;
  while (i < sealed.length || j < actual.length) {
    if (i < sealed.length && j < actual.length && sealed[i].sha256 === actual[j]) {
      i++;
      j++;
    } else if (removing && i < sealed.length) {
      problems.push({
        kind: "record-removed",
        seq,
        name,
        record: at(i, sealed[i].id),
        message: `batch ${seq}: record ${i} (id ${sealed[i].id}) was removed`,
      });
      i++;
    } else if (!removing && j < actual.length) {
      const id = (batch.records[j] as { id?: unknown })?.id;
      problems.push({
        kind: "record-added",
        seq,
        name,
        record: at(j, typeof id === "string" ? id : undefined),
        message: `batch ${seq}: record ${j} was added after sealing`,
      });
      j++;
    } else {
      const index = removing ? j : i;
      problems.push({
        kind: "record-altered",
        seq,
        name,
        record: at(index),
        message: `batch ${seq}: record ${index} does not match its sealed digest`,
      });
      i++;
      j++;
    }
  }
  return problems;
}

function sameMultiset(a: readonly string[], b: readonly string[]): boolean {
  return [...a].sort().join() === [...b].sort().join();
}

/**
 * Checks every link (batch n's `prev` against the hash of batch n-1, plus the known head) and
 * blames the fewest batches that explain the broken ones: one broken link blames the earlier batch
 * (its content changed), two broken links around one batch blame that batch (its `prev` changed).
 */
function linkProblems(
  unique: readonly Placed[],
  options: VerifyOptions,
  recordLevel: ReadonlyMap<number, readonly ChainProblem[]>,
): ChainProblem[] {
  const problems: ChainProblem[] = [];
  const start = options.startSeq ?? 0;
  const first = unique[0];
  if (!first) {
    return [{ kind: "empty", message: "no batch of this chain was found" }];
  }
  if (first.batch.seq > start) {
    problems.push(missing(start, first.batch.seq - 1, "before the first batch present"));
  }
  const inBroken: boolean[] = unique.map(() => false);
  const outBroken: boolean[] = unique.map(() => false);
  if (first.batch.seq === 0 && first.batch.prev !== genesisHash) inBroken[0] = true;
  for (let k = 0; k + 1 < unique.length; k++) {
    const a = unique[k].batch;
    const b = unique[k + 1].batch;
    if (b.seq !== a.seq + 1) {
      problems.push(missing(a.seq + 1, b.seq - 1, `between batch ${a.seq} and batch ${b.seq}`));
    } else if (b.prev !== unique[k].hash) {
      outBroken[k] = true;
      inBroken[k + 1] = true;
    }
  }
  const known = options.knownHead;
  const headIndex = known ? unique.findIndex((p) => p.batch.seq === known.seq) : -1;
  if (known && headIndex >= 0 && unique[headIndex].hash !== known.hash) outBroken[headIndex] = true;

  const both = (k: number) => inBroken[k] && outBroken[k];
  const explainedByNext = (k: number) => outBroken[k] && k + 1 < unique.length && both(k + 1);
  unique.forEach((p, k) => {
    const genesisOnly = k === 0 && inBroken[k] && !outBroken[k];
    const blamed = both(k) || (outBroken[k] && !explainedByNext(k)) || genesisOnly;
    if (!blamed) return;
    if ((recordLevel.get(p.batch.seq) ?? []).length > 0) return; // already named record by record
    const seq = p.batch.seq;
    const why = both(k)
      ? "its prev field no longer matches the batch before it, nor its hash the batch after it"
      : genesisOnly
        ? "it no longer points at the genesis hash"
        : headIndex === k && !(k + 1 < unique.length && inBroken[k + 1])
          ? `it no longer hashes to the head recorded earlier (${known?.hash.slice(0, 12)}...)`
          : `it no longer hashes to what batch ${seq + 1} recorded (or batch ${seq + 1}'s prev field was changed)`;
    problems.push({
      kind: "batch-altered",
      seq,
      name: p.name,
      message: `batch ${seq} (${p.name}) was altered: ${why}`,
    });
  });
  return problems;
}

function tailProblems(unique: readonly Placed[], options: VerifyOptions): ChainProblem[] {
  const problems: ChainProblem[] = [];
  const last = unique.at(-1);
  const known = options.knownHead;
  if (known && (!last || last.batch.seq < known.seq)) {
    const from = last ? last.batch.seq + 1 : (options.startSeq ?? 0);
    problems.push({
      kind: "truncated",
      seq: from,
      message: `chain truncated: batches ${from} to ${known.seq} were seen before (known head) and are gone`,
    });
  }
  if (last && options.now && options.maxSilenceSeconds !== undefined) {
    const silence = (options.now.getTime() - Date.parse(last.batch.sealedAt)) / 1000;
    if (silence > options.maxSilenceSeconds) {
      problems.push({
        kind: "stale",
        seq: last.batch.seq,
        name: last.name,
        message:
          `last batch ${last.batch.seq} was sealed at ${last.batch.sealedAt}, ${Math.round(silence)} s ago ` +
          `(more than ${options.maxSilenceSeconds} s): later batches were removed or the shipper stopped`,
      });
    }
  }
  return problems;
}

function missing(from: number, to: number, where: string): ChainProblem {
  return {
    kind: "batch-missing",
    seq: from,
    message:
      from === to
        ? `batch ${from} is missing (${where})`
        : `batches ${from} to ${to} are missing (${where})`,
  };
}

function byPosition(a: ChainProblem, b: ChainProblem): number {
  return (a.seq ?? -1) - (b.seq ?? -1) || (a.record?.index ?? -1) - (b.record?.index ?? -1);
}
