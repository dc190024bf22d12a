/**
 * Analyzer requests built ahead of time, exactly as the engine sends them (type, urn, name,
 * inputs as a protobuf Struct, options, the provider resource), so the timed loop measures the
 * pack and the wire, not the benchmark building messages.
 */
import * as path from "node:path";
import * as analyzer from "@pulumi/pulumi/proto/analyzer_pb";
import { providerOf } from "../../offline/evaluate-policies";
import type { NormalizedResource } from "../../offline/resource-model";

/** The google-protobuf copy @pulumi/pulumi's generated messages use. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Struct } = require(
  require.resolve("google-protobuf/google/protobuf/struct_pb", {
    paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))],
  }),
) as { Struct: { fromJavaScript(value: unknown): unknown } };

/** google.protobuf.Empty from the same copy, for calls that take no argument. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const { Empty } = require(
  require.resolve("google-protobuf/google/protobuf/empty_pb", {
    paths: [path.dirname(require.resolve("@pulumi/pulumi/package.json"))],
  }),
) as { Empty: new () => unknown };

type DefaultProviders = Record<string, Record<string, unknown>> | undefined;

/** JSON round trip: the engine never sends `undefined`. */
function struct(value: Record<string, unknown>): never {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(value))) as never;
}

function options(r: NormalizedResource): analyzer.AnalyzerResourceOptions {
  const opts = new analyzer.AnalyzerResourceOptions();
  opts.setProtect(r.protect);
  opts.setCustomtimeouts(new analyzer.AnalyzerResourceOptions.CustomTimeouts());
  if (r.parent) opts.setParent(r.parent);
  return opts;
}

function provider(
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

export function analyzeRequests(
  analyzed: readonly NormalizedResource[],
  all: ReadonlyMap<string, NormalizedResource>,
  defaults: DefaultProviders,
): analyzer.AnalyzeRequest[] {
  return analyzed.map((r) => {
    const req = new analyzer.AnalyzeRequest();
    req.setType(r.type);
    req.setUrn(r.urn);
    req.setName(r.name);
    req.setProperties(struct(r.inputs));
    req.setOptions(options(r));
    const p = provider(r, all, defaults);
    if (p) req.setProvider(p);
    return req;
  });
}

export function analyzeStackRequest(
  analyzed: readonly NormalizedResource[],
  all: ReadonlyMap<string, NormalizedResource>,
  defaults: DefaultProviders,
): analyzer.AnalyzeStackRequest {
  const req = new analyzer.AnalyzeStackRequest();
  req.setResourcesList(
    analyzed.map((r) => {
      const m = new analyzer.AnalyzerResource();
      m.setType(r.type);
      m.setUrn(r.urn);
      m.setName(r.name);
      m.setProperties(struct(r.inputs));
      m.setOptions(options(r));
      if (r.parent) m.setParent(r.parent);
      m.setDependenciesList(r.dependencies);
      for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
        const deps = new analyzer.AnalyzerPropertyDependencies();
        deps.setUrnsList(urns);
        m.getPropertydependenciesMap().set(key, deps);
      }
      const p = provider(r, all, defaults);
      if (p) m.setProvider(p);
      return m;
    }),
  );
  return req;
}
