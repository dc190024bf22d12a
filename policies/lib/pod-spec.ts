/**
 * Finds the pod specs a Kubernetes resource carries, wherever its kind nests them: a Pod's
 * `spec`, a workload's `spec.template.spec` (Deployment, StatefulSet, DaemonSet, ReplicaSet,
 * Job, ReplicationController, and custom resources shaped alike), a CronJob's
 * `spec.jobTemplate.spec.template.spec`, a PodTemplate's `template.spec`, and the same in each
 * item of a `<Kind>List` (`items[0].spec.template.spec`). Found by shape, not by a list of kinds,
 * so every API version and look-alike custom resource is covered; a built-in kind's own path also
 * counts without containers, as a `<Kind>Patch` that changes only pod-level fields writes it.
 */
import { argoWorkflowPods, argoWorkflowType, unknownArgoSteps } from "./argo-workflow-pods";
import { turnMemo } from "./turn-memo";
import {
  at,
  isUnknown,
  list,
  obj,
  readPath,
  str,
  UnknownAt,
  unknownMarker,
  type Props,
} from "./values";

export interface PodSpecAt {
  /** Property path of the pod spec, for messages. */
  readonly path: string;
  readonly spec: Props;
  /**
   * The pod's metadata beside its spec (a Pod's `metadata`, a controller's
   * `spec.template.metadata`) as found: an object, absent, or unknown during preview.
   */
  readonly metadata: unknown;
  /** Property path of that metadata, for messages. */
  readonly metadataPath: string;
  /**
   * From a `<Kind>Patch`: it changes a live object, and a field it does not name keeps the live
   * value (server-side apply), which the program does not declare and the pack cannot see.
   */
  readonly patch: boolean;
  /** Set when the pod runs to completion whatever its kind says (an Argo Workflows step). */
  readonly runsToCompletion?: boolean;
  /** Where each container really sits, when the pod spec is assembled from another shape. */
  readonly containerLabels?: ReadonlyMap<unknown, string>;
}

const podSpecPaths = [
  "spec",
  "spec.template.spec",
  "spec.jobTemplate.spec.template.spec",
  "template.spec",
  // KEDA's ScaledJob (keda.sh/v1alpha1) runs a Job per batch of events from
  // `spec.jobTargetRef`, a batch/v1 JobSpec (KEDA docs, "ScaledJob specification",
  // https://keda.sh/docs/latest/reference/scaledjob-spec/): its pod is `jobTargetRef.template`.
  "spec.jobTargetRef.template.spec",
];

/**
 * Some twenty pod rules ask for the pod specs of every Kubernetes resource of
 * an Analyze call, one after the other: found once per turn (lib/turn-memo.ts). Callers must not
 * change the arrays they get.
 */
const podSpecsMemo = turnMemo<Props, PodSpecAt[]>();
const containersMemo = new WeakMap<PodSpecAt, ContainerAt[]>();

export function podSpecsOf(type: string, props: Props): readonly PodSpecAt[] {
  if (!type.startsWith("kubernetes:")) return [];
  return podSpecsMemo.get(props) ?? podSpecsMemo.set(props, findPodSpecs(type, props));
}

/**
 * One object a resource declares, with where it sits: the resource itself, or each item of a
 * `<Kind>List` (Kubernetes API concepts, "collections": a list kind holds its objects in
 * `items`), whose kind is the item's own `kind`, else the list's.
 */
interface Declared {
  /** Path prefix of the object in the resource's properties: "" or `items[2].`. */
  readonly base: string;
  readonly object: unknown;
  /** Where the object's built-in kind keeps its pod spec, if it is a built-in workload kind. */
  readonly kindPath: string | undefined;
  readonly patch: boolean;
}

const listType = /^kubernetes:[^:]+:([A-Za-z]*)List$/;

function declaredObjects(type: string, props: Props): Declared[] {
  const listed = listType.exec(type);
  if (!listed) {
    const patch = type.endsWith("Patch");
    return [{ base: "", object: props, kindPath: podSpecPathOf(type), patch }];
  }
  return (list(props.items) ?? []).map((item, i) => {
    const kind = str(obj(item)?.kind) ?? listed[1];
    return {
      base: `items[${i}].`,
      object: item,
      kindPath: isBuiltInGroup(type) ? podSpecPathOfKind.get(kind) : undefined,
      patch: false,
    };
  });
}

