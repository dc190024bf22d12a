/**
 * Named exceptions to pod hardening (`workloadExceptions` setting). An exception names exactly
 * one workload by kind, namespace and name, and the controls it lifts; anything else — another
 * workload in the same namespace, another path, a writable mount — is still judged in full.
 */
import { workloadKindGroups, type PolicySettings } from "../config";
import { at, str, type Props } from "./values";

export type WorkloadException = PolicySettings["workloadExceptions"][number];
export type ExceptionControl = WorkloadException["controls"][number];

/**
 * The exception naming this resource, if any: kind and API group from the type token
 * (`kubernetes:apps/v1:DaemonSet`; a look-alike custom resource in another group is not it), name
 * and namespace from metadata. An unknown or missing name or namespace matches nothing.
 */
export function exceptionFor(
  type: string,
  props: Props,
  settings: PolicySettings,
): WorkloadException | undefined {
  if (settings.workloadExceptions.length === 0) return undefined;
  const [provider, groupVersion, kind] = type.split(":");
  const group = groupVersion?.split("/")[0];
  const name = str(at(props, "metadata.name"));
  const namespace = str(at(props, "metadata.namespace"));
  if (provider !== "kubernetes" || !kind || !name || !namespace) return undefined;
  return settings.workloadExceptions.find(
    (e) =>
      e.kind === kind &&
      workloadKindGroups[e.kind] === group &&
      e.name === name &&
      e.namespace === namespace,
  );
}

/** Whether `exception` lifts `control`. */
export function lifts(
  exception: WorkloadException | undefined,
  control: ExceptionControl,
): exception is WorkloadException {
  return exception !== undefined && exception.controls.includes(control);
}
