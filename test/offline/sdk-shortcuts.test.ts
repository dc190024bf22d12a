/**
 * offline/sdk-shortcuts.ts: the SDK driven with plain wire values and light promise bookkeeping
 * under mocks must plan exactly what the SDK as shipped plans, and must never reach the program
 * `pulumi preview` runs.
 */
import { createRequire } from "node:module";
import { join } from "node:path";
import { isDeepStrictEqual } from "node:util";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ImportGraph } from "../../cli/changed/import-closure";
import { runUnderMocks } from "../../offline/mock-run";
import { shippedSdk, structValue } from "../../offline/sdk-shortcuts";
import { platformProgram } from "../../stacks/program";
import { parseStack, project } from "../components/plan-helpers";

const root = join(__dirname, "..", "..");

/** The very modules @pulumi/pulumi calls (its own copy of google-protobuf). */
const sdkRequire = createRequire(require.resolve("@pulumi/pulumi/runtime/resource"));
interface TestStruct {
  toJavaScript(): Record<string, unknown>;
  getFieldsMap(): { getEntryList(): unknown[] };
}
const { Struct } = sdkRequire("google-protobuf/google/protobuf/struct_pb") as {
  Struct: { fromJavaScript(value: unknown): TestStruct };
};
/** google-protobuf's own `Struct.fromJavaScript`, as the SDK ships it. */
const shippedFromJavaScript = shippedSdk.fromJavaScript as unknown as (
  value: unknown,
) => TestStruct;
const debuggable = sdkRequire("./debuggable") as { debuggablePromise: unknown };

/** What google-protobuf's own Struct gives back for `value`. */
const shippedRoundTrip = (value: unknown) => shippedFromJavaScript(value).toJavaScript();

/** Values as the SDK serialises them, plus the keys whose order or meaning is special. */
const wireObject = fc.dictionary(
  fc.oneof(fc.string(), fc.constantFrom("10", "2", "__proto__", "constructor", "a", "B", "é")),
  fc.oneof(
    fc.jsonValue(),
    fc.constantFrom(-0, Number.NaN, Infinity, 1e21),
    fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { maxLength: 3 }),
  ),
);

describe("a Struct's plain value (structValue)", () => {
  it("is what google-protobuf's Struct round trip returns, keys in the same order", () => {
    fc.assert(
      fc.property(wireObject, (object) => {
        const ours = structValue(object);
        const theirs = shippedRoundTrip(object);
        // Same values (NaN and -0 included) and prototypes, and the same key order at every depth.
        // (Node's comparison, not toStrictEqual: that one reads a "constructor" key as the class.)
        expect(isDeepStrictEqual(ours, theirs)).toBe(true);
        expect(JSON.stringify(ours)).toBe(JSON.stringify(theirs));
      }),
      { numRuns: 300 },
    );
  });

  it("reads inherited enumerable keys and drops a __proto__ key, as the Struct does", () => {
    class WithDefaults {
      own = 1;
    }
    (WithDefaults.prototype as unknown as Record<string, unknown>).inherited = "yes";
    const parsed = JSON.parse(
      '{"__proto__": {"polluted": true}, "z": 1, "a": [1, {"c": 2, "b": 3}]}',
    );
    for (const value of [new WithDefaults(), parsed, { when: new Date(0) }]) {
      expect(isDeepStrictEqual(structValue(value), shippedRoundTrip(value))).toBe(true);
      expect(JSON.stringify(structValue(value))).toBe(JSON.stringify(shippedRoundTrip(value)));
    }
    expect(Object.keys(structValue(parsed) as object)).toEqual(["a", "z"]);
  });

  it("refuses what a Struct cannot hold with the Struct's own error", () => {
    const refused = [
      { missing: undefined },
      { fn: () => 1 },
      { sym: Symbol("s") },
      { big: BigInt(1) },
      // eslint-disable-next-line no-sparse-arrays -- a hole is undefined to the Struct too
      { holes: [1, , 3] },
    ];
    for (const value of refused) {
      expect(() => shippedRoundTrip(value)).toThrow("Unexpected struct type.");
      expect(() => structValue(value)).toThrow("Unexpected struct type.");
    }
  });
});

describe("the shortcuts during a run under mocks", () => {
  it("are installed only while the program runs, and removed after it, even when it fails", async () => {
    const seen: boolean[] = [];
    const observe = () =>
      seen.push(
        Struct.fromJavaScript !== shippedFromJavaScript &&
          debuggable.debuggablePromise !== shippedSdk.debuggablePromise,
      );
    observe();
    await runUnderMocks(() => void observe(), { project, stack: "dev" });
    observe();
    // A failing program runs twice, the second time with stack traces (offline/mock-run.ts).
    await expect(
      runUnderMocks(
        () => {
          observe();
          throw new Error("refused");
        },
        { project, stack: "dev" },
      ),
    ).rejects.toThrow("refused");
    observe();
    await runUnderMocks(() => void observe(), { project, stack: "dev", sdkShortcuts: false });
    expect(seen).toEqual([false, true, false, true, true, false, false]);
  });

  it("give a Struct whose toJavaScript is a fresh copy each time, and whose fields map is filled when asked", async () => {
    const value = { b: [1, { d: "x" }], a: null, c: { z: true, y: 2 } };
    await runUnderMocks(
      () => {
        const struct = Struct.fromJavaScript(value);
        const first = struct.toJavaScript();
        (first.b as unknown[]).push("changed");
        expect(struct.toJavaScript()).toStrictEqual(shippedRoundTrip(value));
        expect(JSON.stringify(struct.toJavaScript())).toBe(JSON.stringify(shippedRoundTrip(value)));
        expect(struct.getFieldsMap().getEntryList()).toEqual(
          shippedFromJavaScript(value).getFieldsMap().getEntryList(),
        );
      },
      { project, stack: "dev" },
    );
  });
});

describe("what the plan records", () => {
  it("is the same with and without the shortcuts: every resource, in order, and the outputs", async () => {
    const config = parseStack("dev");
    const plan = (sdkShortcuts: boolean) =>
      runUnderMocks(() => platformProgram(config), { project, stack: "dev", sdkShortcuts });
    const shipped = await plan(false);
    const shortcut = await plan(true);
    expect(shortcut.resources.length).toBeGreaterThan(100);
    expect(shortcut.resources).toStrictEqual(shipped.resources);
    expect(JSON.stringify(shortcut)).toBe(JSON.stringify(shipped));
  });

  it("is never the real program's concern: `pulumi preview`'s entry does not load offline/", async () => {
    const graph = await ImportGraph.of(root);
    const real = graph.closure([{ file: "stacks/index.ts" }]);
    expect(real.has("stacks/program.ts")).toBe(true);
    expect([...real].filter((file) => file.startsWith("offline/"))).toEqual([]);
  });
});
