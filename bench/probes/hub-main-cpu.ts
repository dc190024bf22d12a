/**
 * The main process's own CPU in a hub's plan (bench/children/hub-plan.ts counts the whole process
 * tree): what receiving and keeping the workers' plans costs beside them.
 * Usage: node bench/.runs/js/bench/probes/hub-main-cpu.js [n=1000]; add --cpu-prof before the
 * script for a profile of this process alone (the workers are forked without it).
 */
import { resolve } from "node:path";
import { runPlan } from "../../cli/plan/run-plan";
import { findProject } from "../../cli/settings/project-files";

async function main(): Promise<void> {
  const started = performance.now();
  const run = await runPlan({
    project: findProject(resolve(__dirname, "../../../..")),
    stack: "dev",
    workspaces: Number(process.argv[2] ?? 1000),
    today: new Date("2026-06-01T00:00:00Z"),
  });
  const cpu = process.cpuUsage();
  console.log(
    JSON.stringify({
      resources: run.planned.length,
      wallMs: Math.round(performance.now() - started),
      mainCpuMs: Math.round((cpu.user + cpu.system) / 1000),
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
