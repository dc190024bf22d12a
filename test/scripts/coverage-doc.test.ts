import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { anchors } from "../../scripts/coverage-anchors";
import { coverageDoc, coveragePath, unknownPolicies } from "../../scripts/coverage-doc";

describe("docs/coverage.md", () => {
  it("matches a fresh generation from the mapping (run `npm run docs`)", async () => {
    expect(readFileSync(coveragePath, "utf8")).toBe(await coverageDoc());
  });

  it("names only policies the pack has", () => {
    expect(unknownPolicies()).toEqual([]);
    const renamed = [
      {
        ...anchors[0],
        checks: [
          {
            id: "X",
            title: "x",
            coverage: { status: "covered" as const, policies: ["no-such-policy"] },
          },
        ],
      },
    ];
    expect(unknownPolicies(renamed)).toEqual(["no-such-policy"]);
  });

  it("lists each check once, with a reason wherever it is not covered by a policy", () => {
    for (const a of anchors) {
      const ids = a.checks.map((c) => c.id);
      expect(new Set(ids).size).toBe(ids.length);
      for (const c of a.checks) {
        if (c.coverage.status === "covered") expect(c.coverage.policies.length).toBeGreaterThan(0);
        else expect(c.coverage.reason.length).toBeGreaterThan(20);
      }
    }
    // Every Checkov Kubernetes/OpenStack check and every CIS 1.9 section 5 recommendation read.
    expect(anchors.map((a) => a.checks.length)).toEqual([124, 35]);
  });
});
