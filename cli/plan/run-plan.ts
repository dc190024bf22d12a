/**
 * The offline plan: the stack's configuration, read and validated exactly as `pulumi up` would
 * (stacks/stack-file.ts then parsePlatformConfig), the real program run under Pulumi's mocks
 * (offline/mock-run.ts), every registration captured with engine-correct URNs.
 */
import { join } from "node:path";
import type { PlannedResource } from "../../offline/mock-run";
import type { NormalizedResource } from "../../offline/resource-model";
import type { PlatformConfig } from "../../stacks/config";
import { normalizePlan } from "../normalize/from-plan";
import type { ProjectFile } from "../settings/project-files";
import { UserError } from "../user-error";
import { toEngineUrns } from "./engine-urns";
import type { SecretDigester } from "../secret-digest";

export interface PlanRequest {
  project: ProjectFile;
  stack: string;
  /** Replicate the first workspace this many times (scale tests). */
  workspaces?: number;
  onResource?: (count: number) => void;
  today?: Date;
  /** Digests each secret for `--baseline` (cli/secret-digest.ts). */
  secretDigester?: SecretDigester;
}

export interface PlanRun {
  config: PlatformConfig;
  planned: PlannedResource[];
  resources: NormalizedResource[];
}

export async function runPlan(request: PlanRequest): Promise<PlanRun> {
  // Loaded here, not at the top: `hdh check` never pays for Pulumi and the providers.
  const { readStackFile } = await import("../../stacks/stack-file");
  const { parsePlatformConfig } = await import("../../stacks/config");
  const { platformProgram } = await import("../../stacks/program");
  const { runUnderMocks } = await import("../../offline/mock-run");

  const stackFile = readStackFile(
    request.stack,
    join(request.project.root, request.project.stackConfigDir),
  );
  const raw = request.workspaces
    ? replicateWorkspaces(stackFile.hdh, request.workspaces, request.stack)
    : stackFile.hdh;
  const config = parsePlatformConfig(raw, {
    stack: request.stack,
    today: request.today ?? new Date(),
    securePaths: stackFile.securePaths,
  });
  const run = await runUnderMocks(() => platformProgram(config), {
    project: request.project.name,
    stack: request.stack,
    preview: true,
    onResource: request.onResource,
  });
  const planned = toEngineUrns(run.resources);
  return { config, planned, resources: normalizePlan(planned, request.secretDigester) };
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
  const copies = Array.from({ length: n }, (_, i) => ({
    ...template,
    id: `${base}-${String(i + 1).padStart(width, "0")}`,
  }));
  return { ...raw, workspaces: copies };
}
