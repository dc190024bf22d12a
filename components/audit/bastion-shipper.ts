/**
 * What a bastion needs to ship its SSH audit trail to the collector, as cloud-init fragments the
 * bastion component merges into its own cloud-config (`write_files`, `packages`, `runcmd`).
 *
 * The bastion already records what matters (components/bastion/cloud-init.ts): sshd at VERBOSE
 * logs each login with the certificate's key ID, which the SSH CA sets to the person's OIDC
 * identity, and its serial; auditd records every command and pam_tty_audit the session's TTY
 * input. This adds rsyslog (Debian main, unlike Fluent Bit) reading sshd's journal and auditd's
 * log, and forwarding both over TLS (RFC 5425), with a disk queue so nothing is lost while the
 * collector is unreachable. The collector's certificate is checked against the given CA and name.
 */

export interface BastionShipperInput {
  /** Host name or address of the audit collector, reachable from the bastion zone. */
  readonly collectorHost: string;
  /** Name the collector's TLS certificate must carry. @default collectorHost */
  readonly collectorTlsName?: string;
  /** PEM of the CA that issued the collector's certificate. */
  readonly collectorCaPem: string;
  /** Port of the collector's syslog-over-TLS receiver. @default 6514 */
  readonly port?: number;
}

export interface CloudInitFragment {
  readonly packages: readonly string[];
  readonly write_files: readonly { path: string; permissions: string; content: string }[];
  readonly runcmd: readonly string[];
}

export const bastionShipperCaPath = "/etc/ssl/hdh-audit/collector-ca.pem";

export function bastionShipperCloudInit(input: BastionShipperInput): CloudInitFragment {
  const problems: string[] = [];
  if (!/^[A-Za-z0-9.-]+$/.test(input.collectorHost))
    problems.push("collectorHost: expected a host name or IPv4 address");
  if (!input.collectorCaPem.includes("-----BEGIN CERTIFICATE-----"))
    problems.push("collectorCaPem: expected a PEM certificate");
  if (problems.length > 0) throw new Error(`bastion audit shipper: ${problems.join("; ")}`);
  const port = input.port ?? 6514;
  const rsyslog = [
    "# hdh-sovereign: ship sshd and auditd records to the audit collector over TLS (RFC 5425)",
    'module(load="imjournal" StateFile="hdh-imjournal.state")',
    'module(load="imfile")',
    'input(type="imfile" File="/var/log/audit/audit.log" Tag="auditd:" Facility="authpriv")',
    `global(DefaultNetstreamDriver="gtls" DefaultNetstreamDriverCAFile="${bastionShipperCaPath}")`,
    'if ($programname == "sshd" or $programname == "auditd" or $syslogtag startswith "auditd:") then {',
    '  action(type="omfwd" target="' + input.collectorHost + `" port="${port}" protocol="tcp"`,
    '         StreamDriver="gtls" StreamDriverMode="1" StreamDriverAuthMode="x509/name"',
    `         StreamDriverPermittedPeers="${input.collectorTlsName ?? input.collectorHost}"`,
    '         template="RSYSLOG_SyslogProtocol23Format" TCP_Framing="octet-counted"',
    '         queue.type="LinkedList" queue.filename="hdh-audit" queue.saveOnShutdown="on"',
    '         queue.maxDiskSpace="1g" action.resumeRetryCount="-1")',
    "}",
    "",
  ].join("\n");
  return {
    packages: ["rsyslog", "rsyslog-gnutls"],
    write_files: [
      {
        path: bastionShipperCaPath,
        permissions: "0644",
        content: input.collectorCaPem.trim() + "\n",
      },
      { path: "/etc/rsyslog.d/60-hdh-audit.conf", permissions: "0640", content: rsyslog },
    ],
    runcmd: ["rsyslogd -N1", "systemctl enable --now rsyslog", "systemctl restart rsyslog"],
  };
}
