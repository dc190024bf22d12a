/**
 * When the platform stack's outputs resolve, against its registrations: the platform of a hub of
 * n workspace stacks planned alone under `runUnderMocks`, each output's value and `onOutputs`
 * (what the pool starts the workspace stacks on) timed by the registrations done so far.
 * Usage (built by `npm run bench`, or `npx tsc -p bench/tsconfig.json`):
 * node bench/.runs/js/bench/probes/contract-timing.js [n=1000]. bench/hub-findings.md reads it.
 */
import { resolve } from "node:path";
import { replicateAsWorkspaceStacks } from "../../cli/plan/run-plan";
import { findProject } from "../../cli/settings/project-files";
import { runUnderMocks } from "../../offline/mock-run";
import { parseStackFile } from "../../stacks/config";
import { platformProgram } from "../../stacks/program";
import { readStackFile } from "../../stacks/stack-file";

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 1000);
  const project = findProject(resolve(__dirname, "../../../.."));
  const file = readStackFile("dev", resolve(project.root, project.stackConfigDir));
  const config = parseStackFile(
    replicateAsWorkspaceStacks(file, n),
    new Date("2026-06-01T00:00:00Z"),
  );
  let registered = 0;
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const at = (label: string) => {
    const cpu = process.cpuUsage(cpu0);
    console.log(
      `${label}: after ${registered} registrations, ${Math.round(performance.now() - started)} ms wall, ${Math.round((cpu.user + cpu.system) / 1000)} ms CPU`,
    );
  };
  const run = await runUnderMocks(
    () => {
      const outputs = platformProgram(config);
      at("program returned");
      for (const [name, output] of Object.entries(outputs)) {
        void output.apply(() => at(`output ${name} resolved`));
      }
      return outputs;
    },
    {
      project: project.name,
      stack: "dev",
      preview: true,
      onResource: (count) => (registered = count),
      onOutputs: () => at("onOutputs"),
    },
  );
  at(`done, ${run.resources.length} resources`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
