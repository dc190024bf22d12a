/**
 * Where a Helm release's chart is downloaded from, as @pulumi/kubernetes 4.x takes it (helm/v3
 * Release and helm/v4 Chart inputs, https://www.pulumi.com/registry/packages/kubernetes/api-docs/helm/v3/release/):
 * `chart` is a chart name in `repositoryOpts.repo`, an `oci://` reference, a URL of a packaged
 * chart (`.tgz`), or a local path; `repositoryOpts.repo` is the repository's URL (`https://` or,
 * for an OCI registry, `oci://`). Helm pulls an `oci://host/path/chart` from that OCI registry
 * (https://helm.sh/docs/topics/registries/). A local path and a bare chart name without a
 * repository are read from the machine running Pulumi: no remote source to judge here.
 */
import { isUnknown, obj, str, type Props } from "./values";

export interface ChartSource {
  /** The input it was read from: `chart` or `repositoryOpts.repo`. */
  readonly field: string;
  readonly text: string;
  /** Registry or repository host (with port), lower case, and the path below it. */
  readonly host: string;
  readonly path: string;
}

/** Remote sources of the chart, and the inputs holding one that are unknown during preview. */
export function chartSources(props: Props): { sources: ChartSource[]; unknown: string[] } {
  const sources: ChartSource[] = [];
  const unknown: string[] = [];
  const repositoryOpts = props.repositoryOpts;
  const repo = isUnknown(repositoryOpts) ? repositoryOpts : obj(repositoryOpts)?.repo;
  for (const [field, value] of [
    ["chart", props.chart],
    ["repositoryOpts.repo", repo],
  ] as const) {
    if (isUnknown(value)) {
      unknown.push(field);
      continue;
    }
    const text = str(value)?.trim();
    const remote = text ? remoteSource(field, text) : undefined;
    if (remote) sources.push(remote);
  }
  return { sources, unknown };
}

const remoteScheme = /^(oci|https?):\/\//i;

function remoteSource(field: string, text: string): ChartSource | undefined {
  if (!remoteScheme.test(text)) return undefined;
  let url: URL;
  try {
    // `oci:` is not a special scheme for WHATWG URL parsing; read it as https to get host and path.
    url = new URL(text.replace(/^oci:/i, "https:"));
  } catch {
    return { field, text, host: text.toLowerCase(), path: "" };
  }
  return {
    field,
    text,
    host: url.host.toLowerCase(),
    path: decodeURIComponent(url.pathname).replace(/^\/+|\/+$/g, ""),
  };
}
