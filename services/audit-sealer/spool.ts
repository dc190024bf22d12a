/**
 * The spool: an emptyDir where nothing acknowledged can be lost while the store is unreachable or
 * the container restarts.
 *
 * - `journal-<g>.jsonl`: records accepted since the last seal, appended and fsynced before the
 *   ingest request is answered 200.
 * - `outbox/<seq>.json`: sealed batches (plaintext; encryption happens at upload, with the key
 *   fetched then), each naming the journal generation it consumed, written atomically
 *   (temporary file, fsync, rename).
 *
 * Sealing writes the outbox entry, then deletes its journal, synchronously: so a journal whose
 * generation an outbox entry names was sealed (a crash came between the two steps), and any other
 * journal holds records still to seal. Outbox entries are deleted only once the store holds them.
 * Exposure: plaintext records on the node's disk, as in Fluent Bit's own filesystem buffer and
 * the source logs under /var/log; the emptyDir is deleted with the pod.
 */
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  readFileSync,
  readdirSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from "node:fs";
import { join } from "node:path";
import type { AuditBatch } from "../../audit/batch";
import type { AuditRecord } from "../../audit/record";

export interface SpooledBatch {
  readonly batch: AuditBatch;
  /** hashBatch(batch), the next batch's prev. */
  readonly hash: string;
  /** Journal generations the batch consumed. */
  readonly journals: readonly number[];
  readonly bytes: number;
}

export interface Recovered {
  /** Records of journals no outbox entry names: accepted, not yet sealed. */
  readonly pending: AuditRecord[];
  readonly outbox: SpooledBatch[];
  /** Outbox files that could not be read, renamed *.corrupt and kept. */
  readonly corrupt: string[];
  /** Journal lines that could not be read (a failed disk): lost, and logged. */
  readonly unreadableLines: number;
}

const journalName = /^journal-(\d+)\.jsonl$/;
const outboxName = /^(\d{12})\.json$/;

export class Spool {
  private generation = 0;
  /** Unsealed journals found by recover(): the next seal consumes them with the open one. */
  private recoveredJournals: number[] = [];
  private journalFd: number | undefined;
  private journalBytes = 0;
  private readonly entries = new Map<number, SpooledBatch>();

  constructor(readonly dir: string) {}

  private get outboxDir(): string {
    return join(this.dir, "outbox");
  }

  /** Reads what a previous run left; call once, before anything else. */
  recover(): Recovered {
    mkdirSync(this.outboxDir, { recursive: true });
    const corrupt: string[] = [];
    for (const name of readdirSync(this.outboxDir)) {
      const path = join(this.outboxDir, name);
      if (name.endsWith(".tmp")) unlinkSync(path);
      if (!outboxName.test(name)) continue;
      try {
        const entry = JSON.parse(readFileSync(path, "utf8")) as Omit<SpooledBatch, "bytes">;
        this.entries.set(entry.batch.seq, { ...entry, bytes: statSync(path).size });
      } catch {
        renameSync(path, `${path}.corrupt`);
        corrupt.push(name);
      }
    }
    const sealed = new Set([...this.entries.values()].flatMap((e) => e.journals));
    const journals = readdirSync(this.dir)
      .flatMap((name) => {
        const match = journalName.exec(name);
        return match ? [{ name, generation: Number(match[1]) }] : [];
      })
      .sort((a, b) => a.generation - b.generation);
    this.generation = Math.max(-1, ...sealed, ...journals.map((j) => j.generation)) + 1;
    const pending: AuditRecord[] = [];
    let unreadableLines = 0;
    const unsealed: number[] = [];
    for (const { name, generation } of journals) {
      const path = join(this.dir, name);
      if (sealed.has(generation)) {
        unlinkSync(path);
        continue;
      }
      const read = readJournal(path);
      pending.push(...read.records);
      unreadableLines += read.unreadable;
      unsealed.push(generation);
    }
    // The next seal consumes them along with the new journal.
    this.recoveredJournals = unsealed;
    return { pending, outbox: this.outbox(), corrupt, unreadableLines };
  }

  /** Appends accepted records and fsyncs: after this returns they survive a crash. */
  append(records: readonly AuditRecord[]): void {
    if (records.length === 0) return;
    if (this.journalFd === undefined) {
      this.journalFd = openSync(join(this.dir, `journal-${this.generation}.jsonl`), "a", 0o600);
    }
    const text = records.map((r) => `${JSON.stringify(r)}\n`).join("");
    writeSync(this.journalFd, text);
    fsyncSync(this.journalFd);
    this.journalBytes += Buffer.byteLength(text);
  }

  /**
   * Stores a sealed batch in the outbox, then forgets the journal(s) it consumed. Synchronous on
   * purpose: no upload can run between the two steps.
   */
  commit(batch: AuditBatch, hash: string): SpooledBatch {
    const journals = [...this.recoveredJournals, this.generation];
    const text = JSON.stringify({ batch, hash, journals });
    const path = join(this.outboxDir, `${String(batch.seq).padStart(12, "0")}.json`);
    writeDurably(path, text);
    const entry: SpooledBatch = { batch, hash, journals, bytes: Buffer.byteLength(text) };
    this.entries.set(batch.seq, entry);
    if (this.journalFd !== undefined) closeSync(this.journalFd);
    this.journalFd = undefined;
    for (const g of journals) {
      try {
        unlinkSync(join(this.dir, `journal-${g}.jsonl`));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
      }
    }
    this.recoveredJournals = [];
    this.journalBytes = 0;
    this.generation++;
    return entry;
  }

  /** Sealed batches not yet stored, oldest first. */
  outbox(): SpooledBatch[] {
    return [...this.entries.values()].sort((a, b) => a.batch.seq - b.batch.seq);
  }

  /** The store holds this batch: forget it. */
  remove(seq: number): void {
    const path = join(this.outboxDir, `${String(seq).padStart(12, "0")}.json`);
    unlinkSync(path);
    this.entries.delete(seq);
  }

  /** Bytes waiting on disk (sealed batches and the open journal). */
  bytes(): number {
    let total = this.journalBytes;
    for (const e of this.entries.values()) total += e.bytes;
    return total;
  }

  close(): void {
    if (this.journalFd !== undefined) closeSync(this.journalFd);
    this.journalFd = undefined;
  }
}

/** Complete lines only: a torn last line was never acknowledged (no fsync, no 200). */
function readJournal(path: string): { records: AuditRecord[]; unreadable: number } {
  const text = readFileSync(path, "utf8");
  const complete = text.slice(0, text.lastIndexOf("\n") + 1);
  // A complete line was fsynced before the 200; one that does not parse means the disk failed.
  // Stopping the sealer for it would stop the whole trail: it is skipped and counted (logged).
  const records: AuditRecord[] = [];
  let unreadable = 0;
  for (const line of complete.split("\n")) {
    if (line === "") continue;
    try {
      records.push(JSON.parse(line) as AuditRecord);
    } catch {
      unreadable++;
    }
  }
  return { records, unreadable };
}

function writeDurably(path: string, text: string): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, "w", 0o600);
  try {
    writeSync(fd, text);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  renameSync(tmp, path);
  const dir = openSync(join(path, ".."), "r");
  try {
    fsyncSync(dir);
  } finally {
    closeSync(dir);
  }
}
