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

/** One pack's measurement in one round (children/pack-driver.ts). */
export interface PackRun {
  startupMs: number;
  portMs: number;
  policies: number;
  /** `analyzeSequentialCalls` corpus resources (every fifth), each in its own call, one in flight. */
  analyzeMs: number;
  analyzeSequentialCalls: number;
  /** Every corpus resource in its own Analyze call, in the concurrent phase. */
  analyzeCalls: number;
  /** The same calls, `inFlight` at a time. */
  analyzeParallelMs: number;
  /** The pack process's CPU time (user + system) over the concurrent phase. */
  analyzeParallelServerCpuMs: number;
  inFlight: number;
  /** Median of `analyzeStackSamplesMs`. */
  analyzeStackMs: number;
  analyzeStackSamplesMs: number[];
  /** Sequential GetPluginInfo calls per second: the round trip's ceiling for Analyze. */
  emptyCallsPerSec: number;
  /** Over the concurrent phase's responses, decoded after the clock stopped. */
  resourceDiagnostics: number;
  notApplicableEntries: number;
  responseBytes: number;
  /** Time this client took to decode those responses (google-protobuf, outside the timed phase). */
  decodeMs: number;
  stackDiagnostics: number;
  /** The concurrent phase sent again by the engine's own Go code path (absent if not measured). */
  engineClient?: EngineClientRun;
  /** 1-minute load average when the run started and ended. */
  loadStart: number;
  loadEnd: number;
}

/** One concurrent phase of bench/engine-client (its JSON line, plus the pack's CPU over it). */
export interface EngineClientRun {
  calls: number;
  inFlight: number;
  /** Wall time from the first call sent to the last response summarised. */
  ms: number;
  /** The Go client's own CPU time over the same phase. */
  clientCpuMs: number;
  /** The pack process's CPU time (user + system) over the phase, as read by the driver. */
  serverCpuMs: number;
  diagnostics: number;
  notApplicable: number;
  /** Summed over every call's policy summary, as the engine builds it (passed, failed). */
  passed: number;
  failed: number;
}

/** The packs compared, in the order of `BenchResults.packs`. */
export const packNames = ["ours", "floor", "awsguard"] as const;
export type PackName = (typeof packNames)[number];

export interface InProcessRun {
  resources: number;
  resourcePhaseMs: number[];
  stackPhaseMs: number[];
  bothMs: number[];
  violations: number;
}

export interface BenchResults {
  date: string;
  /** The command that produced these figures. */
  command: string;
  /** Sections measured: "all", or "packs" (the pack comparison only). */
  sections: "all" | "packs";
  machine: Machine;
  loadBefore: number;
  loadAfter: number;
  runs: number;
  plan: PlanSize[];
  /** The requests every pack received: the same corpus for all. */
  corpus: { resources: number; description: string };
  /** One run per pack and round; index i of each list is round i + 1. */
  packs: Record<PackName, PackRun[]>;
  /** Which pack went first in each round (the order rotates). */
  packOrder: PackName[][];
  /**
   * Whether the engine's Go path (bench/engine-client) was measured; `skipped` says why not.
   * Absent in results written before it existed.
   */
  engineClient?: { skipped?: string };
  inProcess?: InProcessRun;
  tests?: { samples: Sample[]; summary: string };
  profiles: { label: string; command: string; summary: ProfileSummary }[];
}
