/**
 * Reading back what the store holds, to resume the chain after a restart and to tell "this batch
 * was already stored by an earlier attempt" from "another batch holds this seq" (a fork).
 *
 * Each object is the envelope of one batch (audit/envelope.ts). Its metadata repeats the batch's
 * seq, hash and seal time, so the head is known even when the object was encrypted under an
 * earlier key (the credential may read the current key only). When the key is the current one,
 * the content is decrypted and hashed, and wins over the metadata.
 */
import { hashBatch, batchFormat, type AuditBatch } from "../../audit/batch";
import { openEnvelope, type Envelope } from "../../audit/envelope";
import type { ObjectRead } from "./audit-store";

export interface StoredHead {
  readonly seq: number;
  readonly hash: string;
  readonly sealedAt: string;
  /** Where the values came from. */
  readonly from: "content" | "metadata";
}

export const metaHeaders = {
  seq: "X-Object-Meta-Hdh-Seq",
  hash: "X-Object-Meta-Hdh-Batch-Sha256",
  sealedAt: "X-Object-Meta-Hdh-Sealed-At",
} as const;

export function readStoredHead(
  name: string,
  object: ObjectRead,
  key: Buffer,
  keyRef: string,
): StoredHead {
  let envelope: Envelope;
  try {
    envelope = JSON.parse(object.body) as Envelope;
  } catch {
    throw new Error(`${name} is not an audit envelope (not JSON)`);
  }
  if (envelope.keyRef === keyRef) {
    const batch = JSON.parse(openEnvelope(envelope, key, name)) as AuditBatch;
    if (batch.format !== batchFormat || !Number.isSafeInteger(batch.seq)) {
      throw new Error(`${name} does not hold an audit batch`);
    }
    return { seq: batch.seq, hash: hashBatch(batch), sealedAt: batch.sealedAt, from: "content" };
  }
  const seq = Number(object.headers[metaHeaders.seq.toLowerCase()]);
  const hash = object.headers[metaHeaders.hash.toLowerCase()] ?? "";
  const sealedAt = object.headers[metaHeaders.sealedAt.toLowerCase()] ?? "";
  if (
    !Number.isSafeInteger(seq) ||
    !/^[0-9a-f]{64}$/.test(hash) ||
    Number.isNaN(Date.parse(sealedAt))
  ) {
    throw new Error(
      `${name} was encrypted under another key (${envelope.keyRef}) and carries no usable seq/hash metadata: the chain cannot be resumed safely`,
    );
  }
  return { seq, hash, sealedAt, from: "metadata" };
}
