/**
 * Finds the pod specs a Kubernetes resource carries, wherever its kind nests them: a Pod's
 * `spec`, a workload's `spec.template.spec` (Deployment, StatefulSet, DaemonSet, ReplicaSet,
 * Job, ReplicationController, and custom resources shaped alike), a CronJob's
 * `spec.jobTemplate.spec.template.spec`, a PodTemplate's `template.spec`. Found by shape, not by
 * a list of kinds, so every API version and look-alike custom resource is covered.
 */
import { turnMemo } from "./turn-memo";
import { at, isUnknown, list, obj, str, type Props } from "./values";

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
