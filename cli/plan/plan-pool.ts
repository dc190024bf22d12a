/**
 * Plans a hub's workspace stacks across the machine's cores: a pool of child processes
 * (cli/plan/plan-worker.ts), each loading Pulumi and the program once and planning one stack at
 * a time, fed from one queue so a slow stack does not hold the others. Fewer than 200 stacks, or
 * one core: planned in this process, one after the other (the workers' start-up would cost more).
 */
import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { fork, type ChildProcess } from "node:child_process";
import type { PlannedResource } from "../../offline/mock-run";
import { ConfigError } from "../../stacks/config-error";
import type { WorkspaceStack } from "../../stacks/config";
import type { FromWorker, PoolShared, WorkerError } from "./plan-worker";

export interface PlannedStack {
  stack: string;
  planned: PlannedResource[];
  outputs: Record<string, unknown>;
  durationMs: number;
}

export interface PoolOptions {
  /** Worker processes. @default the available parallelism, at most one per stack */
  workers?: number;
  /**
   * Fewer stacks than this are planned in this process. Measured on 2 cores
   * (bench/children/hub-plan.js n 1 against n 2, alternated, load 3.5-4.6): in-process was faster
   * at 10 (2.4-2.6 s against 6.4-7.5 s), 30 (3.3-4.7 s against 6.7-8.0 s) and 100 workspace
   * stacks (6.0-6.9 s against 7.0-9.1 s; each worker first spends about 1.3 s of CPU loading
   * Pulumi and the program), level at 300 (10.7-11.5 s against 10.3-11.3 s), where the single
   * process already peaked at 694-797 MB against the pool's 490-494 MB. @default 200
   */
  minStacksForWorkers?: number;
  /** Called after each stack with its resource count. */
  onStack?: (resources: number) => void;
  /** Called as each worker process ends, with its peak resident memory in KiB. */
  onWorkerPeak?: (maxRssKb: number) => void;
  /**
   * The worker's script, for tests of the pool itself (a worker that misbehaves).
   * @default cli/plan/plan-worker beside this file
   */
  workerScript?: string;
}

/** How many worker processes plan `stacks` workspace stacks: 0 means in this process. */
export function poolSize(stacks: number, options: PoolOptions = {}): number {
  const workers = Math.min(options.workers ?? availableParallelism(), stacks);
  return workers <= 1 || stacks < (options.minStacksForWorkers ?? 200) ? 0 : workers;
}

export async function planWorkspaceStacks(
  shared: PoolShared,
  stacks: readonly WorkspaceStack[],
  options: PoolOptions = {},
): Promise<PlannedStack[]> {
  const workers = poolSize(stacks.length, options);
  if (workers === 0) {
    // Loaded here only: with a pool, this process never plans, and loading Pulumi and the
    // program (about a second of CPU) would only delay starting the workers.
    const { planWorkspaceStack } = await import("./plan-worker");
    const results: PlannedStack[] = [];
    for (const stack of stacks) {
      const result = await planWorkspaceStack(shared, stack);
      options.onStack?.(result.planned.length);
      results.push({ stack: stack.stack, ...result });
    }
    return results;
  }
  return (await inWorkers(shared, stacks, workers, options)).workspaces;
}

/** The platform stack a hub's workspace stacks read: planned first, its outputs served to them. */
export interface PlatformJob {
  readonly stack: string;
  /** The StackReferences its outputs serve, by reference name. */
  readonly referencesFor: (outputs: Record<string, unknown>) => PoolShared["references"];
}

/**
 * A whole hub in the pool (as many workspace stacks as make the pool worth it): the platform
 * stack in a process of its own, which ends once it has sent its plan, while the pool's workers
 * load Pulumi and the program; then the platform's references sent to every worker and the
 * workspace stacks fed from the queue. The main process never registers a
 * resource: it holds the plans it is sent, not the SDK's in-flight registrations (bench/results.md).
 */
export async function planHubInWorkers(
  shared: Omit<PoolShared, "references">,
  platform: PlatformJob,
  stacks: readonly WorkspaceStack[],
  options: PoolOptions = {},
): Promise<{ platform: PlannedStack; workspaces: PlannedStack[] }> {
  const workers = Math.max(poolSize(stacks.length, options), 1);
  const run = await inWorkers({ ...shared, references: {} }, stacks, workers, options, platform);
  return { platform: run.platform!, workspaces: run.workspaces };
}

/**
 * V8 flags of the process that plans the platform stack: a young generation of up to 64 MiB
 * semi-spaces (V8's default is 16 MiB on 64-bit). That process registers thousands of resources at
 * once, whose intermediate values outlive small young generations, get promoted and die in the
 * old one (bench/hub-findings.md). Measured with bench/children/platform-plan.js 1000, five
 * alternated pairs at load 8-13: 6.3-6.7 s of CPU against 6.6-7.2 s (each pair lower), peak RSS
 * 772-775 MiB against 788-795 MiB. Not for the workspace workers: no gain measured there.
 */
const platformHeapFlags = ["--max-semi-space-size=64"];

/** The worker's entry: compiled JavaScript beside this file, or TypeScript through tsx. */
function workerEntry(): { file: string; execArgv: string[] } {
  const compiled = join(__dirname, "plan-worker.js");
  if (existsSync(compiled)) return { file: compiled, execArgv: [] };
  return { file: join(__dirname, "plan-worker.ts"), execArgv: ["--import", "tsx"] };
}

