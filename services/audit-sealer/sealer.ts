/**
 * The sealer's state machine: accepted records go to the spool's journal, are sealed into the
 * next batch of the chain every `sealMaxRecords` records or every `sealIntervalSeconds` (an empty
 * batch when idle, so a cut tail shows as silence), and sealed batches are encrypted and stored
 * in seq order, retried with exponential backoff and never dropped.
 *
 * Time comes from an injected clock and nothing here runs a timer: `tick()` is called every
 * second by main.ts and directly by the tests.
 */
import { createHash } from "node:crypto";
import {
  batchNamePattern,
  batchObjectName,
  sealBatch,
  startChain,
  type AuditBatch,
  type ChainHead,
} from "../../audit/batch";
import { canonicalJson } from "../../audit/canonical-json";
import { sealEnvelope } from "../../audit/envelope";
import { attributionProblem, type AuditRecord } from "../../audit/record";
import type { AuditStore } from "./audit-store";
import type { SealerConfig } from "./config";
import type { Logger } from "./log";
import { Spool, type SpooledBatch } from "./spool";
import { metaHeaders, readStoredHead, type StoredHead } from "./stored-batch";

export type SealerSettings = Pick<
  SealerConfig,
  | "chain"
  | "keyRef"
  | "retentionDays"
  | "sealIntervalSeconds"
  | "sealMaxRecords"
  | "spoolDir"
  | "spoolMaxBytes"
>;

/** Retry delays after failed uploads: 1 s, doubling, at most this. */
export const maxBackoffMs = 5 * 60 * 1000;

/** The store holds another batch under one of our seqs: someone else writes this chain. */
export class ChainConflict extends Error {}

/** Ingest must wait: the sealer is starting, or the spool is full. */
export class NotAccepting extends Error {}

export class Sealer {
  private readonly spool: Spool;
  private head: ChainHead;
  private pending: AuditRecord[] = [];
  private lastSealAt = 0;
  private key: Buffer | undefined;
  private started = false;
  private failures = 0;
  private nextUploadAt = 0;
  private lastUploadError: string | undefined;
  private conflict: string | undefined;
  private draining: Promise<void> | undefined;

  constructor(
    private readonly settings: SealerSettings,
    private readonly store: AuditStore,
    private readonly now: () => Date,
    private readonly logger: Logger,
  ) {
    this.spool = new Spool(settings.spoolDir);
    this.head = startChain(settings.chain);
  }

  /**
   * Resumes the chain: from the spool's last sealed batch or the store's last object, whichever is
   * further; then seals what the journal holds. Throws if the store cannot be read (try again).
   */
  async start(): Promise<void> {
    const recovered = this.spool.recover();
    for (const name of recovered.corrupt) {
      this.logger.log("error", "spool-entry-corrupt", { file: name });
    }
    if (recovered.unreadableLines > 0) {
      this.logger.log("error", "journal-lines-unreadable", { lines: recovered.unreadableLines });
    }
    this.key = await this.store.fetchKey();
    const stored = await this.storedHead();
    const local = recovered.outbox.at(-1);
    if (local && stored && local.batch.seq === stored.seq && local.hash !== stored.hash) {
      this.halt(`the store holds another batch ${stored.seq} than the one spooled here`);
    }
    if (local && (!stored || local.batch.seq >= stored.seq)) {
      this.head = { chain: this.settings.chain, seq: local.batch.seq, hash: local.hash };
      this.lastSealAt = Date.parse(local.batch.sealedAt);
    } else if (stored) {
      this.head = { chain: this.settings.chain, seq: stored.seq, hash: stored.hash };
      this.lastSealAt = Date.parse(stored.sealedAt);
    } else {
      this.lastSealAt = this.now().getTime();
    }
    this.pending = recovered.pending;
    this.started = true;
    this.logger.log("info", "chain-resumed", {
      chain: this.settings.chain,
      seq: this.head.seq,
      hash: this.head.hash,
      from:
        local && this.head.seq === local.batch.seq
          ? "spool"
          : stored
            ? `store-${stored.from}`
            : "genesis",
      spooledBatches: recovered.outbox.length,
      recoveredRecords: recovered.pending.length,
    });
    if (this.pending.length > 0) this.seal();
  }

  /** Journals records (fsynced) and seals every full batch; throws NotAccepting to mean 503. */
  accept(records: readonly AuditRecord[]): void {
    if (!this.started) throw new NotAccepting("starting: the chain head is not known yet");
    if (this.spool.bytes() >= this.settings.spoolMaxBytes) {
      throw new NotAccepting("the spool is full: the store has not accepted batches for a while");
    }
    // Chunks of what fits the open batch, so the journal always holds exactly the pending records.
    for (let i = 0; i < records.length;) {
      const chunk = records.slice(i, i + this.settings.sealMaxRecords - this.pending.length);
      this.spool.append(chunk);
      this.pending.push(...chunk);
      i += chunk.length;
      if (this.pending.length >= this.settings.sealMaxRecords) this.seal();
    }
  }

  /** Seals when the interval has passed (even with no record) and uploads when due. */
  async tick(): Promise<void> {
    if (!this.started) return;
    const now = this.now().getTime();
    if (now - this.lastSealAt >= this.settings.sealIntervalSeconds * 1000) this.seal();
    if (this.spool.outbox().length > 0 && now >= this.nextUploadAt) await this.drain();
  }

