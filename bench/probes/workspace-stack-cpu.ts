/**
 * CPU per workspace stack in a warm process, as a pool worker plans them: the platform of a hub
 * of n workspace stacks planned here first (its outputs are what they read), then `count` of its
 * workspace stacks one after the other (cli/plan/plan-worker.ts planWorkspaceStack).
 * Usage: node bench/.runs/js/bench/probes/workspace-stack-cpu.js [n=1000] [count=300].
 */
import { resolve } from "node:path";
import { planPlatformStack, planWorkspaceStack } from "../../cli/plan/plan-worker";
import { referencedStack, replicateAsWorkspaceStacks } from "../../cli/plan/run-plan";
import { findProject } from "../../cli/settings/project-files";
import { parseStackFile } from "../../stacks/config";
import { readStackFile } from "../../stacks/stack-file";

async function main(): Promise<void> {
  const n = Number(process.argv[2] ?? 1000);
  const count = Number(process.argv[3] ?? 300);
  const project = findProject(resolve(__dirname, "../../../.."));
  const file = readStackFile("dev", resolve(project.root, project.stackConfigDir));
  const config = parseStackFile(
    replicateAsWorkspaceStacks(file, n),
    new Date("2026-06-01T00:00:00Z"),
  );
  const platform = await planPlatformStack({ project: project.name, config }, "dev", {});
  const served = referencedStack(platform.outputs);
  const stacks = config.workspaceStacks.slice(0, count);
  const references = Object.fromEntries(stacks.map((w) => [w.platformReference, served]));
  const shared = { project: project.name, config, references };
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  let resources = 0;
  for (const stack of stacks) resources += (await planWorkspaceStack(shared, stack)).planned.length;
  const cpu = process.cpuUsage(cpu0);
  console.log(
    JSON.stringify({
      stacks: stacks.length,
      resources,
      msCpuPerStack: Number(((cpu.user + cpu.system) / 1000 / stacks.length).toFixed(2)),
      msWallPerStack: Number(((performance.now() - started) / stacks.length).toFixed(2)),
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
