/** Renders bench/results.md from one run's measurements: every figure is a median of the runs. */
import type { BenchResults, PackName, PackRun, PlanSize } from "./results-model";
import { packNames } from "./results-model";
import { median, range } from "./stats";

const s = (ms: number) => (ms / 1000).toFixed(2);
const f1 = (x: number) => x.toFixed(1);
const f2 = (x: number) => x.toFixed(2);
const int = (x: number) => Math.round(x).toLocaleString("en-US");
const yes = (ok: boolean) => (ok ? "**met**" : "**not met**");

export interface PlanFigures {
  size: PlanSize;
  wallMs: number;
  rssMb: number;
  msPerResource: number;
  floorWallMs: number;
  floorRssMb: number;
  floorMsPerResource: number;
  /** Median over runs of plan wall / floor wall, each pair measured back to back. */
  ratio: number;
  cpuMs: number;
  floorCpuMs: number;
  /** Same ratio on CPU time (user + system), which a loaded machine inflates less. */
  cpuRatio: number;
}

export function planFigures(size: PlanSize): PlanFigures {
  const wallMs = median(size.plan.map((x) => x.wallMs));
  const floorWallMs = median(size.floor.map((x) => x.wallMs));
  return {
    size,
    wallMs,
    rssMb: median(size.plan.map((x) => x.peakRssMb)),
    msPerResource: wallMs / size.resources,
    floorWallMs,
    floorRssMb: median(size.floor.map((x) => x.peakRssMb)),
    floorMsPerResource: floorWallMs / size.resources,
    ratio: median(size.plan.map((p, i) => p.wallMs / size.floor[i].wallMs)),
    cpuMs: median(size.plan.map((x) => x.cpuMs)),
    floorCpuMs: median(size.floor.map((x) => x.cpuMs)),
    cpuRatio: median(size.plan.map((p, i) => p.cpuMs / size.floor[i].cpuMs)),
  };
}

export interface PackFigures {
  startupMs: number;
  /** One Analyze call in flight. */
  analyzePerSec: number;
  /** `inFlight` Analyze calls in flight. */
  analyzeParallelPerSec: number;
  /** The pack's CPU time per Analyze call in the concurrent phase, in µs. */
  serverCpuUsPerCall: number;
  analyzeStackMs: number;
  policies: number;
  emptyCallsPerSec: number;
  notApplicablePerResponse: number;
  bytesPerResponse: number;
  decodeUsPerResponse: number;
  inFlight: number;
  /** The concurrent phase sent by the engine's Go path (bench/engine-client), when measured. */
  engine?: {
    perSec: number;
    /** The pack's CPU time per call, in µs. */
    serverCpuUs: number;
    /** The Go client's own CPU time per call, in µs. */
    clientCpuUs: number;
  };
}

/** Every run of these measured the engine's Go path. */
function withEngine(
  runs: readonly PackRun[],
): runs is (PackRun & Required<Pick<PackRun, "engineClient">>)[] {
  return runs.length > 0 && runs.every((r) => r.engineClient !== undefined);
}

export function packFigures(runs: readonly PackRun[]): PackFigures {
  const m = (pick: (r: PackRun) => number) => median(runs.map(pick));
  return {
    startupMs: m((r) => r.startupMs),
    analyzePerSec: m((r) => r.analyzeSequentialCalls / (r.analyzeMs / 1000)),
    analyzeParallelPerSec: m((r) => r.analyzeCalls / (r.analyzeParallelMs / 1000)),
    serverCpuUsPerCall: m((r) => (r.analyzeParallelServerCpuMs * 1000) / r.analyzeCalls),
    analyzeStackMs: m((r) => r.analyzeStackMs),
    policies: runs[0]?.policies ?? 0,
    emptyCallsPerSec: m((r) => r.emptyCallsPerSec),
    notApplicablePerResponse: m((r) => r.notApplicableEntries / r.analyzeCalls),
    bytesPerResponse: m((r) => r.responseBytes / r.analyzeCalls),
    decodeUsPerResponse: m((r) => (r.decodeMs * 1000) / r.analyzeCalls),
    inFlight: runs[0]?.inFlight ?? 0,
    engine: withEngine(runs)
      ? {
          perSec: median(runs.map((r) => r.engineClient.calls / (r.engineClient.ms / 1000))),
          serverCpuUs: median(
            runs.map((r) => (r.engineClient.serverCpuMs * 1000) / r.engineClient.calls),
          ),
          clientCpuUs: median(
            runs.map((r) => (r.engineClient.clientCpuMs * 1000) / r.engineClient.calls),
          ),
        }
      : undefined,
  };
}

