/**
 * Namespaces that hold workloads, found from the workloads themselves (any resource carrying a
 * pod spec, lib/pod-spec.ts, each item of a List on its own), not from our labels: a workload names its namespace in
 * `metadata.namespace`; without one it lands where its Kubernetes provider places it (the
 * provider's `namespace`, else its kubeconfig's context, lib/kubeconfig.ts `providerNamespace`;
 * `default` for a provider the stack does not describe); and when the name is not known yet
 * (an auto-named Namespace's output) it is tied to it by its dependency on the Namespace resource.
 */
import { podCarriersOf } from "./pod-spec";
import {
  declaredNamespaces,
  type IndexedResource,
  type NamespaceInfo,
  type StackIndex,
} from "./stack-index";
import { providerNamespace } from "./kubeconfig";
import { isUnknown, obj, raw, str } from "./values";

export interface WorkloadNamespace {
  /** The namespace's name, as workloads and policies name it. */
  readonly name: string;
  /** Its Namespace resource when the stack declares it. */
  readonly declared?: NamespaceInfo;
  readonly workloads: IndexedResource[];
}

export interface WorkloadNamespaces {
  readonly namespaces: WorkloadNamespace[];
  /** Workloads whose namespace cannot be told during preview. */
  readonly unplaced: IndexedResource[];
}

export function workloadNamespaces(index: StackIndex): WorkloadNamespaces {
  const declared = declaredNamespaces(index);
  const byName = new Map<string, NamespaceInfo>();
  const byUrn = new Map<string, NamespaceInfo>();
  for (const ns of declared) {
    byUrn.set(ns.resource.urn, ns);
    if (ns.name) byName.set(ns.name, ns);
  }
  const found = new Map<string, WorkloadNamespace>();
  const unplaced: IndexedResource[] = [];
  const add = (name: string, ns: NamespaceInfo | undefined, workload: IndexedResource) => {
    const entry = found.get(name) ?? { name, declared: ns, workloads: [] };
    // Two items of one List in the same namespace are one workload resource there.
    if (!entry.workloads.includes(workload)) entry.workloads.push(workload);
    found.set(name, entry);
  };
  for (const r of index.all) {
    if (!r.type.startsWith("kubernetes:")) continue;
    // Each pod-carrying object: the resource, or each item of a List in its own namespace.
    for (const { metadata } of podCarriersOf(r.type, r.props)) {
      const value = isUnknown(metadata) ? metadata : obj(metadata)?.namespace;
      const name = str(value);
      if (name) add(name, byName.get(name), r);
      else if (!isUnknown(value)) {
        const provider = r.resource.provider;
        const placed = provider ? providerNamespace(raw(provider.props)) : "default";
        if (placed === "unknown") unplaced.push(r);
        else add(placed, byName.get(placed), r);
      } else {
        const ns = index
          .dependenciesOf(r)
          .map((u) => byUrn.get(u))
          .find((n) => n !== undefined);
        if (ns) add(ns.name ?? ns.resource.name, ns, r);
        else unplaced.push(r);
      }
    }
  }
  return { namespaces: [...found.values()], unplaced };
}
