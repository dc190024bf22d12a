/**
 * One policy-pack measurement, in its own process: start the pack as the Pulumi CLI does
 * (test/harness/analyzer-client.ts: `run-policy-pack` with the pack directory as working
 * directory), time until GetAnalyzerInfo answers, configure every policy with its schema
 * defaults as the CLI does, then send every corpus resource in its own
 * Analyze call, first one call in flight, then 32 in flight (the engine analyzes resource steps
 * concurrently, up to its `--parallel`), then all of them in one AnalyzeStack call, three times
 * (the median is kept: one call of seconds on a shared machine is noisy).
 *
 * Usage: node pack-driver.js <pack dir> <corpus.json>
 * Prints one JSON line: { startupMs, portMs, policies, analyzeMs, analyzeCalls,
 * analyzeParallelMs, inFlight, analyzeStackMs, analyzeStackSamplesMs, resourceDiagnostics,
 * stackDiagnostics }.
 */
import { readFileSync } from "node:fs";
import * as grpc from "@grpc/grpc-js";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import type * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import type { NormalizedResource } from "../../offline/resource-model";
import { AnalyzerHarness } from "../../test/harness/analyzer-client";
import { analyzeRequest, analyzeStackRequest, Empty } from "../../test/harness/analyzer-messages";
import type { Corpus } from "./make-corpus";

type Call<Req> = (
  req: Req,
  cb: (err: grpc.ServiceError | null, res: analyzer.AnalyzeResponse) => void,
) => unknown;

function send<Req>(fn: Call<Req>, req: Req): Promise<analyzer.AnalyzeResponse> {
  return new Promise((resolve, reject) =>
    fn(req, (err, res) => (err ? reject(err) : resolve(res))),
  );
}

/** Analyze calls in flight in the concurrent phase. */
const inFlight = 32;

async function main(): Promise<void> {
  const [packDir, corpusFile] = process.argv.slice(2);
  const corpus = JSON.parse(readFileSync(corpusFile, "utf8")) as Corpus;
  const all = new Map<string, NormalizedResource>(
    [...corpus.analyzed, ...corpus.providers].map((r) => [r.urn, r]),
  );
  const requests = corpus.analyzed.map((r) => analyzeRequest(r, all, corpus.defaultProviders));
  const stackRequest = analyzeStackRequest(corpus.analyzed, all, corpus.defaultProviders);

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
    const client = new analyzerGrpc.AnalyzerClient(
      `127.0.0.1:${pack.port}`,
      grpc.credentials.createInsecure(),
      {
        "grpc.max_receive_message_length": 400 * 1024 * 1024,
        "grpc.max_send_message_length": 400 * 1024 * 1024,
      },
    );
    const analyze = client.analyze.bind(client) as unknown as Call<analyzer.AnalyzeRequest>;
    const analyzeStack = client.analyzeStack.bind(
      client,
    ) as unknown as Call<analyzer.AnalyzeStackRequest>;

    // The transport's ceiling: the smallest call the analyzer answers (GetPluginInfo), one in
    // flight, so Analyze's rate can be read against what the two processes' round trip allows.
    const getPluginInfo = client.getPluginInfo.bind(client) as unknown as Call<unknown>;
    const emptyCalls = 2_000;
    const emptyStarted = performance.now();
    for (let i = 0; i < emptyCalls; i++) await send(getPluginInfo, new Empty());
    const emptyCallsPerSec = emptyCalls / ((performance.now() - emptyStarted) / 1000);

    let resourceDiagnostics = 0;
    const analyzeStarted = performance.now();
    for (const req of requests) {
      resourceDiagnostics += (await send(analyze, req)).getDiagnosticsList().length;
    }
    const analyzeMs = performance.now() - analyzeStarted;

    // The same calls, `inFlight` at a time: each worker sends its next request as soon as its
    // previous one is answered.
    let next = 0;
    const parallelStarted = performance.now();
    await Promise.all(
      Array.from({ length: inFlight }, async () => {
        while (next < requests.length) await send(analyze, requests[next++]);
      }),
    );
    const analyzeParallelMs = performance.now() - parallelStarted;

    const analyzeStackSamplesMs: number[] = [];
    let stackDiagnostics = 0;
    for (let i = 0; i < 3; i++) {
      const stackStarted = performance.now();
      stackDiagnostics = (await send(analyzeStack, stackRequest)).getDiagnosticsList().length;
      analyzeStackSamplesMs.push(performance.now() - stackStarted);
    }
    const analyzeStackMs = [...analyzeStackSamplesMs].sort((a, b) => a - b)[1];
    client.close();

    console.log(
      JSON.stringify({
        startupMs,
        portMs: pack.portMs,
        policies: info.policies.length,
        analyzeMs,
        analyzeCalls: requests.length,
        analyzeParallelMs,
        inFlight,
        analyzeStackMs,
        analyzeStackSamplesMs,
        emptyCallsPerSec,
        resourceDiagnostics,
        stackDiagnostics,
      }),
    );
  } finally {
    await pack.close();
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
