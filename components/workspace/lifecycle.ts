/**
 * What a workspace's lifecycle stage means for its resources (docs/workspace-lifecycle.md):
 *
 * - open: researchers have access; in production stateful resources are protected and retained.
 * - closing (a `closure` block, archive pending): access is revoked everywhere (no RoleBinding,
 *   no analysis pod, no allowed flow, only the archivist in the storage ACLs) while the data and
 *   logs are archived; everything stays protected.
 * - archived (closure archive done): protection is lifted so the next deployment, after the entry
 *   moves to `closedWorkspaces`, removes it; the archive container and the key are retained on
 *   delete (they outlive the workspace until the key is destroyed, crypto-shredding the archive).
 */
import type { WorkspaceSpec } from "./workspace-spec";

export type LifecycleStage = "open" | "closing" | "archived";

export interface LifecycleOptions {
  readonly stage: LifecycleStage;
  /** Whether researchers, reviewers and stewards keep any access. */
  readonly accessOpen: boolean;
  /** Pulumi `protect` on stateful resources. */
  readonly protect: boolean;
  /** `retainOnDelete` on working data (namespace, volume, data and airlock containers). */
  readonly retainData: boolean;
  /** `retainOnDelete` on the archive container and the key. */
  readonly retainArchive: boolean;
}

export function lifecycleStage(config: Pick<WorkspaceSpec, "closure">): LifecycleStage {
  if (!config.closure) return "open";
  return config.closure.archive.status === "done" ? "archived" : "closing";
}

export function lifecycleOptions(
  config: Pick<WorkspaceSpec, "closure">,
  production: boolean,
): LifecycleOptions {
  const stage = lifecycleStage(config);
  switch (stage) {
    case "open":
      return {
        stage,
        accessOpen: true,
        protect: production,
        retainData: production,
        retainArchive: production,
      };
    case "closing":
      return { stage, accessOpen: false, protect: true, retainData: true, retainArchive: true };
    case "archived":
      return { stage, accessOpen: false, protect: false, retainData: false, retainArchive: true };
  }
}
