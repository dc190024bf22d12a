/**
 * The floor for `hdh plan`: a bare Pulumi program that registers plain custom resources (three
 * small inputs, no components, no outputs read) under the very same mock engine the plan uses
 * (offline/mock-run.ts `runUnderMocks`). Whatever this costs per resource, no program can beat
 * under these mocks; the plan's cost is reported as a ratio to it. Issue 16 words its hub target
 * against a looser floor, the SDK as shipped under plain `setMocks`: sdk-defaults-floor.ts.
 *
 * Usage: node bare-floor.js <total resources>. The total includes the stack resource, so it
 * matches the plan's resource count exactly.
 * Prints one JSON line: { resources, programMs }.
 */
import { runUnderMocks } from "../../offline/mock-run";
import { declarePlainResources, implicitResources, totalFromArgs } from "./plain-resources";

async function main(): Promise<void> {
  const total = totalFromArgs("bare-floor");
  const started = performance.now();
  const result = await runUnderMocks(() => declarePlainResources(total - implicitResources), {
    project: "bench",
    stack: "floor",
  });
  const programMs = performance.now() - started;
  if (result.resources.length !== total) {
    throw new Error(`floor registered ${result.resources.length} resources, expected ${total}`);
  }
  console.log(JSON.stringify({ resources: result.resources.length, programMs }));
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
