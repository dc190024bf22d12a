/**
 * The pods an Argo Workflows workflow runs, one per step, as pod specs the pod rules judge like
 * any workload's (lib/pod-spec.ts finds them through here).
 */
import type { PodSpecAt, UnknownPodAt } from "./pod-spec";
import { at, isUnknown, list, obj, readPath, UnknownAt, unknownMarker, type Props } from "./values";

/**
 * Argo Workflows' kinds, which run a pod per step: Workflow, WorkflowTemplate and
 * ClusterWorkflowTemplate (`spec`), CronWorkflow (`spec.workflowSpec`).
 */
export const argoWorkflowType =
  /^kubernetes:argoproj\.io\/[^:]+:(Workflow|WorkflowTemplate|ClusterWorkflowTemplate|CronWorkflow)$/;

/**
 * The pod each container-running template of an Argo workflow gets, assembled as Argo assembles
 * it (Argo Workflows field reference, https://argo-workflows.readthedocs.io/en/latest/fields/):
 * a template's `container`, `script` (a container with a `source`) or `containerSet.containers`
 * are its containers, beside its `initContainers` and `sidecars`; the workflow spec's
 * `securityContext`, `hostNetwork`, `automountServiceAccountToken` and `serviceAccountName`
 * apply to every pod unless the template sets its own; the workflow's `volumes` and the
 * template's are both mounted. Such a pod runs to completion. A template without a container
 * (steps, dag, suspend, resource, http) runs no pod of the program's own.
 */
export function argoWorkflowPods(type: string, props: Props): PodSpecAt[] {
  const base = type.endsWith(":CronWorkflow") ? "spec.workflowSpec" : "spec";
  const workflow = obj(at(props, base));
  if (!workflow) return [];
  const found: PodSpecAt[] = [];
  (list(workflow.templates) ?? []).forEach((value, i) => {
    const template = obj(value);
    if (!template) return;
    const path = `${base}.templates[${i}]`;
    const labels = new Map<unknown, string>();
    const containers: unknown[] = [];
    const add = (into: unknown[], entry: unknown, where: string) => {
      into.push(entry);
      labels.set(entry, where);
    };
    if (template.container != null) add(containers, template.container, `${path}.container`);
    if (template.script != null) add(containers, template.script, `${path}.script`);
    const set = template.containerSet;
    if (isUnknown(set)) add(containers, set, `${path}.containerSet`);
    (list(obj(set)?.containers) ?? []).forEach((c, j) =>
      add(containers, c, `${path}.containerSet.containers[${j}]`),
    );
    if (containers.length === 0) return;
    const initContainers: unknown[] = [];
    (list(template.initContainers) ?? []).forEach((c, j) =>
      add(initContainers, c, `${path}.initContainers[${j}]`),
    );
    (list(template.sidecars) ?? []).forEach((c, j) => add(containers, c, `${path}.sidecars[${j}]`));
    const either = (field: string) =>
      template[field] !== undefined ? template[field] : workflow[field];
    const volumes = [...(list(workflow.volumes) ?? []), ...(list(template.volumes) ?? [])];
    const spec: Props = {
      containers,
      initContainers,
      securityContext: either("securityContext"),
      hostNetwork: workflow.hostNetwork,
      automountServiceAccountToken: either("automountServiceAccountToken"),
      serviceAccountName: either("serviceAccountName"),
      volumes: isUnknown(workflow.volumes)
        ? workflow.volumes
        : isUnknown(template.volumes)
          ? template.volumes
          : volumes,
      restartPolicy: "Never",
    };
    found.push({
      path,
      spec,
      metadata: template.metadata ?? workflow.podMetadata,
      metadataPath: template.metadata !== undefined ? `${path}.metadata` : `${base}.podMetadata`,
      patch: false,
      runsToCompletion: true,
      containerLabels: labels,
    });
  });
  return found;
}

/** An Argo workflow's steps unknown during preview: its spec, its templates or one template. */
export function unknownArgoSteps(type: string, props: Props): UnknownPodAt[] {
  const base = type.endsWith(":CronWorkflow") ? "spec.workflowSpec" : "spec";
  const templates = readPath(props, `${base}.templates`, "");
  if (templates instanceof UnknownAt) return [{ path: templates.path, metadata: unknownMarker }];
  const result: UnknownPodAt[] = [];
  (list(templates) ?? []).forEach((template, i) => {
    if (isUnknown(template))
      result.push({ path: `${base}.templates[${i}]`, metadata: unknownMarker });
  });
  return result;
}
