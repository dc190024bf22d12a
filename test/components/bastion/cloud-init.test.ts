import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { jumpUser, renderBastionCloudInit } from "../../../components/bastion/cloud-init";
import { rebootTime } from "../../../components/bastion/bastion";

const input = {
  hostname: "hdh-dev-bastion-1",
  sshCaPublicKey:
    "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIHdhSovereignDevCertificateAuthorityKey0 hdh-dev-ssh-ca",
  aptMirror: "https://ftp.fr.debian.org/debian",
  rebootTime: "03:30",
};

interface CloudConfig {
  ssh_pwauth: boolean;
  disable_root: boolean;
  users: { name: string; sudo?: unknown; lock_passwd: boolean }[];
  packages: string[];
  apt: { security: { uri: string }[] };
  write_files: { path: string; content: string }[];
  runcmd: string[];
}

const text = renderBastionCloudInit(input);
const config = parse(text) as CloudConfig;
const file = (path: string) => config.write_files.find((f) => f.path === path)?.content ?? "";
const sshd = file("/etc/ssh/sshd_config.d/10-hdh-bastion.conf");

describe("bastion cloud-init", () => {
  it("renders exactly the reviewed text", () => {
    expect(text).toMatchSnapshot();
  });

  it("is a #cloud-config document", () => {
    expect(text.startsWith("#cloud-config\n")).toBe(true);
  });

  it("accepts SSH certificates from the administrators' CA only: no keys file, no password, no root", () => {
    expect(file("/etc/ssh/trusted_user_ca_keys.pub").trim()).toBe(input.sshCaPublicKey);
    expect(sshd).toMatch(/^TrustedUserCAKeys \/etc\/ssh\/trusted_user_ca_keys\.pub$/m);
    expect(sshd).toMatch(/^AuthorizedKeysFile none$/m);
    expect(sshd).toMatch(/^PasswordAuthentication no$/m);
    expect(sshd).toMatch(/^KbdInteractiveAuthentication no$/m);
    expect(sshd).toMatch(/^PermitRootLogin no$/m);
    expect(sshd).toMatch(/^AuthenticationMethods publickey$/m);
    expect(config.ssh_pwauth).toBe(false);
    expect(config.disable_root).toBe(true);
  });

  it("has one jump account, locked password, no sudo, the only SSH user", () => {
    expect(config.users.map((u) => u.name)).toEqual([jumpUser]);
    expect(config.users[0].lock_passwd).toBe(true);
    expect(config.users[0].sudo).toBeUndefined();
    expect(sshd).toMatch(new RegExp(`^AllowUsers ${jumpUser}$`, "m"));
  });

  it("audits sessions: every command, TTY input and certificate ids", () => {
    expect(config.packages).toContain("auditd");
    expect(file("/etc/audit/rules.d/50-hdh-session.rules")).toMatch(/-S execve/);
    expect(config.runcmd.some((c) => c.includes("pam_tty_audit.so"))).toBe(true);
    expect(sshd).toMatch(/^LogLevel VERBOSE$/m);
  });

  it("installs security updates automatically from the configured mirror", () => {
    expect(config.packages).toContain("unattended-upgrades");
    expect(file("/etc/apt/apt.conf.d/20auto-upgrades")).toMatch(/Unattended-Upgrade "1"/);
    expect(config.apt.security[0].uri).toBe("https://ftp.fr.debian.org/debian-security");
    expect(file("/etc/apt/apt.conf.d/52hdh-unattended-upgrades")).toMatch(
      /Automatic-Reboot-Time "03:30"/,
    );
  });

  it("a CA key comment cannot inject extra cloud-init keys", () => {
    const hostile = renderBastionCloudInit({
      ...input,
      sshCaPublicKey: 'ssh-ed25519 AAAA x"\nruncmd: [curl evil]',
    });
    const parsed = parse(hostile) as CloudConfig;
    expect(parsed.runcmd).toEqual(config.runcmd);
  });

  it("two bastions never reboot at the same time", () => {
    expect(new Set([0, 1, 2, 3].map(rebootTime)).size).toBe(4);
  });
});
