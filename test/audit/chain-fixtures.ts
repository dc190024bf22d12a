/** Builders shared by the audit tests: well-formed records and sealed chains. */
import fc from "fast-check";
import { sealBatch, startChain, batchObjectName, type AuditBatch } from "../../audit/batch";
import type { AuditRecord } from "../../audit/record";
import type { StoredBatch } from "../../audit/verify-chain";

export function record(overrides: Partial<AuditRecord> & { id: string }): AuditRecord {
  return {
    v: 1,
    time: "2026-05-04T10:00:00.000Z",
    source: "object-storage",
    action: "object.read",
    outcome: "success",
    actor: { person: "alice@inserm.example.fr", via: "appcred:ws-cardio" },
    workspace: "cardio-2026",
    target: { type: "object", name: "ws-cardio-2026-ingress/extract.parquet" },
    ...overrides,
  };
}

/** Seals `sizes[i]` records in batch i, one minute apart from 2026-05-04T10:00Z. */
export function sealedChain(
  sizes: readonly number[],
  chain = "hdh-test",
): {
  batches: AuditBatch[];
  stored: StoredBatch[];
  head: { seq: number; hash: string };
} {
  let head = startChain(chain);
  const batches: AuditBatch[] = [];
  let n = 0;
  sizes.forEach((size, i) => {
    const records = Array.from({ length: size }, () => record({ id: `evt-${n++}` }));
    const sealed = sealBatch(head, records, new Date(Date.UTC(2026, 4, 4, 10, i)));
    batches.push(sealed.batch);
    head = sealed.head;
  });
  return {
    batches,
    stored: batches.map((b) => ({ name: batchObjectName(chain, b.seq), content: clone(b) })),
    head: { seq: head.seq, hash: head.hash },
  };
}

export function clone<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** 1 to 8 batches of 1 to 5 records. */
export const chainSizes = fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 8 });
