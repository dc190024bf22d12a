/**
 * A problem found while validating a platform's assembled configuration, told where the user
 * fixes it: a workspace that came from its own stack file (`Pulumi.<platform>.<id>.yaml`) is
 * named by that file and its `hdh:workspace` key, not by its place in the assembled list.
 */
import type { ConfigProblem } from "./config-error";

/** Where one assembled entry came from (stacks/stack-file.ts). */
export interface WorkspaceOrigin {
  /** The workspace stack's name, `<platform>.<id>`. */
  readonly stack: string;
  /** Index of its entry in the assembled `workspaces`. */
  readonly index: number;
  /** Its `hdh:platformStack`, when written. @default the platform stack's name */
  readonly platformStack?: string;
}

export function locateInWorkspaceStacks(
  problems: readonly ConfigProblem[],
  origins: readonly WorkspaceOrigin[],
): ConfigProblem[] {
  if (origins.length === 0) return [...problems];
  const byIndex = new Map(origins.map((o) => [String(o.index), o.stack]));
  // Messages name other entries as hdh:workspaces[i]; name their file instead.
  const renamed = (message: string) =>
    message.replace(/hdh:workspaces\[(\d+)\]/g, (whole, index: string) => {
      const stack = byIndex.get(index);
      return stack ? `hdh:workspace of stack ${stack}` : whole;
    });
  return problems.map((problem) => {
    const [section, index, ...rest] = problem.path;
    const stack = section === "workspaces" && index !== undefined ? byIndex.get(index) : undefined;
    const message = renamed(problem.message);
    return stack ? { stack, path: ["workspace", ...rest], message } : { ...problem, message };
  });
}
