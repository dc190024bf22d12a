/**
 * patches/@pulumi+pulumi+3.248.0.patch: @pulumi/pulumi no longer loads TypeScript when it is
 * imported, only when a function is first serialised (a dynamic provider, a closure). Each check
 * runs in a fresh Node process: this test process may already hold TypeScript for other reasons.
 */
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "../..");

/** Runs `script` in a fresh Node process at the repository root and returns its stdout. */
function node(script: string): string {
  return execFileSync(process.execPath, ["-e", script], { cwd: root, encoding: "utf8" });
}

const typescriptLoaded =
  'Object.keys(require.cache).some((k) => k.includes("/node_modules/typescript/"))';

describe("@pulumi/pulumi loads TypeScript lazily", () => {
  it("importing the SDK leaves TypeScript unloaded", () => {
    expect(
      node(`require("@pulumi/pulumi"); process.stdout.write(String(${typescriptLoaded}));`),
    ).toBe("false");
  });

  it("serialising a function still parses it with TypeScript, loaded on that first use", () => {
    const out = node(`
      const pulumi = require("@pulumi/pulumi");
      const before = ${typescriptLoaded};
      const factor = 6;
      pulumi.runtime
        .serializeFunction((x) => x * factor)
        .then((f) => process.stdout.write(JSON.stringify({ before, after: ${typescriptLoaded}, text: f.text })));
    `);
    const result = JSON.parse(out) as { before: boolean; after: boolean; text: string };
    expect(result.before).toBe(false);
    expect(result.after).toBe(true);
    // The captured variable is serialised by value, which needs the parse.
    expect(result.text).toMatch(/factor/);
    expect(result.text).toMatch(/6/);
  });
});