/** Ours against another pack, round by round (both measured in the same round): the median. */
export interface PackRatios {
  /** Our Analyze rate at `inFlight` calls in flight / theirs. */
  analyzeParallel: number;
  analyzeParallelRange: [number, number];
  /** Our AnalyzeStack time / theirs. */
  analyzeStack: number;
  analyzeStackRange: [number, number];
  /** Our pack's CPU per Analyze call / theirs. */
  serverCpu: number;
  /** One call in flight: our Analyze rate / theirs. */
  analyze: number;
  /** `inFlight` calls sent by the engine's Go path: our rate / theirs, and our pack CPU / theirs. */
  engine?: { parallel: number; parallelRange: [number, number]; serverCpu: number };
}

export function packRatios(ours: readonly PackRun[], theirs: readonly PackRun[]): PackRatios {
  const rounds = ours.map((o, i) => ({ o, t: theirs[i] }));
  const parallel = rounds.map(({ o, t }) => t.analyzeParallelMs / o.analyzeParallelMs);
  const stack = rounds.map(({ o, t }) => o.analyzeStackMs / t.analyzeStackMs);
  return {
    analyzeParallel: median(parallel),
    analyzeParallelRange: range(parallel),
    analyzeStack: median(stack),
    analyzeStackRange: range(stack),
    serverCpu: median(
      rounds.map(({ o, t }) => o.analyzeParallelServerCpuMs / t.analyzeParallelServerCpuMs),
    ),
    analyze: median(
      rounds.map(
        ({ o, t }) =>
          o.analyzeSequentialCalls / o.analyzeMs / (t.analyzeSequentialCalls / t.analyzeMs),
      ),
    ),
    engine: engineRatios(rounds),
  };
}

function engineRatios(rounds: { o: PackRun; t: PackRun }[]): PackRatios["engine"] {
  const both = rounds.flatMap(({ o, t }) =>
    o.engineClient && t.engineClient ? [{ o: o.engineClient, t: t.engineClient }] : [],
  );
  if (both.length === 0 || both.length !== rounds.length) return undefined;
  const parallel = both.map(({ o, t }) => t.ms / o.ms);
  return {
    parallel: median(parallel),
    parallelRange: range(parallel),
    serverCpu: median(both.map(({ o, t }) => o.serverCpuMs / t.serverCpuMs)),
  };
}

const packLabels: Record<PackName, string> = {
  ours: "hdh-sovereign (`policies/`)",
  floor: "floor pack (`bench/floor-pack/`)",
  awsguard: "@pulumi/awsguard 0.3.1 (`bench/anchor/`)",
};

/** Marginal cost per resource between two sizes: the slope, free of fixed start-up costs. */
function slope(a: PlanFigures, b: PlanFigures, floor = false): number {
  const wa = floor ? a.floorWallMs : a.wallMs;
  const wb = floor ? b.floorWallMs : b.wallMs;
  return (wb - wa) / (b.size.resources - a.size.resources);
}

