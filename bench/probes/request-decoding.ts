/**
 * What reading an Analyze request costs, on the benchmark's requests: the generated decoder
 * against the patched server's lazy reading (patches/README.md, item 7), first left undecoded (a
 * resource no policy reads), then with its properties and provider read as a policy's args do.
 * CPU per request, three passes after two to warm up.
 * Usage: node bench/.runs/js/bench/probes/request-decoding.js <corpus.json> (bench/.runs/corpus-ours.json
 * after `npm run bench -- --packs-only`).
 */
import { readFileSync } from "node:fs";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import type { NormalizedResource } from "../../offline/resource-model";
import { analyzeRequest } from "../../test/harness/analyzer-messages";
import type { Corpus } from "../children/make-corpus";

// eslint-disable-next-line @typescript-eslint/no-require-imports -- internal of the patched library
const { lazyAnalyzeRequest } = require("@pulumi/policy/server") as {
  lazyAnalyzeRequest(bytes: Uint8Array): analyzer.AnalyzeRequest;
};

function main(): void {
  const corpus = JSON.parse(readFileSync(process.argv[2], "utf8")) as Corpus;
  const all = new Map<string, NormalizedResource>(
    [...corpus.analyzed, ...corpus.providers].map((r) => [r.urn, r]),
  );
  const requests = corpus.analyzed.map((r) => analyzeRequest(r, all, undefined).serializeBinary());
  const bytes = requests.reduce((sum, r) => sum + r.length, 0);
  const usPerRequest = (read: (bytes: Uint8Array) => unknown) => {
    for (let pass = 0; pass < 2; pass++) for (const r of requests) read(r);
    const cpu0 = process.cpuUsage();
    for (let pass = 0; pass < 3; pass++) for (const r of requests) read(r);
    const cpu = process.cpuUsage(cpu0);
    return Number(((cpu.user + cpu.system) / requests.length / 3).toFixed(1));
  };
  console.log(
    JSON.stringify({
      requests: requests.length,
      bytesPerRequest: Math.round(bytes / requests.length),
      generatedUs: usPerRequest((r) => analyzer.AnalyzeRequest.deserializeBinary(r)),
      lazyUnreadUs: usPerRequest((r) => lazyAnalyzeRequest(r)),
      lazyReadUs: usPerRequest((r) => {
        const request = lazyAnalyzeRequest(r);
        return [request.getProperties(), request.getProvider()];
      }),
    }),
  );
}

main();
