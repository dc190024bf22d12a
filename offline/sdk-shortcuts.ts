/**
 * Two shortcuts in how the Pulumi SDK runs under mocks, installed by `runUnderMocks` for the
 * length of one run and removed after it. Neither changes what a program registers nor what the
 * plan records (test/offline/sdk-shortcuts.test.ts plans the dev stack with and without them and
 * compares every resource, in order); `pulumi preview` never loads this file
 * (the same test reads the import graph of stacks/index.ts).
 *
 * Why: profiles of the platform stack of a 1,000-workspace hub (about 5,150 resources,
 * bench/hub-findings.md) showed that what grows its heap is the SDK's wire plumbing, not the
 * program. The program registers everything in one synchronous constructor, so every
 * registration is in flight at once and moves through the SDK's promise steps in lockstep: each
 * step's intermediate values outlive many young-generation collections, are promoted, and die in
 * the old generation, which V8 then lets grow to about four times what is live. Of the 1.1 GB
 * allocated that way, about a third was google-protobuf `Struct`s (the request and the response
 * of each registration, `Struct.fromJavaScript`) and a tenth the SDK's promise-leak bookkeeping
 * (`debuggablePromise`).
 *
 * 1. `Struct.fromJavaScript` (the copy of google-protobuf that @pulumi/pulumi loads) returns a
 *    genuine, empty `Struct` that holds the plain value and answers `toJavaScript()` with a fresh
 *    copy of it, exactly what a filled `Struct` answers: the same values, keys in the same order
 *    (google-protobuf's map sorts them), the same error for a value a Struct cannot hold, and a
 *    `__proto__` key dropped as its map drops it. Under mocks nothing else reads a request or a
 *    response: there is no wire to encode for. Anything that asks for the fields map gets it
 *    filled, on that first ask.
 * 2. `debuggablePromise` keeps the two promise steps it adds (so registrations still complete in
 *    the same order) without what it records for the leak report printed at exit: a stack trace,
 *    three properties, a context string and a set entry per promise, about 40 promises per
 *    resource in flight. A plan's runs end with the engine idle (mock-run.ts waits for it), so
 *    nothing is left to report; the error a rejected promise carries is unchanged.
 */
import { createRequire } from "node:module";

/** The parts of google-protobuf's `Struct` class this file uses. */
interface StructClass {
  new (): StructMessage;
  fromJavaScript(value: Record<string, unknown>): StructMessage;
  prototype: StructMessage;
}

interface StructMessage {
  toJavaScript(): Record<string, unknown>;
  getFieldsMap(): {
    set(key: string, value: unknown): unknown;
    forEach(cb: (value: unknown, key: string) => void): void;
  };
}

interface DebuggableModule {
  debuggablePromise<T>(promise: Promise<T>, context: string): Promise<T>;
}

/** Modules as @pulumi/pulumi itself resolves them, so the very instances it calls are changed. */
const sdkRequire = createRequire(require.resolve("@pulumi/pulumi/runtime/resource"));
const struct = sdkRequire("google-protobuf/google/protobuf/struct_pb") as { Struct: StructClass };
const debuggable = sdkRequire("./debuggable") as DebuggableModule;

const shipped = {
  fromJavaScript: struct.Struct.fromJavaScript,
  debuggablePromise: debuggable.debuggablePromise,
};

/** A value as google-protobuf's `Struct.fromJavaScript(...).toJavaScript()` returns it. */
export function structValue(value: unknown): unknown {
  if (value === null) return null;
  switch (typeof value) {
    case "string":
    case "number":
    case "boolean":
      return value;
    case "object":
      return Array.isArray(value) ? structList(value) : structFields(value as object);
    default:
      // google-protobuf's own message (Value.fromJavaScript) for undefined, functions, symbols...
      throw new Error("Unexpected struct type.");
  }
}

/** Every index up to the length, as its ListValue reads them: a hole is undefined, refused. */
function structList(list: readonly unknown[]): unknown[] {
  const result = new Array<unknown>(list.length);
  for (let i = 0; i < list.length; i++) result[i] = structValue(list[i]);
  return result;
}

/**
 * An object's fields as a Struct holds them: every enumerable key, inherited ones too (its
 * `for...in`), each value converted, a `__proto__` key converted then dropped (its map, a plain
 * object, takes it as a prototype), the keys sorted (its map's iteration order).
 */
function structFields(object: object): Record<string, unknown> {
  const values = new Map<string, unknown>();
  for (const key in object) {
    const converted = structValue((object as Record<string, unknown>)[key]);
    if (key !== "__proto__") values.set(key, converted);
  }
  const result: Record<string, unknown> = {};
  for (const key of [...values.keys()].sort()) result[key] = values.get(key);
  return result;
}

/** A fresh copy of a value made by `structValue`, as each `toJavaScript()` call returns one. */
function copyOf(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(copyOf); // no holes: structList filled every index
  const result: Record<string, unknown> = {};
  for (const key of Object.keys(value))
    result[key] = copyOf((value as Record<string, unknown>)[key]);
  return result;
}

/** `Struct.fromJavaScript` under mocks: a real, empty Struct that answers with the plain value. */
function plainStruct(object: Record<string, unknown>): StructMessage {
  const plain = structFields(object);
  const message = new struct.Struct();
  message.toJavaScript = () => copyOf(plain) as Record<string, unknown>;
  message.getFieldsMap = function filledFieldsMap() {
    // First asked: fill the real map once, then answer as any Struct does.
    delete (this as Partial<StructMessage>).getFieldsMap;
    const fields = struct.Struct.prototype.getFieldsMap.call(this);
    shipped
      .fromJavaScript(plain)
      .getFieldsMap()
      .forEach((value, key) => fields.set(key, value));
    return fields;
  };
  return message;
}

const passValue = <T>(value: T): T => value;
const rethrow = (error: unknown): never => {
  throw error;
};

/** `debuggablePromise` without its bookkeeping; the same two steps, so the same timing. */
function lightPromise<T>(promise: Promise<T>): Promise<T> {
  return promise.then(passValue).catch(rethrow);
}

let installed = 0;

/** Runs `run` with the shortcuts installed; nested runs share one installation. */
export async function withSdkShortcuts<T>(run: () => Promise<T>): Promise<T> {
  if (installed++ === 0) {
    struct.Struct.fromJavaScript = plainStruct;
    debuggable.debuggablePromise = lightPromise;
  }
  try {
    return await run();
  } finally {
    if (--installed === 0) {
      struct.Struct.fromJavaScript = shipped.fromJavaScript;
      debuggable.debuggablePromise = shipped.debuggablePromise;
    }
  }
}

/** The SDK's own functions, for tests that check the shortcuts are gone after a run. */
export const shippedSdk = shipped;
