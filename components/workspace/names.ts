/**
 * Physical names of a workspace's resources, derived from its project id alone so that the
 * register, the airlock tooling, the audit queries and the closing procedure all find the same
 * objects without reading the Pulumi state.
 */

/** Kubernetes namespace of the workspace. */
export function workspaceNamespace(projectId: string): string {
  return `ws-${projectId}`;
}

/**
 * The object-storage areas of a workspace: its own working data, the airlock's four (ingress,
 * egress, review, outbox) and the archive written when it closes. Access: storage-areas.ts.
 */
export type StorageArea = "data" | "ingress" | "egress" | "review" | "outbox" | "archive";

export const storageAreas: readonly StorageArea[] = [
  "data",
  "ingress",
  "egress",
  "review",
  "outbox",
  "archive",
];

/** Object-storage container of one area. */
export function containerName(projectId: string, area: StorageArea): string {
  return `hdh-ws-${projectId}-${area}`;
}

/**
 * Keystone roles the identity federation maps OIDC groups to. Container ACLs name roles
 * (keystoneauth grants a role's holders on the container's project), so no credential is ever
 * minted for, or placed in, the workspace: each person uses their own federated token.
 */
export function researcherRole(projectId: string): string {
  return `hdh-ws-${projectId}-researcher`;
}

/** Keystone role of the data stewards who deposit extracts (platform-wide). */
export const stewardRole = "hdh-data-steward";
/** Keystone role of the output reviewers (platform-wide; never mapped from a project's group). */
export const reviewerRole = "hdh-airlock-reviewer";
/** Keystone role of the airlock mover service, the only writer of outboxes. */
export const moverRole = "hdh-airlock-mover";
/** Keystone role of the operators who archive a closing workspace. */
export const archivistRole = "hdh-archivist";

/** Name of the workspace's own key in the key manager. */
export function keyName(projectId: string): string {
  return `hdh-ws-${projectId}`;
}
