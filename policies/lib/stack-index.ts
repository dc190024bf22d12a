/**
 * One pass over the stack's resources, indexed the ways stack-level rules need them: by type, by
 * URN, by what depends on what, and by Kubernetes namespace. Built once per rule run so every
 * rule stays linear in the number of resources.
 */
import type { PolicyResource } from "@pulumi/policy";
import { labelKeys, workspaceRole } from "../catalog/labels";
import type { PolicySettings } from "../config";
import { ancestorTypesOfUrn, stackOfUrn } from "./urn";
import { isUnknown, list, obj, raw, str, stringMap, type Props } from "./values";

export interface IndexedResource {
  readonly resource: PolicyResource;
  readonly urn: string;
  readonly type: string;
  readonly name: string;
  readonly props: Props;
}

export const namespaceType = "kubernetes:core/v1:Namespace";

/** One index per resource list: the ~10 stack rules of one evaluation share the same list. */
const indexes = new WeakMap<readonly PolicyResource[], StackIndex>();

export class StackIndex {
  /**
   * The index of `resources`, built on first use: in-process evaluation hands every stack rule
   * the same array, so the pass over tens of thousands of resources is paid once, not per rule.
   * (The analyzer server gives each rule its own array, so each builds its own, as before.)
   */
  static of(resources: readonly PolicyResource[]): StackIndex {
    let index = indexes.get(resources);
    if (!index) {
      index = new StackIndex(resources);
      indexes.set(resources, index);
    }
    return index;
  }

  readonly all: IndexedResource[];
  readonly stack: string;
  private readonly byType = new Map<string, IndexedResource[]>();
  private readonly byUrn = new Map<string, IndexedResource>();
  private dependants?: Map<string, IndexedResource[]>;

  constructor(resources: readonly PolicyResource[]) {
    this.all = resources.map((resource) => ({
      resource,
      urn: resource.urn,
      type: resource.type,
      name: resource.name,
      props: raw(resource.props),
    }));
    for (const r of this.all) {
      this.byUrn.set(r.urn, r);
      const list = this.byType.get(r.type);
      if (list) list.push(r);
      else this.byType.set(r.type, [r]);
    }
    this.stack = this.all.length > 0 ? stackOfUrn(this.all[0].urn) : "";
  }

  ofTypes(types: readonly string[]): IndexedResource[] {
    return types.flatMap((t) => this.byType.get(t) ?? []);
  }

  /** Resources whose type matches, e.g. every `kubernetes:*:Ingress`. */
  matching(test: (type: string) => boolean): IndexedResource[] {
    const result: IndexedResource[] = [];
    for (const [type, list] of this.byType) if (test(type)) result.push(...list);
    return result;
  }

  get(urn: string): IndexedResource | undefined {
    return this.byUrn.get(urn);
  }

  /** URNs a resource depends on, through any property or explicitly. */
  dependenciesOf(r: IndexedResource, property?: string): string[] {
    if (property) {
      const deps = r.resource.propertyDependencies?.[property] ?? [];
      return deps.map((d) => d.urn);
    }
    const urns = new Set(r.resource.dependencies.map((d) => d.urn));
    for (const deps of Object.values(r.resource.propertyDependencies ?? {}))
      for (const d of deps) urns.add(d.urn);
    return [...urns];
  }

  /** Resources that depend on `urn` (inverse index, built on first use). */
  dependantsOf(urn: string): IndexedResource[] {
    if (!this.dependants) {
      this.dependants = new Map();
      for (const r of this.all) {
        for (const dep of this.dependenciesOf(r)) {
          const list = this.dependants.get(dep);
          if (list) list.push(r);
          else this.dependants.set(dep, [r]);
        }
      }
    }
    return this.dependants.get(urn) ?? [];
  }
}

/** A namespace as rules see it: its resource, its name if known, and whether it is a workspace. */
export interface NamespaceInfo {
  readonly resource: IndexedResource;
  readonly name?: string;
  /** Its known labels (a label whose value is unknown during preview is left out). */
  readonly labels: Record<string, string>;
  /**
   * Label keys whose value is unknown during preview, with the path that is unknown; the key
   * `*` when the whole label map (or the metadata holding it) is.
   */
  readonly unknownLabels: ReadonlyMap<string, string>;
}

