/**
 * The platform stack of a hub of n workspace stacks, planned alone in this process as the pool's
 * platform worker plans it (cli/plan/plan-worker.ts planPlatformStack: runUnderMocks, then
 * engine URNs): a focused probe of that process's memory and CPU.
 * Usage: node platform-plan.js <n> [--shipped-sdk]; with --shipped-sdk the SDK runs as shipped,
 * without offline/sdk-shortcuts.ts, for before/after runs.
 * Prints one JSON line: resources, wall and CPU time of the plan, peak RSS, and the heap at the
 * end. (A timer cannot trace memory during the plan: the registrations run as one long chain of
 * microtasks, so the event loop never turns until they are done.)
 */
import { resolve } from "node:path";
import { readStackFile } from "../../stacks/stack-file";
import { parseStackFile } from "../../stacks/config";
import { replicateAsWorkspaceStacks } from "../../cli/plan/run-plan";
import { findProject } from "../../cli/settings/project-files";
import { toEngineUrns } from "../../cli/plan/engine-urns";
import { runUnderMocks } from "../../offline/mock-run";
import { platformProgram } from "../../stacks/program";

async function main(): Promise<void> {
  const n = Number(process.argv[2]);
  const sdkShortcuts = !process.argv.includes("--shipped-sdk");
  if (!Number.isInteger(n) || n < 1) {
    throw new Error("usage: platform-plan <workspaces> [--shipped-sdk]");
  }
  const project = findProject(resolve(__dirname, "../../../.."));
  const file = readStackFile("dev", resolve(project.root, project.stackConfigDir));
  const config = parseStackFile(
    replicateAsWorkspaceStacks(file, n),
    new Date("2026-06-01T00:00:00Z"),
  );
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  const run = await runUnderMocks(() => platformProgram(config), {
    project: project.name,
    stack: "dev",
    preview: true,
    sdkShortcuts,
  });
  const planned = toEngineUrns(run.resources);
  const cpu = process.cpuUsage(cpu0);
  const mb = (bytes: number) => Math.round(bytes / 1048576);
  console.log(
    JSON.stringify({
      workspaces: n,
      sdk: sdkShortcuts ? "with offline shortcuts" : "as shipped",
      resources: planned.length,
      planMs: Math.round(performance.now() - started),
      planCpuMs: Math.round((cpu.user + cpu.system) / 1000),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
      heapUsedMbAtEnd: mb(process.memoryUsage().heapUsed),
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
