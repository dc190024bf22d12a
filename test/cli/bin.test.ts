/**
 * The real entry points, spawned: bin/hdh.js as CI runs it, and `npx hdh` from the repository
 * root, which must run this repository's bin and never ask the registry for a package called hdh.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot, samples } from "./run-cli";

const built = existsSync(join(repoRoot, "dist", "cli", "main.js"));

describe.skipIf(!built)("bin/hdh.js (needs `npm run build`, which `npm ci` runs)", () => {
  it("checks a sample export: exit 1, report on stdout, nothing on stderr", () => {
    const run = spawnSync(
      process.execPath,
      [
        join(repoRoot, "bin", "hdh.js"),
        "check",
        join(samples, "openstack-prod.stack-export.json"),
        "--format",
        "sarif",
      ],
      { cwd: repoRoot, encoding: "utf8" },
    );
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).version).toBe("2.1.0");
    expect(run.stderr).toBe("");
  });

  it("`npx hdh` resolves to this repository's bin, offline", () => {
    // --offline makes any registry request fail, so a download attempt could not pass unnoticed.
    const run = spawnSync(
      "npx",
      [
        "--offline",
        "hdh",
        "check",
        join(samples, "workspace-dev.preview.json"),
        "--format",
        "json",
      ],
      {
        cwd: repoRoot,
        encoding: "utf8",
        env: { ...process.env, npm_config_cache: mkdtempSync(join(tmpdir(), "hdh-npx-cache-")) },
      },
    );
    expect(run.stderr).not.toMatch(/ENOTCACHED|npm error/);
    expect(run.status).toBe(1);
    expect(JSON.parse(run.stdout).hdh.command).toBe("check");
  });
});

/** A Node.js with module.enableCompileCache (22.8+): this one, or the Node 24 .ci/run installs. */
function nodeWithCompileCache(): string | undefined {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major > 22 || (major === 22 && minor >= 8)) return process.execPath;
  return process.env.HDH_NODE24 || undefined;
}

function withoutCompileCacheVariables(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const { NODE_COMPILE_CACHE: _cache, NODE_DISABLE_COMPILE_CACHE: _disable, ...rest } = env;
  return rest;
}

const cacheNode = nodeWithCompileCache();
describe.skipIf(!built || !cacheNode)(
  `bin/hdh.js and Node's compile cache${cacheNode ? "" : " — SKIPPED: needs Node.js 22.8+ (HDH_NODE24, which .ci/run sets)"}`,
  () => {
    it("fills the compile cache on a first run and the same output comes from it on the next", () => {
      const dir = mkdtempSync(join(tmpdir(), "hdh-compile-cache-"));
      const run = () =>
        spawnSync(cacheNode!, [join(repoRoot, "bin", "hdh.js"), "--version"], {
          encoding: "utf8",
          // No NODE_COMPILE_CACHE (which would enable the cache by itself): the bin turns it on,
          // in Node's default place under the temporary directory.
          env: { ...withoutCompileCacheVariables(process.env), TMPDIR: dir },
        });
      const first = run();
      expect(first.status, first.stderr).toBe(0);
      expect(
        readdirSync(join(dir, "node-compile-cache"), { recursive: true }).length,
      ).toBeGreaterThan(0);
      const second = run();
      expect(second.stdout).toBe(first.stdout);
      expect(second.stderr).toBe("");
    });
  },
);
