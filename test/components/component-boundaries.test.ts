/**
 * Components own their inputs: no file under components/ may import the stack layer (stacks/),
 * whose configuration types and readers belong to one program. A component that needs a value
 * takes it in its own Args; stacks/component-args.ts maps the validated config to them.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { describe, expect, it } from "vitest";

const root = resolve(__dirname, "../..");
const componentsDir = join(root, "components");
const stacksDir = join(root, "stacks");

/** Every module specifier a TypeScript file names: import/export ... from, import(), require(). */
function specifiers(source: string): string[] {
  const found: string[] = [];
  const patterns = [
    /\b(?:import|export)\s[^;]*?\bfrom\s*["']([^"']+)["']/g,
    /\bimport\s*["']([^"']+)["']/g,
    /\bimport\s*\(\s*["']([^"']+)["']\s*\)/g,
    /\brequire\s*\(\s*["']([^"']+)["']\s*\)/g,
  ];
  for (const pattern of patterns) {
    for (const match of source.matchAll(pattern)) found.push(match[1]);
  }
  return found;
}

/** Specifiers of `file` (whose text is `source`) that resolve into stacks/. */
function stackImports(file: string, source: string): string[] {
  return specifiers(source).filter((spec) => {
    if (!spec.startsWith(".")) return false;
    const target = resolve(dirname(file), spec);
    return target === stacksDir || target.startsWith(stacksDir + sep);
  });
}

function typeScriptFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return typeScriptFiles(path);
    return entry.name.endsWith(".ts") ? [path] : [];
  });
}

describe("components own their inputs", () => {
  it("the check sees each way a file can reach stacks/", () => {
    const file = join(componentsDir, "network", "example.ts");
    const offending = [
      'import { zoneNames } from "../../stacks/config";',
      'import type { PlatformConfig } from "../../stacks/config";',
      'export { x } from "../../stacks/program";',
      'const m = await import("../../stacks/pulumi-config");',
      'const c = require("../../stacks");',
      'import "../../stacks/index";',
    ];
    for (const line of offending) expect(stackImports(file, line), line).toHaveLength(1);
    expect(stackImports(file, 'import { Network } from "./network";')).toEqual([]);
    expect(stackImports(file, 'import * as pulumi from "@pulumi/pulumi";')).toEqual([]);
  });

  it("no file under components/ imports from stacks/", () => {
    const files = typeScriptFiles(componentsDir);
    expect(files.length).toBeGreaterThan(50);
    const offenders = files.flatMap((file) =>
      stackImports(file, readFileSync(file, "utf8")).map(
        (spec) => `${relative(root, file)} imports ${spec}`,
      ),
    );
    expect(offenders).toEqual([]);
  });
});
