/**
 * Finds the pod specs a Kubernetes resource carries, wherever its kind nests them: a Pod's
 * `spec`, a workload's `spec.template.spec` (Deployment, StatefulSet, DaemonSet, ReplicaSet,
 * Job, ReplicationController, and custom resources shaped alike), a CronJob's
 * `spec.jobTemplate.spec.template.spec`, a PodTemplate's `template.spec`. Found by shape, not by
 * a list of kinds, so every API version and look-alike custom resource is covered.
 */
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

/** Kinds whose spec is not a pod spec even if it had `containers` (none today; kept explicit). */
export function podSpecsOf(type: string, props: Props): PodSpecAt[] {
  if (!type.startsWith("kubernetes:")) return [];
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

/** Every container of a pod spec: regular, init and ephemeral. */
export function containersOf(pod: PodSpecAt): ContainerAt[] {
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
