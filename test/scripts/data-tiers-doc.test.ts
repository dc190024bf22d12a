import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { dataTiersDoc, dataTiersDocPath } from "../../scripts/data-tiers-doc";
import { dataTiers, tierControls } from "../../policies/catalog/data-tiers";

describe("docs/data-tiers.md", () => {
  it("is exactly what the tier table generates (run `npm run docs` after changing the table)", async () => {
    expect(readFileSync(dataTiersDocPath, "utf8")).toBe(await dataTiersDoc());
  });

  it("shows every tier's reviewers and mirror access", async () => {
    const doc = await dataTiersDoc();
    for (const tier of dataTiers) {
      const row = doc.split("\n").find((l) => l.startsWith(`| ${tier} `))!;
      const cells = row.split("|").map((c) => c.trim());
      expect(cells).toContain(tierControls[tier].mirror);
      expect(cells[5]).toBe(String(tierControls[tier].exportReviewers));
    }
  });
});
