/**
 * offline/early-outputs.ts serialises a program's outputs as soon as they resolve, for
 * `runUnderMocks`' onOutputs: whatever the value, it must be exactly what the SDK's own
 * serializeProperties makes of it (same values, same key order), and come before the last
 * registration when the program has many in flight.
 */
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import { serializeOutputsEarly } from "../../offline/early-outputs";
import { runUnderMocks } from "../../offline/mock-run";

class Thing extends pulumi.CustomResource {
  constructor(name: string, props: pulumi.Inputs, opts?: pulumi.CustomResourceOptions) {
    super("test:index:Thing", name, props, opts);
  }
}

/** Outputs of every shape a stack can return, plain data and not. */
function outputsOfEveryShape(): Record<string, unknown> {
  const thing = new Thing("thing", { size: 3, tags: ["a", "b"] });
  return {
    zeta: "declared first, kept first",
    plain: {
      b: 2,
      a: 1,
      gone: undefined,
      fn: () => 1,
      list: [1, undefined, "x", null, { k: true }],
    },
    nothing: undefined,
    number: pulumi.output(42),
    nested: pulumi.output({ y: [1, 2], x: { deep: pulumi.output("in") } }),
    secret: pulumi.secret({ token: "s3cr3t", list: ["a"] }),
    secretString: pulumi.secret("kube"),
    fromResource: thing.urn,
    resourceItself: thing,
    resourceInside: pulumi.output({ thing }),
    promise: Promise.resolve({ p: 1 }),
    unknown: pulumi.output(thing.id).apply((id) => (pulumi.runtime.isDryRun() ? id : id)),
  };
}

describe("serializeOutputsEarly", () => {
  it("gives the SDK's serialisation of every shape of output, key order included", async () => {
    let early: Record<string, unknown> | undefined;
    let sdk: Record<string, unknown> | undefined;
    const run = await runUnderMocks(
      async () => {
        const outputs = outputsOfEveryShape();
        [early, sdk] = await Promise.all([
          serializeOutputsEarly(outputs),
          pulumi.runtime.serializeProperties("stack outputs", outputs),
        ]);
        return {};
      },
      { project: "early", stack: "test" },
    );
    expect(run.resources.length).toBeGreaterThan(1);
    expect(JSON.stringify(early)).toBe(JSON.stringify(sdk));
    expect(Object.keys(early!)).toContain("secretString");
    expect(early!.secretString).toEqual({
      "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
      value: "kube",
    });
  });

  it("serves a list's outputs before the registrations in flight complete, unlike the SDK", async () => {
    let registered = 0;
    let registeredAtOutputs = -1;
    let registeredAtSdk = -1;
    const run = await runUnderMocks(
      () => {
        for (let i = 0; i < 300; i++) new Thing(`thing-${i}`, { n: i });
        const outputs = { served: pulumi.output([...Array(300).keys()].map(String)) };
        void pulumi.runtime
          .serializeProperties("stack outputs", outputs)
          .then(() => (registeredAtSdk = registered));
        return outputs;
      },
      {
        project: "early",
        stack: "test",
        onResource: (count) => (registered = count),
        onOutputs: () => (registeredAtOutputs = registered),
      },
    );
    // The SDK's serializeProperties awaits each of the 300 elements behind every registration in
    // flight, and finishes with the last of them.
    expect(registeredAtSdk).toBeGreaterThan(run.resources.length - 5);
    expect(registeredAtOutputs).toBeGreaterThanOrEqual(0);
    expect(registeredAtOutputs).toBeLessThan(run.resources.length / 2);
  });
});
