import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { readmePath, readmeWithDiagram } from "../../scripts/readme-diagram";

describe("README.md", () => {
  it("embeds the dev stack's current diagram (run `npm run docs` after changing the platform)", async () => {
    const readme = readFileSync(readmePath, "utf8");
    expect(readme).toBe(await readmeWithDiagram(readme));
    expect(readme).toContain('internet(["Internet"])');
  });
});
