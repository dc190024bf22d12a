/**
 * Runs once before the suite: checks the Node version the SDK supports, so a wrong toolchain
 * fails with one clear line rather than odd import errors, and compiles the policy pack when its
 * sources are newer than policies/bin, because the gRPC tests start the pack as the Pulumi CLI
 * does, from its compiled `main` (cheap when up to date: one directory walk).
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import type { TestProject } from "vitest/node";
import { probeLoopback } from "./openstack/probe";

const root = path.resolve(__dirname, "..");
const policies = path.join(root, "policies");

function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "bin" || entry.name === "node_modules") continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(full));
    else if (entry.name.endsWith(".ts") || entry.name === "tsconfig.json")
      newest = Math.max(newest, fs.statSync(full).mtimeMs);
  }
  return newest;
}

function buildPolicyPackIfStale(): void {
  const entry = path.join(policies, "bin", "index.js");
  const built = fs.existsSync(entry) ? fs.statSync(entry).mtimeMs : 0;
  if (built >= newestSource(policies)) return;
  execFileSync(
    process.execPath,
    [require.resolve("typescript/bin/tsc"), "-p", path.join(policies, "tsconfig.json")],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  // tsc keeps an unchanged output's mtime; touch the entry so the next run sees it fresh.
  const now = new Date();
  fs.utimesSync(entry, now, now);
}

export default async function setup(project: TestProject): Promise<void> {
  const [major, minor] = process.versions.node.split(".").map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    throw new Error(`hdh-sovereign needs Node.js >= 20.19, found ${process.versions.node}`);
  }
  buildPolicyPackIfStale();
  // The real Keystone, Swift and Barbican, when scripts/openstack-loopback.sh started them:
  // probed once here, read by the suites with inject("openstackLoopback").
  project.provide("openstackLoopback", (await probeLoopback()) ?? null);
}
