/**
 * A program's stack outputs in Pulumi's wire form as soon as their values resolve, for
 * `runUnderMocks`' `onOutputs` (the hub's pool starts the workspace stacks on the platform's
 * contract: cli/plan/plan-pool.ts).
 *
 * Why not the SDK's `serializeProperties` alone: it awaits every array element and every object
 * key one after the other (@pulumi/pulumi runtime/rpc.js `serializeProperty`), and each await
 * waits its turn behind every registration in flight. In the platform stack of a 1,000-workspace
 * hub the contract's values are all resolved after about 2,100 of its 5,153 registrations, but its
 * serialisation (a list of 1,000 served workspaces, element by element) then finished only with
 * the last registration (bench/hub-findings.md). Here each output's value, once resolved, is
 * turned into its wire form in one synchronous walk that follows the same rules: a function or
 * undefined key is left out of an object, an undefined array element becomes null, an unknown
 * value is the unknown sentinel, a secret is wrapped with the secret signature. A value holding
 * anything but plain data (a resource, an asset, an Output inside a resolved value...) is handed
 * to the SDK's own `serializeProperty`, as before.
 *
 * `runUnderMocks` also serialises the outputs the SDK's way for its result, and fails the run if
 * the two differ (offline/mock-run.ts), so a plan can never be built from outputs that these rules
 * got wrong.
 */
import * as pulumi from "@pulumi/pulumi";

/** The SDK's wire markers (@pulumi/pulumi runtime/rpc.js specialSigKey, specialSecretSig, unknownValue). */
const signatureKey = "4dabf18193072939515e22adb298388d";
const secretSignature = "1b47061264138c4ac30d75fd1eb44270";
const unknownValue = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** Marks a value the synchronous walk does not handle. */
const notPlain = Symbol("not plain data");

/** The program's outputs in wire form, each serialised as soon as it resolves. */
export async function serializeOutputsEarly(
  outputs: Record<string, unknown>,
): Promise<Record<string, unknown>> {
  const entries = await Promise.all(
    Object.keys(outputs).map(async (key) => [key, await serializeOne(key, outputs[key])] as const),
  );
  const result: Record<string, unknown> = {};
  for (const [key, value] of entries) if (value !== undefined) result[key] = value;
  return result;
}

async function serializeOne(key: string, value: unknown): Promise<unknown> {
  if (pulumi.Output.isInstance(value)) {
    // isKnown and isSecret are on every Output the SDK makes, but absent from its public typings.
    const output = value as unknown as {
      isKnown: Promise<boolean>;
      isSecret: Promise<boolean>;
      promise(): Promise<unknown>;
    };
    const [isKnown, isSecret, resolved] = await Promise.all([
      output.isKnown,
      output.isSecret,
      output.promise(),
    ]);
    if (!isKnown) return unknownValue;
    const plain = plainWire(resolved);
    if (plain === notPlain) return sdkSerialized(key, value);
    return isSecret === true ? { [signatureKey]: secretSignature, value: plain } : plain;
  }
  const plain = plainWire(value);
  return plain === notPlain ? sdkSerialized(key, value) : plain;
}

/** The SDK's own serialisation of one output, for values that are not plain data. */
async function sdkSerialized(key: string, value: unknown): Promise<unknown> {
  const serialized = await pulumi.runtime.serializeProperties("stack outputs", { [key]: value });
  return serialized[key];
}

/** Plain data in wire form (rpc.js serializeProperty's rules for it), or `notPlain`. */
function plainWire(value: unknown): unknown {
  switch (typeof value) {
    case "undefined":
    case "boolean":
    case "number":
    case "string":
      return value;
    case "function":
      return undefined;
    case "object": {
      if (value === null) return null;
      if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype) return notPlain;
        const result: unknown[] = [];
        for (let i = 0; i < value.length; i++) {
          const element = plainWire(value[i]);
          if (element === notPlain) return notPlain;
          result.push(element === undefined ? null : element);
        }
        return result;
      }
      const prototype = Object.getPrototypeOf(value);
      if (prototype !== Object.prototype && prototype !== null) return notPlain;
      // A plain object that is secretly an Asset, an Output or a resource carries a class
      // prototype, so it is caught above; this one is data.
      const result: Record<string, unknown> = {};
      for (const key of Object.keys(value)) {
        const field = plainWire((value as Record<string, unknown>)[key]);
        if (field === notPlain) return notPlain;
        if (field !== undefined) result[key] = field;
      }
      return result;
    }
    default:
      // symbols, bigints: left to the SDK, which decides what they become.
      return notPlain;
  }
}
