/**
 * Bastion syslog lines (rsyslog over TLS, parsed by the receiver's `syslog-rfc5424` parser into
 * host, ident, pid, message...) to audit records.
 *
 * sshd at LogLevel VERBOSE names the person on login: the certificate's key ID, which the SSH CA
 * sets to the OIDC identity, and its serial ("Accepted publickey for alice from 192.0.2.10 port
 * 51234 ssh2: ED25519-CERT SHA256:... ID alice@inserm.fr (serial 42) CA ..."). auditd and the
 * other sshd lines do not name the person; they are sealed with `person: null`, so they count
 * as unattributed until a session correlation (auditd `ses=` to the login) is written.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "../../audit/canonical-json";
import type { AuditOutcome, AuditRecord } from "../../audit/record";

const certLogin =
  /^Accepted (\S+) for (\S+) from (\S+) port \d+ \S+: \S+-CERT \S+ ID (.+) \(serial (\d+)\)/;
const refused =
  /^(Failed \S+ for|Invalid user|Connection closed by authenticating user|error: Certificate invalid)/;
const address = / from ([0-9a-fA-F.:]+)/;

export function fromBastionSyslog(raw: Record<string, unknown>): AuditRecord {
  const text = (key: string) => (typeof raw[key] === "string" ? (raw[key] as string) : "");
  const message = text("message");
  const ident = text("ident");
  const host = text("host");
  if (message === "" || host === "") throw new Error("bastion-ssh: expected host and message");
  const login = certLogin.exec(message);
  const ip = (login?.[3] ?? address.exec(message)?.[1]) || undefined;
  const isAudit = ident === "auditd" || ident.startsWith("audit") || ident === "audispd";
  const action = login
    ? "ssh.session.start"
    : isAudit
      ? "ssh.command"
      : /session closed|Disconnected from/.test(message)
        ? "ssh.session.end"
        : "ssh.event";
  const outcome: AuditOutcome = refused.test(message) ? "denied" : "success";
  const digest = createHash("sha256").update(canonicalJson(raw)).digest("hex").slice(0, 32);
  return {
    v: 1,
    id: `bastion:${host}:${digest}`,
    time: timeOf(raw),
    source: "bastion-ssh",
    action,
    outcome,
    actor: {
      person: login ? login[4] : null,
      ...(login ? { via: `ssh-cert:${login[5]}` } : {}),
      ...(ip ? { ip } : {}),
    },
    workspace: null,
    target: { type: "ssh-session", name: host },
    detail: { host, ident, ...(login ? { account: login[2] } : {}), message },
  };
}

/** The line's own time (Time_Keep) if present, else Fluent Bit's record time ("date", epoch s). */
function timeOf(raw: Record<string, unknown>): string {
  if (typeof raw.time === "string" && !Number.isNaN(Date.parse(raw.time))) {
    return new Date(raw.time).toISOString();
  }
  if (typeof raw.date === "number" && Number.isFinite(raw.date)) {
    return new Date(Math.round(raw.date * 1000)).toISOString();
  }
  throw new Error("bastion-ssh: no time (expected the syslog time or Fluent Bit's date)");
}
