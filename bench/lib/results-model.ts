/** Everything one `npm run bench` measured, as written to bench/.runs/results.json. */
import type { Machine } from "./machine";
import type { ProfileSummary } from "./cpu-profile";
import type { ProcessSample } from "./measure-process";

export type Sample = Omit<ProcessSample, "stdout" | "stderr">;

export interface PlanSize {
  /** "dev", or the number of workspaces given to `--workspaces`. */
  label: string;
  workspaces?: number;
  resources: number;
  /** `hdh plan` exit code (1 = mandatory violations found, still a complete plan). */
  exitCode: number;
  plan: Sample[];
  /** The bare-mock floor with the same resource count, each run right after the plan's. */
  floor: Sample[];
}

export interface PackRun {
  startupMs: number;
  portMs: number;
  policies: number;
  analyzeMs: number;
  analyzeCalls: number;
  analyzeStackMs: number;
  /** Sequential GetPluginInfo calls per second: the round trip's ceiling for Analyze. */
  emptyCallsPerSec?: number;
  resourceDiagnostics: number;
  stackDiagnostics: number;
}

export interface InProcessRun {
  resources: number;
  resourcePhaseMs: number[];
  stackPhaseMs: number[];
  bothMs: number[];
  violations: number;
}

export interface BenchResults {
  date: string;
  machine: Machine;
  loadBefore: number;
  loadAfter: number;
  runs: number;
  plan: PlanSize[];
  corpus: { ours: string; awsguard: string; resources: number };
  packs: { ours: PackRun[]; awsguard: PackRun[] };
  inProcess?: InProcessRun;
  tests?: { samples: Sample[]; summary: string };
  profiles: { label: string; command: string; summary: ProfileSummary }[];
}
