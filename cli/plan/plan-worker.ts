/**
 * One worker of the plan pool (cli/plan/plan-pool.ts): a child process that loads the program and
 * Pulumi once, then plans each workspace stack it is sent under mocks that serve the platform
 * plan's outputs to its StackReference, and sends each stack's resources back. Its heap holds one
 * stack's registrations at a time. A process rather than a worker thread: the SDK serialises a
 * dynamic provider's code (components/kms SecretAcl) through the inspector, which worker threads
 * do not have ("Trace events are unavailable").
 */
import { runUnderMocks, type ReferencedStack } from "../../offline/mock-run";
import type { PlatformConfig, WorkspaceStack } from "../../stacks/config";
import { workspaceProgram } from "../../stacks/workspace-program";
import { toEngineUrns } from "./engine-urns";

/** What every job of a pool shares, sent once per worker. */
export interface PoolShared {
  readonly project: string;
  readonly config: PlatformConfig;
  /** Referenced stacks by StackReference name (the platform plan's outputs). */
  readonly references: Readonly<Record<string, ReferencedStack>>;
}

/** Messages from the pool to a worker: what all jobs share, a stack to plan, or the end. */
export type ToWorker =
  | { kind: "shared"; shared: PoolShared }
  | { kind: "plan"; stack: WorkspaceStack }
  | { kind: "exit" };

/** Messages from a worker: a stack planned, a registration counted, or a failure. */
export type FromWorker =
  | {
      kind: "planned";
      stack: string;
      planned: unknown[];
      outputs: Record<string, unknown>;
      durationMs: number;
    }
  | { kind: "failed"; stack: string; error: { name: string; message: string; problems?: unknown } }
  /** The worker's last word: its peak resident memory, KiB (process.resourceUsage). */
  | { kind: "done"; maxRssKb: number };

/** Plans one workspace stack; shared by the pool's workers and the in-process path. */
export async function planWorkspaceStack(shared: PoolShared, stack: WorkspaceStack) {
  const started = performance.now();
  const references = shared.references[stack.platformReference];
  const run = await runUnderMocks(() => workspaceProgram(shared.config, stack), {
    project: shared.project,
    stack: stack.stack,
    preview: true,
    stackReferences: references ? { [stack.platformReference]: references } : {},
  });
  return {
    planned: toEngineUrns(run.resources),
    outputs: run.outputs,
    durationMs: performance.now() - started,
  };
}

if (process.send && process.env.HDH_PLAN_WORKER === "1") {
  const send = (message: FromWorker) => process.send!(message);
  let shared: PoolShared | undefined;
  process.on("message", (message: ToWorker) => {
    if (message.kind === "shared") {
      shared = message.shared;
      return;
    }
    if (message.kind === "exit" || !shared) {
      process.send!(
        { kind: "done", maxRssKb: process.resourceUsage().maxRSS } satisfies FromWorker,
        () => process.disconnect(),
      );
      return;
    }
    planWorkspaceStack(shared, message.stack).then(
      (result) => send({ kind: "planned", stack: message.stack.stack, ...result }),
      (error: unknown) => {
        const e = error instanceof Error ? error : new Error(String(error));
        send({
          kind: "failed",
          stack: message.stack.stack,
          error: {
            name: e.name,
            message: e.message,
            problems: (e as { problems?: unknown }).problems,
          },
        });
      },
    );
  });
}
