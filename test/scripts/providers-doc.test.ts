import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { providersDoc, providersDocPath, unverifiedMark } from "../../scripts/providers-doc";
import { providerCatalogue } from "../../policies/catalog/provider-catalogue";

describe("docs/providers.md", () => {
  it("is exactly what the provider catalogue generates (run `npm run docs` after changing it)", async () => {
    expect(readFileSync(providersDocPath, "utf8")).toBe(await providersDoc());
  });

  it("has a section for every provider and a source link on every fact row", async () => {
    const doc = await providersDoc();
    for (const p of providerCatalogue) expect(doc).toContain(`(\`${p.id}\`)`);
    const factRows = doc
      .split("\n")
      .filter((l) =>
        /^\| (Operator|API|Kubernetes|Key manager|Load balancer|Object storage)\s+\|/.test(l),
      );
    expect(factRows.length).toBe(providerCatalogue.length * 6);
    for (const row of factRows) expect(row).toMatch(/\[source\]\(https?:\/\/|`stacks\//);
  });

  it("marks each unverified fact, and only those", async () => {
    const doc = await providersDoc();
    const unverifiedFacts = providerCatalogue
      .flatMap((p) => [
        p.operator,
        p.apiFamilies,
        ...Object.values(p.services),
        ...p.regions,
        ...p.qualifications,
      ])
      .filter((f) => !f.verified).length;
    const marksInProviderSections =
      doc.split("## Who operates an endpoint")[0]!.split(unverifiedMark).length - 1;
    // One mark in the introduction explains the convention.
    expect(marksInProviderSections - 1).toBe(unverifiedFacts);
  });
});
