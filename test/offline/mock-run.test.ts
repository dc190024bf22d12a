/**
 * runUnderMocks hands a program's outputs over as soon as they resolve (what lets the hub's pool
 * start the workspace stacks on the platform's contract while the platform's last registrations
 * complete, cli/plan/plan-pool.ts), and still returns only once every registration is done.
 */
import { describe, expect, it } from "vitest";
import { runUnderMocks } from "../../offline/mock-run";
import { contractOutputs } from "../../components/platform/platform-contract";
import { platformProgram } from "../../stacks/program";
import { parseStack, project } from "../components/plan-helpers";

describe("runUnderMocks onOutputs", () => {
  it("has the platform's outputs, the very ones of the result, before its last registration", async () => {
    const calls: { outputs: Record<string, unknown>; registeredBefore: number }[] = [];
    let registered = 0;
    const run = await runUnderMocks(() => platformProgram(parseStack("dev")), {
      project,
      stack: "dev",
      onResource: (count) => (registered = count),
      onOutputs: (outputs) => calls.push({ outputs, registeredBefore: registered }),
    });
    expect(calls).toHaveLength(1);
    expect(calls[0].outputs).toEqual(run.outputs);
    expect(Object.keys(calls[0].outputs)).toEqual(
      expect.arrayContaining([contractOutputs.contract, contractOutputs.kubeconfig]),
    );
    expect(calls[0].registeredBefore).toBeLessThan(run.resources.length);
  });

  it("is not called for a program that fails, whose run still fails", async () => {
    const calls: unknown[] = [];
    const run = runUnderMocks(
      () => {
        throw new Error("refused");
      },
      { project, stack: "dev", onOutputs: (outputs) => calls.push(outputs) },
    );
    await expect(run).rejects.toThrow("refused");
    expect(calls).toEqual([]);
  });

  it("fails with the callback's own error when the callback throws, once every registration is done", async () => {
    let registered = 0;
    const run = runUnderMocks(() => platformProgram(parseStack("dev")), {
      project,
      stack: "dev",
      onResource: (count) => (registered = count),
      onOutputs: () => {
        throw new Error("the pool could not use these outputs");
      },
    });
    await expect(run).rejects.toThrow("the pool could not use these outputs");
    const complete = await runUnderMocks(() => platformProgram(parseStack("dev")), {
      project,
      stack: "dev",
    });
    expect(registered).toBe(complete.resources.length);
  });
});