export function renderResults(r: BenchResults, notes: readonly string[]): string {
  const plans = r.plan.map(planFigures);
  const bySize = new Map(plans.map((p) => [p.size.label, p]));
  const p10 = bySize.get("10");
  const p100 = bySize.get("100");
  const p1000 = bySize.get("1000");
  const ours = packFigures(r.packs.ours);
  const floor = packFigures(r.packs.floor);
  const guard = packFigures(r.packs.awsguard);
  const vsFloor = packRatios(r.packs.ours, r.packs.floor);
  const vsGuard = packRatios(r.packs.ours, r.packs.awsguard);
  const packLoads = packNames.flatMap((n) => r.packs[n].flatMap((x) => [x.loadStart, x.loadEnd]));
  const [packLoadLo, packLoadHi] = range(packLoads);
  const inProc = r.inProcess;
  const inProcPerSec = inProc ? inProc.resources / (median(inProc.bothMs) / 1000) : undefined;
  const testsMs = r.tests ? median(r.tests.samples.map((x) => x.wallMs)) : undefined;
  const linearity = p10 && p1000 ? p1000.msPerResource / p10.msPerResource : undefined;
  const slopeRatio = p10 && p100 && p1000 ? slope(p100, p1000) / slope(p10, p100) : undefined;

  const out: string[] = [];
  out.push("# Benchmarks: plan and policy-check cost, and how they grow", "");
  out.push(
    `Generated by \`${r.command}\` on ${r.date}. Do not edit by hand: run the command again.`,
    "",
  );
  if (r.sections === "packs") {
    out.push(
      "This run measured **only the policy-pack comparison** (`--packs-only`): the plan, the",
      "in-process evaluation, the test suite and the CPU profiles were not measured in it (run",
      "`npm run bench` for every section).",
      "",
    );
  }
  out.push("## How to read this", "");
  out.push(
    `- Every figure is the **median of ${r.runs} runs**; each run of a measured command is a fresh`,
    "  process (peak memory is that process's maximum resident set, from GNU time).",
    "- Ratios are measured **side by side in the same run**: each plan is followed immediately by",
    "  its floor, and the three packs run one after the other in each round, in an order that",
    "  rotates, so a noisy neighbour slows all of them; a ratio is taken within a round, then the",
    "  median over rounds. Read the ratios before the absolute times on a shared machine.",
    "- **Cost per resource** = wall time of the whole command / resources it planned (start-up",
    "  included, which is why small sizes cost more per resource). The **slope** columns remove",
    "  the start-up cost: extra time per extra resource between two sizes.",
    "- **The floor** is a bare Pulumi program registering the same number of plain resources under",
    "  the very same mock engine (`offline/mock-run.ts`): no program, policy or report can be",
    "  cheaper than it under these mocks.",
    "- The load average (1 min) was " +
      `${f1(r.loadBefore)} before and ${f1(r.loadAfter)} after, on ${r.machine.cores} cores: above the core count, other work shared the CPUs and times are inflated.`,
    "",
  );
  out.push("## Machine", "");
  out.push("| | |", "| --- | --- |");
  out.push(`| CPU | ${r.machine.cpuModel} |`);
  out.push(`| cores | ${r.machine.cores} |`);
  out.push(`| memory | ${f1(r.machine.memoryGb)} GiB |`);
  out.push(`| Node.js | ${r.machine.node} |`);
  out.push(`| OS | ${r.machine.os} |`);
  out.push(`| commit | ${r.machine.commit} |`);
  out.push(`| date | ${r.date} |`);
  out.push(
    `| load average (1 min) before / after | ${f1(r.loadBefore)} / ${f1(r.loadAfter)} |`,
    "",
  );

  out.push("## Targets", "");
  out.push("| target | measured | |", "| --- | --- | --- |");
  if (p1000) {
    out.push(
      `| plan of 1,000 workspaces < 30 s | ${s(p1000.wallMs)} s | ${yes(p1000.wallMs < 30_000)} |`,
    );
    out.push(
      `| plan of 1,000 workspaces < 2 GB peak | ${int(p1000.rssMb)} MiB | ${yes(p1000.rssMb < 2000)} |`,
    );
    out.push(
      `| plan cost per resource ≤ 1.2x the bare-mock floor (1,000 workspaces) | ${f2(p1000.ratio)}x | ${yes(p1000.ratio <= 1.2)} |`,
    );
  }
  if (linearity !== undefined) {
    out.push(
      `| linear: cost per resource at 1,000 workspaces within 1.3x of that at 10 | ${f2(linearity)}x | ${yes(linearity <= 1.3)} |`,
    );
  }
  const n = int(r.corpus.resources);
  out.push(
    `| \`AnalyzeStack\` of ${n} resources ≤ 1.25x the floor pack's (same request) | ${f2(vsFloor.analyzeStack)}x (rounds ${f2(vsFloor.analyzeStackRange[0])}-${f2(vsFloor.analyzeStackRange[1])}x) | ${yes(vsFloor.analyzeStack <= 1.25)} |`,
    vsFloor.engine
      ? `| \`Analyze\` at ${ours.inFlight} calls in flight ≥ 85% of the floor pack's rate (same requests, sent by the engine's own Go code path) | ${f1(vsFloor.engine.parallel * 100)}% (rounds ${f1(vsFloor.engine.parallelRange[0] * 100)}-${f1(vsFloor.engine.parallelRange[1] * 100)}%) | ${yes(vsFloor.engine.parallel >= 0.85)} |`
      : `| \`Analyze\` at ${ours.inFlight} calls in flight ≥ 85% of the floor pack's rate (same requests, sent by the engine's own Go code path) | not measured: ${r.engineClient?.skipped ?? "this run predates the engine client"} | **not measured** |`,
    `| the same from this benchmark's Node client (not the target's figure: the engine's client is Go; see below) | ${f1(vsFloor.analyzeParallel * 100)}% (rounds ${f1(vsFloor.analyzeParallelRange[0] * 100)}-${f1(vsFloor.analyzeParallelRange[1] * 100)}%) | ${yes(vsFloor.analyzeParallel >= 0.85)} |`,
    `| \`AnalyzeStack\` no slower than awsguard's (same request) | ${f2(vsGuard.analyzeStack)}x | ${yes(vsGuard.analyzeStack <= 1)} |`,
    `| \`Analyze\` at ${ours.inFlight} in flight no slower than awsguard (same requests) | ${f1(vsGuard.analyzeParallel * 100)}% | ${yes(vsGuard.analyzeParallel >= 1)} |`,
    `| pack start-up < 1.5 s | ${s(ours.startupMs)} s | ${yes(ours.startupMs < 1500)} |`,
    `| pack start-up no slower than awsguard's | ${s(ours.startupMs)} s vs ${s(guard.startupMs)} s | ${yes(ours.startupMs <= guard.startupMs)} |`,
    `| Analyze ≥ 2,000 resources/s over gRPC (one call in flight) | ${int(ours.analyzePerSec)}/s | ${yes(ours.analyzePerSec >= 2000)} |`,
  );
  if (inProcPerSec !== undefined) {
    out.push(
      `| in-process evaluation ≥ 50,000 resources/s | ${int(inProcPerSec)}/s | ${yes(inProcPerSec >= 50_000)} |`,
    );
  }
  if (testsMs !== undefined) {
    out.push(`| test suite < 3 minutes | ${s(testsMs)} s | ${yes(testsMs < 180_000)} |`);
  }
  out.push("");

  if (plans.length > 0) {
    out.push("## `hdh plan` against the bare-mock floor", "");
    out.push(
      "`node bin/hdh.js plan --stack dev [--workspaces n] --format json --out <file>`: the real",
      "program under mocks, policy evaluation and the JSON report. Floor: `bench/children/bare-floor.ts`.",
      "",
    );
    out.push(
      "| size | resources | plan wall (s) | plan CPU (s) | plan peak RSS (MiB) | plan ms/resource | plan KiB/resource | floor wall (s) | floor CPU (s) | floor peak RSS (MiB) | floor ms/resource | plan / floor, wall | plan / floor, CPU |",
      "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
    );
    for (const p of plans) {
      const [lo, hi] = range(p.size.plan.map((x) => x.wallMs));
      out.push(
        `| ${p.size.label === "dev" ? "`dev`" : `${p.size.label} workspaces`} | ${int(p.size.resources)} | ${s(p.wallMs)} (${s(lo)}-${s(hi)}) | ${s(p.cpuMs)} | ${int(p.rssMb)} | ${f2(p.msPerResource)} | ${int((p.rssMb * 1024) / p.size.resources)} | ${s(p.floorWallMs)} | ${s(p.floorCpuMs)} | ${int(p.floorRssMb)} | ${f2(p.floorMsPerResource)} | ${f2(p.ratio)}x | ${f2(p.cpuRatio)}x |`,
      );
    }
    out.push("");
    if (p10 && p100 && p1000) {
      out.push("Slope (extra ms per extra resource, start-up removed):", "");
      out.push("| between | plan | floor | plan / floor |", "| --- | ---: | ---: | ---: |");
      for (const [a, b] of [
        [p10, p100],
        [p100, p1000],
      ] as const) {
        const sp = slope(a, b);
        const sf = slope(a, b, true);
        out.push(
          `| ${a.size.label} → ${b.size.label} workspaces | ${f2(sp)} | ${f2(sf)} | ${f2(sp / sf)}x |`,
        );
      }
      out.push("");
      out.push(
        `Linearity: cost per resource at 1,000 workspaces is ${f2(linearity!)}x that at 10; the slope from 100 to 1,000 is ${f2(slopeRatio!)}x the slope from 10 to 100 (1.0 = perfectly linear).`,
        "",
      );
    }
    const exits = r.plan.filter((p) => p.exitCode !== 0);
    if (exits.length > 0) {
      out.push(
        `Exit codes: ${exits.map((p) => `${p.label} → ${p.exitCode}`).join(", ")} (1 = the plan found mandatory violations; the plan and report are complete).`,
        "",
      );
    }
  }

  out.push("## Policy packs over gRPC: ours, the floor pack and awsguard, the same requests", "");
  out.push(
    "Each pack is started as the Pulumi CLI starts it (`@pulumi/pulumi/cmd/run-policy-pack <engine> .`",
    "in the pack's directory, via `test/harness/analyzer-client.ts`), configured with every",
    "policy's schema defaults (as the CLI does), then sent the very same requests: each resource",
    `in its own \`Analyze\` call, first one call in flight (every fifth resource), then all of them`,
    `${ours.inFlight} in flight (the engine analyzes resource steps concurrently), and all of them in`,
    "one `AnalyzeStack` call (median of three).",
    `${n} resources: ${r.corpus.description}.`,
    "",
    "- **The floor pack** (`bench/floor-pack/`) holds one empty resource policy and one empty stack",
    "  policy on the same (patched) `@pulumi/policy`: the least a pack that reads resources at all",
    "  must do per call (deserialise the resource; build the stack's resource list once).",
    "- **awsguard** (AWS's public pack, every policy on) validates none of these types: it shows",
    "  what a published pack on the unpatched library costs for resources it does not judge.",
    "- `Analyze` responses are read as bytes and decoded only after the clock stops: the engine",
    "  decodes them in Go, while this Node client shares the same two cores with the pack, so",
    "  decoding inside the timed phase would charge a pack twice for the size of its answer. The",
    "  decoding is timed apart (last columns). Every response of ours lists each policy that did",
    "  not judge the resource as not applicable: the engine counts any policy not listed as passed",
    "  (patches/README.md).",
    "- **The engine's Go path** (`bench/engine-client`, built against the pinned Pulumi version):",
    "  the same concurrent phase sent again through the engine's own code, as `pulumi preview`",
    "  does for each resource step (`plugin.Analyzer.Analyze`: marshal the resource and its",
    "  provider, the gRPC call with the engine's dial options and grpc-go's dynamic HTTP/2 window,",
    "  decode and convert the response; then the policy summary the engine builds from it). This is",
    "  the target's figure: it is what the engine sees. The Node client's columns stay as a second",
    "  view (a Node client reading bytes it does not decode, on the same two cores).",
    `- The load average (1 min) during these runs went from ${f1(packLoadLo)} to ${f1(packLoadHi)} on ${r.machine.cores} cores (per round below).`,
    "",
  );
  out.push(
    `| pack | policies | start-up until GetAnalyzerInfo (s) | empty round trip, GetPluginInfo (calls/s) | Analyze, 1 in flight (calls/s) | Analyze, ${ours.inFlight} in flight, engine's Go path (calls/s) | pack CPU per call, engine path (µs) | engine client CPU per call (µs) | Analyze, ${ours.inFlight} in flight, Node client (calls/s) | pack CPU per call, Node client (µs) | AnalyzeStack, ${n} resources (s) | not-applicable entries per response | bytes per response | Node client decoding per response (µs) |`,
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  );
  for (const [name, fig] of [
    ["ours", ours],
    ["floor", floor],
    ["awsguard", guard],
  ] as const) {
    out.push(
      `| ${packLabels[name]} | ${fig.policies} | ${s(fig.startupMs)} | ${int(fig.emptyCallsPerSec)} | ${int(fig.analyzePerSec)} | ${fig.engine ? int(fig.engine.perSec) : "-"} | ${fig.engine ? int(fig.engine.serverCpuUs) : "-"} | ${fig.engine ? int(fig.engine.clientCpuUs) : "-"} | ${int(fig.analyzeParallelPerSec)} | ${int(fig.serverCpuUsPerCall)} | ${s(fig.analyzeStackMs)} | ${f1(fig.notApplicablePerResponse)} | ${int(fig.bytesPerResponse)} | ${f1(fig.decodeUsPerResponse)} |`,
    );
  }
  out.push("");
  out.push(
    "Ours against each, round by round (median over rounds; a rate ratio above 1 means ours is faster,",
    "a time ratio below 1 means ours is faster):",
    "",
    `| ours against | Analyze, 1 in flight (rate) | Analyze, ${ours.inFlight} in flight, engine path (rate) | pack CPU per call, engine path | Analyze, ${ours.inFlight} in flight, Node client (rate) | pack CPU per call, Node client | AnalyzeStack (time) |`,
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    `| the floor pack | ${f2(vsFloor.analyze)}x | ${vsFloor.engine ? `${f2(vsFloor.engine.parallel)}x` : "-"} | ${vsFloor.engine ? `${f2(vsFloor.engine.serverCpu)}x` : "-"} | ${f2(vsFloor.analyzeParallel)}x | ${f2(vsFloor.serverCpu)}x | ${f2(vsFloor.analyzeStack)}x |`,
    `| awsguard | ${f2(vsGuard.analyze)}x | ${vsGuard.engine ? `${f2(vsGuard.engine.parallel)}x` : "-"} | ${vsGuard.engine ? `${f2(vsGuard.engine.serverCpu)}x` : "-"} | ${f2(vsGuard.analyzeParallel)}x | ${f2(vsGuard.serverCpu)}x | ${f2(vsGuard.analyzeStack)}x |`,
    "",
  );
  out.push(
    `| round | order | load (1 min) at start of each pack | Analyze ${ours.inFlight} in flight, engine path, ours / floor | Analyze ${ours.inFlight} in flight, Node client, ours / floor | AnalyzeStack, ours / floor |`,
    "| ---: | --- | --- | ---: | ---: | ---: |",
  );
  r.packOrder.forEach((order, i) => {
    const o = r.packs.ours[i];
    const fl = r.packs.floor[i];
    out.push(
      `| ${i + 1} | ${order.join(", ")} | ${order.map((name) => `${name} ${f1(r.packs[name][i].loadStart)}`).join(", ")} | ${o.engineClient && fl.engineClient ? `${f2(fl.engineClient.ms / o.engineClient.ms)}x` : "-"} | ${f2(fl.analyzeParallelMs / o.analyzeParallelMs)}x | ${f2(o.analyzeStackMs / fl.analyzeStackMs)}x |`,
    );
  });
  out.push("");
  if (inProc) {
    out.push("## In-process evaluation (the floor for policy evaluation)", "");
    out.push(
      "`offline/evaluate-policies.ts` (what `hdh plan` and `hdh check` call) over the same resources",
      "as ours above, one warm-up pass then timed passes, in one process:",
      "",
      "| phase | median (ms) | resources/s |",
      "| --- | ---: | ---: |",
    );
    for (const [label, list] of [
      ["resource policies (validateResource)", inProc.resourcePhaseMs],
      ["stack policies (validateStack)", inProc.stackPhaseMs],
      ["both, as a plan runs them", inProc.bothMs],
    ] as const) {
      const ms = median(list);
      out.push(`| ${label} | ${int(ms)} | ${int(inProc.resources / (ms / 1000))} |`);
    }
    out.push("");
  }
  if (r.tests) {
    out.push("## Test suite", "");
    out.push(
      `\`npm test\` (vitest, 2 workers): median ${s(testsMs!)} s over ${r.tests.samples.length} run(s). ${r.tests.summary}`,
      "",
    );
  }
  if (r.profiles.length > 0) {
    out.push("## Where the time goes (CPU profiles)", "");
    for (const p of r.profiles) {
      out.push(`### ${p.label}`, "", `\`${p.command}\`: ${s(p.summary.totalMs)} s of samples.`, "");
      out.push("| owner | self time (s) | share |", "| --- | ---: | ---: |");
      for (const o of p.summary.byOwner.filter((o) => o.share >= 0.005)) {
        out.push(`| ${o.owner} | ${s(o.ms)} | ${f1(o.share * 100)}% |`);
      }
      out.push(
        "",
        "| top self-time functions | where | self time (s) | share |",
        "| --- | --- | ---: | ---: |",
      );
      for (const fn of p.summary.topFunctions) {
        out.push(`| \`${fn.name}\` | ${fn.where} | ${s(fn.ms)} | ${f1(fn.share * 100)}% |`);
      }
      out.push("");
    }
  }
  if (notes.length > 0) {
    out.push("## What bounds it, and what was done", "", ...notes, "");
  }
  out.push("## Raw samples", "");
  out.push("Wall time in seconds / CPU seconds / peak RSS in MiB, run by run:", "");
  for (const p of r.plan) {
    const fmt = (xs: typeof p.plan) =>
      xs.map((x) => `${s(x.wallMs)}/${s(x.cpuMs)}/${int(x.peakRssMb)}`).join(", ");
    out.push(`- ${p.label}: plan ${fmt(p.plan)}; floor ${fmt(p.floor)}`);
  }
  const packRaw = (runs: readonly PackRun[]) =>
    runs
      .map(
        (x) =>
          `start ${s(x.startupMs)}, analyze ${int(x.analyzeSequentialCalls / (x.analyzeMs / 1000))}/s, ${x.inFlight} in flight ${int(x.analyzeCalls / (x.analyzeParallelMs / 1000))}/s (pack CPU ${s(x.analyzeParallelServerCpuMs)})${x.engineClient ? `, engine path ${int(x.engineClient.calls / (x.engineClient.ms / 1000))}/s (pack CPU ${s(x.engineClient.serverCpuMs)}, client CPU ${s(x.engineClient.clientCpuMs)}, passed ${int(x.engineClient.passed)}, failed ${int(x.engineClient.failed)}, not applicable ${int(x.engineClient.notApplicable)})` : ""}, stack ${x.analyzeStackSamplesMs.map(s).join("/")}, diagnostics ${int(x.resourceDiagnostics)}+${int(x.stackDiagnostics)}, load ${f1(x.loadStart)}-${f1(x.loadEnd)}`,
      )
      .join("; ");
  for (const name of packNames) out.push(`- ${name}: ${packRaw(r.packs[name])}`);
  out.push("");
  return out.join("\n");
}
