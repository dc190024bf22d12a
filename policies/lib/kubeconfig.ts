/**
 * What a kubeconfig says about the TLS of its clusters. The format (clusters[].cluster with
 * `server`, `insecure-skip-tls-verify`, `certificate-authority[-data]`) is Kubernetes' own
 * (https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/); a
 * Pulumi program passes it as YAML or JSON text, or as an object.
 */
import { parse } from "yaml";
import { at, isTrue, isUnknown, list, obj, str, unknownMarker, type Props } from "./values";

export interface KubeconfigTls {
  /** Clusters that skip certificate verification. */
  readonly insecure: string[];
  /** Clusters reached over plain http://. */
  readonly plain: string[];
}

/** The kubeconfig as an object; "unreadable" for text no YAML/JSON parser accepts. */
function readKubeconfig(value: unknown): Record<string, unknown> | "unreadable" | undefined {
  let config: unknown = value;
  if (typeof value === "string") {
    if (value.trim() === "") return undefined;
    try {
      // `maxAliasCount` bounds alias expansion: a hostile kubeconfig cannot blow up memory.
      config = parse(value, { maxAliasCount: 100, prettyErrors: false });
    } catch {
      return "unreadable";
    }
  }
  const root = obj(config);
  if (!root) return typeof value === "string" ? "unreadable" : undefined;
  return root;
}

/**
 * The namespace of the kubeconfig's current context, where Kubernetes places an object that
 * names none; `undefined` when the context names none (then `default`), "unreadable" when the
 * kubeconfig cannot be read or names no current context.
 */
export function kubeconfigNamespace(value: unknown): string | undefined | "unreadable" {
  const root = readKubeconfig(value);
  if (!root || root === "unreadable") return "unreadable";
  const current = str(root["current-context"]);
  if (!current) return "unreadable";
  const context = (list(root.contexts) ?? [])
    .map(obj)
    .find((entry) => str(entry?.name) === current);
  if (!context) return "unreadable";
  return str(obj(context.context)?.namespace);
}

/** One cluster of a kubeconfig and the API server it names. */
export interface KubeconfigServer {
  readonly cluster: string;
  /**
   * The API server's URL; in a kubeconfig given as an object, the unknown sentinel while it (or
   * the cluster entry holding it) is unknown during preview: test with `isUnknown`.
   */
  readonly server: string;
}

/**
 * The API servers a Kubernetes provider would talk to, read from its kubeconfig:
 * - `selected`: the one cluster it uses: the provider's `cluster` input, else the cluster of its
 *   `context` input, else the cluster of the kubeconfig's `current-context` (the provider's own
 *   order, https://www.pulumi.com/registry/packages/kubernetes/api-docs/provider/);
 * - `all`: every cluster listed, when that choice cannot be made here (no current context, a
 *   context or cluster the kubeconfig does not hold, a `context`/`cluster` input unknown during
 *   preview): whichever the provider ends up using is among them;
 * - `path`: a file path (the provider also accepts one), whose content the pack cannot read;
 * - `unreadable`: text no YAML/JSON parser accepts, or no object.
 */
export type KubeconfigServers =
  | { kind: "selected" | "all"; servers: KubeconfigServer[] }
  | { kind: "path"; path: string }
  | { kind: "unreadable" };

export function kubeconfigServers(
  value: unknown,
  choice: { context?: unknown; cluster?: unknown } = {},
): KubeconfigServers {
  if (typeof value === "string" && looksLikePath(value))
    return { kind: "path", path: value.trim() };
  const root = readKubeconfig(value);
  if (!root || root === "unreadable") return { kind: "unreadable" };
  if (isUnknown(root.clusters))
    return { kind: "all", servers: [{ cluster: "clusters", server: unknownMarker }] };
  const clusters = (list(root.clusters) ?? []).map((entry, index) => {
    const named = obj(entry);
    // An unknown entry or server stays in the list, so the caller names it rather than judging
    // only the known clusters.
    const server = isUnknown(entry) ? unknownMarker : at(entry, "cluster.server");
    return {
      cluster: str(named?.name) ?? `clusters[${index}]`,
      server: isUnknown(server) ? unknownMarker : str(server),
    };
  });
  const all = clusters.filter((c): c is KubeconfigServer => c.server !== undefined);
  const chosen = chosenCluster(root, choice);
  const selected = chosen && clusters.find((c) => c.cluster === chosen);
  if (selected)
    return { kind: "selected", servers: selected.server ? [selected as KubeconfigServer] : [] };
  return { kind: "all", servers: all };
}

/** The cluster the provider picks, or undefined when it cannot be told here. */
function chosenCluster(
  root: Record<string, unknown>,
  choice: { context?: unknown; cluster?: unknown },
): string | undefined {
  if (isUnknown(choice.cluster) || isUnknown(choice.context)) return undefined;
  const cluster = str(choice.cluster);
  if (cluster) return cluster;
  const contextName = str(choice.context) ?? str(root["current-context"]);
  if (!contextName) return undefined;
  const context = (list(root.contexts) ?? [])
    .map(obj)
    .find((entry) => str(entry?.name) === contextName);
  return str(obj(context?.context)?.cluster);
}

/** One line, no YAML/JSON structure: the path of a kubeconfig file rather than its content. */
export function looksLikePath(value: string): boolean {
  const text = value.trim();
  return text !== "" && !/[\n{}:]/.test(text.replace(/^[a-z]:\\/i, ""));
}

/** Reads the kubeconfig; "unreadable" when it is text that no YAML/JSON parser accepts. */
export function kubeconfigTls(value: unknown): KubeconfigTls | "unreadable" | undefined {
  const root = readKubeconfig(value);
  if (!root || root === "unreadable") return root;
  const result: KubeconfigTls = { insecure: [], plain: [] };
  (list(root.clusters) ?? []).forEach((entry, index) => {
    const named = obj(entry);
    const cluster = obj(named?.cluster);
    if (!cluster) return;
    const name = str(named?.name) ?? `clusters[${index}]`;
    if (isTrue(cluster["insecure-skip-tls-verify"])) result.insecure.push(name);
    if (str(cluster.server)?.toLowerCase().startsWith("http://")) result.plain.push(name);
  });
  return result;
}

/**
 * Where the object lands when it names no namespace: the Pulumi Kubernetes provider's
 * `namespace`, else the namespace of its kubeconfig's current context, else `default`
 * (provider reference, "namespace" input). A kubeconfig the provider does not carry is the
 * deploying machine's: unknown here.
 */
export function providerNamespace(provider: Props | undefined): string | "unknown" {
  if (!provider) return "unknown";
  if (isUnknown(provider.namespace)) return "unknown";
  const own = str(provider.namespace);
  if (own) return own;
  if (provider.kubeconfig === undefined || isUnknown(provider.kubeconfig)) return "unknown";
  const fromContext = kubeconfigNamespace(provider.kubeconfig);
  return fromContext === "unreadable" ? "unknown" : (fromContext ?? "default");
}
