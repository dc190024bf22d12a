/**
 * `npm run bench`: measures the plan and the policy pack, side by side with their floors and
 * the public anchor, and writes bench/results.md. See results.md "How to read this".
 *
 * Options: --runs <n> (default 3), --sizes dev,10,100,1000, --test-runs <n> (default 1; 0 skips
 * the suite), --corpus <resources sent to each pack> (default 10000), --no-profile, --out <file>,
 * --render-only (rewrite results.md from the last run's bench/.runs/results.json and findings.md),
 * --packs-only (only the policy-pack comparison: the largest size is planned once, unmeasured, to
 * make the corpus; results.md then says which sections were not measured).
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { summariseProfile } from "./lib/cpu-profile";
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
  corpus: BenchResults["corpus"];
}> {
  const corpusFile = join(runsDir, "corpus-ours.json");
  const made = await measureProcess(
    node,
    [join(js, "make-corpus.js"), largestPlan, corpusFile, String(corpusSize)],
    { cwd: repo },
  );
  const info = lastJsonLine<{ types: number }>(made.stdout);
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
        { cwd: repo },
      );
      packs[which].push(lastJsonLine<PackRun>(result.stdout));
    }
  }
  return {
    packs,
    packOrder,
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
  const hub = existsSync(hubFile) ? renderHub(JSON.parse(readFileSync(hubFile, "utf8"))) : "";
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

/**
 * Hubs of n workspace stacks (docs/hub-stacks.md) planned as `hdh plan --stack dev --workspaces n`
 * plans them, without the policy evaluation, with the bare-mock floor of the same resource count
 * measured in the same run, one after the other.
 */
async function measureHub(): Promise<{ hub: HubRun; floor: Sample }[]> {
  const out: { hub: HubRun; floor: Sample }[] = [];
  for (const n of [10, 100, 1000]) {
    log(`hub of ${n} workspace stacks`);
    const sample = await measureProcess(node, [join(js, "hub-plan.js"), String(n)], { cwd: repo });
    const hub = { ...lastJsonLine<Omit<HubRun, "sample">>(sample.stdout), sample: strip(sample) };
    log(`floor ${hub.resources} resources (hub)`);
    const floor = await measureProcess(node, [join(js, "bare-floor.js"), String(hub.resources)], {
      cwd: repo,
    });
    out.push({ hub, floor: strip(floor) });
  }
  writeFileSync(join(runsDir, "hub.json"), JSON.stringify(out, null, 2));
  return out;
}

function renderHub(rows: { hub: HubRun; floor: Sample }[]): string {
  const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
  const lines = [
    "## Hub: one platform stack and n workspace stacks (issue 16)",
    "",
    "`node bench/.runs/js/bench/children/hub-plan.js <n>` (built by `npm run bench`): the dev platform",
    "stack, then n workspace stacks in the pool of worker processes (one per core), no policy",
    "evaluation; then `bare-floor.js <same resources>`, the bare-mock floor in one process, right",
    "after it. Peak RSS: GNU time's largest single process (%M); the sum adds every process's peak.",
    "",
    "| workspaces | stacks | resources | hub wall | floor wall | hub / floor | platform stack | one workspace stack (median, max) | peak RSS largest process | peak RSS all processes (sum) | floor peak RSS | µs per resource (hub CPU) |",
    "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
  ];
  for (const { hub, floor } of rows) {
    const total = hub.mainPeakRssMb + hub.workerPeakRssMb.reduce((a, b) => a + b, 0);
    lines.push(
      `| ${hub.workspaces} | ${hub.stacks} | ${hub.resources} | ${s(hub.sample.wallMs)} | ${s(floor.wallMs)} | ${(hub.sample.wallMs / floor.wallMs).toFixed(2)} | ${s(hub.platformMs)} | ${hub.workspaceStackMedianMs} ms, ${hub.workspaceStackMaxMs} ms | ${Math.round(hub.sample.peakRssMb)} MiB | ${total} MiB (${hub.workerPeakRssMb.length} workers) | ${Math.round(floor.peakRssMb)} MiB | ${Math.round((hub.sample.cpuMs * 1000) / hub.resources)} |`,
    );
  }
  return lines.join("\n") + "\n";
}

async function main(): Promise<void> {
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
