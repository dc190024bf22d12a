/**
 * Shipped records (Fluent Bit's view of each source) to audit records (audit/record.ts). Nothing
 * is ever dropped: a record that cannot be normalised is sealed as `<area>.unparsed`, with its
 * problems and the raw record as detail, and a record with no person behind it is sealed as is
 * and counted (attributionProblem), exactly as the query reports it; so is a key or storage
 * access whose workspace cannot be resolved (placementProblem).
 *
 * Key-manager records are Barbican's CADF events (audit/sources/barbican.ts); object-storage
 * records are Swift proxy access lines or Swift CADF events, told apart by their shape
 * (audit/sources/swift-access-log.ts, swift-cadf.ts). For both, a sender that already writes the
 * record format (an in-platform storage proxy) is taken as it is.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "../../audit/canonical-json";
import {
  attributionProblem,
  recordShapeProblems,
  type AuditRecord,
  type AuditSource,
  type JsonValue,
} from "../../audit/record";
import { fromBarbicanCadf } from "../../audit/sources/barbican";
import { fromKubernetesAuditEvent } from "../../audit/sources/kubernetes";
import { fromSwiftAccessLog, isSwiftAccessLine } from "../../audit/sources/swift-access-log";
import { fromSwiftCadf } from "../../audit/sources/swift-cadf";
import { placementProblem, type KeyRegister } from "../../audit/sources/workspace-of";
import { fromBastionSyslog } from "./bastion-syslog";

export interface Normalised {
  readonly record: AuditRecord;
  /** Could not be read as its source's format: sealed with its raw content. */
  readonly unparsed: boolean;
  /** Names no person where one is required (audit/record.ts attributionProblem). */
  readonly unattributed: boolean;
  /** A key or storage access whose workspace could not be resolved (placementProblem). */
  readonly unplaced: boolean;
}

export interface NormaliseContext {
  /** Barbican ids of workspace keys to their project (audit/sources/workspace-of.ts). */
  readonly keyRegister?: KeyRegister;
}

const area: Record<AuditSource, string> = {
  "bastion-ssh": "ssh",
  "kubernetes-api": "k8s",
  "key-manager": "key",
  "object-storage": "object",
  airlock: "airlock",
};

export function normalise(
  source: AuditSource,
  raw: Record<string, unknown>,
  receivedAt: Date,
  context: NormaliseContext = {},
): Normalised {
  let candidate: unknown;
  let problems: string[];
  try {
    candidate = convert(source, raw, context);
    problems = recordShapeProblems(candidate);
  } catch (error) {
    problems = [(error as Error).message];
  }
  const record =
    problems.length === 0
      ? (candidate as AuditRecord)
      : unparsed(source, raw, problems, receivedAt);
  return {
    record,
    unparsed: problems.length > 0,
    unattributed: attributionProblem(record) !== undefined,
    unplaced: placementProblem(record) !== undefined,
  };
}

function convert(
  source: AuditSource,
  raw: Record<string, unknown>,
  context: NormaliseContext,
): unknown {
  switch (source) {
    case "kubernetes-api":
      return fromKubernetesAuditEvent(raw);
    case "bastion-ssh":
      return fromBastionSyslog(raw);
    case "airlock":
      return fromAirlockLine(raw);
    case "key-manager":
      if (isRecordFormat(raw)) return withoutShipperFields(raw);
      return fromBarbicanCadf(raw, { keyRegister: context.keyRegister });
    case "object-storage":
      if (isRecordFormat(raw)) return withoutShipperFields(raw);
      return isSwiftAccessLine(raw) ? fromSwiftAccessLog(raw) : fromSwiftCadf(raw);
  }
}

/** A record already in the format (v 1, an actor): no CADF event or access line looks so. */
function isRecordFormat(raw: Record<string, unknown>): boolean {
  return raw.v === 1 && typeof raw.actor === "object" && raw.actor !== null;
}

/**
 * The airlock tool prints each record (airlock/audit-records.ts) as one JSON line marked
 * `"hdh_audit": 1`; the container runtime wraps it, and the shipper's `cri` parser puts it in
 * `log`.
 */
function fromAirlockLine(raw: Record<string, unknown>): unknown {
  const line = typeof raw.log === "string" ? raw.log : undefined;
  if (line === undefined) throw new Error("airlock: no log line");
  let printed: unknown;
  try {
    printed = JSON.parse(line);
  } catch {
    throw new Error("airlock: the log line is not JSON");
  }
  if (typeof printed !== "object" || printed === null || Array.isArray(printed)) {
    throw new Error("airlock: the log line is not a JSON object");
  }
  const { hdh_audit: marker, ...record } = printed as Record<string, unknown>;
  if (marker !== 1) throw new Error('airlock: the line is not marked "hdh_audit": 1');
  return record;
}

/** Fluent Bit adds its own timestamp key ("date"); it is not part of the record. */
function withoutShipperFields(raw: Record<string, unknown>): unknown {
  const { date: _date, ...rest } = raw;
  return rest;
}

function unparsed(
  source: AuditSource,
  raw: Record<string, unknown>,
  problems: readonly string[],
  receivedAt: Date,
): AuditRecord {
  const digest = createHash("sha256").update(canonicalJson(raw)).digest("hex").slice(0, 32);
  return {
    v: 1,
    id: `unparsed:${source}:${digest}`,
    time: receivedAt.toISOString(),
    source,
    action: `${area[source]}.unparsed`,
    outcome: "failure",
    actor: { person: null },
    workspace: null,
    target: { type: "unparsed-record", name: source },
    detail: { problems: [...problems], raw: raw as JsonValue },
  };
}
