/**
 * What one research project is, as the Workspace component and the register read it: its id,
 * owner, tier, legal authorisation, sizes and, once closing, its closure record. Plain data owned
 * by the component; stacks/config.ts validates a stack file and maps it to these types (the
 * component never reads the stack's configuration).
 */
import type { DataTier } from "../../policies/catalog/data-tiers";

/** The analysis tools a workspace can run (components/workspace/images.ts pins each). */
export type WorkspaceTool = "jupyter" | "rstudio";

/** The regulatory basis a project runs under (CNIL decision or reference methodology). */
export interface WorkspaceAuthorisation {
  /** "cnil-decision" (DR-YYYY-n) or "reference-methodology" (MR-001 to MR-008). */
  readonly kind: "cnil-decision" | "reference-methodology";
  /** The decision's number or the methodology's name, e.g. DR-2025-123 or MR-004. */
  readonly reference: string;
}

/** The archive of a closing workspace, as the archivist records it (docs/workspace-lifecycle.md). */
export interface ArchiveRecord {
  /** "pending" while data and logs are copied to the archive container; "done" once verified. */
  readonly status: "pending" | "done";
  /** Day the archive was verified complete, YYYY-MM-DD. @default none while pending */
  readonly completedOn?: string;
  /** SHA-256 of the archive manifest. @default none while pending */
  readonly manifestSha256?: string;
}

/** What becomes of the workspace's key: kept for the tier's retention, then destroyed. */
export interface KeyFate {
  /** "retained" until destroyAfter, then "destroyed" (crypto-shredding of the archive). */
  readonly fate: "retained" | "destroyed";
  /** Day after which the key is destroyed, YYYY-MM-DD. */
  readonly destroyAfter: string;
  /** Day the key was destroyed, YYYY-MM-DD. @default none while retained */
  readonly destroyedOn?: string;
}

/** A workspace being closed: access is revoked from the first deployment with this block. */
export interface WorkspaceClosure {
  /** Day the closure was decided, YYYY-MM-DD. */
  readonly requestedOn: string;
  /** The archive's progress. */
  readonly archive: ArchiveRecord;
  /** The key's fate, once the archive is done. @default none while archiving */
  readonly key?: KeyFate;
}

/** One research project's workspace. */
export interface WorkspaceSpec {
  /** Project id: lower-case DNS label of at most 30 characters, used in every name. */
  readonly id: string;
  /** OIDC group of the project's researchers (owner of the workspace). */
  readonly ownerGroup: string;
  /** Data classification tier, 0 (open) to 4 (most sensitive). */
  readonly tier: DataTier;
  /** The regulatory authorisation the project runs under. */
  readonly authorisation: WorkspaceAuthorisation;
  /** Last day of the authorisation, YYYY-MM-DD: the workspace must be closed by then. */
  readonly expires: string;
  /** Analysis tool. */
  readonly tool: WorkspaceTool;
  /** Persistent volume for the researchers' work, in GiB. */
  readonly storageGiB: number;
  /** CPU limit of the analysis pod, in cores. */
  readonly cpu: number;
  /** Memory limit of the analysis pod, in GiB. */
  readonly memoryGiB: number;
  /** Present while the workspace is being closed. @default none: the workspace is open */
  readonly closure?: WorkspaceClosure;
}

/** A workspace whose resources are gone, kept in the register with its archive and key fate. */
export interface ClosedWorkspaceRecord {
  /** Project id. */
  readonly id: string;
  /** OIDC group that owned it. */
  readonly ownerGroup: string;
  /** Its data tier. */
  readonly tier: DataTier;
  /** The authorisation it ran under. */
  readonly authorisation: WorkspaceAuthorisation;
  /** Last day of the authorisation, YYYY-MM-DD. */
  readonly expires: string;
  /** Day its resources were removed, YYYY-MM-DD. */
  readonly closedOn: string;
  /** Its archive, done. */
  readonly archive: ArchiveRecord;
  /** Its key's fate. */
  readonly key: KeyFate;
}
