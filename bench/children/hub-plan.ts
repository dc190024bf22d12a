/**
 * A hub's plan, broken down (docs/hub-stacks.md): the dev platform stack plus n workspace
 * stacks (the first workspace replicated, each copy in its own stack), planned as `hdh plan` plans
 * them (cli/plan/run-plan.ts: the platform first, then the workspace stacks in the pool of worker
 * processes), without the policy evaluation. Usage: node hub-plan.js <n> [workers].
 * Prints one JSON line: resources, stacks, wall time, the platform stack's time, the workspace
 * stacks' median and slowest time, this process's peak RSS and each worker's.
 */
import { resolve } from "node:path";
import { runPlan } from "../../cli/plan/run-plan";
import { findProject } from "../../cli/settings/project-files";

async function main(): Promise<void> {
  const n = Number(process.argv[2]);
  const workers = process.argv[3] ? Number(process.argv[3]) : undefined;
  if (!Number.isInteger(n) || n < 1) throw new Error("usage: hub-plan <workspaces> [workers]");
  const started = performance.now();
  const run = await runPlan({
    project: findProject(resolve(__dirname, "../../../..")),
    stack: "dev",
    workspaces: n,
    workers,
    today: new Date("2026-06-01T00:00:00Z"),
  });
  const wallMs = performance.now() - started;
  const workspaceMs = run.stacks
    .filter((s) => s.kind === "workspace")
    .map((s) => s.durationMs)
    .sort((a, b) => a - b);
  console.log(
    JSON.stringify({
      workspaces: n,
      stacks: run.stacks.length,
      resources: run.planned.length,
      wallMs: Math.round(wallMs),
      platformMs: Math.round(run.stacks[0].durationMs),
      workspaceStackMedianMs: Math.round(workspaceMs[Math.floor(workspaceMs.length / 2)] ?? 0),
      workspaceStackMaxMs: Math.round(workspaceMs[workspaceMs.length - 1] ?? 0),
      mainPeakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      workerPeakRssMb: run.workerPeaksKb.map((kb) => Math.round(kb / 1024)),
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
