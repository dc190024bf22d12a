import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { allPolicies } from "../../policies/all";
import { complianceMatrixDoc, complianceMatrixPath } from "../../scripts/compliance-matrix-doc";

describe("docs/compliance-matrix.md", () => {
  it("matches a fresh generation from the policies' metadata (run `npm run docs`)", async () => {
    expect(readFileSync(complianceMatrixPath, "utf8")).toBe(await complianceMatrixDoc());
  });

  it("lists every policy with at least one requirement and a remediation", () => {
    const text = readFileSync(complianceMatrixPath, "utf8");
    for (const p of allPolicies) {
      expect(text).toContain(`\`${p.name}\``);
      expect(p.meta.requirements.length).toBeGreaterThan(0);
      expect(p.meta.remediation.length).toBeGreaterThan(20);
      expect(p.name).toMatch(/^[a-z0-9]+(-[a-z0-9]+){3,}$/);
    }
  });
});
