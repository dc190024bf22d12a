/**
 * Physical names of a workspace's resources, derived from its project id alone so that the
 * register, the airlock tooling, the audit queries and the closing procedure all find the same
 * objects without reading the Pulumi state.
 */

/** Kubernetes namespace of the workspace. */
export function workspaceNamespace(projectId: string): string {
  return `ws-${projectId}`;
}

/** The object-storage areas of a workspace: its own data, the airlock's three, its archive. */
export type StorageArea = "data" | "ingress" | "egress" | "outbox" | "archive";

export const storageAreas: readonly StorageArea[] = [
  "data",
  "ingress",
  "egress",
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

/** Name of the workspace's own key in the key manager. */
export function keyName(projectId: string): string {
  return `hdh-ws-${projectId}`;
}
