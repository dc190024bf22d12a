/**
 * The offline plan of a hub: the platform stack's configuration with its workspace stacks', read
 * and validated exactly as `pulumi up` would (stacks/stack-file.ts then parseStackFile); the
 * platform's program run under Pulumi's mocks (offline/mock-run.ts), then each workspace stack's
 * program under mocks that serve the platform plan's outputs to its StackReference; every
 * registration captured with engine-correct URNs (docs/hub-stacks.md).
 */
import { join } from "node:path";
import type { PlannedResource, ReferencedStack } from "../../offline/mock-run";
import type { Placeholder } from "../../stacks/placeholders";
import type { NormalizedResource } from "../../offline/resource-model";
import type { PlatformConfig } from "../../stacks/config";
import type { StackFile } from "../../stacks/stack-file";
import { normalizePlan } from "../normalize/from-plan";
import { signatureKey, signatures } from "../normalize/property-values";
import type { ProjectFile } from "../settings/project-files";
import { UserError } from "../user-error";
import type { SecretDigester } from "../secret-digest";
import type { PlannedStack } from "./plan-pool";

export interface PlanRequest {
  project: ProjectFile;
  /** A platform stack (dev), or a workspace stack (dev.cardio-2026) to plan only that one. */
  stack: string;
  /** Plan only this workspace's stack (with the platform's outputs it reads). @default every stack */
  workspace?: string;
  /** Replicate the first workspace this many times, each in its own stack (scale tests). */
  workspaces?: number;
  onResource?: (count: number) => void;
  today?: Date;
  /** Digests each secret for `--baseline` (cli/secret-digest.ts). */
  secretDigester?: SecretDigester;
  /** Worker threads planning the workspace stacks. @default the available parallelism */
  workers?: number;
}

/** One stack's plan. */
export interface StackPlan {
  stack: string;
  kind: "platform" | "workspace";
  planned: PlannedResource[];
  /** The stack's outputs, resolved. */
  outputs: Record<string, unknown>;
  /** Wall time of the stack's plan, ms. */
  durationMs: number;
}

export interface PlanRun {
  config: PlatformConfig;
  /** Placeholders left in the platform's stack file, by config key (stacks/placeholders.ts). */
  placeholders: Placeholder[];
  /** Every stack planned: the platform first, then its workspace stacks. */
  stacks: StackPlan[];
  /** The resources judged: of every stack planned, or of the one workspace stack asked for. */
  planned: PlannedResource[];
  resources: NormalizedResource[];
  /** Peak resident memory of each worker process (the platform's own one too, when the hub used the pool), KiB (none: in-process). */
  workerPeaksKb: number[];
}

export async function runPlan(request: PlanRequest): Promise<PlanRun> {
  // Loaded here, not at the top: `hdh check` never pays for Pulumi and the providers.
  const { readStackFile } = await import("../../stacks/stack-file");
  const { isWorkspaceStack, platformOf } = await import("../../stacks/stack-names");
  const { parseStackFile } = await import("../../stacks/config");
  const { planWorkspaceStacks, planHubInWorkers, poolSize } = await import("./plan-pool");
  const { findPlaceholders } = await import("../../stacks/placeholders");

  const platformStack = isWorkspaceStack(request.stack) ? platformOf(request.stack) : request.stack;
  const only = isWorkspaceStack(request.stack)
    ? request.stack.slice(platformStack.length + 1)
    : request.workspace;
  const stackFile = readPlatformOf(request.stack, platformStack, () =>
    readStackFile(platformStack, join(request.project.root, request.project.stackConfigDir)),
  );
  const file = request.workspaces
    ? replicateAsWorkspaceStacks(stackFile, request.workspaces)
    : stackFile;
  const config = parseStackFile(file, request.today ?? new Date());
  const chosen = config.workspaceStacks.filter((w) => only === undefined || w.id === only);
  if (only !== undefined && chosen.length === 0) {
    const known = config.workspaceStacks.map((w) => w.id);
    throw new UserError(
      `stack "${platformStack}" has no workspace stack "${platformStack}.${only}".`,
      known.length > 0
        ? `Its workspace stacks: ${known.join(", ")}.`
        : `Create stacks/Pulumi.${platformStack}.${only}.yaml first (hdh workspace new).`,
    );
  }

  let registered = 0;
  // Served only under names that refer to this platform: a reference to another stack reads
  // nothing here, and the workspace stack is refused by its hdh:platformStack.
  const referencesFor = (outputs: Record<string, unknown>) => {
    const served = referencedStack(outputs);
    return Object.fromEntries(
      chosen
        .filter((w) => refersTo(w.platformReference, request.project.name, platformStack))
        .map((w) => [w.platformReference, served]),
    );
  };
  const workerPeaksKb: number[] = [];
  const poolOptions = {
    workers: request.workers,
    onStack: (n: number) => request.onResource?.((registered += n)),
    onWorkerPeak: (kb: number) => workerPeaksKb.push(kb),
  };
  let platform: StackPlan;
  let workspaces: PlannedStack[];
  if (poolSize(chosen.length, poolOptions) > 0) {
    // A hub worth a pool: the platform too is planned in a worker (plan-pool.ts planHubInWorkers).
    const hub = await planHubInWorkers(
      { project: request.project.name, config },
      { stack: platformStack, referencesFor },
      chosen,
      poolOptions,
    );
    platform = { ...hub.platform, kind: "platform" };
    workspaces = hub.workspaces;
  } else {
    // The platform first: its outputs are what the workspace stacks read. Pulumi and the
    // program are loaded only on this path: with a pool, this process never plans.
    const { planPlatformStack } = await import("./plan-worker");
    const planned = await planPlatformStack(
      { project: request.project.name, config },
      platformStack,
      { onResource: (n) => request.onResource?.((registered = n)) },
    );
    platform = { stack: platformStack, kind: "platform", ...planned };
    workspaces = await planWorkspaceStacks(
      { project: request.project.name, config, references: referencesFor(platform.outputs) },
      chosen,
      poolOptions,
    );
  }
  const stacks: StackPlan[] = [
    platform,
    ...workspaces.map((w) => ({ ...w, kind: "workspace" as const })),
  ];
  const judged = only === undefined ? stacks : stacks.slice(1);
  const planned = judged.flatMap((s) => s.planned);
  return {
    config,
    // From the stack file as written: replicated workspaces would only repeat the first's.
    placeholders: findPlaceholders(stackFile.hdh),
    stacks,
    planned,
    resources: normalizePlan(planned, request.secretDigester),
    workerPeaksKb,
  };
}

