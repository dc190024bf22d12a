/**
 * What both floors of the bench declare (bare-floor.ts under our mock engine, sdk-defaults-floor.ts
 * under plain `setMocks`): the same plain custom resources, so the two floors differ only in how
 * the SDK is driven (and the run-overhead probe declares them too). Only @pulumi/pulumi is loaded
 * here, nothing of the offline path.
 */
import * as pulumi from "@pulumi/pulumi";

/** A plain provider resource, declared the way provider SDKs declare theirs. */
class PlainResource extends pulumi.CustomResource {
  constructor(name: string, props: pulumi.Inputs) {
    super("bench:index:Plain", name, props);
  }
}

/** The root stack, registered by the run (mocks register no default provider). */
export const implicitResources = 1;

/** The total resource count from the command line, the stack included; `usage` names the script. */
export function totalFromArgs(usage: string): number {
  const total = Number(process.argv[2]);
  if (!Number.isInteger(total) || total <= implicitResources) {
    throw new Error(`usage: ${usage} <total resources, more than ${implicitResources}>`);
  }
  return total;
}

/** Declares `count` plain resources: three small inputs each, no outputs read. */
export function declarePlainResources(count: number): void {
  for (let i = 0; i < count; i++) {
    new PlainResource(`plain-${i}`, {
      index: i,
      description: `plain resource ${i}`,
      labels: { project: "bench", owner: "floor" },
    });
  }
}
