/**
 * `hdh changed-stacks --since <ref> [--stack <platform>]`: the stacks a change can affect, one per
 * line (or a JSON array), for CI to preview those and no others. Why each changed file selects
 * what it does goes to stderr, for the job log. The mapping is in cli/changed/stacks-to-preview.ts
 * and docs/ci.md; the code each kind of stack runs is read from the import graph.
 */
import { join } from "node:path";
import { changedFiles } from "../changed/changed-files";
import { ImportGraph } from "../changed/import-closure";
import {
  impactOf,
  stacksToPreview,
  type FileImpact,
  type ProgramModules,
} from "../changed/stacks-to-preview";
import { findProject } from "../settings/project-files";
import { UserError } from "../user-error";
import { writeReport, type CommandDeps } from "./shared";

export interface ChangedStacksOptions {
  since: string;
  /** Only this platform stack and its workspace stacks. */
  stack?: string;
  /** Commander refuses any other value (`.choices` in cli/main.ts): exit 2 naming --format. */
  format: "lines" | "json";
  out?: string;
}

/** Where each program starts, relative to the project root (Pulumi.yaml `main: stacks/`). */
const entries = {
  contract: "components/platform/platform-contract.ts",
  platform: "stacks/program.ts",
  workspace: "stacks/workspace-program.ts",
  /** stacks/index.ts picks the program by the stack's name; both read config through pulumi-config. */
  entryPoint: "stacks/index.ts",
  configReader: "stacks/pulumi-config.ts",
  /**
   * The preview job runs `hdh changed-stacks` (which previews run at all) and `hdh
   * policy-config` (the pack's settings).
   */
  cli: "cli/main.ts",
  policyConfig: "cli/commands/policy-config.ts",
  changedStacks: "cli/commands/changed-stacks.ts",
} as const;

export async function changedStacksCommand(
  options: ChangedStacksOptions,
  deps: CommandDeps,
): Promise<number> {
  const { io } = deps;
  const project = findProject(io.cwd);
  const { listStacks } = await import("../../stacks/stack-file");
  const { isWorkspaceStack, platformOf } = await import("../../stacks/stack-names");
  let stacks = listStacks(join(project.root, project.stackConfigDir));
  if (options.stack !== undefined) {
    const platform = options.stack;
    if (isWorkspaceStack(platform) || !stacks.includes(platform)) {
      throw new UserError(
        `--stack ${platform} is not a platform stack of this project (${project.stackConfigDir}/Pulumi.${platform}.yaml).`,
        `Name a platform stack: ${stacks.filter((s) => !isWorkspaceStack(s)).join(", ") || "none found"}.`,
      );
    }
    stacks = stacks.filter((s) => (isWorkspaceStack(s) ? platformOf(s) : s) === platform);
  }
  const { base, files } = changedFiles(project.root, options.since);
  const modules = await programModules(project.root);
  const impacts = files.map((file) => impactOf(file, project.stackConfigDir, modules));
  const selected = stacksToPreview(stacks, impacts);
  io.stderr(explain(base, impacts, selected.length, stacks.length));
  const text =
    options.format === "json"
      ? `${JSON.stringify(selected)}\n`
      : selected.map((s) => `${s}\n`).join("");
  writeReport(io, options.out, text);
  return 0;
}

async function programModules(root: string): Promise<ProgramModules> {
  const graph = await ImportGraph.of(root);
  return {
    contract: graph.closure([{ file: entries.contract }]),
    platform: graph.closure([{ file: entries.platform }]),
    workspace: graph.closure([{ file: entries.workspace }]),
    shared: new Set([
      entries.entryPoint,
      ...graph.closure([
        { file: entries.configReader },
        { file: entries.cli, followDynamic: false },
        { file: entries.policyConfig },
        { file: entries.changedStacks },
      ]),
    ]),
  };
}

function explain(
  base: string,
  impacts: readonly FileImpact[],
  selected: number,
  total: number,
): string {
  const lines = impacts.map(({ file, reach, why }) => {
    const target =
      reach.kind === "every"
        ? "every stack"
        : reach.kind === "platforms"
          ? "every platform stack"
          : reach.kind === "workspaces"
            ? "every workspace stack"
            : reach.kind === "hub"
              ? `${reach.platform} and its workspace stacks`
              : reach.kind === "stacks"
                ? reach.stacks.join(", ")
                : "no stack";
    return `  ${file} -> ${target}: ${why}\n`;
  });
  return `hdh changed-stacks: ${impacts.length} file(s) changed since ${base.slice(0, 12)}; ${selected} of ${total} stack(s) to preview\n${lines.join("")}`;
}
