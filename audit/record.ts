/**
 * The one audit record format. Every source (bastion SSH, Kubernetes API, key manager, object
 * storage, airlock) is normalised into it before sealing, so one query reads them all.
 *
 * The person is the OIDC identity the platform's identity provider asserts (its username claim,
 * e.g. an e-mail address): the same string Kubernetes sees as `oidc:<claim>`, the SSH certificate
 * authority writes as the certificate's key ID and Keystone federation maps to a user. A service
 * account or application credential is never enough on its own: it goes in `actor.via`, and a
 * record that touches a workspace with no person behind it is reported as unattributed.
 */

export const auditSources = [
  "bastion-ssh",
  "kubernetes-api",
  "key-manager",
  "object-storage",
  "airlock",
] as const;
export type AuditSource = (typeof auditSources)[number];

export const auditOutcomes = ["success", "failure", "denied"] as const;
export type AuditOutcome = (typeof auditOutcomes)[number];

export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };

export interface AuditActor {
  /** OIDC identity of the person (the IdP's username claim); null only for platform automation. */
  readonly person: string | null;
  /** Credential the person acted through: "sa:<ns>/<name>", "appcred:<id>", "ssh-cert:<serial>". */
  readonly via?: string;
  /** Source address the request came from, when the source knows it. */
  readonly ip?: string;
}

export interface AuditTarget {
  /** What was touched: "ssh-session", "secret", "object", "key", "airlock-request"... */
  readonly type: string;
  /** Its name as the source spells it: object path, key reference, Kubernetes resource path. */
  readonly name: string;
}

export interface AuditRecord {
  /** Record format version. */
  readonly v: 1;
  /** Unique id: the source's event id when it has one (Kubernetes auditID, CADF id...). */
  readonly id: string;
  /** When it happened, RFC 3339 in UTC ("2026-05-04T10:11:12.345Z"). */
  readonly time: string;
  readonly source: AuditSource;
  /** Dotted verb, "<source area>.<verb>": "ssh.session.start", "object.read", "airlock.approve". */
  readonly action: string;
  readonly outcome: AuditOutcome;
  readonly actor: AuditActor;
  /** Workspace (research project id) the action concerns; null for platform-wide actions. */
  readonly workspace: string | null;
  readonly target: AuditTarget;
  /** Source-specific facts (Kubernetes verb and resource, airlock file list...); never secrets. */
  readonly detail?: { readonly [key: string]: JsonValue };
}

const isoUtc = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/;

/** Shape problems of one record, each naming its field; empty when the record is well formed. */
export function recordShapeProblems(value: unknown): string[] {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return ["record: expected an object"];
  }
  const r = value as Record<string, unknown>;
  const problems: string[] = [];
  const str = (key: string, v: unknown) => {
    if (typeof v !== "string" || v.length === 0)
      problems.push(`${key}: expected a non-empty string`);
  };
  if (r.v !== 1) problems.push("v: expected 1");
  str("id", r.id);
  if (typeof r.time !== "string" || !isoUtc.test(r.time) || Number.isNaN(Date.parse(r.time))) {
    problems.push("time: expected an RFC 3339 UTC timestamp such as 2026-05-04T10:11:12Z");
  }
  if (!auditSources.includes(r.source as AuditSource)) {
    problems.push(`source: expected one of ${auditSources.join(", ")}`);
  }
  str("action", r.action);
  if (!auditOutcomes.includes(r.outcome as AuditOutcome)) {
    problems.push(`outcome: expected one of ${auditOutcomes.join(", ")}`);
  }
  const actor = r.actor as Record<string, unknown> | undefined;
  if (typeof actor !== "object" || actor === null) problems.push("actor: expected an object");
  else if (actor.person !== null && (typeof actor.person !== "string" || actor.person === "")) {
    problems.push("actor.person: expected the OIDC identity or null");
  }
  if (r.workspace !== null && typeof r.workspace !== "string") {
    problems.push("workspace: expected a workspace id or null");
  }
  const target = r.target as Record<string, unknown> | undefined;
  if (typeof target !== "object" || target === null) problems.push("target: expected an object");
  else {
    str("target.type", target.type);
    str("target.name", target.name);
  }
  return problems;
}

/** Sources whose every record is an act of a person (there is no automation behind them). */
const personOnlySources: ReadonlySet<AuditSource> = new Set(["bastion-ssh", "airlock"]);

/**
 * Why a record fails the "names the person" rule, or undefined when it names one. A workspace
 * touched with no person behind it is exactly what an investigation must see, so such records are
 * sealed anyway (dropping an audit record is worse) and reported by this check.
 */
export function attributionProblem(record: AuditRecord): string | undefined {
  if (record.actor.person !== null) return undefined;
  if (record.workspace !== null) {
    return `workspace ${record.workspace} touched by ${record.actor.via ?? "an unknown credential"} with no person behind it`;
  }
  if (personOnlySources.has(record.source)) {
    return `${record.source} record with no person`;
  }
  return undefined;
}
