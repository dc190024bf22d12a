/**
 * Named exceptions to pod hardening (`workloadExceptions` setting). An exception names exactly
 * one workload by kind, namespace and name, and the controls it lifts; anything else — another
 * workload in the same namespace, another path, a writable mount — is still judged in full.
 */
import type { PolicySettings } from "../config";
import { at, str, type Props } from "./values";

export type WorkloadException = PolicySettings["workloadExceptions"][number];
export type ExceptionControl = WorkloadException["controls"][number];

/** The exception naming this resource, if any: kind from the type token, name and namespace from metadata. */
export function exceptionFor(
  type: string,
  props: Props,
  settings: PolicySettings,
): WorkloadException | undefined {
  if (settings.workloadExceptions.length === 0) return undefined;
  const kind = type.split(":").pop();
  const name = str(at(props, "metadata.name"));
  const namespace = str(at(props, "metadata.namespace"));
  if (!kind || !name || !namespace) return undefined;
  return settings.workloadExceptions.find(
    (e) => e.kind === kind && e.name === name && e.namespace === namespace,
  );
}

/** Whether `exception` lifts `control`. */
export function lifts(
  exception: WorkloadException | undefined,
  control: ExceptionControl,
): exception is WorkloadException {
  return exception !== undefined && exception.controls.includes(control);
}
