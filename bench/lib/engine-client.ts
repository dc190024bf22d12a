/**
 * Builds bench/engine-client (the Pulumi engine's own Go code path for Analyze, see its main.go)
 * into a cache outside the repository, keyed by the Pulumi version it is built against and by its
 * sources: ~/.cache/hdh/bench-engine-client/<version>-<hash>/engine-client ($HDH_BENCH_CACHE
 * replaces ~/.cache/hdh/bench-engine-client). The modules come from the Go module proxy, in the
 * same module and build caches as scripts/pulumi-toolchain.sh (the CLI built there shares most of
 * them), and go.sum pins every one.
 *
 * Returns the binary, or why the benchmark goes without it (no `go` on PATH, or the build failed):
 * the results then say the engine-path figure was not measured, never show one.
 */
import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export type EngineClient = { binary: string } | { skipped: string };

/** The Pulumi version the client's go.mod requires (sdk/v3 and pkg/v3 alike). */
function requiredPulumiVersion(goMod: string): string {
  const sdk = /github\.com\/pulumi\/pulumi\/sdk\/v3 v(\S+)/.exec(goMod)?.[1];
  const pkg = /github\.com\/pulumi\/pulumi\/pkg\/v3 v(\S+)/.exec(goMod)?.[1];
  if (!sdk || sdk !== pkg) {
    throw new Error(
      `bench/engine-client/go.mod must require github.com/pulumi/pulumi/sdk/v3 and pkg/v3 at one version (found ${sdk ?? "none"} and ${pkg ?? "none"})`,
    );
  }
  return sdk;
}

export function buildEngineClient(repo: string, log: (message: string) => void): EngineClient {
  const dir = join(repo, "bench", "engine-client");
  const goMod = readFileSync(join(dir, "go.mod"), "utf8");
  const version = requiredPulumiVersion(goMod);
  const lock = JSON.parse(readFileSync(join(repo, "package-lock.json"), "utf8")) as {
    packages: Record<string, { version?: string }>;
  };
  const pinned = lock.packages["node_modules/@pulumi/pulumi"]?.version;
  if (pinned !== version) {
    throw new Error(
      `bench/engine-client/go.mod builds against Pulumi ${version} but package-lock.json pins @pulumi/pulumi ${pinned}: the engine path must be the pinned engine's (update go.mod with go get github.com/pulumi/pulumi/sdk/v3@v${pinned} github.com/pulumi/pulumi/pkg/v3@v${pinned}, then go mod tidy)`,
    );
  }
  try {
    execFileSync("go", ["version"], { stdio: "ignore" });
  } catch {
    return { skipped: "go is not on PATH" };
  }
  const hash = createHash("sha256");
  for (const file of ["go.mod", "go.sum", "main.go"]) hash.update(readFileSync(join(dir, file)));
  const root =
    process.env.HDH_BENCH_CACHE ?? join(homedir(), ".cache", "hdh", "bench-engine-client");
  const out = join(root, `${version}-${hash.digest("hex").slice(0, 16)}`);
  const binary = join(out, "engine-client");
  if (existsSync(binary)) return { binary };
  log(`building the engine client (Go, Pulumi ${version}) into ${out}`);
  const hdhCache = join(homedir(), ".cache", "hdh", "go");
  const tmp = `${out}.tmp`;
  rmSync(tmp, { recursive: true, force: true });
  mkdirSync(tmp, { recursive: true });
  try {
    // nice: the machine is shared; -mod=readonly: go.sum is the pin, nothing is resolved anew.
    execFileSync(
      "nice",
      [
        "-n",
        "10",
        "go",
        "build",
        "-mod=readonly",
        "-trimpath",
        "-o",
        join(tmp, "engine-client"),
        ".",
      ],
      {
        cwd: dir,
        stdio: ["ignore", "inherit", "inherit"],
        env: {
          ...process.env,
          GOMODCACHE: process.env.GOMODCACHE_HDH ?? join(hdhCache, "mod"),
          GOCACHE: process.env.GOCACHE_HDH ?? join(hdhCache, "build"),
          GOFLAGS: "-buildvcs=false",
          GOTOOLCHAIN: process.env.GOTOOLCHAIN ?? "local",
        },
      },
    );
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    return { skipped: `go build of bench/engine-client failed: ${(err as Error).message}` };
  }
  rmSync(out, { recursive: true, force: true });
  renameSync(tmp, out);
  return { binary };
}
