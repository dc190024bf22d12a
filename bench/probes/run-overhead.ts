/**
 * What one `runUnderMocks` run of k plain resources costs in a warm process (300 runs, after 300
 * to warm up), its engine URNs included: beside workspace-stack-cpu.js, what a workspace stack's
 * own resources cost beyond the run's machinery.
 * Usage: node bench/.runs/js/bench/probes/run-overhead.js [k=25].
 */
import * as pulumi from "@pulumi/pulumi";
import { toEngineUrns } from "../../cli/plan/engine-urns";
import { runUnderMocks } from "../../offline/mock-run";

/** A plain provider resource, as bench/children/bare-floor.ts declares it. */
class PlainResource extends pulumi.CustomResource {
  constructor(name: string, props: pulumi.Inputs) {
    super("bench:index:Plain", name, props);
  }
}

async function main(): Promise<void> {
  const runs = 300;
  const perRun = Number(process.argv[2] ?? 25);
  for (const measured of [false, true]) {
    const cpu0 = process.cpuUsage();
    for (let i = 0; i < runs; i++) {
      const run = await runUnderMocks(
        () => {
          for (let j = 0; j < perRun; j++) {
            new PlainResource(`plain-${j}`, {
              index: j,
              description: `plain resource ${j}`,
              labels: { project: "bench", owner: "probe" },
            });
          }
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
