/**
 * The plan pool against workers that behave and one that does not. The workers here are small
 * scripts, not the real plan worker: the case under test, a worker that ends with exit code 0
 * before it has sent its plans, cannot be produced by the real worker on demand (only by a
 * program that calls process.exit(0)), and the pool's bookkeeping is what is being checked.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { planWorkspaceStacks } from "../../cli/plan/plan-pool";
import type { PoolShared } from "../../cli/plan/plan-worker";
import type { WorkspaceStack } from "../../stacks/config";

const scriptDir = mkdtempSync(join(tmpdir(), "hdh-pool-"));
const workerScript = (name: string, body: string) => {
  const file = join(scriptDir, `${name}.js`);
  writeFileSync(file, body);
  return file;
};

/** Answers each stack with an empty plan and its last word on "exit", as plan-worker.ts does. */
const wellBehaved = workerScript(
  "well-behaved",
  `process.on("message", (m) => {
     if (m.kind === "plan") process.send({ kind: "planned", stack: m.stack.stack, planned: [], outputs: {}, durationMs: 1 });
     if (m.kind === "exit") process.send({ kind: "done", maxRssKb: 1 }, () => process.disconnect());
   });`,
);
/** Ends with exit code 0 on its first stack, without a word. */
const silentExit = workerScript(
  "silent-exit",
  `process.on("message", (m) => { if (m.kind === "plan") process.exit(0); });`,
);

const shared = { project: "p", config: {}, references: {} } as unknown as PoolShared;
const stacks = ["dev.a", "dev.b", "dev.c"].map((stack) => ({
  stack,
})) as unknown as WorkspaceStack[];
const options = { workers: 2, minStacksForWorkers: 0 };

describe("the plan pool's workers", () => {
  it("resolves with every stack's plan, in order, when each worker says its last word", async () => {
    const planned = await planWorkspaceStacks(shared, stacks, {
      ...options,
      workerScript: wellBehaved,
    });
    expect(planned.map((p) => p.stack)).toEqual(["dev.a", "dev.b", "dev.c"]);
  });

  it("fails, instead of waiting for ever, when a worker exits 0 before planning its stacks", async () => {
    await expect(
      planWorkspaceStacks(shared, stacks, { ...options, workerScript: silentExit }),
    ).rejects.toThrow(/ended before it had planned every stack/);
  }, 20_000);
});
