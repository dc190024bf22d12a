/**
 * What a kubeconfig says about the TLS of its clusters. The format (clusters[].cluster with
 * `server`, `insecure-skip-tls-verify`, `certificate-authority[-data]`) is Kubernetes' own
 * (https://kubernetes.io/docs/concepts/configuration/organize-cluster-access-kubeconfig/); a
 * Pulumi program passes it as YAML or JSON text, or as an object.
 */
import { parse } from "yaml";
import { isTrue, list, obj, str } from "./values";

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
