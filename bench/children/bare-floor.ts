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
import * as pulumi from "@pulumi/pulumi";
import { runUnderMocks } from "../../offline/mock-run";

/** A plain provider resource, declared the way provider SDKs declare theirs. */
class PlainResource extends pulumi.CustomResource {
  constructor(name: string, props: pulumi.Inputs) {
    super("bench:index:Plain", name, props);
  }
}

/** The root stack (mocks register no default provider). */
const implicitResources = 1;

async function main(): Promise<void> {
  const total = Number(process.argv[2]);
  if (!Number.isInteger(total) || total <= implicitResources) {
    throw new Error(`usage: bare-floor <total resources, more than ${implicitResources}>`);
  }
  const started = performance.now();
  const result = await runUnderMocks(
    () => {
      for (let i = 0; i < total - implicitResources; i++) {
        new PlainResource(`plain-${i}`, {
          index: i,
          description: `plain resource ${i}`,
          labels: { project: "bench", owner: "floor" },
        });
      }
    },
    { project: "bench", stack: "floor" },
  );
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
