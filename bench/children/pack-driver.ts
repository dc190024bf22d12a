/**
 * One policy-pack measurement, in its own process: start the pack as the Pulumi CLI does
 * (test/harness/analyzer-client.ts: `run-policy-pack` with the pack directory as working
 * directory), time until GetAnalyzerInfo answers, configure every policy with its schema
 * defaults as the CLI does, then, with the very same requests whatever the pack:
 * 1. GetPluginInfo, one call in flight: the round trip's ceiling;
 * 2. every fifth corpus resource in its own Analyze call, one call in flight (2,000 calls for
 *    10,000 resources: the rate is steady long before, and the machine is shared);
 * 3. the same calls, 32 in flight (the engine analyzes resource steps concurrently, up to its
 *    `--parallel`), with the pack process's CPU time over the phase;
 * 4. the same calls again, 32 in flight, sent by the Pulumi engine's own Go code path
 *    (bench/engine-client: plugin.Analyzer.Analyze, then the policy summary the engine builds
 *    from each response), when the benchmark passes its binary in HDH_ENGINE_CLIENT; this is
 *    what `pulumi preview` itself would see, without a Node client on the same CPUs;
 * 5. all of them in one AnalyzeStack call, three times (the median is kept).
 *
 * Analyze responses are taken as the bytes the pack wrote and decoded only after the clock stops
 * (and that decoding is timed apart): the engine decodes them in Go, far more cheaply than
 * google-protobuf does in JavaScript, and this client shares the machine's CPUs with the pack, so
 * decoding inside the timed phase would charge a pack for the size of its answer twice.
 *
 * Usage: node pack-driver.js <pack dir> <corpus.json>
 * Prints one JSON line: a PackRun (lib/results-model.ts).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import type { NormalizedResource } from "../../offline/resource-model";
import { AnalyzerHarness } from "../../test/harness/analyzer-client";
import { analyzeRequest, analyzeStackRequest } from "../../test/harness/analyzer-messages";
import type { EngineClientRun, PackRun } from "../lib/results-model";
import type { Corpus } from "./make-corpus";

/** Analyze calls in flight in the concurrent phase. */
const inFlight = 32;

/** User + system CPU time of a process so far, in ms (Linux: /proc/<pid>/stat, in clock ticks). */
function cpuMsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  const ticksPerSecond = 100;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond;
}

