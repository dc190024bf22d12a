/**
 * Swift proxy access-log lines (the `proxy-logging` middleware, log route `proxy-access`) to
 * audit records: the object-storage source where the provider forwards logs but no CADF events.
 *
 * The default `log_msg_template` (swift/common/middleware/proxy_logging.py, docs "Logs") is 22
 * space-separated, percent-encoded fields, "-" when empty (older releases stop at 20 or 21):
 *
 *   0 client_ip  1 remote_addr  2 end_time.datetime  3 method  4 path  5 protocol  6 status_int
 *   7 referer  8 user_agent  9 auth_token (first 16 characters)  10 bytes_recvd  11 bytes_sent
 *   12 client_etag  13 transaction_id  14 headers  15 request_time  16 source  17 log_info
 *   18 start_time  19 end_time  20 policy_index  21 access_user_id (keystoneauth: the user id)
 *
 * The person: the line names only the Keystone user id, unless the proxy logs auth_token's
 * identity headers, which the platform requires of the provider: `access_log_headers = true`,
 * `access_log_headers_only = X-User-Name,X-User-Id,X-Project-Id,X-Identity-Status`. X-User-Name
 * is then the federated user name (the OIDC identity, cadf.ts). Without it the record names
 * `keystone-user-id:<id>` as the credential and no person (unattributed when it touches a
 * workspace). The token field is never kept.
 *
 * The path is the request's already-quoted path, quoted again by the logger: it is decoded once
 * here, and each name once more (swift-request.ts). A line with a `source` (a subrequest made by
 * middleware, e.g. SLO segments) shares its client request's transaction id, so its id adds the
 * source and a digest of the line.
 */
import { createHash } from "node:crypto";
import type { AuditRecord } from "../record";
import { actorOf, outcomeOf, type PersonRule } from "./cadf";
import { safeDecode, swiftAction, swiftTarget } from "./swift-request";

const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** The access line in a shipped record: `log` or `message`, with any "proxy-server:" prefix. */
function lineOf(raw: Record<string, unknown>): string {
  const text = [raw.log, raw.message].find((v): v is string => typeof v === "string");
  if (text === undefined) throw new Error("object-storage: no access-log line (log or message)");
  // A syslog header ("May  4 10:11:12 proxy01 proxy-server: ") may precede it; inside the line
  // itself spaces are percent-encoded, so "proxy-server: " cannot occur there.
  return text.trim().replace(/^.*?\bproxy-(?:server|access)(?:\[\d+\])?:\s+/, "");
}

/** Whether a shipped record holds a Swift proxy access line (rather than a CADF event). */
export function isSwiftAccessLine(raw: Record<string, unknown>): boolean {
  try {
    const fields = lineOf(raw).split(/\s+/);
    return fields.length >= 20 && /^[A-Z]+$/.test(fields[3]) && fields[4].startsWith("/");
  } catch {
    return false;
  }
}

const field = (fields: readonly string[], i: number): string | undefined => {
  const value = fields[i];
  return value === undefined || value === "-" ? undefined : safeDecode(value);
};

function timeOf(fields: readonly string[]): string {
  const start = Number(field(fields, 18));
  if (Number.isFinite(start) && start > 0 && start < 1e11) {
    return new Date(Math.round(start * 1000)).toISOString();
  }
  const m = /^(\d{2})\/(\w{3})\/(\d{4})\/(\d{2})\/(\d{2})\/(\d{2})$/.exec(field(fields, 2) ?? "");
  const month = m ? months.indexOf(m[2]) : -1;
  if (!m || month < 0) throw new Error("object-storage: no valid start_time or end_time");
  return new Date(Date.UTC(+m[3], month, +m[1], +m[4], +m[5], +m[6])).toISOString();
}

/** The logged request headers ("Name: value" lines), by lower-cased name. */
function headersOf(fields: readonly string[]): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of (field(fields, 14) ?? "").split("\n")) {
    const colon = line.indexOf(":");
    if (colon > 0)
      headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

export function fromSwiftAccessLog(
  raw: Record<string, unknown>,
  rule: PersonRule = {},
): AuditRecord {
  const line = lineOf(raw);
  const fields = line.split(/\s+/);
  if (fields.length < 20 || !/^[A-Z]+$/.test(fields[3]) || !fields[4].startsWith("/")) {
    throw new Error(
      `object-storage: not a proxy access line (${fields.length} fields; expected the default log_msg_template)`,
    );
  }
  const method = fields[3];
  const status = Number(field(fields, 6));
  const transaction = field(fields, 13);
  const subrequestSource = field(fields, 16);
  const digest = createHash("sha256").update(line).digest("hex").slice(0, 16);
  const id =
    transaction === undefined
      ? `swift-line:${digest}`
      : subrequestSource === undefined
        ? `swift-tx:${transaction}`
        : `swift-tx:${transaction}/${subrequestSource}/${digest}`;
  const headers = headersOf(fields);
  const userId = field(fields, 21) ?? headers.get("x-user-id");
  const target = swiftTarget(field(fields, 4) ?? "/");
  const clientIp = field(fields, 0);
  return {
    v: 1,
    id,
    time: timeOf(fields),
    source: "object-storage",
    action: swiftAction(target.level, method),
    outcome: outcomeOf({}, Number.isInteger(status) ? status : 0),
    actor: actorOf(
      {
        name: headers.get("x-user-name"),
        id: userId,
        host: { address: clientIp },
        credential: { identity_status: headers.get("x-identity-status") },
      },
      rule,
    ),
    workspace: target.workspace,
    target: { type: target.level, name: target.name },
    detail: {
      emitter: "swift-proxy-logging",
      method,
      status: Number.isInteger(status) ? status : 0,
      placement: target.placement,
      ...(target.account ? { account: target.account } : {}),
      ...(transaction ? { transactionId: transaction } : {}),
      ...(subrequestSource ? { subrequestSource } : {}),
      ...(userId ? { keystoneUserId: userId } : {}),
      ...(headers.get("x-project-id") ? { keystoneProjectId: headers.get("x-project-id")! } : {}),
      bytesReceived: Number(field(fields, 10) ?? 0) || 0,
      bytesSent: Number(field(fields, 11) ?? 0) || 0,
    },
  };
}
