/**
 * Writes the resources the policy-pack benchmark sends to every pack (ours, the floor pack and
 * awsguard receive the very same requests), as NormalizedResource JSON: the first <count>
 * resources of a real `hdh plan` (stack-export JSON), plus any provider they reference, so
 * policies see real inputs.
 *
 * Usage: node make-corpus.js <plan.json> <out.json> <count>
 * Prints one JSON line: { analyzed, providers, types }.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { normalizeExport } from "../../cli/normalize/from-export";
import type { NormalizedResource } from "../../offline/resource-model";

export interface Corpus {
  /** Resources sent one per Analyze call, and together in AnalyzeStack. */
  analyzed: NormalizedResource[];
  /** Provider resources the analyzed ones reference but that lie beyond the cut. */
  providers: NormalizedResource[];
}

function fromPlan(planFile: string, count: number): Corpus {
  const exported = JSON.parse(readFileSync(planFile, "utf8")) as {
    deployment: Record<string, unknown>;
  };
  const all = normalizeExport(exported.deployment, planFile).resources;
  if (all.length < count) {
    throw new Error(`${planFile} holds ${all.length} resources, fewer than ${count}`);
  }
  const analyzed = all.slice(0, count);
  const inCut = new Set(analyzed.map((r) => r.urn));
  const wanted = new Set(analyzed.map((r) => r.providerUrn).filter((u): u is string => !!u));
  const providers = all
    .slice(count)
    .filter((r) => !inCut.has(r.urn) && [...wanted].some((w) => w.startsWith(r.urn)));
  return { analyzed, providers };
}

function main(): void {
  const [planFile, out, count] = process.argv.slice(2);
  if (!planFile || !out || !count)
    throw new Error("usage: make-corpus <plan.json> <out.json> <count>");
  const corpus = fromPlan(planFile, Number(count));
  writeFileSync(out, JSON.stringify(corpus));
  const types = new Set(corpus.analyzed.map((r) => r.type)).size;
  console.log(
    JSON.stringify({ analyzed: corpus.analyzed.length, providers: corpus.providers.length, types }),
  );
}

main();