function findPodSpecs(type: string, props: Props): PodSpecAt[] {
  const found: PodSpecAt[] = argoWorkflowType.test(type) ? argoWorkflowPods(type, props) : [];
  for (const { base, object, kindPath, patch } of declaredObjects(type, props)) {
    for (const path of podSpecPaths) {
      const parentPath = path.slice(0, Math.max(0, path.lastIndexOf(".")));
      const parent = parentPath === "" ? obj(object) : obj(at(object, parentPath));
      if (!parent) continue;
      // A spec holding containers is a pod spec by its shape; at the kind's own path it is one
      // by the kind, containers or not (a Patch changing only `hostNetwork`, say), and a Patch
      // of the pod's metadata alone (an annotation) patches the pod too.
      const byKind = path === kindPath;
      const spec =
        obj(parent.spec) ?? (byKind && patch && parent.spec === undefined ? {} : undefined);
      if (!spec) continue;
      if (!byKind && !Array.isArray(spec.containers) && !isUnknown(spec.containers)) continue;
      found.push({
        path: base + path,
        spec,
        metadata: parent.metadata,
        metadataPath: `${base}${parentPath === "" ? "" : `${parentPath}.`}metadata`,
        patch,
      });
    }
  }
  return found;
}

/**
 * Where each built-in kind that carries a pod keeps its pod spec (Kubernetes API reference,
 * workload resources: Pod `spec`, PodTemplate `template.spec`, the controllers'
 * `spec.template.spec`, CronJob `spec.jobTemplate.spec.template.spec`), in every API version and
 * as a `<Kind>Patch`. Shape finds a pod spec that is there; only the kind tells that an unknown
 * `spec` or `template` is a pod (an unknown `spec` of a Service is not).
 */
const podSpecPathOfKind: ReadonlyMap<string, string> = new Map([
  ["Pod", "spec"],
  ["PodTemplate", "template.spec"],
  ["Deployment", "spec.template.spec"],
  ["StatefulSet", "spec.template.spec"],
  ["DaemonSet", "spec.template.spec"],
  ["ReplicaSet", "spec.template.spec"],
  ["ReplicationController", "spec.template.spec"],
  ["Job", "spec.template.spec"],
  ["CronJob", "spec.jobTemplate.spec.template.spec"],
]);
const builtInKinds = /^kubernetes:(core|apps|batch|extensions)\/[^:]+:([A-Za-z]+?)(Patch)?$/;

/** Whether a type token is of an API group whose kinds podSpecPathOfKind names. */
function isBuiltInGroup(type: string): boolean {
  return /^kubernetes:(core|apps|batch|extensions)\//.test(type);
}

/** A pod a built-in workload carries, unknown during preview as a whole. */
export interface UnknownPodAt {
  /** The first unknown step on the way to the pod spec: `spec`, `spec.template`, `items[0]`... */
  readonly path: string;
  /**
   * The pod's metadata when only the pod spec itself is unknown (its labels can still be read
   * beside it); unknown (`unknownMarker`) when the metadata is on the unknown way too.
   */
  readonly metadata: unknown;
}

/**
 * The pods of built-in workloads (a resource, or each item of a `<Kind>List`) unknown during
 * preview as a whole, each at the first unknown step on the way to its pod spec. None when the
 * pod spec is known (its containers are then judged, or named by `unknownContainersOf`) or absent
 * (a Patch that changes no pod). A custom resource's unknown `spec` cannot be told to hold a pod.
 */
export function unknownPodsOf(type: string, props: Props): UnknownPodAt[] {
  if (!type.startsWith("kubernetes:")) return [];
  if (argoWorkflowType.test(type)) return unknownArgoSteps(type, props);
  const listed = listType.exec(type);
  // The items of a list of a workload kind (`DeploymentList`), all unknown during preview.
  if (listed && isUnknown(props.items))
    return isBuiltInGroup(type) && podSpecPathOfKind.has(listed[1])
      ? [{ path: "items", metadata: unknownMarker }]
      : [];
  const result: UnknownPodAt[] = [];
  for (const { base, object, kindPath } of declaredObjects(type, props)) {
    if (!kindPath) continue;
    const found = readPath(object, kindPath, base.replace(/\.$/, ""));
    if (!(found instanceof UnknownAt)) continue;
    const specItself = found.path === base + kindPath;
    const metadataPath = kindPath.replace(/spec$/, "metadata");
    result.push({
      path: found.path,
      metadata: specItself ? at(object, metadataPath) : unknownMarker,
    });
  }
  return result;
}

