/**
 * The floor for policy evaluation: our pack's policies called in-process
 * (offline/evaluate-policies.ts, what `hdh plan` and `hdh check` use), no process, no gRPC, no
 * protobuf. One warm-up pass, then <runs> timed passes of each phase over the same resources.
 *
 * Usage: node in-process-eval.js <corpus.json> <runs>
 * Prints one JSON line: { resources, resourcePhaseMs: number[], stackPhaseMs: number[],
 * bothMs: number[], violations }.
 */
import { readFileSync } from "node:fs";
import { evaluatePolicies } from "../../offline/evaluate-policies";
import type { Corpus } from "./make-corpus";

async function main(): Promise<void> {
  const [corpusFile, runsArg] = process.argv.slice(2);
  const runs = Number(runsArg ?? 3);
  const corpus = JSON.parse(readFileSync(corpusFile, "utf8")) as Corpus;
  const resources = [...corpus.analyzed, ...corpus.providers];
  const timed = async (phases: ("resource" | "stack")[]) => {
    const started = performance.now();
    const violations = await evaluatePolicies({ resources, phases });
    return { ms: performance.now() - started, violations: violations.length };
  };
  const warmUp = await timed(["resource", "stack"]);
  const resourcePhaseMs: number[] = [];
  const stackPhaseMs: number[] = [];
  const bothMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    resourcePhaseMs.push((await timed(["resource"])).ms);
    stackPhaseMs.push((await timed(["stack"])).ms);
    bothMs.push((await timed(["resource", "stack"])).ms);
  }
  console.log(
    JSON.stringify({
      resources: resources.length,
      resourcePhaseMs,
      stackPhaseMs,
      bothMs,
      violations: warmUp.violations,
    }),
  );
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
