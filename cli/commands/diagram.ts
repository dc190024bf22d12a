/** `hdh diagram --stack <name>`: plan the stack under mocks and draw it as a Mermaid flowchart. */
import { runPlan } from "../plan/run-plan";
import { createProgress } from "../progress";
import { renderMermaid } from "../report/mermaid";
import { findProject, readStackFile } from "../settings/project-files";
import { writeReport, type CommandDeps } from "./shared";
import { exitCodes } from "../user-error";

export interface DiagramOptions {
  stack: string;
  out?: string;
  progress?: boolean;
}

export async function diagramCommand(options: DiagramOptions, deps: CommandDeps): Promise<number> {
  const { io } = deps;
  const project = findProject(io.cwd);
  readStackFile(project, options.stack); // unknown stack: exit 2 before any work
  const progress = createProgress(io, options.progress);
  progress.phase(`planning stack ${options.stack} under mocks`);
  const plan = await runPlan({
    project,
    stack: options.stack,
    onResource: (n) => progress.count(n),
  });
  progress.done();
  const urnById = new Map(plan.planned.filter((r) => r.id).map((r) => [r.id, r.urn]));
  const text = renderMermaid({
    resources: plan.resources,
    urnById,
    title: `hdh-sovereign stack ${options.stack}`,
  });
  writeReport(io, options.out, text);
  return exitCodes.compliant;
}
