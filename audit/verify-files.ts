/**
 * `verifyAuditChain`: the chain check over batch files downloaded from the audit store (one JSON
 * file per batch, as written by the shipper under `<chain>/batches/`). Reads files only; all the
 * judgement is in verify-chain.ts.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import {
  verifyChain,
  type ChainProblem,
  type ChainReport,
  type StoredBatch,
  type VerifyOptions,
} from "./verify-chain";

/**
 * Verifies the batches in `source`: a directory (every `*.json` below it, in path order, which is
 * seq order for the store's zero-padded names) or an explicit list of files (taken in that order).
 */
export function verifyAuditChain(
  source: string | readonly string[],
  options: VerifyOptions = {},
): ChainReport {
  const files = typeof source === "string" ? batchFilesIn(source) : [...source];
  const base = typeof source === "string" ? source : undefined;
  const stored: StoredBatch[] = [];
  const unreadable: ChainProblem[] = [];
  for (const file of files) {
    const name = base ? relative(base, file) : file;
    try {
      stored.push({ name, content: JSON.parse(readFileSync(file, "utf8")) });
    } catch (error) {
      unreadable.push({
        kind: "malformed-batch",
        name,
        message: `${name}: not readable JSON (${(error as Error).message})`,
      });
    }
  }
  const report = verifyChain(stored, options);
  if (unreadable.length === 0) return report;
  return { ...report, ok: false, problems: [...unreadable, ...report.problems] };
}

function batchFilesIn(dir: string): string[] {
  if (!statSync(dir).isDirectory()) return [dir];
  const found: string[] = [];
  const walk = (current: string) => {
    for (const entry of readdirSync(current, { withFileTypes: true }).sort((a, b) =>
      a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
    )) {
      const path = join(current, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.isFile() && entry.name.endsWith(".json")) found.push(path);
    }
  };
  walk(dir);
  return found;
}
