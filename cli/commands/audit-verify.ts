/**
 * `hdh audit verify <dir|files...>`: checks the hash chain of audit batches downloaded from the
 * audit store and names every batch or record removed, altered or reordered. All the judgement
 * is in audit/verify-chain.ts; this file only reads options and prints.
 *
 * Exit codes: 0 the chain is intact, 1 tampering or loss found, 2 bad input.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { verifyAuditChain } from "../../audit/verify-files";
import type { VerifyOptions } from "../../audit/verify-chain";
import { UserError, exitCodes } from "../user-error";
import type { CommandDeps } from "./shared";

export interface AuditVerifyOptions {
  /** "<seq>:<sha256>" of a head recorded earlier (the last report's head). */
  knownHead?: string;
  /** First seq expected, once older batches passed retention. */
  fromSeq?: string;
  /** Longest allowed time since the last batch, in seconds. */
  maxSilence?: string;
  /** Expected chain id, e.g. hdh-prod. */
  chain?: string;
  json?: boolean;
}

export function auditVerifyCommand(
  sources: readonly string[],
  options: AuditVerifyOptions,
  deps: CommandDeps,
): number {
  const { io } = deps;
  const paths = sources.map((s) => resolve(io.cwd, s));
  const missing = paths.filter((p) => !existsSync(p));
  if (missing.length > 0) {
    throw new UserError(
      `cannot read ${missing.join(", ")}.`,
      "Give the directory the batches were downloaded to (e.g. `swift download hdh-prod-audit -D dir`) or the batch files.",
    );
  }
  const verify: VerifyOptions = {
    ...(options.chain ? { chain: options.chain } : {}),
    ...(options.fromSeq ? { startSeq: wholeNumber(options.fromSeq, "--from-seq") } : {}),
    ...(options.knownHead ? { knownHead: parseHead(options.knownHead) } : {}),
    ...(options.maxSilence
      ? { now: new Date(), maxSilenceSeconds: wholeNumber(options.maxSilence, "--max-silence") }
      : {}),
  };
  const report = verifyAuditChain(paths.length === 1 ? paths[0] : paths, verify);
  if (options.json) io.stdout(`${JSON.stringify(report, null, 2)}\n`);
  else {
    const lines = [
      `chain ${report.chain ?? "?"}: ${report.batches} batches, ${report.records} records` +
        (report.head ? `, head ${report.head.seq}:${report.head.hash}` : ""),
      ...report.problems.map((p) => `  ${p.kind}: ${p.message}`),
      report.ok
        ? "intact"
        : `${report.problems.length} problem(s): the trail was tampered with or lost`,
    ];
    if (!options.knownHead && report.ok) {
      lines.push(
        "note: without --known-head a cut tail or an edit to the last batch cannot be seen",
      );
    }
    io.stdout(`${lines.join("\n")}\n`);
  }
  return report.ok ? exitCodes.compliant : exitCodes.mandatoryViolations;
}

function parseHead(value: string): { seq: number; hash: string } {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(value);
  if (!match) {
    throw new UserError(
      `--known-head "${value}" is not "<seq>:<sha256>".`,
      "Pass the head printed by the previous verification, e.g. 41:3f2a...(64 hex).",
    );
  }
  return { seq: Number(match[1]), hash: match[2] };
}

function wholeNumber(value: string, option: string): number {
  if (!/^\d+$/.test(value)) {
    throw new UserError(`${option} "${value}" is not a whole number.`, `Give ${option} as digits.`);
  }
  return Number(value);
}
