/**
 * What one `runUnderMocks` run of k plain resources costs in a warm process (300 runs, after 300
 * to warm up), its engine URNs included: beside workspace-stack-cpu.js, what a workspace stack's
 * own resources cost beyond the run's machinery.
 * Usage: node bench/.runs/js/bench/probes/run-overhead.js [k=25].
 */
import { toEngineUrns } from "../../cli/plan/engine-urns";
import { runUnderMocks } from "../../offline/mock-run";
import { declarePlainResources } from "../children/plain-resources";

async function main(): Promise<void> {
  const runs = 300;
  const perRun = Number(process.argv[2] ?? 25);
  for (const measured of [false, true]) {
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < runs; i++) {
      const run = await runUnderMocks(
        () => {
          declarePlainResources(perRun);
          return {};
        },
        { project: "bench", stack: `probe-${i}`, preview: true },
      );
      toEngineUrns(run.resources);
    }
    const cpu = process.cpuUsage(cpu0);
    if (measured) {
      console.log(
        JSON.stringify({
          resourcesPerRun: perRun,
          msCpuPerRun: Number(((cpu.user + cpu.system) / 1000 / runs).toFixed(2)),
        }),
      );
    }
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
