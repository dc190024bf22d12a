import { resourcePolicies } from "../lib/define";
import { helmTypes } from "../lib/helm-values";
import { isTrue, isUnknown, list, obj, raw } from "../lib/values";
import { req } from "../requirements";

/** A URL or OCI reference fetched in clear: `http://`, whatever its case. */
const inClear = (value: unknown): value is string =>
  typeof value === "string" && /^\s*http:\/\//i.test(value);

/**
 * Manifest components that download their manifests when given a URL: yaml/v2 and v1 ConfigFile
 * `file` ("Path or URL to a Kubernetes manifest file",
 * https://www.pulumi.com/registry/packages/kubernetes/api-docs/yaml/configfile/) and ConfigGroup
 * `files` ("Set of paths and/or URLs to Kubernetes manifest files",
 * https://www.pulumi.com/registry/packages/kubernetes/api-docs/yaml/v2/configgroup/).
 */
const manifestSources: Readonly<Record<string, string>> = {
  "kubernetes:yaml/v2:ConfigFile": "file",
  "kubernetes:yaml:ConfigFile": "file",
  "kubernetes:yaml/v2:ConfigGroup": "files",
  "kubernetes:yaml:ConfigGroup": "files",
  // kustomize/v2 Directory `directory`: "The directory or git URL containing the kustomization to
  // apply" (pulumi/pulumi-kubernetes#3036, commit 4fddc208, remote targets as kustomize's
  // examples/remoteBuild.md).
  "kubernetes:kustomize/v2:Directory": "directory",
};

/**
 * The chart itself (or a manifest file) is fetched over TLS. A chart is code the provider renders into every workload of
 * the release: fetched in clear, whoever sits on the path can swap it, and the values judged by the
 * other Helm rules no longer describe what is deployed. Three ways a program asks for clear text
 * (@pulumi/kubernetes 4.x, helm/v3 Release and helm/v4 Chart inputs): a repository URL
 * `repositoryOpts.repo` in `http://`, a chart given as an `http://` URL, and the v4 Chart's
 * `plainHttp` ("use insecure HTTP for the chart download instead of HTTPS"). Manifests a
 * ConfigFile or ConfigGroup downloads from an `http://` URL are the same fault: the objects they
 * register are whatever the path served.
 */
export function helmReleaseChartOverTls() {
  return resourcePolicies({
    name: "kubernetes-helm-release-chart-over-tls",
    description:
      "Helm charts and manifest files are downloaded over HTTPS (or OCI over TLS), never plain HTTP, so what is deployed is what was reviewed.",
    enforcementLevel: "mandatory",
    types: [...helmTypes, ...Object.keys(manifestSources)],
    meta: {
      area: "encryption",
      severity: "high",
      requirements: [req.sncEncryptionInTransit, req.isoCrypto, req.isoConfiguration],
      remediation:
        "Fetch the chart (or manifest file) over HTTPS or from an OCI registry over TLS (drop `plainHttp`, use an `https://` repository or URL), ideally from the platform's own EU registry.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const props = raw(args.props);
      const manifestField = manifestSources[args.type];
      if (manifestField) return manifestsOverTls(props[manifestField], manifestField, report);
      const repositoryOpts = props.repositoryOpts;
      const repo = isUnknown(repositoryOpts) ? repositoryOpts : obj(repositoryOpts)?.repo;
      const seen: [string, unknown][] = [
        ["chart", props.chart],
        ["repositoryOpts.repo", repo],
        ["plainHttp", props.plainHttp],
      ];
      const unknownAt = seen.filter(([, value]) => isUnknown(value)).map(([path]) => path);
      if (inClear(props.chart))
        report(`\`chart\` "${props.chart}" is downloaded over plain HTTP: use an https:// URL.`);
      if (inClear(repo))
        report(
          `\`repositoryOpts.repo\` "${repo}" serves the chart over plain HTTP: use an https:// repository.`,
        );
      if (isTrue(props.plainHttp))
        report("`plainHttp: true` downloads the chart over insecure HTTP instead of HTTPS.");
      if (unknownAt.length > 0)
        unknown(
          `${unknownAt.map((p) => `\`${p}\``).join(", ")} unknown during preview: whether the chart travels over TLS cannot be told.`,
        );
    },
  });
}

/** A ConfigFile's `file` or a ConfigGroup's `files`: each `http://` URL is reported. */
function manifestsOverTls(value: unknown, field: string, report: (message: string) => void) {
  const entries = list(value) ?? [value];
  entries.forEach((entry, i) => {
    const at = Array.isArray(value) ? `${field}[${i}]` : field;
    if (inClear(entry))
      report(`\`${at}\` "${entry}" downloads manifests over plain HTTP: use an https:// URL.`);
  });
}
