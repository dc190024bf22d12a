/**
 * Sealed batches: the unit the shipper writes to the audit store. Each batch lists a digest per
 * record and carries the SHA-256 of the previous batch, so removing, changing or reordering
 * anything breaks a link that `verifyChain` reports by batch and record.
 *
 * The hash of a batch is SHA-256 over its canonical JSON (audit/canonical-json.ts), every field
 * included. Batch 0 points at `genesisHash`.
 */
import { sha256Canonical } from "./canonical-json";
import { recordShapeProblems, type AuditRecord } from "./record";

export const batchFormat = "hdh-audit-batch/1";

/** What the first batch of a chain points at. */
export const genesisHash = "0".repeat(64);

export interface RecordDigest {
  /** The record's id, kept so a removed record can be named. */
  readonly id: string;
  /** SHA-256 of the record's canonical JSON. */
  readonly sha256: string;
}

export interface AuditBatch {
  readonly format: typeof batchFormat;
  /** Chain id: one chain per audit log (e.g. "hdh-prod"); a batch of another chain is refused. */
  readonly chain: string;
  /** Position in the chain, from 0, no gaps. */
  readonly seq: number;
  /** SHA-256 (hex) of batch `seq - 1`, or `genesisHash` for batch 0. */
  readonly prev: string;
  /** When the shipper sealed it, RFC 3339 UTC. Sealed at least every interval, even if empty. */
  readonly sealedAt: string;
  /** One digest per record, in record order. */
  readonly digests: readonly RecordDigest[];
  readonly records: readonly AuditRecord[];
}

/** Where a chain stands: the last sealed batch's seq and hash. */
export interface ChainHead {
  readonly chain: string;
  /** -1 before the first batch. */
  readonly seq: number;
  readonly hash: string;
}

export function startChain(chain: string): ChainHead {
  if (!/^[a-z0-9][-a-z0-9.]{0,62}$/.test(chain)) {
    throw new Error(`chain id "${chain}": expected a lower-case name such as hdh-prod`);
  }
  return { chain, seq: -1, hash: genesisHash };
}

export function hashBatch(batch: AuditBatch): string {
  return sha256Canonical(batch);
}

export function digestRecord(record: AuditRecord): RecordDigest {
  return { id: record.id, sha256: sha256Canonical(record) };
}

/**
 * Seals `records` as the batch after `head`. Refuses malformed records (the normalisers must not
 * produce them) rather than sealing something the query cannot read.
 */
export function sealBatch(
  head: ChainHead,
  records: readonly AuditRecord[],
  sealedAt: Date,
): { batch: AuditBatch; head: ChainHead } {
  const problems = records.flatMap((r, i) =>
    recordShapeProblems(r).map((p) => `records[${i}].${p}`),
  );
  if (problems.length > 0)
    throw new Error(`cannot seal malformed records:\n  ${problems.join("\n  ")}`);
  const batch: AuditBatch = {
    format: batchFormat,
    chain: head.chain,
    seq: head.seq + 1,
    prev: head.hash,
    sealedAt: sealedAt.toISOString(),
    digests: records.map(digestRecord),
    records: [...records],
  };
  return { batch, head: { chain: head.chain, seq: batch.seq, hash: hashBatch(batch) } };
}

/** Object name of a batch in the store: zero-padded so name order is chain order. */
export function batchObjectName(chain: string, seq: number): string {
  return `${chain}/batches/${String(seq).padStart(12, "0")}.json`;
}

/** The names `batchObjectName` gives the batches of `chain` (the seq is the first group). */
export function batchNamePattern(chain: string): RegExp {
  const escaped = chain.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`^${escaped}/batches/(\\d{12})\\.json$`);
}
