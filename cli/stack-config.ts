/**
 * A stack's validated configuration, read the one way every command reads it: find the project,
 * read `Pulumi.<stack>.yaml` from its stackConfigDir, validate with parsePlatformConfig.
 * Loaded lazily so commands that never need a stack do not pay for the schema.
 */
import { join } from "node:path";
import type { PlatformConfig } from "../stacks/config";
import type { StackFile } from "../stacks/stack-file";
import type { ProjectFile } from "./settings/project-files";

export interface LoadedStack {
  project: ProjectFile;
  stackFile: StackFile;
  config: PlatformConfig;
}

export async function loadStackConfig(
  cwd: string,
  stack: string,
  today: Date = new Date(),
  /** Rewrites the raw values before validation (e.g. `--workspaces` replication). */
  transform: (raw: Record<string, unknown>) => Record<string, unknown> = (raw) => raw,
): Promise<LoadedStack> {
  const { readStackFile } = await import("../stacks/stack-file");
  const { parseStackFile } = await import("../stacks/config");
  const { findProject } = await import("./settings/project-files");
  const project = findProject(cwd);
  const stackFile = readStackFile(stack, join(project.root, project.stackConfigDir));
  const config = parseStackFile({ ...stackFile, hdh: transform(stackFile.hdh) }, today);
  return { project, stackFile, config };
}
