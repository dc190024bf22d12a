/**
 * The bastions' cloud-init, rendered by a pure function so the exact text that hardens a jump host
 * is reviewed (and snapshot-tested) like code.
 *
 * What it sets up: SSH by certificate only (signed by the administrators' CA, no authorized_keys,
 * no password, no root), a jump-only account without sudo, session audit (every command through
 * auditd, TTY input through pam_tty_audit, certificate ids in sshd's verbose log), and automatic
 * security updates with a reboot window staggered per bastion so both never restart together.
 */
import { stringify } from "yaml";

export interface BastionCloudInitInput {
  /** Host name of the instance. */
  readonly hostname: string;
  /** OpenSSH public key line of the certificate authority that signs administrators' keys. */
  readonly sshCaPublicKey: string;
  /** Principal a certificate must name to log in as the jump account. @default "hdh-admin" */
  readonly adminPrincipal?: string;
  /** Debian archive URL (`.../debian`); its `-security` sibling serves security updates. */
  readonly aptMirror: string;
  /** Local time (HH:MM) at which a kernel update may reboot this host. */
  readonly rebootTime: string;
}

/** The only account on a bastion reachable over SSH: jumps onwards, has no sudo. */
export const jumpUser = "jump";

const sshdHardening = (principalsDir: string) =>
  [
    "# hdh-sovereign bastion: certificates from the administrators' CA only",
    "TrustedUserCAKeys /etc/ssh/trusted_user_ca_keys.pub",
    `AuthorizedPrincipalsFile ${principalsDir}/%u`,
    "AuthorizedKeysFile none",
    "PubkeyAuthentication yes",
    "AuthenticationMethods publickey",
    "PasswordAuthentication no",
    "KbdInteractiveAuthentication no",
    "PermitRootLogin no",
    "PermitEmptyPasswords no",
    `AllowUsers ${jumpUser}`,
    "AllowTcpForwarding local",
    "AllowAgentForwarding no",
    "AllowStreamLocalForwarding no",
    "X11Forwarding no",
    "PermitTunnel no",
    "GatewayPorts no",
    "MaxAuthTries 3",
    "LoginGraceTime 30",
    "ClientAliveInterval 300",
    "ClientAliveCountMax 2",
    "# VERBOSE logs the certificate's key id and serial for every login",
    "LogLevel VERBOSE",
    "",
  ].join("\n");

const auditRules = [
  "# hdh-sovereign bastion: every command run in a session, and changes to access control",
  "-a always,exit -F arch=b64 -S execve,execveat -k hdh-session",
  "-a always,exit -F arch=b32 -S execve,execveat -k hdh-session",
  "-w /etc/ssh/ -p wa -k hdh-sshd-config",
  "-w /etc/passwd -p wa -k hdh-identity",
  "-w /etc/group -p wa -k hdh-identity",
  "-w /etc/sudoers -p wa -k hdh-identity",
  "-w /etc/sudoers.d/ -p wa -k hdh-identity",
  "-w /var/log/audit/ -p wa -k hdh-audit-log",
  "# rules are immutable until reboot",
  "-e 2",
  "",
].join("\n");

export function renderBastionCloudInit(input: BastionCloudInitInput): string {
  const principal = input.adminPrincipal ?? "hdh-admin";
  const principalsDir = "/etc/ssh/auth_principals";
  const mirror = input.aptMirror.replace(/\/+$/, "");
  const security = mirror.endsWith("/debian")
    ? `${mirror.slice(0, -"/debian".length)}/debian-security`
    : `${mirror}-security`;
  const config = {
    hostname: input.hostname,
    ssh_pwauth: false,
    disable_root: true,
    ssh_deletekeys: true,
    ssh_genkeytypes: ["ed25519"],
    users: [
      {
        name: jumpUser,
        gecos: "Jump account (SSH certificate only, no sudo)",
        shell: "/bin/bash",
        lock_passwd: true,
      },
    ],
    apt: {
      primary: [{ arches: ["default"], uri: mirror }],
      security: [{ arches: ["default"], uri: security }],
    },
    package_update: true,
    package_upgrade: true,
    packages: ["unattended-upgrades", "apt-listchanges", "auditd", "audispd-plugins"],
    write_files: [
      {
        path: "/etc/ssh/trusted_user_ca_keys.pub",
        permissions: "0644",
        content: `${input.sshCaPublicKey}\n`,
      },
      {
        path: `${principalsDir}/${jumpUser}`,
        permissions: "0644",
        content: `${principal}\n`,
      },
      {
        path: "/etc/ssh/sshd_config.d/10-hdh-bastion.conf",
        permissions: "0600",
        content: sshdHardening(principalsDir),
      },
      {
        path: "/etc/audit/rules.d/50-hdh-session.rules",
        permissions: "0640",
        content: auditRules,
      },
      {
        path: "/etc/apt/apt.conf.d/20auto-upgrades",
        permissions: "0644",
        content: [
          'APT::Periodic::Update-Package-Lists "1";',
          'APT::Periodic::Unattended-Upgrade "1";',
          "",
        ].join("\n"),
      },
      {
        path: "/etc/apt/apt.conf.d/52hdh-unattended-upgrades",
        permissions: "0644",
        content: [
          "Unattended-Upgrade::Origins-Pattern {",
          '  "origin=Debian,codename=${distro_codename}-security,label=Debian-Security";',
          "};",
          'Unattended-Upgrade::Automatic-Reboot "true";',
          `Unattended-Upgrade::Automatic-Reboot-Time "${input.rebootTime}";`,
          'Unattended-Upgrade::Remove-Unused-Kernel-Packages "true";',
          "",
        ].join("\n"),
      },
    ],
    runcmd: [
      // Record each session's keystrokes (TTY input) in the audit log, passwords excluded.
      "grep -q pam_tty_audit /etc/pam.d/sshd || echo 'session required pam_tty_audit.so enable=*' >> /etc/pam.d/sshd",
      "passwd --lock root",
      "augenrules --load",
      "systemctl enable --now auditd",
      "systemctl enable --now unattended-upgrades",
      "sshd -t && systemctl restart ssh",
    ],
  };
  return `#cloud-config\n${stringify(config, { lineWidth: 0 })}`;
}
