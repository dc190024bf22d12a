/**
 * Runs one measurement in its own process, so that one size does not pollute the next (heap,
 * JIT, module cache), and reads its wall time and peak resident memory.
 *
 * Peak RSS and CPU time come from GNU time (`/usr/bin/time -f "%M %U %S"`, the kernel's ru_maxrss of the child and
 * its descendants), so it is right even when the measured command re-spawns Node with flags.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface ProcessSample {
  wallMs: number;
  /** Peak resident set size in MiB. */
  peakRssMb: number;
  /** User + system CPU time of the process and its children: less sensitive to load than wall. */
  cpuMs: number;
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ProcessOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Exit codes that mean the measurement ran (e.g. 1 = violations found). @default [0] */
  okExitCodes?: readonly number[];
}

const gnuTime = "/usr/bin/time";

export async function measureProcess(
  command: string,
  args: readonly string[],
  options: ProcessOptions,
): Promise<ProcessSample> {
  if (!existsSync(gnuTime)) {
    throw new Error(`${gnuTime} not found: install GNU time (Debian: apt-get install time)`);
  }
  const dir = mkdtempSync(join(tmpdir(), "hdh-bench-"));
  const rssFile = join(dir, "rss");
  try {
    const started = performance.now();
    const child = spawn(gnuTime, ["-f", "%M %U %S", "-o", rssFile, command, ...args], {
      cwd: options.cwd,
      env: { ...process.env, ...options.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exitCode = await new Promise<number>((resolve, reject) => {
      child.on("error", reject);
      child.on("close", (code) => resolve(code ?? -1));
    });
    const wallMs = performance.now() - started;
    const okExitCodes = options.okExitCodes ?? [0];
    if (!okExitCodes.includes(exitCode)) {
      throw new Error(
        `${command} ${args.join(" ")} exited with ${exitCode}\n${stderr.slice(-4000)}`,
      );
    }
    // GNU time writes "Command exited with non-zero status N" before the figure on failure.
    const lines = readFileSync(rssFile, "utf8").trim().split("\n");
    const [peakRssKb, userS, systemS] = lines[lines.length - 1].split(" ").map(Number);
    const cpuMs = (userS + systemS) * 1000;
    return { wallMs, peakRssMb: peakRssKb / 1024, cpuMs, exitCode, stdout, stderr };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The last line of a child's stdout, parsed as the JSON report the bench children print. */
export function lastJsonLine<T>(stdout: string): T {
  const lines = stdout.trim().split("\n");
  return JSON.parse(lines[lines.length - 1]) as T;
}
