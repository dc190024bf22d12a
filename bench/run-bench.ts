/**
 * `npm run bench`: measures the plan and the policy pack, side by side with their floors and
 * the public anchor, and writes bench/results.md. See results.md "How to read this".
 *
 * Options: --runs <n> (default 3), --sizes dev,10,100,1000, --test-runs <n> (default 1; 0 skips
 * the suite), --corpus <resources sent to each pack> (default 10000), --no-profile, --out <file>,
 * --render-only (rewrite results.md from the last run's bench/.runs/results.json and findings.md),
 * --packs-only (only the policy-pack comparison: the largest size is planned once, unmeasured, to
 * make the corpus; results.md then says which sections were not measured), --hub-only (only the
 * hub section, three rounds; it replaces that section of results.md and leaves the rest; with
 * --render-only, rewrites that section from bench/.runs/hub.json and bench/hub-findings.md).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { summariseProfile } from "./lib/cpu-profile";
import { buildEngineClient, type EngineClient } from "./lib/engine-client";
import { describeMachine, loadNow } from "./lib/machine";
import { lastJsonLine, measureProcess, type ProcessSample } from "./lib/measure-process";
import {
  packNames,
  type BenchResults,
  type InProcessRun,
  type PackName,
  type PackRun,
  type PlanSize,
  type Sample,
} from "./lib/results-model";
import { renderResults } from "./lib/results-md";
import { median, range } from "./lib/stats";

const repo = resolve(__dirname, "..");
const runsDir = join(repo, "bench", ".runs");
const js = join(runsDir, "js", "bench", "children");
const anchorDir = join(repo, "bench", "anchor");
const node = process.execPath;

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "3" },
    sizes: { type: "string", default: "dev,10,100,1000" },
    "test-runs": { type: "string", default: "1" },
    "no-profile": { type: "boolean", default: false },
    corpus: { type: "string", default: "10000" },
    out: { type: "string", default: join(repo, "bench", "results.md") },
    "render-only": { type: "boolean", default: false },
    "packs-only": { type: "boolean", default: false },
    "hub-only": { type: "boolean", default: false },
  },
});
const packsOnly = values["packs-only"]!;
const runs = Number(values.runs);
const sizes = values.sizes!.split(",");
const testRuns = Number(values["test-runs"]);
/** Resources sent to each policy pack (Analyze one by one, then AnalyzeStack). */
const corpusSize = Number(values.corpus);

