/**
 * One-off measurement of the pack's cost for CI: startup (spawn as the CLI does until
 * GetAnalyzerInfo answers) and in-process evaluation throughput. Run with
 * `npx tsx test/harness/measure-pack.ts [copies]`; the benchmark issue turns it into tracked figures.
 */
import { evaluatePolicies } from "../../offline/evaluate-policies";
import type { NormalizedResource } from "../../offline/resource-model";
import { allPolicies } from "../../policies/all";
import { packConfigFromSettings } from "../../policies/config";
import { baseline, corpusSettings } from "../policies/baseline";
import { AnalyzerHarness } from "./analyzer-client";

async function startup(runs: number): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    const pack = await AnalyzerHarness.start();
    await pack.getAnalyzerInfo();
    times.push(performance.now() - started);
    await pack.close();
  }
  return times;
}

function corpusOf(copies: number): NormalizedResource[] {
  const resources: NormalizedResource[] = [];
  for (let i = 0; i < copies; i++) {
    for (const r of baseline("dev").list()) {
      const rename = (urn: string) => `${urn}-${i}`;
      resources.push({
        ...r,
        urn: rename(r.urn),
        name: `${r.name}-${i}`,
        providerUrn: r.providerUrn && rename(r.providerUrn),
        dependencies: r.dependencies.map(rename),
        propertyDependencies: Object.fromEntries(
          Object.entries(r.propertyDependencies ?? {}).map(([k, v]) => [k, v.map(rename)]),
        ),
      });
    }
  }
  return resources;
}

async function main() {
  const copies = Number(process.argv[2] ?? 250);
  const times = await startup(5);
  const sorted = [...times].sort((a, b) => a - b);
  console.log(
    `startup (spawn -> GetAnalyzerInfo), 5 runs: median ${sorted[2].toFixed(0)} ms, min ${sorted[0].toFixed(0)} ms, max ${sorted[4].toFixed(0)} ms`,
  );

  const resources = corpusOf(copies);
  const config = packConfigFromSettings(allPolicies, corpusSettings);
  await evaluatePolicies({ resources: resources.slice(0, 200), config }); // warm-up
  const started = performance.now();
  const findings = await evaluatePolicies({ resources, config });
  const ms = performance.now() - started;
  console.log(
    `in-process: ${resources.length} resources x ${allPolicies.length} policies (resource + stack) in ${ms.toFixed(0)} ms = ${Math.round((resources.length / ms) * 1000)} resources/s (${findings.length} findings)`,
  );
}

void main();
