import { describe, expect, it } from "vitest";
import { bastionShipperCloudInit } from "../../components/audit/bastion-shipper";

const ca = "-----BEGIN CERTIFICATE-----\nMIIBmock\n-----END CERTIFICATE-----\n";

describe("bastion shipper cloud-init fragment", () => {
  it("forwards sshd and auditd over TLS with a verified peer name and a disk queue", () => {
    const fragment = bastionShipperCloudInit({
      collectorHost: "10.42.16.40",
      collectorTlsName: "audit-ingest.hdh.internal",
      collectorCaPem: ca,
    });
    expect(fragment.packages).toEqual(["rsyslog", "rsyslog-gnutls"]);
    const conf =
      fragment.write_files.find((f) => f.path.startsWith("/etc/rsyslog.d/"))?.content ?? "";
    expect(conf).toMatch(/target="10\.42\.16\.40" port="6514" protocol="tcp"/);
    expect(conf).toMatch(/StreamDriverMode="1" StreamDriverAuthMode="x509\/name"/);
    expect(conf).toMatch(/StreamDriverPermittedPeers="audit-ingest\.hdh\.internal"/);
    expect(conf).toMatch(/queue\.type="LinkedList" queue\.filename="hdh-audit"/);
    expect(conf).toMatch(/File="\/var\/log\/audit\/audit\.log"/);
    expect(fragment.runcmd[0]).toBe("rsyslogd -N1");
  });

  it("refuses a collector without a CA certificate", () => {
    expect(() => bastionShipperCloudInit({ collectorHost: "x", collectorCaPem: "" })).toThrow(
      /collectorCaPem/,
    );
  });
});