async function main(): Promise<void> {
  const [packDir, corpusFile] = process.argv.slice(2);
  const corpus = JSON.parse(readFileSync(corpusFile, "utf8")) as Corpus;
  const all = new Map<string, NormalizedResource>(
    [...corpus.analyzed, ...corpus.providers].map((r) => [r.urn, r]),
  );
  const requests = corpus.analyzed.map((r) => analyzeRequest(r, all, undefined));
  const stackRequest = analyzeStackRequest(corpus.analyzed, all, undefined);
  const loadStart = loadavg()[0];

  const started = performance.now();
  const pack = await AnalyzerHarness.start({ dir: packDir, timeoutMs: 120_000 });
  const info = await pack.getAnalyzerInfo();
  const startupMs = performance.now() - started;
  try {
    // As the CLI does before any Analyze: every policy's config, schema defaults filled in.
    const config: Record<string, Record<string, unknown>> = {};
    for (const policy of info.policies) {
      const defaults: Record<string, unknown> = {};
      for (const [key, schema] of Object.entries(policy.configSchema ?? {})) {
        const value = (schema as { default?: unknown }).default;
        if (value !== undefined) defaults[key] = value;
      }
      config[policy.name] = { enforcementLevel: policy.enforcementLevel, ...defaults };
    }
    await pack.configure(config as never, new Map());
    await pack.configureStack("bench", "bench", true);

    const emptyCalls = 1_000;
    const emptyStarted = performance.now();
    for (let i = 0; i < emptyCalls; i++) await pack.getPluginInfo();
    const emptyCallsPerSec = emptyCalls / ((performance.now() - emptyStarted) / 1000);

    const sequential = requests.filter((_, i) => i % 5 === 0);
    const analyzeStarted = performance.now();
    for (const req of sequential) await pack.analyzeBytes(req);
    const analyzeMs = performance.now() - analyzeStarted;

    // Each worker sends its next request as soon as its previous one is answered.
    const responses: Buffer[] = new Array(requests.length);
    let next = 0;
    const cpuBefore = cpuMsOf(pack.pid);
    const parallelStarted = performance.now();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < requests.length) {
          const i = next++;
          responses[i] = await pack.analyzeBytes(requests[i]);
        }
      }),
    );
    const analyzeParallelMs = performance.now() - parallelStarted;
    const analyzeParallelServerCpuMs = cpuMsOf(pack.pid) - cpuBefore;

    const decodeStarted = performance.now();
    let resourceDiagnostics = 0;
    let notApplicableEntries = 0;
    let responseBytes = 0;
    for (const bytes of responses) {
      const response = analyzer.AnalyzeResponse.deserializeBinary(new Uint8Array(bytes));
      resourceDiagnostics += response.getDiagnosticsList().length;
      notApplicableEntries += response.getNotApplicableList().length;
      responseBytes += bytes.length;
    }
    const decodeMs = performance.now() - decodeStarted;

    const engineClient = process.env.HDH_ENGINE_CLIENT
      ? viaEngineClient(process.env.HDH_ENGINE_CLIENT, pack, requests)
      : undefined;

    const analyzeStackSamplesMs: number[] = [];
    let stackDiagnostics = 0;
    for (let i = 0; i < 3; i++) {
      const stackStarted = performance.now();
      stackDiagnostics = (await pack.sendAnalyzeStack(stackRequest)).length;
      analyzeStackSamplesMs.push(performance.now() - stackStarted);
    }
    const analyzeStackMs = [...analyzeStackSamplesMs].sort((a, b) => a - b)[1];

    const run: PackRun = {
      startupMs,
      portMs: pack.portMs,
      policies: info.policies.length,
      analyzeMs,
      analyzeSequentialCalls: sequential.length,
      analyzeCalls: requests.length,
      analyzeParallelMs,
      analyzeParallelServerCpuMs,
      inFlight,
      analyzeStackMs,
      analyzeStackSamplesMs,
      emptyCallsPerSec,
      resourceDiagnostics,
      notApplicableEntries,
      responseBytes,
      decodeMs,
      stackDiagnostics,
      engineClient,
      loadStart,
      loadEnd: loadavg()[0],
    };
    console.log(JSON.stringify(run));
  } finally {
    await pack.close();
  }
}

/**
 * The concurrent phase again, from the engine's Go code path (bench/engine-client), with the
 * pack's CPU time over it. The requests go over as the bytes this client would send, each with
 * its length (4 bytes, big-endian), and are turned into the engine's resources before its clock.
 */
function viaEngineClient(
  binary: string,
  pack: AnalyzerHarness,
  requests: readonly analyzer.AnalyzeRequest[],
): EngineClientRun {
  const dir = mkdtempSync(join(tmpdir(), "hdh-bench-requests-"));
  try {
    const file = join(dir, "requests.bin");
    const chunks: Buffer[] = [];
    for (const req of requests) {
      const bytes = req.serializeBinary();
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      chunks.push(length, Buffer.from(bytes));
    }
    writeFileSync(file, Buffer.concat(chunks));
    const cpuBefore = cpuMsOf(pack.pid);
    const out = execFileSync(
      binary,
      ["-addr", `127.0.0.1:${pack.port}`, "-requests", file, "-inflight", String(inFlight)],
      { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"], maxBuffer: 1024 * 1024 },
    );
    const serverCpuMs = cpuMsOf(pack.pid) - cpuBefore;
    const run = JSON.parse(out.trim().split("\n").pop()!) as Omit<EngineClientRun, "serverCpuMs">;
    return { ...run, serverCpuMs };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
