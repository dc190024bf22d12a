/**
 * Analyzer gRPC requests built from normalized resources exactly as the Pulumi engine sends them
 * (type, urn, name, inputs as a protobuf Struct, options, the provider resource). One builder for
 * the test harness (analyzer-client.ts) and the benchmarks, which build every request ahead of
 * the timed loop so it measures the pack and the wire, not message building.
 */
import * as path from "node:path";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { providerOf } from "../../offline/evaluate-policies";
import type { NormalizedResource } from "../../offline/resource-model";

/** Where @pulumi/pulumi's generated messages find google-protobuf: use that same copy. */
const protobufOfPulumi = (module: string) =>
  require.resolve(`google-protobuf/google/protobuf/${module}`, {
    paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))],
  });

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Struct } = require(protobufOfPulumi("struct_pb")) as {
  Struct: { fromJavaScript(value: unknown): unknown };
};

/** google.protobuf.Empty, for the calls that take no argument. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { Empty } = require(protobufOfPulumi("empty_pb")) as { Empty: new () => unknown };

/** Default provider inputs by package, for resources that name no explicit provider. */
export type DefaultProviders = Record<string, Record<string, unknown>> | undefined;

/** Plain JSON as a protobuf Struct: undefined dropped, as the engine never sends it. */
export function struct(value: Record<string, unknown>): never {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(value))) as never;
}

function resourceOptions(r: NormalizedResource): analyzer.AnalyzerResourceOptions {
  const opts = new analyzer.AnalyzerResourceOptions();
  opts.setProtect(r.protect);
  opts.setCustomtimeouts(new analyzer.AnalyzerResourceOptions.CustomTimeouts());
  if (r.parent) opts.setParent(r.parent);
  return opts;
}

/** The provider resource the engine attaches to a resource's request, if it has one. */
function providerMessage(
  r: NormalizedResource,
  all: ReadonlyMap<string, NormalizedResource>,
  defaults: DefaultProviders,
): analyzer.AnalyzerProviderResource | undefined {
  const p = providerOf(r, all, defaults);
  if (!p) return undefined;
  const m = new analyzer.AnalyzerProviderResource();
  m.setType(p.type);
  m.setUrn(p.urn);
  m.setName(p.name);
  m.setProperties(struct(p.inputs));
  return m;
}

/** One Analyze request: a single resource, as a preview sends it. */
export function analyzeRequest(
  r: NormalizedResource,
  all: ReadonlyMap<string, NormalizedResource>,
  defaults: DefaultProviders,
): analyzer.AnalyzeRequest {
  const req = new analyzer.AnalyzeRequest();
  req.setType(r.type);
  req.setUrn(r.urn);
  req.setName(r.name);
  req.setProperties(struct(r.inputs));
  req.setOptions(resourceOptions(r));
  const provider = providerMessage(r, all, defaults);
  if (provider) req.setProvider(provider);
  return req;
}

/** One AnalyzeStack request: every resource with its parent and dependencies. */
export function analyzeStackRequest(
  resources: readonly NormalizedResource[],
  all: ReadonlyMap<string, NormalizedResource>,
  defaults: DefaultProviders,
): analyzer.AnalyzeStackRequest {
  const req = new analyzer.AnalyzeStackRequest();
  req.setResourcesList(
    resources.map((r) => {
      const m = new analyzer.AnalyzerResource();
      m.setType(r.type);
      m.setUrn(r.urn);
      m.setName(r.name);
      m.setProperties(struct(r.inputs));
      m.setOptions(resourceOptions(r));
      if (r.parent) m.setParent(r.parent);
      m.setDependenciesList(r.dependencies);
      for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
        const deps = new analyzer.AnalyzerPropertyDependencies();
        deps.setUrnsList(urns);
        m.getPropertydependenciesMap().set(key, deps);
      }
      const provider = providerMessage(r, all, defaults);
      if (provider) m.setProvider(provider);
      return m;
    }),
  );
  return req;
}