/** Whether a StackReference name (`stack` or `org/project/stack`) names this project's stack. */
function refersTo(reference: string, project: string, stack: string): boolean {
  const parts = reference.split("/");
  return parts[parts.length - 1] === stack && (parts.length < 3 || parts[1] === project);
}

/**
 * A stack's outputs as a StackReference reads them from the backend: plain values, with the
 * names of the secret ones (the stack export keeps them wrapped).
 */
export function referencedStack(outputs: Record<string, unknown>): ReferencedStack {
  const plain: Record<string, unknown> = {};
  const secretOutputNames: string[] = [];
  for (const [name, value] of Object.entries(outputs)) {
    const secret =
      value !== null &&
      typeof value === "object" &&
      (value as Record<string, unknown>)[signatureKey] === signatures.secret;
    if (secret) secretOutputNames.push(name);
    plain[name] = secret ? (value as { value: unknown }).value : value;
  }
  return { outputs: plain, secretOutputNames };
}

/**
 * The platform's first workspace copied n times, each copy in its own workspace stack
 * (`<stack>.<id>-<i>`, ids kept within the 30-character limit), so a scale run plans exactly what
 * a hub of n projects would.
 */
export function replicateAsWorkspaceStacks(file: StackFile, n: number): StackFile {
  const hdh = replicateWorkspaces(file.hdh, n, file.stack);
  const copies = hdh.workspaces as { id: string }[];
  return {
    ...file,
    hdh,
    securePaths: file.securePaths.filter((path) => path[0] !== "workspaces"),
    workspaceStacks: copies.map((copy, index) => ({
      stack: `${file.stack}.${copy.id}`,
      file: file.file,
      index,
    })),
  };
}

/**
 * n copies of the stack's first workspace, ids `<id>-<i>` (kept within the 30-character id
 * limit), so a scale test plans exactly what n real projects would add.
 */
export function replicateWorkspaces(
  raw: Record<string, unknown>,
  n: number,
  stack: string,
): Record<string, unknown> {
  const list = raw.workspaces;
  if (
    !Array.isArray(list) ||
    list.length === 0 ||
    typeof list[0] !== "object" ||
    list[0] === null
  ) {
    throw new UserError(
      `--workspaces needs a workspace to replicate, and stack "${stack}" declares none.`,
      "Add one under hdh:workspaces in its settings file, or drop --workspaces.",
    );
  }
  const template = list[0] as Record<string, unknown>;
  const id = String(template.id ?? "ws");
  const width = String(n).length;
  const base = id.slice(0, 30 - 1 - width).replace(/-+$/, "");
  const group = String(template.ownerGroup ?? "hdh-researchers");
  const copies = Array.from({ length: n }, (_, i) => {
    const suffix = String(i + 1).padStart(width, "0");
    // Each copy its own researchers' group, as each real project has (stacks/config-rules.ts).
    return {
      ...template,
      id: `${base}-${suffix}`,
      ownerGroup: `${group.slice(0, 63 - 1 - width)}-${suffix}`,
    };
  });
  return { ...raw, workspaces: copies };
}

/**
 * Reads the platform stack a plan needs. For a workspace stack (`dev.cardio-2026`) whose platform
 * has no file, says so in those words: the user named the workspace, not its platform.
 */
function readPlatformOf<T>(stack: string, platformStack: string, read: () => T): T {
  try {
    return read();
  } catch (error) {
    if (stack === platformStack || (error as Error).name !== "UnknownStackError") throw error;
    const { expectedFile } = error as { expectedFile: string };
    throw new UserError(
      `"${stack}" is a workspace stack of the platform stack "${platformStack}", which has no settings file (${expectedFile}).`,
      `Create the platform stack's file first, or name a workspace stack of an existing platform (<platform>.<workspace id>).`,
    );
  }
}