function log(message: string): void {
  process.stderr.write(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

function sh(command: string, args: string[], cwd = repo): void {
  execFileSync(command, args, { cwd, stdio: ["ignore", "inherit", "inherit"] });
}

const strip = ({ wallMs, peakRssMb, cpuMs, exitCode }: ProcessSample): Sample => ({
  wallMs,
  peakRssMb,
  cpuMs,
  exitCode,
});

function planArgs(label: string, outFile: string): string[] {
  const args = [join(repo, "bin", "hdh.js"), "plan", "--stack", "dev"];
  if (label !== "dev") args.push("--workspaces", label);
  return [...args, "--format", "json", "--out", outFile];
}

function planFile(label: string): string {
  return join(runsDir, `plan-${label}.json`);
}

async function measurePlans(): Promise<PlanSize[]> {
  const results = new Map<string, PlanSize>();
  for (let run = 1; run <= runs; run++) {
    for (const label of sizes) {
      log(`plan ${label} (run ${run}/${runs})`);
      const plan = await measureProcess(node, planArgs(label, planFile(label)), {
        cwd: repo,
        okExitCodes: [0, 1],
      });
      const exported = JSON.parse(readFileSync(planFile(label), "utf8")) as {
        deployment: { resources: unknown[] };
      };
      const resources = exported.deployment.resources.length;
      const size = results.get(label) ?? {
        label,
        workspaces: label === "dev" ? undefined : Number(label),
        resources,
        exitCode: plan.exitCode,
        plan: [],
        floor: [],
      };
      if (size.resources !== resources) {
        throw new Error(`plan ${label} planned ${resources} resources, earlier ${size.resources}`);
      }
      size.plan.push(strip(plan));
      log(`floor ${resources} resources (run ${run}/${runs})`);
      const floor = await measureProcess(node, [join(js, "bare-floor.js"), String(resources)], {
        cwd: repo,
      });
      size.floor.push(strip(floor));
      results.set(label, size);
    }
  }
  return sizes.map((label) => results.get(label)!);
}

function ensureAnchor(): void {
  if (existsSync(join(anchorDir, "node_modules", "@pulumi", "awsguard"))) return;
  log("installing the awsguard anchor (bench/anchor, its own lock file)");
  sh("npm", ["ci", "--prefix", anchorDir, "--ignore-scripts", "--no-audit", "--no-fund"]);
}

/** Where each pack compared runs from (each is started as the Pulumi CLI starts a pack). */
const packDirs: Record<PackName, string> = {
  ours: join(repo, "policies"),
  floor: join(repo, "bench", "floor-pack"),
  awsguard: anchorDir,
};

/**
 * Every pack receives the very same requests: the first `corpusSize` resources of the largest
 * plan. Rounds are interleaved (ours, the floor, awsguard, each in its own process) and the order
 * rotates, so a noisy neighbour slows every pack alike; ratios are taken within a round.
 */
async function measurePacks(largestPlan: string): Promise<{
  packs: BenchResults["packs"];
  packOrder: BenchResults["packOrder"];
  engineClient: BenchResults["engineClient"];
  corpus: BenchResults["corpus"];
}> {
  const corpusFile = join(runsDir, "corpus-ours.json");
  const made = await measureProcess(
    node,
    [join(js, "make-corpus.js"), largestPlan, corpusFile, String(corpusSize)],
    { cwd: repo },
  );
  const info = lastJsonLine<{ types: number }>(made.stdout);
  const engineClient: EngineClient = buildEngineClient(repo, log);
  if ("skipped" in engineClient)
    log(`the engine's Go path is not measured: ${engineClient.skipped}`);
  const env = "binary" in engineClient ? { HDH_ENGINE_CLIENT: engineClient.binary } : {};
  const packs: BenchResults["packs"] = { ours: [], floor: [], awsguard: [] };
  const packOrder: BenchResults["packOrder"] = [];
  for (let run = 1; run <= runs; run++) {
    const shift = (run - 1) % packNames.length;
    const order = [...packNames.slice(shift), ...packNames.slice(0, shift)];
    packOrder.push(order);
    for (const which of order) {
      log(`policy pack ${which} (round ${run}/${runs}, load ${loadNow().toFixed(1)})`);
      const result = await measureProcess(
        node,
        [join(js, "pack-driver.js"), packDirs[which], corpusFile],
        { cwd: repo, env },
      );
      packs[which].push(lastJsonLine<PackRun>(result.stdout));
    }
  }
  return {
    packs,
    packOrder,
    engineClient: "skipped" in engineClient ? { skipped: engineClient.skipped } : {},
    corpus: {
      resources: corpusSize,
      description: `the first ${corpusSize.toLocaleString("en-US")} resources of the plan of ${planLabel(sizes[sizes.length - 1])} (${info.types} types: OpenStack, Kubernetes, Random, components)`,
    },
  };
}

function planLabel(label: string): string {
  return label === "dev" ? "the `dev` stack" : `${label} workspaces`;
}

async function measureInProcess(): Promise<InProcessRun> {
  log("in-process evaluation");
  const result = await measureProcess(
    node,
    [join(js, "in-process-eval.js"), join(runsDir, "corpus-ours.json"), String(runs)],
    { cwd: repo },
  );
  return lastJsonLine<InProcessRun>(result.stdout);
}

async function measureTests(): Promise<BenchResults["tests"]> {
  const samples: Sample[] = [];
  let summary = "";
  for (let run = 1; run <= testRuns; run++) {
    log(`test suite (run ${run}/${testRuns})`);
    const result = await measureProcess(
      node,
      [join(repo, "node_modules", "vitest", "vitest.mjs"), "run"],
      { cwd: repo, okExitCodes: [0, 1] },
    );
    samples.push(strip(result));
    // eslint-disable-next-line no-control-regex
    const plain = result.stdout.replace(/\x1b\[[0-9;]*m/g, "");
    const files = plain.match(/Test Files\s+(.*)/)?.[1]?.trim();
    const tests = plain.match(/Tests\s+(.*)/)?.[1]?.trim();
    summary = `Last run: test files ${files ?? "?"}; tests ${tests ?? "?"}${result.exitCode !== 0 ? " (the suite was red: its time still counts)" : ""}.`;
  }
  return { samples, summary };
}

async function profiles(largest: string, resources: number): Promise<BenchResults["profiles"]> {
  const out: BenchResults["profiles"] = [];
  const profileRun = async (label: string, args: string[], shown: string) => {
    const dir = join(runsDir, `profile-${label}`);
    rmSync(dir, { recursive: true, force: true });
    log(`CPU profile: ${label}`);
    await measureProcess(node, ["--cpu-prof", `--cpu-prof-dir=${dir}`, ...args], {
      cwd: repo,
      okExitCodes: [0, 1],
    });
    const files = execFileSync("ls", [dir]).toString().trim().split("\n");
    // The largest profile is the process that did the work (a re-spawned child, if any).
    const file = files
      .map((f) => join(dir, f))
      .sort((a, b) => readFileSync(b).length - readFileSync(a).length)[0];
    out.push({ label, command: shown, summary: summariseProfile(file) });
  };
  await profileRun(
    `plan-${largest}`,
    planArgs(largest, join(runsDir, "plan-profiled.json")),
    `node --cpu-prof bin/hdh.js plan --stack dev${largest === "dev" ? "" : ` --workspaces ${largest}`} --format json`,
  );
  await profileRun(
    `floor-${resources}`,
    [join(js, "bare-floor.js"), String(resources)],
    `node --cpu-prof bench/children/bare-floor.ts ${resources}`,
  );
  return out;
}

function render(results: BenchResults): void {
  const findings = join(repo, "bench", "findings.md");
  const notes = existsSync(findings) ? [readFileSync(findings, "utf8").trim()] : [];
  const hubFile = join(runsDir, "hub.json");
  const hub = existsSync(hubFile)
    ? renderHub(JSON.parse(readFileSync(hubFile, "utf8")))
    : hubSectionOf(values.out!);
  writeFileSync(values.out!, renderResults(results, notes) + "\n" + hub);
  log(`wrote ${values.out}`);
}

/** One hub size: the breakdown printed by bench/children/hub-plan.ts, and its process sample. */
interface HubRun {
  workspaces: number;
  stacks: number;
  resources: number;
  wallMs: number;
  platformMs: number;
  workspaceStackMedianMs: number;
  workspaceStackMaxMs: number;
  mainPeakRssMb: number;
  workerPeakRssMb: number[];
  /** GNU time over the whole tree: wall, the largest process's peak RSS, CPU of all. */
  sample: Sample;
}

/** One round of the hub section: every hub size with its floor, then one workspace via the CLI. */
interface HubRound {
  /**
   * 1-minute load average before each measurement (2 cores: above 2, others shared the CPUs).
   * `sdkFloor`: issue 16's floor, the SDK as shipped under plain `setMocks`
   * (bench/children/sdk-defaults-floor.ts; absent from runs before it was measured); `floor`: the
   * stricter one, the same mock engine and SDK shortcuts as the hub (bench/children/bare-floor.ts).
   */
  rows: { hub: HubRun; floor: Sample; sdkFloor?: Sample; loadBefore: number }[];
  /** `hdh plan --stack dev --workspace <id>` through bin/hdh.js, as a user runs it. */
  oneWorkspace: { sample: Sample; resources: number; loadBefore: number };
  /** `hdh --version`: what starting the CLI costs before any planning. */
  cliStart: Sample;
  /** The bare-mock floor of as many resources as the one-workspace plan registers. */
  oneWorkspaceFloor: Sample;
}

/** Rounds of the hub section: other sessions share the cores, so it is measured three times. */
const hubRounds = 3;
const hubSizes = [10, 100, 1000];

/**
 * Hubs of n workspace stacks (docs/hub-stacks.md) planned as `hdh plan --stack dev --workspaces n`
 * plans them, without the policy evaluation, with the bare-mock floor of the same resource count
 * measured right after, in the same run; then one workspace stack through the CLI.
 */
async function measureHub(): Promise<HubRound[]> {
  const rounds: HubRound[] = [];
  for (let round = 1; round <= hubRounds; round++) {
    const rows: HubRound["rows"] = [];
    for (const n of hubSizes) {
      log(`hub of ${n} workspace stacks (round ${round}/${hubRounds})`);
      const loadBefore = loadNow();
      const sample = await measureProcess(node, [join(js, "hub-plan.js"), String(n)], {
        cwd: repo,
      });
      const hub = { ...lastJsonLine<Omit<HubRun, "sample">>(sample.stdout), sample: strip(sample) };
      log(`floor ${hub.resources} resources, the hub's mock engine (hub)`);
      const floor = await measureProcess(node, [join(js, "bare-floor.js"), String(hub.resources)], {
        cwd: repo,
      });
      log(`floor ${hub.resources} resources, the SDK's defaults (hub)`);
      const sdkFloor = await measureProcess(
        node,
        [join(js, "sdk-defaults-floor.js"), String(hub.resources)],
        { cwd: repo },
      );
      rows.push({ hub, floor: strip(floor), sdkFloor: strip(sdkFloor), loadBefore });
    }
    log(`one workspace stack through the CLI (round ${round}/${hubRounds})`);
    const out = join(runsDir, "one-workspace.json");
    const loadBefore = loadNow();
    const one = await measureProcess(node, [...oneWorkspaceArgs, "--out", out], { cwd: repo });
    const resources = (
      JSON.parse(readFileSync(out, "utf8")) as { deployment: { resources: unknown[] } }
    ).deployment.resources.length;
    const cliStart = await measureProcess(node, [join(repo, "bin", "hdh.js"), "--version"], {
      cwd: repo,
    });
    const oneFloor = await measureProcess(node, [join(js, "bare-floor.js"), String(resources)], {
      cwd: repo,
    });
    rounds.push({
      rows,
      oneWorkspace: { sample: strip(one), resources, loadBefore },
      cliStart: strip(cliStart),
      oneWorkspaceFloor: strip(oneFloor),
    });
  }
  writeFileSync(join(runsDir, "hub.json"), JSON.stringify(rounds, null, 2));
  return rounds;
}

const oneWorkspaceArgs = [
  join(repo, "bin", "hdh.js"),
  ...["plan", "--stack", "dev", "--workspace", "cardio-2026", "--format", "json"],
];

function renderHub(rounds: HubRound[]): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const mb = (value: number) => `${Math.round(value)} MiB`;
  const lines = [
    "## Hub: one platform stack and n workspace stacks (issue 16)",
    "",
    "`npm run bench -- --hub-only` (or the whole `npm run bench`). Per size:",
    "`node bench/.runs/js/bench/children/hub-plan.js <n>` (built by the bench): the dev platform stack",
    "serving n workspaces, then the n workspace stacks in the pool of worker processes (one per",
    "core), no policy evaluation; then, right after it, two bare-mock floors registering as many",
    "plain resources in one process:",
    "- **the issue's floor, SDK defaults**: `sdk-defaults-floor.js <same resources>`, plain",
    '  `pulumi.runtime.setMocks` and the SDK as shipped, as issue 16 words it ("a bare-mock program',
    "  registering as many resources in one process with the SDK's defaults\"): the target row;",
    "- **the strict floor, the hub's engine**: `bare-floor.js <same resources>`, the same mock engine",
    "  and SDK shortcuts the hub runs on (offline/mock-run.ts, offline/sdk-shortcuts.ts), so its",
    "  ratio shows what the hub's own program and pool cost beyond registering resources.",
    "CPU is user + system time of the whole process tree (GNU time); the marginal CPU per resource is",
    "the extra CPU per extra resource from the next smaller size (start-up cancels out).",
    "Peak RSS: the main process's own peak (process.resourceUsage) and each",
    "worker's as they report it; the sum adds them. GNU time's %M (largest single process of the",
    "tree) is shown too. Load: the 1-minute load average before each hub run, on 2 cores shared",
    `with other sessions. ${hubRounds} rounds: their medians first (ratios taken within a round), then each round.`,
    "",
    ...hubMedians(rounds),
  ];
  rounds.forEach((round, index) => {
    lines.push(
      `### Round ${index + 1}`,
      "",
      "| workspaces | stacks | resources | load | hub wall | floor wall, SDK defaults | hub / that floor | floor wall, hub's engine | hub / that floor | platform stack | one workspace stack (median, max) | main process peak RSS | largest process (%M) | all processes (sum) | floor peak RSS, hub's engine | µs CPU per resource (hub) | µs CPU per resource (floor, SDK defaults) | µs CPU per resource (floor, hub's engine) | marginal µs CPU per resource (hub) | marginal µs CPU per resource (floor, hub's engine) |",
      "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    );
    round.rows.forEach(({ hub, floor, sdkFloor, loadBefore }, i) => {
      const total = hub.mainPeakRssMb + hub.workerPeakRssMb.reduce((a, b) => a + b, 0);
      const perResource = (cpuMs: number) => Math.round((cpuMs * 1000) / hub.resources);
      const previous = round.rows[i - 1];
      const marginal = (cpuMs: number, before: number | undefined) =>
        previous && before !== undefined
          ? String(Math.round(((cpuMs - before) * 1000) / (hub.resources - previous.hub.resources)))
          : "";
      lines.push(
        `| ${hub.workspaces} | ${hub.stacks} | ${hub.resources} | ${loadBefore.toFixed(1)} | ${s(hub.sample.wallMs)} | ${sdkFloor ? s(sdkFloor.wallMs) : "-"} | ${sdkFloor ? (hub.sample.wallMs / sdkFloor.wallMs).toFixed(2) : "-"} | ${s(floor.wallMs)} | ${(hub.sample.wallMs / floor.wallMs).toFixed(2)} | ${s(hub.platformMs)} | ${hub.workspaceStackMedianMs} ms, ${hub.workspaceStackMaxMs} ms | ${mb(hub.mainPeakRssMb)} | ${mb(hub.sample.peakRssMb)} | ${mb(total)} (${hub.workerPeakRssMb.length} workers) | ${mb(floor.peakRssMb)} | ${perResource(hub.sample.cpuMs)} | ${sdkFloor ? perResource(sdkFloor.cpuMs) : "-"} | ${perResource(floor.cpuMs)} | ${marginal(hub.sample.cpuMs, previous?.hub.sample.cpuMs)} | ${marginal(floor.cpuMs, previous?.floor.cpuMs)} |`,
      );
    });
    const one = round.oneWorkspace;
    lines.push(
      "",
      `One workspace stack as a user plans it, \`node bin/hdh.js plan --stack dev --workspace cardio-2026 --format json\` (the platform planned for its outputs, the workspace judged with the policy pack): **${s(one.sample.wallMs)}** wall, ${mb(one.sample.peakRssMb)} peak, ${one.resources} resources judged, load ${one.loadBefore.toFixed(1)}. Beside it: \`node bin/hdh.js --version\` ${s(round.cliStart.wallMs)}; the bare-mock floor of ${one.resources} resources ${s(round.oneWorkspaceFloor.wallMs)}.`,
      "",
    );
  });
  const findings = join(repo, "bench", "hub-findings.md");
  if (existsSync(findings)) lines.push(readFileSync(findings, "utf8").trim(), "");
  return lines.join("\n") + "\n";
}

/** Per hub size, the median over rounds of what the targets read; ratios within each round. */
function hubMedians(rounds: HubRound[]): string[] {
  const lines = [
    "### Medians over rounds",
    "",
    "| workspaces | resources | load (range) | hub wall | floor wall, SDK defaults (the issue's) | **hub / that floor** (rounds) | floor wall, hub's engine (strict) | hub / that floor (rounds) | µs CPU per resource, hub / SDK defaults / hub's engine | marginal µs CPU per resource, hub / hub's engine |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const fixed = (value: number, digits = 0) => value.toFixed(digits);
  rounds[0].rows.forEach((first, i) => {
    const rows = rounds.map((round) => round.rows[i]);
    const before = i > 0 ? rounds.map((round) => round.rows[i - 1]) : undefined;
    const cpu = (pick: (row: HubRound["rows"][number]) => number) =>
      median(rows.map((row) => (pick(row) * 1000) / row.hub.resources));
    const marginal = (pick: (row: HubRound["rows"][number]) => number) =>
      before
        ? fixed(
            median(
              rows.map(
                (row, r) =>
                  ((pick(row) - pick(before[r])) * 1000) /
                  (row.hub.resources - before[r].hub.resources),
              ),
            ),
          )
        : "";
    const ratios = rows.map((row) => row.hub.sample.wallMs / row.floor.wallMs);
    const sdkRows = rows.filter((row) => row.sdkFloor !== undefined);
    const sdkRatios = sdkRows.map((row) => row.hub.sample.wallMs / row.sdkFloor!.wallMs);
    const sdkCells =
      sdkRows.length === 0
        ? ["-", "-"]
        : [
            `${fixed(median(sdkRows.map((row) => row.sdkFloor!.wallMs)) / 1000, 1)} s`,
            `**${fixed(median(sdkRatios), 2)}** (${sdkRatios.map((r) => fixed(r, 2)).join(", ")})`,
          ];
    const sdkCpu =
      sdkRows.length === 0
        ? "-"
        : fixed(median(sdkRows.map((row) => (row.sdkFloor!.cpuMs * 1000) / row.hub.resources)));
    const [low, high] = range(rows.map((row) => row.loadBefore));
    lines.push(
      `| ${first.hub.workspaces} | ${first.hub.resources} | ${fixed(low, 1)}-${fixed(high, 1)} | ${fixed(median(rows.map((row) => row.hub.sample.wallMs)) / 1000, 1)} s | ${sdkCells[0]} | ${sdkCells[1]} | ${fixed(median(rows.map((row) => row.floor.wallMs)) / 1000, 1)} s | ${fixed(median(ratios), 2)} (${ratios.map((r) => fixed(r, 2)).join(", ")}) | ${fixed(cpu((row) => row.hub.sample.cpuMs))} / ${sdkCpu} / ${fixed(cpu((row) => row.floor.cpuMs))} | ${marginal((row) => row.hub.sample.cpuMs)} / ${marginal((row) => row.floor.cpuMs)} |`,
    );
  });
  return [...lines, ""];
}

/**
 * The hub section already in `file`, as it stands: a run that did not measure the hub (no
 * bench/.runs/hub.json here, e.g. `--packs-only` in a fresh clone) leaves it as it was rather
 * than dropping another measurement from results.md.
 */
function hubSectionOf(file: string): string {
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  const start = text.indexOf("## Hub:");
  return start < 0 ? "" : text.slice(start);
}
/** `--hub-only`: replaces the hub section of results.md (or appends it), leaving the rest as it was. */
function renderHubOnly(): void {
  const rounds = JSON.parse(readFileSync(join(runsDir, "hub.json"), "utf8")) as HubRound[];
  const file = values.out!;
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  const start = text.indexOf("## Hub:");
  const next = start < 0 ? -1 : text.indexOf("\n## ", start + 1);
  const before = start < 0 ? text.trimEnd() + "\n\n" : text.slice(0, start);
  const after = next < 0 ? "" : text.slice(next + 1);
  writeFileSync(file, before + renderHub(rounds) + (after ? "\n" + after : ""));
  log(`wrote the hub section of ${file}`);
}

async function main(): Promise<void> {
  if (values["render-only"] && values["hub-only"]) {
    renderHubOnly();
    return;
  }
  if (values["render-only"]) {
    render(JSON.parse(readFileSync(join(runsDir, "results.json"), "utf8")) as BenchResults);
    return;
  }
  mkdirSync(runsDir, { recursive: true });
  log("building (npm run build, bench children)");
  sh("npm", ["run", "--silent", "build"]);
  sh(node, [
    join(repo, "node_modules", "typescript", "bin", "tsc"),
    "-p",
    join(repo, "bench", "tsconfig.json"),
  ]);
  if (values["hub-only"]) {
    await measureHub();
    renderHubOnly();
    return;
  }
  ensureAnchor();

  const loadBefore = loadNow();
  const date = new Date().toISOString().replace("T", " ").slice(0, 16) + " UTC";
  let plan: PlanSize[] = [];
  let largestPlan: string;
  if (packsOnly) {
    const label = sizes[sizes.length - 1];
    log(`plan ${label} (for the corpus, not measured)`);
    largestPlan = planFile(label);
    await measureProcess(node, planArgs(label, largestPlan), { cwd: repo, okExitCodes: [0, 1] });
  } else {
    plan = await measurePlans();
    await measureHub();
    largestPlan = planFile(plan[plan.length - 1].label);
  }
  const packs = await measurePacks(largestPlan);
  const inProcess = packsOnly ? undefined : await measureInProcess();
  const tests = !packsOnly && testRuns > 0 ? await measureTests() : undefined;
  const largest = plan[plan.length - 1];
  const profileList =
    packsOnly || values["no-profile"] ? [] : await profiles(largest.label, largest.resources);
  const results: BenchResults = {
    date,
    command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
    sections: packsOnly ? "packs" : "all",
    machine: describeMachine(repo),
    loadBefore,
    loadAfter: loadNow(),
    runs,
    plan,
    corpus: packs.corpus,
    packs: packs.packs,
    packOrder: packs.packOrder,
    engineClient: packs.engineClient,
    inProcess,
    tests,
    profiles: profileList,
  };
  writeFileSync(join(runsDir, "results.json"), JSON.stringify(results, null, 2));
  render(results);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
