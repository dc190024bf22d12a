/**
 * The lockfile pins everything: what `npm ci` installs in CI is exactly what was reviewed, with
 * nothing resolved at install time and every tarball checked against its recorded hash.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(__dirname, "../..");
const manifest = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
};
const lock = JSON.parse(fs.readFileSync(path.join(root, "package-lock.json"), "utf8")) as {
  lockfileVersion: number;
  packages: Record<string, LockEntry>;
};

interface LockEntry {
  version?: string;
  integrity?: string;
  resolved?: string;
  link?: boolean;
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

const exactVersion = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;
const declared = {
  ...manifest.dependencies,
  ...manifest.devDependencies,
  ...manifest.optionalDependencies,
};
const installed = Object.entries(lock.packages).filter(([key]) => key !== "");

describe("dependency pinning", () => {
  it("every direct dependency is an exact version, never a range, tag, URL or git reference", () => {
    const loose = Object.entries(declared).filter(([, spec]) => !exactVersion.test(spec));
    expect(loose).toEqual([]);
  });

  it("the lockfile is npm's v3 format and records the same direct dependencies as package.json", () => {
    expect(lock.lockfileVersion).toBe(3);
    const rootEntry = lock.packages[""];
    expect({ ...rootEntry.dependencies, ...rootEntry.devDependencies }).toEqual(declared);
  });

  it("every installed package has an exact version and a SHA-512 integrity hash", () => {
    const unpinned = installed
      .filter(([, entry]) => !entry.link)
      .filter(
        ([, entry]) =>
          !exactVersion.test(entry.version ?? "") ||
          !/^sha512-[A-Za-z0-9+/]+=*$/.test(entry.integrity ?? ""),
      )
      .map(([key]) => key);
    expect(installed.length).toBeGreaterThan(100);
    expect(unpinned).toEqual([]);
  });

  it("no package comes from git, a tarball URL or a local path", () => {
    const foreign = installed
      .filter(
        ([, entry]) =>
          entry.link ||
          (entry.resolved && !entry.resolved.startsWith("https://registry.npmjs.org/")),
      )
      .map(([key, entry]) => `${key} (${entry.resolved ?? "link"})`);
    expect(foreign).toEqual([]);
  });

  it("each direct dependency resolves in the lockfile to the version package.json names", () => {
    const drift = Object.entries(declared)
      .filter(([name, version]) => lock.packages[`node_modules/${name}`]?.version !== version)
      .map(
        ([name, version]) =>
          `${name}: package.json ${version}, lockfile ${lock.packages[`node_modules/${name}`]?.version}`,
      );
    expect(drift).toEqual([]);
  });
});
