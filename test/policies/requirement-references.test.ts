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
});
