/**
 * A `pulumi preview --json` digest (display.PreviewDigest) → the resources the stack would hold
 * after the update. Each step carries the resource's `newState` as an apitype.ResourceV3; a
 * replacement shows up as several steps for one URN, and deletions have no new state.
 */
import type { NormalizedResource } from "../../offline/resource-model";
import { UserError } from "../user-error";
import { isObject, parseUrn } from "./property-values";
import { assertOneStack } from "./one-stack";
import { normalizeResourceV3 } from "./resource-v3";

/** Step operations after which the resource no longer exists (deploy.StepOp values). */
const goneAfter = new Set([
  "delete",
  "delete-replaced",
  "discard",
  "discard-replaced",
  "remove-pending-replace",
]);

export interface NormalizedPreview {
  resources: NormalizedResource[];
  stack?: string;
  project?: string;
  /** Count of steps per operation, for the report. */
  operations: Record<string, number>;
  /** URNs the preview would delete. */
  deleted: string[];
}

export function normalizePreview(digest: Record<string, unknown>, file: string): NormalizedPreview {
  const steps = digest.steps ?? [];
  const fix = "Write it again with `pulumi preview --json > preview.json`.";
  if (!Array.isArray(steps)) throw new UserError(`${file}: "steps" is not a list.`, fix);
  const byUrn = new Map<string, NormalizedResource>();
  const operations: Record<string, number> = {};
  const deleted: string[] = [];
  steps.forEach((step, i) => {
    const where = `${file}: steps[${i}]`;
    if (!isObject(step) || typeof step.op !== "string" || typeof step.urn !== "string") {
      throw new UserError(`${where} has no "op" and "urn".`, fix);
    }
    operations[step.op] = (operations[step.op] ?? 0) + 1;
    if (goneAfter.has(step.op)) {
      if (step.op === "delete" || step.op === "discard") deleted.push(step.urn);
      return;
    }
    if (step.newState === undefined) return; // e.g. a "same" step of a hidden resource
    const resource = normalizeResourceV3(step.newState, `${where}.newState`, "preview");
    byUrn.set(resource.urn, resource);
  });
  const resources = [...byUrn.values()];
  assertOneStack(resources, file);
  const first = resources.length > 0 ? parseUrn(resources[0].urn) : undefined;
  return { resources, stack: first?.stack, project: first?.project, operations, deleted };
}
