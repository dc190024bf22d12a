/** What the figures were measured on: they mean nothing without it. */
import { execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";

export interface Machine {
  cpuModel: string;
  cores: number;
  memoryGb: number;
  node: string;
  os: string;
  commit: string;
}

export function describeMachine(repoRoot: string): Machine {
  const cpuList = cpus();
  return {
    cpuModel: cpuList[0]?.model.trim() ?? "unknown",
    cores: cpuList.length,
    memoryGb: totalmem() / 1024 ** 3,
    node: process.version,
    os: `${process.platform} ${process.arch}`,
    commit: gitCommit(repoRoot),
  };
}

/** 1-minute load average: above the core count, other work shared the CPUs. */
export function loadNow(): number {
  return loadavg()[0];
}

function gitCommit(repoRoot: string): string {
  try {
    const hash = execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: repoRoot })
      .toString()
      .trim();
    const dirty = execFileSync("git", ["status", "--porcelain", "--untracked-files=no"], {
      cwd: repoRoot,
    })
      .toString()
      .trim();
    return dirty ? `${hash} (with uncommitted changes)` : hash;
  } catch {
    return "unknown";
  }
}
