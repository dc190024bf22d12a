/**
 * Finds the pod specs a Kubernetes resource carries, wherever its kind nests them: a Pod's
 * `spec`, a workload's `spec.template.spec` (Deployment, StatefulSet, DaemonSet, ReplicaSet,
 * Job, ReplicationController, and custom resources shaped alike), a CronJob's
 * `spec.jobTemplate.spec.template.spec`, a PodTemplate's `template.spec`. Found by shape, not by
 * a list of kinds, so every API version and look-alike custom resource is covered.
 */
import { turnMemo } from "./turn-memo";
import { at, isUnknown, list, obj, readPath, str, UnknownAt, type Props } from "./values";

export interface PodSpecAt {
  /** Property path of the pod spec, for messages. */
  readonly path: string;
  readonly spec: Props;
}

const podSpecPaths = [
  "spec",
  "spec.template.spec",
  "spec.jobTemplate.spec.template.spec",
  "template.spec",
];

/**
 * Some twenty pod rules (and their twins) ask for the pod specs of every Kubernetes resource of
 * an Analyze call, one after the other: found once per turn (lib/turn-memo.ts). Callers must not
 * change the arrays they get.
 */
const podSpecsMemo = turnMemo<Props, PodSpecAt[]>();
const containersMemo = new WeakMap<PodSpecAt, ContainerAt[]>();

export function podSpecsOf(type: string, props: Props): readonly PodSpecAt[] {
  if (!type.startsWith("kubernetes:")) return [];
  return podSpecsMemo.get(props) ?? podSpecsMemo.set(props, findPodSpecs(props));
}

function findPodSpecs(props: Props): PodSpecAt[] {
  const found: PodSpecAt[] = [];
  for (const path of podSpecPaths) {
    const spec = obj(at(props, path));
    if (!spec) continue;
    if (Array.isArray(spec.containers) || isUnknown(spec.containers)) found.push({ path, spec });
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

/**
 * The pod a built-in workload carries, unknown during preview as a whole: the path of the first
 * unknown step on the way to its pod spec (`spec`, `spec.template`, ...). Undefined when the pod spec
 * is known (its containers are then judged, or named by `unknownContainersOf`) or absent (a Patch
 * that changes no pod). A custom resource's unknown `spec` cannot be told to hold a pod.
 */
export function unknownPodSpecOf(type: string, props: Props): string | undefined {
  const path = podSpecPathOf(type);
  const found = path ? readPath(props, path, "") : undefined;
  return found instanceof UnknownAt ? found.path : undefined;
}

/** Where a built-in workload kind keeps its pod spec (`spec.template.spec`), if it has one. */
export function podSpecPathOf(type: string): string | undefined {
  const match = builtInKinds.exec(type);
  return match ? podSpecPathOfKind.get(match[2]) : undefined;
}

/** The twin's message for a workload whose whole pod is unknown during preview, if it is. */
export function unknownPodSpecMessage(type: string, props: Props): string | undefined {
  const path = unknownPodSpecOf(type, props);
  if (path === undefined) return undefined;
  const kind = type.slice(type.lastIndexOf(":") + 1);
  return `\`${path}\` of this ${kind} is unknown during preview: its pod cannot be judged yet.`;
}

/**
 * Whether a resource holds a pod: a pod spec found by shape, or a built-in workload whose pod is
 * unknown during preview (still a workload, wherever it is placed).
 */
export function carriesPod(type: string, props: Props): boolean {
  return podSpecsOf(type, props).length > 0 || unknownPodSpecOf(type, props) !== undefined;
}

/**
 * Where the metadata of the pod whose spec is at `podPath` sits, beside that spec: a Pod's
 * `metadata`, a controller's `spec.template.metadata` (labels, annotations).
 */
export function podMetadataPathOf(podPath: string): string {
  return podPath.replace(/spec$/, "metadata");
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
      result.push({
        label: `${pod.path}.${field}[${index}]${name ? ` (${name})` : ""}`,
        container,
      });
    });
  }
  return result;
}

/** The twin's messages for the container lists (or containers) of a pod unknown during preview. */
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

/** Number of pod specs and containers, so policies can skip resources quickly. */
export function forEachContainer(
  type: string,
  props: Props,
  visit: (container: ContainerAt, pod: PodSpecAt) => void,
): void {
  for (const pod of podSpecsOf(type, props)) {
    for (const container of containersOf(pod)) visit(container, pod);
  }
}
