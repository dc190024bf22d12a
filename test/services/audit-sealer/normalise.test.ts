import { describe, expect, it } from "vitest";
import { recordShapeProblems } from "../../../audit/record";
import { normalise } from "../../../services/audit-sealer/normalise";

const at = new Date("2026-05-04T10:00:00Z");
const syslog = (message: string, ident = "sshd") => ({
  host: "bastion-1",
  ident,
  pid: "1",
  message,
  date: 1777888800,
});

describe("normalising shipped records", () => {
  it("names the person of a certificate login from the key ID, and the serial as the credential", () => {
    const { record, unattributed } = normalise(
      "bastion-ssh",
      syslog(
        "Accepted publickey for researcher from 2001:db8::5 port 4000 ssh2: ED25519-CERT SHA256:x ID dave@inserm.example.fr (serial 7) CA ED25519 SHA256:y",
      ),
      at,
    );
    expect(record).toMatchObject({
      action: "ssh.session.start",
      outcome: "success",
      actor: { person: "dave@inserm.example.fr", via: "ssh-cert:7", ip: "2001:db8::5" },
      time: "2026-05-04T10:00:00.000Z",
    });
    expect(unattributed).toBe(false);
  });

  it("seals a command or a refused login with no person, and flags it as unattributed", () => {
    const command = normalise("bastion-ssh", syslog('type=EXECVE argc=1 a0="ls"', "auditd"), at);
    expect(command.record).toMatchObject({ action: "ssh.command", actor: { person: null } });
    expect(command.unattributed).toBe(true);
    const refused = normalise(
      "bastion-ssh",
      syslog("Invalid user admin from 198.51.100.9 port 22"),
      at,
    );
    expect(refused.record).toMatchObject({
      outcome: "denied",
      actor: { person: null, ip: "198.51.100.9" },
    });
  });

  it("takes an airlock line only when marked hdh_audit: 1, and seals anything else as unparsed", () => {
    const line = {
      v: 1,
      id: "a-1",
      time: "2026-05-04T10:00:00Z",
      source: "airlock",
      action: "airlock.request",
      outcome: "success",
      actor: { person: "erin@inserm.example.fr" },
      workspace: "w",
      target: { type: "airlock-request", name: "w/1" },
    };
    const marked = normalise("airlock", { log: JSON.stringify({ hdh_audit: 1, ...line }) }, at);
    expect(marked).toMatchObject({ record: line, unparsed: false });
    const unmarked = normalise("airlock", { log: JSON.stringify(line) }, at);
    expect(unmarked).toMatchObject({
      unparsed: true,
      record: { action: "airlock.unparsed", outcome: "failure" },
    });
    expect(recordShapeProblems(unmarked.record)).toEqual([]);
  });

  it("gives every unparsed record a well-formed shape and a stable id from its content", () => {
    const raw = { anything: ["at", "all"] };
    const a = normalise("key-manager", raw, at);
    const b = normalise("key-manager", raw, new Date("2026-05-05T00:00:00Z"));
    expect(recordShapeProblems(a.record)).toEqual([]);
    expect(a.record.id).toBe(b.record.id);
    expect(a.record.detail).toMatchObject({ raw });
  });
});
