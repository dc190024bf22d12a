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
 * Keystone roles the identity federation maps OIDC groups to. Container ACLs name roles, which
 * Swift's keystoneauth honours only for tokens scoped to the container's own project (the
 * platform's): "Check if we have the role in the userroles and allow it" comes after its "tenant
 * mismatch" refusal (swift/common/middleware/keystoneauth.py, `authorize`, Swift 2.30).
 *
 * The researcher role is the one role the workspace's own application credential carries
 * (Keystone gives an application credential a subset of its user's roles on one project).
 */
export function researcherRole(projectId: string): string {
  return `hdh-ws-${projectId}-researcher`;
}

/**
 * Keystone role of the project's owners when they log in from outside the workspace: the only
 * readers of the outbox. The workspace's credential never carries it, so nothing inside the
 * workspace reads what was exported.
 */
export function outboxReaderRole(projectId: string): string {
  return `hdh-ws-${projectId}-owner`;
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