  /** Seals every pending record (possibly none) as the next batch. */
  seal(): void {
    const records = this.pending;
    const sealedAt = this.now();
    const { batch, head } = sealBatch(this.head, records, sealedAt);
    this.spool.commit(batch, head.hash);
    this.pending = [];
    this.head = head;
    this.lastSealAt = sealedAt.getTime();
    this.logger.log("info", "batch-sealed", {
      seq: batch.seq,
      hash: head.hash,
      records: records.length,
      unattributed: records.filter((r) => attributionProblem(r) !== undefined).length,
      unparsed: records.filter((r) => r.action.endsWith(".unparsed")).length,
    });
  }

  /** Uploads spooled batches in seq order until one fails (then backs off) or none is left. */
  drain(): Promise<void> {
    this.draining ??= this.uploadAll().finally(() => (this.draining = undefined));
    return this.draining;
  }

  private async uploadAll(): Promise<void> {
    for (const entry of this.spool.outbox()) {
      if (this.conflict) return;
      try {
        await this.upload(entry);
      } catch (error) {
        if (error instanceof ChainConflict) {
          this.halt(error.message);
          return;
        }
        this.failures++;
        const delay = Math.min(1000 * 2 ** (this.failures - 1), maxBackoffMs);
        this.nextUploadAt = this.now().getTime() + delay;
        this.lastUploadError = (error as Error).message;
        this.logger.log("warn", "upload-failed", {
          seq: entry.batch.seq,
          error: (error as Error).message,
          failures: this.failures,
          retryInSeconds: delay / 1000,
        });
        return;
      }
      this.spool.remove(entry.batch.seq);
      this.failures = 0;
      this.lastUploadError = undefined;
    }
  }

  private async upload(entry: SpooledBatch): Promise<void> {
    const key = (this.key ??= await this.store.fetchKey());
    const { batch } = entry;
    const name = batchObjectName(this.settings.chain, batch.seq);
    const envelope = sealEnvelope(canonicalJson(batch), key, this.settings.keyRef, name);
    const body = JSON.stringify(envelope);
    const result = await this.store.createObject(name, body, {
      ETag: createHash("md5").update(body).digest("hex"),
      "X-Delete-At": String(this.deleteAt(batch)),
      [metaHeaders.seq]: String(batch.seq),
      [metaHeaders.hash]: entry.hash,
      [metaHeaders.sealedAt]: batch.sealedAt,
    });
    if (result === "exists") {
      // An earlier attempt stored it (its answer was lost), or someone else wrote this seq.
      const object = await this.store.getObject(name); // a failure here is retried
      let stored: StoredHead;
      try {
        stored = readStoredHead(name, object, key, this.settings.keyRef);
      } catch (error) {
        throw new ChainConflict(
          `${name} already holds something else: ${(error as Error).message}`,
        );
      }
      if (stored.hash !== entry.hash) {
        throw new ChainConflict(
          `${name} already holds another batch (sha256 ${stored.hash.slice(0, 12)}...)`,
        );
      }
    }
    this.logger.log("info", "batch-stored", {
      seq: batch.seq,
      object: name,
      already: result === "exists",
    });
  }

  /** Retention counts from sealing, so a late upload does not keep a batch longer. */
  private deleteAt(batch: AuditBatch): number {
    const due = Math.floor(Date.parse(batch.sealedAt) / 1000) + this.settings.retentionDays * 86400;
    // Swift refuses an X-Delete-At in the past; a batch that waited that long still gets stored.
    return Math.max(due, Math.floor(this.now().getTime() / 1000) + 3600);
  }

  private async storedHead(): Promise<StoredHead | undefined> {
    const prefix = `${this.settings.chain}/batches/`;
    const last = await this.store.lastObjectName(prefix);
    if (last === undefined) return undefined;
    if (!batchNamePattern(this.settings.chain).test(last)) {
      throw new Error(`${last}: an object that is not a batch sits last under ${prefix}`);
    }
    return readStoredHead(last, await this.store.getObject(last), this.key!, this.settings.keyRef);
  }

  private halt(reason: string): void {
    this.conflict = reason;
    this.logger.log("error", "chain-conflict", {
      reason,
      action: "uploads stopped; batches stay in the spool; investigate who else writes this chain",
    });
  }

  /** Seals what is pending and tries one last upload: for SIGTERM. */
  async stop(): Promise<void> {
    if (this.started && this.pending.length > 0) this.seal();
    if (this.started && !this.conflict) await this.drain();
    this.started = false;
    this.spool.close();
  }

  /** For probes and the logs: counts and positions only. */
  status() {
    return {
      started: this.started,
      ready: this.started && !this.conflict && this.spool.bytes() < this.settings.spoolMaxBytes,
      chain: this.settings.chain,
      head: { seq: this.head.seq, hash: this.head.hash },
      pendingRecords: this.pending.length,
      spooledBatches: this.spool.outbox().length,
      spoolBytes: this.spool.bytes(),
      uploadFailures: this.failures,
      ...(this.lastUploadError ? { lastUploadError: this.lastUploadError } : {}),
      ...(this.conflict ? { conflict: this.conflict } : {}),
    };
  }
}