/** `base`: where the namespace object sits in the resource's properties (`items[2].` in a List). */
export function namespaceInfo(r: IndexedResource, base = ""): NamespaceInfo {
  const unknownLabels = new Map<string, string>();
  if (isUnknown(r.props.metadata)) unknownLabels.set("*", `${base}metadata`);
  const metadata = obj(r.props.metadata);
  if (isUnknown(metadata?.labels)) unknownLabels.set("*", `${base}metadata.labels`);
  for (const [key, value] of Object.entries(obj(metadata?.labels) ?? {}))
    if (isUnknown(value)) unknownLabels.set(key, `${base}metadata.labels["${key}"]`);
  return {
    resource: r,
    name: str(metadata?.name),
    labels: stringMap(metadata?.labels),
    unknownLabels,
  };
}

/**
 * The objects a resource declares: itself, or each item of a `<Kind>List` (Kubernetes API
 * concepts, "collections": the objects sit in `items`, each with its own metadata), read as a
 * resource of its own named `<name> items[i]`.
 */
export function listedObjects(r: IndexedResource): IndexedResource[] {
  if (!r.type.endsWith("List")) return [r];
  const found: IndexedResource[] = [];
  (list(r.props.items) ?? []).forEach((item, i) => {
    const props = obj(item);
    if (props) found.push({ ...r, name: `${r.name} items[${i}]`, props });
  });
  return found;
}

const namespaceListType = "kubernetes:core/v1:NamespaceList";
export const namespacePatchType = "kubernetes:core/v1:NamespacePatch";

/**
 * Every Namespace a stack declares: the resource, and each item of a `NamespaceList` (its own
 * object, as the API server creates it). A `NamespacePatch` is not one: it changes a live
 * namespace (see `namespacePatches`).
 */
export function declaredNamespaces(index: StackIndex): NamespaceInfo[] {
  const found = index.ofTypes([namespaceType]).map((r) => namespaceInfo(r));
  for (const r of index.ofTypes([namespaceListType]))
    (list(r.props.items) ?? []).forEach((item, i) => {
      const props = obj(item);
      if (props)
        found.push(namespaceInfo({ ...r, name: `${r.name} items[${i}]`, props }, `items[${i}].`));
    });
  return found;
}

/**
 * The `NamespacePatch` resources of the stack, read as namespaces: the labels each names are
 * the live namespace's from then on (server-side apply); a label it does not name keeps its live
 * value, which the program does not show.
 */
export function namespacePatches(index: StackIndex): NamespaceInfo[] {
  return index.ofTypes([namespacePatchType]).map((r) => namespaceInfo(r));
}

export function isWorkspaceNamespace(ns: NamespaceInfo, settings: PolicySettings): boolean {
  if (ns.labels[labelKeys.role] === workspaceRole) return true;
  if (ancestorTypesOfUrn(ns.resource.urn).some((t) => settings.workspaceComponentTypes.includes(t)))
    return true;
  const name = ns.name ?? ns.resource.name;
  return new RegExp(settings.workspaceNamespacePattern).test(name);
}

/** Every research workspace namespace of the stack (see `isWorkspaceNamespace`). */
export function workspaceNamespaces(index: StackIndex, settings: PolicySettings): NamespaceInfo[] {
  return declaredNamespaces(index).filter((ns) => isWorkspaceNamespace(ns, settings));
}

/**
 * Whether a namespaced resource lives in `ns`: its `metadata.namespace` names it, or, when that
 * name is not known yet (preview), it depends on the namespace resource.
 */
export function inNamespace(index: StackIndex, r: IndexedResource, ns: NamespaceInfo): boolean {
  const metadata = obj(r.props.metadata);
  const value = metadata?.namespace;
  const known = str(value);
  if (known !== undefined && ns.name !== undefined) return known === ns.name;
  if (known === undefined && !isUnknown(value) && ns.name === "default") return true;
  return index.dependenciesOf(r).includes(ns.resource.urn);
}
