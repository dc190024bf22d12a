/**
 * The value readers every rule goes through: a value unknown at preview is never read as a
 * known one, a value of the wrong shape is absent rather than a crash, and the `*` globs of
 * `productionStacks` match whole names only.
 */
import { describe, expect, it } from "vitest";
import {
  at,
  isUnknown,
  list,
  matchesGlob,
  num,
  obj,
  raw,
  readPath,
  str,
  stringMap,
  UnknownAt,
} from "../../../policies/lib/values";
import { unknown } from "../baseline";

/** Another of the engine's sentinels than the one `at` hands back. */
const unknownComputed = "1c4a061d-8072-4f0a-a4cb-0ff528b18fe7";

describe("isUnknown", () => {
  it("a known string or a non-string is not unknown", () => {
    for (const value of ["eu-west", "", undefined, null, 0, {}, []]) {
      expect(isUnknown(value)).toBe(false);
    }
  });

  it("each engine sentinel is unknown", () => {
    expect(isUnknown(unknown)).toBe(true);
    expect(isUnknown(unknownComputed)).toBe(true);
  });
});

describe("raw", () => {
  it("an absent or scalar value reads as an empty object, not a crash", () => {
    expect(raw(undefined)).toEqual({});
    expect(raw(null)).toEqual({});
    expect(raw("spec")).toEqual({});
  });

  it("a proxy is unwrapped to its target; a plain object is itself", () => {
    const target = { region: "GRA11" };
    expect(raw({ __getSpecialProxyTarget: target })).toBe(target);
    expect(raw(target)).toBe(target);
  });
});

describe("obj and list", () => {
  it("an array, null, a string or an unknown is not an object", () => {
    for (const value of [[], [{}], null, undefined, "x", unknown])
      expect(obj(value)).toBe(undefined);
    expect(obj({ a: 1 })).toEqual({ a: 1 });
  });

  it("only an array is a list (an unknown list has no known elements)", () => {
    expect(list([1])).toEqual([1]);
    expect(list(unknown)).toBe(undefined);
    expect(list({ 0: "a" })).toBe(undefined);
  });
});

describe("at", () => {
  it("a path through an unknown step is unknown, not absent", () => {
    expect(isUnknown(at({ metadata: unknownComputed }, "metadata.namespace"))).toBe(true);
    expect(isUnknown(at({ metadata: { namespace: unknown } }, "metadata.namespace"))).toBe(true);
  });

  it("a missing step or a scalar on the way is absent", () => {
    expect(at({ metadata: {} }, "metadata.namespace")).toBe(undefined);
    expect(at({ metadata: "x" }, "metadata.namespace")).toBe(undefined);
    expect(at({ metadata: { namespace: "ws-a" } }, "metadata.namespace")).toBe("ws-a");
  });
});

describe("str", () => {
  it("an empty string, an unknown or a non-string is no string", () => {
    for (const value of ["", unknown, 5, true, null, undefined, ["a"]]) {
      expect(str(value)).toBe(undefined);
    }
    expect(str("ws-a")).toBe("ws-a");
  });
});

describe("num", () => {
  it("a number or a numeric string is a number", () => {
    expect(num(443)).toBe(443);
    expect(num("8080")).toBe(8080);
    expect(num(" 22 ")).toBe(22);
  });

  it("NaN and infinities are no number", () => {
    expect(num(NaN)).toBe(undefined);
    expect(num(Infinity)).toBe(undefined);
    expect(num("Infinity")).toBe(undefined);
    expect(num("port")).toBe(undefined);
  });

  it("blank strings, null, booleans and arrays are no number (Number() would read 0 or 1)", () => {
    for (const value of ["", " ", null, true, false, [], unknown, undefined]) {
      expect(num(value)).toBe(undefined);
    }
  });
});

describe("stringMap", () => {
  it("keeps known string values only", () => {
    expect(stringMap({ a: "x", b: 1, c: unknown, d: null, e: true, f: "" })).toEqual({
      a: "x",
      f: "",
    });
  });

  it("a non-object is an empty map", () => {
    expect(stringMap(unknown)).toEqual({});
    expect(stringMap(["a"])).toEqual({});
  });
});

describe("matchesGlob", () => {
  // Patterns unlike any other test's: compiled globs are cached per pattern.
  it("a name without `*` matches only itself", () => {
    expect(matchesGlob("prod", ["prod"])).toBe(true);
    expect(matchesGlob("prod-eu", ["prod"])).toBe(false);
  });

  it("`*` stands for any run of characters, including none", () => {
    expect(matchesGlob("glob-prod-eu", ["glob-prod-*"])).toBe(true);
    expect(matchesGlob("glob-prod-", ["glob-prod-*"])).toBe(true);
    expect(matchesGlob("eu-glob-prod", ["*-glob-prod"])).toBe(true);
  });

  it("a glob matches the whole name, not a part of it", () => {
    expect(matchesGlob("dev", ["glob-pre-*"])).toBe(false);
    expect(matchesGlob("old-glob-pre-1", ["glob-pre-*"])).toBe(false);
    expect(matchesGlob("a-glob-suf-backup", ["*-glob-suf"])).toBe(false);
  });

  it("regex characters in a pattern are literal", () => {
    expect(matchesGlob("hdh.glob.prod-1", ["hdh.glob.prod*"])).toBe(true);
    expect(matchesGlob("hdhXglobXprod-1", ["hdh.glob.prod*"])).toBe(false);
    expect(matchesGlob("team+glob(2)", ["team+glob(*)"])).toBe(true);
  });

  it("any one of several patterns is enough", () => {
    expect(matchesGlob("staging", ["glob-any-*", "staging"])).toBe(true);
    expect(matchesGlob("qa", ["glob-any-*", "staging"])).toBe(false);
  });
});

describe("readPath", () => {
  const base = "spec.containers[0] (app)";

  it("reads a known value, and undefined for an absent step", () => {
    const container = { securityContext: { privileged: false } };
    expect(readPath(container, "securityContext.privileged", base)).toBe(false);
    expect(readPath(container, "securityContext.capabilities.drop", base)).toBeUndefined();
    expect(readPath({}, "securityContext.privileged", base)).toBeUndefined();
  });

  it("names the first step unknown at preview, whatever the sentinel", () => {
    expect(readPath({ securityContext: unknown }, "securityContext.privileged", base)).toEqual(
      new UnknownAt(`${base}.securityContext`),
    );
    expect(
      readPath(
        { securityContext: { privileged: unknownComputed } },
        "securityContext.privileged",
        base,
      ),
    ).toEqual(new UnknownAt(`${base}.securityContext.privileged`));
    expect(readPath(unknown, "image", base)).toEqual(new UnknownAt(base));
  });

  it("paths from the resource itself start without a dot", () => {
    expect(readPath({ spec: unknown }, "spec.template", "")).toEqual(new UnknownAt("spec"));
  });
});
