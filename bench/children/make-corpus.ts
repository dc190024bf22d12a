/**
 * Writes the resources the policy-pack benchmarks feed both packs, as NormalizedResource JSON:
 * - `ours <plan.json> <out.json> <count>`: the first <count> resources of a real `hdh plan`
 *   (stack-export JSON), plus any provider they reference, so policies see real inputs;
 * - `awsguard <out.json> <count>`: AWS-typed resources for the anchor pack (lib/aws-corpus.ts).
 * Prints one JSON line: { analyzed, total, types }.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { normalizeExport } from "../../cli/normalize/from-export";
import type { NormalizedResource } from "../../offline/resource-model";
import { awsCorpus, awsDefaultProviders } from "../lib/aws-corpus";

export interface Corpus {
  /** Resources sent one per Analyze call, and together in AnalyzeStack. */
  analyzed: NormalizedResource[];
  /** Provider resources the analyzed ones reference but that lie beyond the cut. */
  providers: NormalizedResource[];
  defaultProviders?: Record<string, Record<string, unknown>>;
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
  const [kind, ...rest] = process.argv.slice(2);
  let corpus: Corpus;
  let out: string;
  if (kind === "ours") {
    const [planFile, outFile, count] = rest;
    corpus = fromPlan(planFile, Number(count));
    out = outFile;
  } else if (kind === "awsguard") {
    const [outFile, count] = rest;
    corpus = {
      analyzed: awsCorpus(Number(count)),
      providers: [],
      defaultProviders: awsDefaultProviders,
    };
    out = outFile;
  } else {
    throw new Error(
      "usage: make-corpus ours <plan.json> <out.json> <count> | awsguard <out.json> <count>",
    );
  }
  writeFileSync(out, JSON.stringify(corpus));
  const types = new Set(corpus.analyzed.map((r) => r.type)).size;
  console.log(
    JSON.stringify({ analyzed: corpus.analyzed.length, providers: corpus.providers.length, types }),
  );
}

main();
