/**
 * Issue 16's own floor, worded there as "a bare-mock program registering as many resources in one
 * process with the SDK's defaults": plain `pulumi.runtime.setMocks` and the SDK exactly as
 * shipped. Nothing of the offline path (only plain-resources.ts, the resources both floors
 * declare): not offline/mock-run.ts's `runUnderMocks`, so none of its stack-trace
 * switch (it turns `Error.stackTraceLimit` off for a run) and none of offline/sdk-shortcuts.ts
 * (plain `Struct`s, `debuggablePromise` without its bookkeeping). Its mocks are the ones Pulumi's
 * unit-testing guide writes (https://www.pulumi.com/docs/using-pulumi/testing/unit/: `newResource`
 * answers an id and the inputs as state, `call` the inputs). bare-floor.ts is the stricter floor
 * beside it: the same plain resources under the mock engine and shortcuts the hub itself runs on.
 *
 * The resources are declared in a root stack (`pulumi.runtime.runInPulumiStack`, the SDK's own
 * entry point for a program), so the count includes the stack resource as the hub's does. The
 * process ends when Node has nothing left to do, as a unit-test process does: every registration
 * has completed by then (the mock answers each), and the count is checked on the way out.
 *
 * Usage: node sdk-defaults-floor.js <total resources>. Prints one JSON line: { resources, programMs }.
 */
import * as pulumi from "@pulumi/pulumi";
import { declarePlainResources, implicitResources, totalFromArgs } from "./plain-resources";

async function main(): Promise<void> {
  const total = totalFromArgs("sdk-defaults-floor");
  const started = performance.now();
  let registered = 0;
  await pulumi.runtime.setMocks(
    {
      newResource: (args) => {
        registered++;
        return { id: args.custom === false ? undefined : `${args.name}-id`, state: args.inputs };
      },
      call: (args) => args.inputs,
    },
    "bench",
    "floor",
    true,
  );
  process.once("beforeExit", () => {
    if (registered !== total) {
      console.error(`floor registered ${registered} resources, expected ${total}`);
      process.exitCode = 1;
      return;
    }
    console.log(JSON.stringify({ resources: registered, programMs: performance.now() - started }));
  });
  await pulumi.runtime.runInPulumiStack(async () => {
    declarePlainResources(total - implicitResources);
    return {};
  });
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
