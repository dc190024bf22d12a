/**
 * One worker of the plan pool (cli/plan/plan-pool.ts): a child process that loads the program and
 * Pulumi once, then plans each workspace stack it is sent under mocks that serve the platform
 * plan's outputs to its StackReference, and sends each stack's resources back. Its heap holds one
 * stack's registrations at a time. A process rather than a worker thread: the SDK serialises a
 * dynamic provider's code (components/kms SecretAcl) through the inspector, which worker threads
 * do not have ("Trace events are unavailable").
 */
import { runUnderMocks, type MockRunOptions, type ReferencedStack } from "../../offline/mock-run";
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

/**
 * Messages from the pool to a worker: what all jobs share, the platform stack to plan (then the
 * references its outputs make, for every worker), a workspace stack to plan, or the end.
 */
export type ToWorker =
  | { kind: "shared"; shared: PoolShared }
  | { kind: "platform"; stack: string }
  | { kind: "references"; references: PoolShared["references"] }
  | { kind: "plan"; stack: WorkspaceStack }
  | { kind: "exit" };

/**
 * Messages from a worker: the platform's outputs (sent as soon as they resolve, before its last
 * registrations), a stack planned, or a failure.
 */
export type FromWorker =
  | { kind: "outputs"; stack: string; outputs: Record<string, unknown> }
  | {
      kind: "planned";
      stack: string;
      planned: unknown[];
      outputs: Record<string, unknown>;
      durationMs: number;
    }
  | { kind: "failed"; stack: string; error: WorkerError }
  /** The worker's last word: its peak resident memory, KiB (process.resourceUsage). */
  | { kind: "done"; maxRssKb: number };

/**
 * A failure as it crosses the process boundary. `inputProperties` carries @pulumi/pulumi's
 * InputPropertiesError marker: that error keeps Error's name, so without it a component's refusal
 * of its inputs would reach the CLI as an internal error (exit 70) instead of bad input (exit 2).
 */
export interface WorkerError {
  name: string;
  message: string;
  problems?: unknown;
  inputProperties?: boolean;
}

/** An error as a worker sends it (cli/plan/plan-pool.ts `rebuilt` reads it back). */
export function toWorkerError(error: unknown): WorkerError {
  const e = error instanceof Error ? error : new Error(String(error));
  return {
    name: e.name,
    message: e.message,
    problems: (e as { problems?: unknown }).problems,
    inputProperties:
      (e as { __pulumiInputPropertiesError?: unknown }).__pulumiInputPropertiesError === true,
  };
}

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

/**
 * Plans the platform stack; shared by the pool's platform worker and the in-process path. In a
 * worker, its registrations (every workspace it serves) live and die in the worker's heap, and the
 * main process keeps only the plan it is sent. `onOutputs` has the stack's outputs as soon as they
 * resolve, before its last registrations complete; `onResource` counts its registrations.
 */
export async function planPlatformStack(
  shared: Omit<PoolShared, "references">,
  stack: string,
  progress: Pick<MockRunOptions, "onOutputs" | "onResource"> = {},
) {
  const started = performance.now();
  const { platformProgram } = await import("../../stacks/program");
  const run = await runUnderMocks(() => platformProgram(shared.config), {
    project: shared.project,
    stack,
    preview: true,
    ...progress,
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
  // One stack at a time (the SDK's runtime state is global), in the order sent: the pool keeps a
  // next stack queued here, so the worker never waits for the main process between two stacks.
  let queue: Promise<void> = Promise.resolve();
  process.on("message", (message: ToWorker) => {
    if (message.kind === "shared") {
      shared = message.shared;
      return;
    }
    if (message.kind === "references") {
      if (shared) shared = { ...shared, references: message.references };
      return;
    }
    queue = queue.then(() => run(message));
  });
  const run = async (message: Exclude<ToWorker, { kind: "shared" | "references" }>) => {
    if (message.kind === "exit" || !shared) {
      process.send!(
        { kind: "done", maxRssKb: process.resourceUsage().maxRSS } satisfies FromWorker,
        () => process.disconnect(),
      );
      return;
    }
    const stack = message.kind === "platform" ? message.stack : message.stack.stack;
    try {
      const result =
        message.kind === "platform"
          ? await planPlatformStack(shared, message.stack, {
              onOutputs: (outputs) => send({ kind: "outputs", stack, outputs }),
            })
          : await planWorkspaceStack(shared, message.stack);
      send({ kind: "planned", stack, ...result });
    } catch (error) {
      send({ kind: "failed", stack, error: toWorkerError(error) });
    }
  };
}