function inWorkers(
  shared: PoolShared,
  stacks: readonly WorkspaceStack[],
  count: number,
  options: PoolOptions,
  platform?: PlatformJob,
): Promise<{ platform?: PlannedStack; workspaces: PlannedStack[] }> {
  const entry = options.workerScript ? { file: options.workerScript, execArgv: [] } : workerEntry();
  const byName = new Map<string, PlannedStack>();
  let platformPlan: PlannedStack | undefined;
  let referencesSent = false;
  let next = 0;
  return new Promise((resolve, reject) => {
    const pool: ChildProcess[] = [];
    let failed = false;
    let finished = 0;
    const said = new Set<ChildProcess>();
    const stop = () => pool.forEach((w) => w.connected && w.kill());
    const fail = (error: unknown) => {
      if (failed) return;
      failed = true;
      stop();
      reject(error);
    };
    // Each worker is told to end once, after the last stack it was given (it plans in order).
    const ended = new Set<ChildProcess>();
    const feed = (worker: ChildProcess) => {
      if (next < stacks.length) worker.send({ kind: "plan", stack: stacks[next++] });
      else if (!ended.has(worker)) {
        ended.add(worker);
        worker.send({ kind: "exit" });
      }
    };
    // Two stacks per worker at first, then one for each it sends back: the next one is always
    // queued in the worker, which need not wait for this process (busy receiving the others'
    // plans, or descheduled on a loaded machine) between two stacks.
    const start = (worker: ChildProcess) => {
      feed(worker);
      feed(worker);
    };
    const workspaceWorkers: ChildProcess[] = [];
    // The platform's outputs are what every workspace stack reads: only then can they start. They
    // come as soon as they resolve, while the platform's last registrations complete.
    const serveReferences = (outputs: Record<string, unknown>) => {
      if (referencesSent) return;
      referencesSent = true;
      let references: PoolShared["references"];
      try {
        references = platform!.referencesFor(outputs);
      } catch (error) {
        fail(error);
        return;
      }
      for (const each of workspaceWorkers) each.send({ kind: "references", references });
      workspaceWorkers.forEach(start);
    };
    const planOf = (message: Extract<FromWorker, { kind: "planned" }>): PlannedStack => ({
      stack: message.stack,
      planned: message.planned as PlannedResource[],
      outputs: message.outputs,
      durationMs: message.durationMs,
    });
    // With a platform to plan, one more process plans it alone while the others load Pulumi and
    // the program, then wait for its outputs.
    for (let i = 0; i < count + (platform ? 1 : 0); i++) {
      const plansPlatform = platform !== undefined && i === 0;
      const worker = fork(entry.file, [], {
        execArgv: plansPlatform ? [...entry.execArgv, ...platformHeapFlags] : entry.execArgv,
        env: { ...process.env, HDH_PLAN_WORKER: "1" },
        // Structured clone, not JSON: plans carry undefined and nested values as they are.
        serialization: "advanced",
        stdio: ["ignore", "inherit", "inherit", "ipc"],
      });
      pool.push(worker);
      worker.on("message", (message: FromWorker) => {
        if (failed) return;
        if (message.kind === "done") {
          said.add(worker);
          options.onWorkerPeak?.(message.maxRssKb);
          // Every worker ends only once it is told to: after the platform's plan (its own), or
          // once the queue is empty (the others); so all plans are in when all have ended.
          if (++finished === pool.length) {
            resolve({
              platform: platformPlan,
              workspaces: stacks.map((s) => byName.get(s.stack)!),
            });
          }
          return;
        }
        if (message.kind === "failed") {
          fail(rebuilt(message.stack, message.error));
          return;
        }
        if (plansPlatform) {
          if (message.kind === "outputs") {
            serveReferences(message.outputs);
            return;
          }
          platformPlan = planOf(message);
          options.onStack?.(message.planned.length);
          serveReferences(platformPlan.outputs);
          // Its process ends now: its heap, grown by the platform's registrations, is given back.
          worker.send({ kind: "exit" });
          return;
        }
        if (message.kind !== "planned") return;
        byName.set(message.stack, planOf(message));
        options.onStack?.(message.planned.length);
        feed(worker);
      });
      worker.on("error", fail);
      worker.on("exit", (code) => {
        if (code !== 0) fail(new Error(`a plan worker exited with code ${code}`));
      });
      // A worker that ends without its last word (something in the program called
      // process.exit(0)) would leave its stacks unplanned and this promise waiting for ever.
      // 'close' comes once its IPC channel is closed too, so every message it sent is in.
      worker.on("close", () => {
        if (!said.has(worker)) {
          fail(new Error("a plan worker ended before it had planned every stack it was sent"));
        }
      });
      worker.send({ kind: "shared", shared });
      if (plansPlatform) {
        worker.send({ kind: "platform", stack: platform.stack });
        continue;
      }
      workspaceWorkers.push(worker);
      if (!platform) start(worker);
    }
  });
}

/**
 * A worker's error, as the CLI maps errors to exit codes: a refused config stays a ConfigError, a
 * component's refused inputs keep the InputPropertiesError marker (cli/config-errors.ts).
 */
export function rebuilt(stack: string, error: WorkerError): Error {
  // An UnknownStackError is a ConfigError too (a stack file gone while the hub was planned).
  if (/^(Config|UnknownStack)Error$/.test(error.name) && Array.isArray(error.problems)) {
    return new ConfigError(stack, error.problems as ConfigError["problems"]);
  }
  const rebuiltError = new Error(`planning stack ${stack}: ${error.message}`);
  rebuiltError.name = error.name;
  if (error.inputProperties) {
    Object.assign(rebuiltError, { __pulumiInputPropertiesError: true });
  }
  return rebuiltError;
}
