/**
 * The real entry points, spawned: bin/hdh.js as CI runs it, and `npx hdh` from the repository
 * root, which must run this repository's bin and never ask the registry for a package called hdh.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
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
