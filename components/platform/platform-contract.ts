/**
 * The contract between the platform stack and its workspace stacks: exactly what a workspace
 * needs from the platform, exported by the platform stack as two stack outputs and read by each
 * workspace stack through a `pulumi.StackReference` (docs/hub-stacks.md).
 *
 * - `platformContract`: the plain values below (no secret), versioned by `contractVersion`;
 * - `kubeconfig`: the cluster's kubeconfig, a secret output (StackReference keeps it secret).
 *
 * Change a field's meaning or remove one: raise `platformContractVersion`, so a workspace stack
 * built for the old contract is refused by name instead of misreading the new one.
 */
import type { WorkspaceImages } from "../workspace/images";
import type { WorkspaceReach } from "../workspace/workspace-args";
import type { PlatformRegion } from "./platform-args";

/** The version this code writes and reads. */
export const platformContractVersion = 1;

/** Names of the platform stack's outputs that make up the contract. */
export const contractOutputs = {
  /** The plain values (PlatformContract). */
  contract: "platformContract",
  /** The cluster's kubeconfig, secret. */
  kubeconfig: "kubeconfig",
} as const;

export interface PlatformContract {
  /** Version of this interface; a workspace stack refuses any other. */
  readonly contractVersion: number;
  /** The platform stack's name (dev, prod...). */
  readonly stack: string;
  /** Production controls: workspaces protect and retain their stateful resources. */
  readonly production: boolean;
  /** Keystone URL (https) workspaces' OpenStack providers authenticate against. */
  readonly authUrl: string;
  /** Region holding the workspaces' data and keys. */
  readonly region: PlatformRegion;
  /** The EU container registry, host and optional path. */
  readonly registry: string;
  /** The analysis tools' images as mirrored into the registry, pinned by digest. */
  readonly workspaceImages: WorkspaceImages;
  /** StorageClass whose volumes use the encrypted Cinder volume type. */
  readonly encryptedStorageClass: string;
  /** Everything a workspace may reach (DNS, package mirror, object storage). */
  readonly reach: WorkspaceReach;
  /** Namespace of the research gateway, or null when the platform has none (no ingress at all). */
  readonly gatewayNamespace: string | null;
  /**
   * Ids of the workspaces the platform serves (gateway connection, airlock, backups): a workspace
   * stack whose id is not listed is refused until the platform is updated.
   */
  readonly servedWorkspaces: readonly string[];
}
