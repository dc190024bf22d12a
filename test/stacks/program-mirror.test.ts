/**
 * The package mirror is deployed only for tiers that use it; a platform of tier-4 workspaces
 * (no mirror access) plans without one.
 */
import { describe, expect, it } from "vitest";
import { runUnderMocks } from "../../offline/mock-run";
import { parsePlatformConfig } from "../../stacks/config";
import { platformProgram } from "../../stacks/program";
import { readStackFile } from "../../stacks/stack-file";

const today = new Date("2026-11-23T12:00:00Z");

describe("package mirror deployment", () => {
  it("tier-4-only platforms plan with no mirror", async () => {
    const raw = structuredClone(readStackFile("dev").hdh) as { workspaces: { tier: number }[] };
    for (const w of raw.workspaces) w.tier = 4;
    const config = parsePlatformConfig(raw, { stack: "dev", today });
    const run = await runUnderMocks(() => platformProgram(config), {
      project: "hdh",
      stack: "dev",
    });
    expect(run.resources.filter((r) => r.type === "hdh:mirror:PackageMirror")).toEqual([]);
    expect(run.resources.filter((r) => r.type === "hdh:workspace:Workspace")).toHaveLength(2);
  });

  it("the dev stack, with tier 2 and 3 workspaces, gets its mirror", async () => {
    const config = parsePlatformConfig(readStackFile("dev").hdh, { stack: "dev", today });
    const run = await runUnderMocks(() => platformProgram(config), {
      project: "hdh",
      stack: "dev",
    });
    expect(run.resources.filter((r) => r.type === "hdh:mirror:PackageMirror")).toHaveLength(1);
  });
});
