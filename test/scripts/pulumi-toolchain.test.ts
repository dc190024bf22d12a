/**
 * scripts/pulumi-toolchain.sh install: what the CI templates rely on to get the Pulumi CLI and
 * plugins without a run-time download. It must refuse an archive whose checksum is not the pinned
 * one, whose CLI is not the lockfile's @pulumi/pulumi version, or that lacks a plugin at a provider
 * package's locked version, and install the plugins of a complete one.
 *
 * The archives here are made by the test. Their `bin/pulumi` is a stand-in shell script that
 * prints a version and records its arguments: what is under test is our script's checking, and
 * no real toolchain archive can be built on these machines (docs/ci.md, "The real Pulumi engine").
 * Where the real CLI built by `scripts/pulumi-toolchain.sh cli` is cached, the last test installs
 * the plugins with it and reads them back with `pulumi plugin ls`; otherwise it says it skipped.
 */
import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { homedir, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const root = join(__dirname, "..", "..");
const script = join(root, "scripts/pulumi-toolchain.sh");
const lock = JSON.parse(readFileSync(join(root, "package-lock.json"), "utf8")) as {
  packages: Record<string, { version?: string }>;
};
const locked = (name: string) => lock.packages[`node_modules/${name}`]?.version;
const pulumiVersion = locked("@pulumi/pulumi")!;
/** The plugins the lockfile asks for: plugin name -> version. */
const plugins = Object.fromEntries(
  (
    [
      ["@pulumi/openstack", "openstack"],
      ["@pulumi/kubernetes", "kubernetes"],
      ["@pulumi/random", "random"],
      ["@ovhcloud/pulumi-ovh", "ovh"],
    ] as const
  )
    .filter(([npm]) => locked(npm))
    .map(([npm, name]) => [name, locked(npm)!]),
);
const realCli = join(
  homedir(),
  ".cache/hdh/pulumi-toolchain",
  `cli-${pulumiVersion}`,
  "bin",
  "pulumi",
);

interface ArchiveSpec {
  cliVersion?: string;
  leaveOut?: string;
  /** Use this real CLI as bin/pulumi instead of the stand-in. */
  cli?: string;
}

/** Builds a toolchain archive in the layout `install` checks; returns its path and SHA-256. */
function makeArchive(spec: ArchiveSpec = {}): { file: string; sha256: string; log: string } {
  const dir = mkdtempSync(join(tmpdir(), "hdh-toolchain-archive-"));
  const tree = join(dir, "tree");
  mkdirSync(join(tree, "bin"), { recursive: true });
  mkdirSync(join(tree, "plugins"));
  const log = join(dir, "calls.log");
  const exe = (path: string, text: string) => {
    writeFileSync(path, text);
    chmodSync(path, 0o755);
  };
  if (spec.cli) {
    // A link, not a 110 MB copy: tar keeps it, and the unpacked bin/pulumi runs the real CLI.
    symlinkSync(spec.cli, join(tree, "bin/pulumi"));
  } else {
    exe(
      join(tree, "bin/pulumi"),
      `#!/bin/sh\necho "PULUMI_HOME=$PULUMI_HOME $*" >> ${log}\n[ "$1" = version ] && echo v${spec.cliVersion ?? pulumiVersion}\nexit 0\n`,
    );
  }
  exe(join(tree, "bin/pulumi-language-nodejs"), "#!/bin/sh\nexit 0\n");
  for (const [name, version] of Object.entries(plugins)) {
    if (name === spec.leaveOut) continue;
    exe(join(tree, `plugins/pulumi-resource-${name}-v${version}`), "#!/bin/sh\nexit 0\n");
  }
  const file = join(dir, "toolchain.tar.gz");
  spawnSync("tar", ["-czf", file, "-C", tree, "."]);
  const sha256 = createHash("sha256").update(readFileSync(file)).digest("hex");
  return { file, sha256, log };
}

function install(file: string, sha256: string) {
  const cache = mkdtempSync(join(tmpdir(), "hdh-toolchain-cache-"));
  const run = spawnSync("bash", [script, "install", file, sha256], {
    encoding: "utf8",
    env: { ...process.env, HDH_TOOLCHAIN_CACHE: cache },
  });
  return { code: run.status, stdout: run.stdout.trim(), stderr: run.stderr };
}

describe("pulumi-toolchain.sh install: a pinned archive or nothing", () => {
  it("refuses an archive whose SHA-256 is not the pinned one, naming both", () => {
    const archive = makeArchive();
    const wrong = "0".repeat(64);
    const run = install(archive.file, wrong);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(`has SHA-256 ${archive.sha256}, not the pinned ${wrong}: refused`);
  });

  it("a pin that is not a SHA-256 is the user's mistake: exit 2 naming the variable", () => {
    const run = install(makeArchive().file, "latest");
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/64 hex digits.*HDH_PULUMI_TOOLCHAIN_SHA256/);
  });

  it("refuses plain HTTP", () => {
    const run = install("http://mirror.example.eu/toolchain.tar.gz", "a".repeat(64));
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/not HTTPS/);
  });

  it("refuses a CLI that is not the lockfile's @pulumi/pulumi version", () => {
    const archive = makeArchive({ cliVersion: "3.150.0" });
    const run = install(archive.file, archive.sha256);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      `the archive's CLI is v3.150.0 but package-lock.json has @pulumi/pulumi ${pulumiVersion}`,
    );
  });

  it("refuses an archive without a plugin at a locked provider version, naming it", () => {
    const archive = makeArchive({ leaveOut: "openstack" });
    const run = install(archive.file, archive.sha256);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain(
      `no plugins/pulumi-resource-openstack-v${plugins.openstack}, but package-lock.json has @pulumi/openstack ${plugins.openstack}`,
    );
  });

  it("installs every locked plugin from a complete archive into the toolchain's own PULUMI_HOME", () => {
    const archive = makeArchive();
    const run = install(archive.file, archive.sha256);
    expect(run.code, run.stderr).toBe(0);
    const calls = readFileSync(archive.log, "utf8");
    for (const [name, version] of Object.entries(plugins)) {
      expect(calls).toContain(
        `PULUMI_HOME=${run.stdout}/home plugin install resource ${name} ${version} --file ${run.stdout}/plugins/pulumi-resource-${name}-v${version}`,
      );
    }
    expect(existsSync(join(run.stdout, ".installed"))).toBe(true);
  });

  it.skipIf(!existsSync(realCli))(
    `with the real Pulumi CLI ${pulumiVersion}: the plugins are installed and listed by \`pulumi plugin ls\`${existsSync(realCli) ? "" : " — SKIPPED: run scripts/pulumi-toolchain.sh cli first"}`,
    () => {
      const archive = makeArchive({ cli: realCli });
      const run = install(archive.file, archive.sha256);
      expect(run.code, run.stderr).toBe(0);
      const ls = spawnSync(join(run.stdout, "bin/pulumi"), ["plugin", "ls", "--json"], {
        encoding: "utf8",
        env: { ...process.env, PULUMI_HOME: join(run.stdout, "home") },
      });
      const listed = (JSON.parse(ls.stdout) as { name: string; kind: string; version: string }[])
        .map((p) => `${p.kind} ${p.name} ${p.version}`)
        .sort();
      expect(listed).toEqual(
        Object.entries(plugins)
          .map(([name, version]) => `resource ${name} ${version}`)
          .sort(),
      );
    },
    60_000,
  );
});