/** Where a built-in workload kind keeps its pod spec (`spec.template.spec`), if it has one. */
export function podSpecPathOf(type: string): string | undefined {
  const match = builtInKinds.exec(type);
  return match ? podSpecPathOfKind.get(match[2]) : undefined;
}

/** The not-judged messages for each workload pod unknown during preview as a whole. */
export function unknownPodSpecMessages(type: string, props: Props): string[] {
  const kind = type.slice(type.lastIndexOf(":") + 1);
  return unknownPodsOf(type, props).map(
    ({ path }) =>
      `\`${path}\` of this ${kind} is unknown during preview: its pod cannot be judged yet.`,
  );
}

/**
 * Whether a resource holds a pod: a pod spec found by shape, or a built-in workload whose pod is
 * unknown during preview (still a workload, wherever it is placed).
 */
export function carriesPod(type: string, props: Props): boolean {
  return podSpecsOf(type, props).length > 0 || unknownPodsOf(type, props).length > 0;
}

/**
 * The objects of a resource that carry a pod, each with its own `metadata` (name, namespace) as
 * found: the resource itself, or each item of a `<Kind>List` that carries one (its items unknown
 * during preview: one object whose metadata is unknown).
 */
export function podCarriersOf(type: string, props: Props): { metadata: unknown }[] {
  const paths = [
    ...podSpecsOf(type, props).map((p) => p.path),
    ...unknownPodsOf(type, props).map((p) => p.path),
  ];
  if (paths.length === 0) return [];
  if (!listType.test(type)) return [{ metadata: props.metadata }];
  const items = new Set<number>();
  for (const path of paths) {
    const item = /^items\[(\d+)\]/.exec(path);
    if (!item) return [{ metadata: unknownMarker }];
    items.add(Number(item[1]));
  }
  const listed = list(props.items) ?? [];
  return [...items].map((i) => ({ metadata: obj(listed[i])?.metadata }));
}

export interface ContainerAt {
  /** e.g. `spec.template.spec.initContainers[0] (setup)`. */
  readonly label: string;
  readonly container: Props;
}

/** Every container of a pod spec: regular, init and ephemeral (found once per pod spec found). */
export function containersOf(pod: PodSpecAt): readonly ContainerAt[] {
  let known = containersMemo.get(pod);
  if (!known) containersMemo.set(pod, (known = findContainers(pod)));
  return known;
}

function findContainers(pod: PodSpecAt): ContainerAt[] {
  const result: ContainerAt[] = [];
  for (const field of ["containers", "initContainers", "ephemeralContainers"]) {
    (list(pod.spec[field]) ?? []).forEach((value, index) => {
      const container = obj(value);
      if (!container) return;
      const name = str(container.name);
      const at = pod.containerLabels?.get(value) ?? `${pod.path}.${field}[${index}]`;
      result.push({
        label: `${at}${name ? ` (${name})` : ""}`,
        container,
      });
    });
  }
  return result;
}

/** The not-judged messages for the container lists (or containers) of a pod unknown during preview. */
export function unknownContainersMessages(pod: PodSpecAt): string[] {
  return unknownContainersOf(pod).map(
    (field) => `\`${field}\` is unknown during preview: its containers cannot be judged yet.`,
  );
}

/**
 * The container lists of a pod spec, and the containers in them, unknown during preview: none of
 * their containers can be judged yet (`containersOf` holds only the known ones).
 */
export function unknownContainersOf(pod: PodSpecAt): string[] {
  const result: string[] = [];
  for (const field of ["containers", "initContainers", "ephemeralContainers"]) {
    const value = pod.spec[field];
    if (isUnknown(value)) result.push(`${pod.path}.${field}`);
    else
      (list(value) ?? []).forEach((entry, index) => {
        if (isUnknown(entry)) result.push(`${pod.path}.${field}[${index}]`);
      });
  }
  return result;
}

/** Calls `visit` on every container (regular, init, ephemeral) of every pod spec the resource carries. */
export function forEachContainer(
  type: string,
  props: Props,
  visit: (container: ContainerAt, pod: PodSpecAt) => void,
): void {
  for (const pod of podSpecsOf(type, props)) {
    for (const container of containersOf(pod)) visit(container, pod);
  }
}
