/**
 * The requirement references the pack cites, pinned where a public source corrected them
 * (issue 17): SecNumCloud 3.2 data location is §19.2; no CIS Kubernetes 5.7.x recommendation is
 * about resource limits; HDS 2.0 asks for hosting in the EEA and transparency about transfers,
 * not their prevention; the ANSSI cryptography guide's minima are below the pack's.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { allPolicies } from "../../policies/all";
import { req } from "../../policies/requirements";

const cited = allPolicies.flatMap((p) =>
  p.meta.requirements.map((r) => ({ policy: p.name, ...r })),
);
const matrix = readFileSync(join(__dirname, "../../docs/compliance-matrix.md"), "utf8");

describe("requirement references", () => {
  it("SecNumCloud data location is 19.2, with its source, in the pack and the matrix", () => {
    expect(req.sncDataLocation).toMatchObject({ framework: "secnumcloud", reference: "19.2" });
    expect(req.sncDataLocation.source).toMatch(/secnumcloud-3\.2/);
    expect(cited.filter((r) => r.framework === "secnumcloud" && r.reference === "19.1")).toEqual(
      [],
    );
    expect(matrix).toContain("SecNumCloud 19.2 (");
    expect(matrix).not.toContain("SecNumCloud 19.1 (");
  });

  it("no policy cites a CIS 5.7 recommendation for resource limits", () => {
    const cis57 = cited.filter(
      (r) => r.framework === "cisKubernetes" && r.reference.startsWith("5.7"),
    );
    // 5.7.1 namespaces, 5.7.2 seccomp, 5.7.3 security contexts, 5.7.4 default namespace.
    expect(cis57.every((r) => ["5.7.1", "5.7.2", "5.7.3", "5.7.4"].includes(r.reference))).toBe(
      true,
    );
    const limits = allPolicies.find((p) => p.name === "kubernetes-core-pod-resource-limits")!;
    expect(limits.meta.requirements.map((r) => `${r.framework} ${r.reference}`)).not.toContainEqual(
      expect.stringMatching(/^cisKubernetes 5\.7/),
    );
    expect(matrix).not.toMatch(/5\.7\.x/);
  });

  it("HDS asks for hosting in the EEA and transparency about transfers, not prevention", () => {
    expect(req.hdsLocation.title).toMatch(/EEA/);
    expect(req.hdsExtraEu.title).toMatch(/^Transparency/);
    for (const r of cited.filter((c) => c.framework === "hds")) {
      expect(r.title, r.policy).not.toMatch(/prevent/i);
      expect(r.source, r.policy).toBeDefined();
    }
  });

  it("the ANSSI guide is cited for its own minima, below the pack's AES-256 and RSA-3072", () => {
    expect(req.anssiCrypto.reference).toBe("Guide des mécanismes cryptographiques v2.04");
    expect(req.anssiCrypto.title).toMatch(/128 bits/);
    expect(req.anssiCrypto.title).toMatch(/2048 bits to 2030/);
    expect(req.anssiCrypto.title).not.toMatch(/AES-256/);
  });
  it("every SecNumCloud section cited has its source and the title CISO Assistant's transcription gives it", () => {
    // Section titles as read in secnumcloud-3.2.yaml (CISO Assistant), translated.
    const titles: Record<string, RegExp> = {
      "8.1": /^Asset inventory/,
      "9.6": /^Access to administration interfaces/,
      "10.1": /^Encryption of stored data/,
      "10.2": /^Encryption of data flows/,
      "10.5": /^Secrets management/,
      "12.5": /^Backup of information/,
      "13.2": /^Network segregation/,
      "17.4": /^Availability/,
      "19.2": /^Data location/,
      "19.6": /^Protection from extra-EU law/,
    };
    const snc = cited.filter((r) => r.framework === "secnumcloud");
    expect(snc.length).toBeGreaterThan(10);
    for (const r of snc) {
      expect(r.source, `${r.policy} SecNumCloud ${r.reference}`).toMatch(/secnumcloud-3\.2\.yaml$/);
      expect(titles[r.reference], `${r.policy} cites SecNumCloud ${r.reference}`).toBeDefined();
      expect(r.title, `${r.policy} SecNumCloud ${r.reference}`).toMatch(titles[r.reference]);
    }
    // 9.7 is restriction of access to information and 12.10 software installation on systems in
    // operation: neither is administration access nor workload hardening.
    expect(matrix).not.toContain("SecNumCloud 9.7 (");
    expect(matrix).not.toContain("SecNumCloud 12.10 (");
  });

  it("the cluster-console, probe and high-UID rules cite sections read in their sources", () => {
    const snc =
      "https://github.com/intuitem/ciso-assistant-community/blob/main/backend/library/libraries/secnumcloud-3.2.yaml";
    const iso =
      "https://github.com/intuitem/ciso-assistant-community/blob/main/backend/library/libraries/iso27001-2022.yaml";
    // SecNumCloud 3.2 §9.6 "Accès aux interfaces d'administration", §17.4 "Disponibilité des
    // moyens de traitement de l'information"; ISO 27001:2022 A.8.2 and A.8.16.
    expect(req.sncAdminInterfaces).toMatchObject({ reference: "9.6", source: snc });
    expect(req.sncAvailability).toMatchObject({ reference: "17.4", source: snc });
    expect(req.isoPrivilegedAccess).toMatchObject({ reference: "A.8.2", source: iso });
    expect(req.isoMonitoring).toMatchObject({
      reference: "A.8.16",
      title: "Monitoring activities",
      source: iso,
    });
    const refs = (name: string) =>
      allPolicies
        .find((p) => p.name === name)!
        .meta.requirements.map((r) => `${r.framework} ${r.reference}`);
    for (const name of [
      "kubernetes-core-pod-no-dashboard-or-tiller",
      "kubernetes-core-service-no-tiller",
    ])
      expect(refs(name)).toEqual(expect.arrayContaining(["secnumcloud 9.6", "iso27001 A.8.2"]));
    expect(refs("kubernetes-core-pod-health-probes")).toEqual([
      "secnumcloud 17.4",
      "iso27001 A.8.16",
    ]);
    expect(matrix).toContain("SecNumCloud 9.6 (");
    expect(matrix).toContain("SecNumCloud 17.4 (");
  });
});
