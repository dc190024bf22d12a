/**
 * Who may read and write each object-storage area of a workspace, as Swift container ACLs naming
 * Keystone roles. The identity federation maps OIDC groups to these roles (docs/airlock.md), so
 * every access is made with the person's own token and shows up in the audit log under their
 * name; no credential or pre-signed (temp) URL is ever generated for a workspace.
 *
 * This table is the whole access model of the airlock: the component creates it, the tests
 * prove each rule from the planned containers, docs/airlock.md explains it.
 */
import {
  archivistRole,
  moverRole,
  outboxReaderRole,
  researcherRole,
  reviewerRole,
  stewardRole,
  type StorageArea,
} from "./names";

export interface AreaAccess {
  /** What the area is for, one line (container metadata and docs). */
  readonly purpose: string;
  /** Keystone roles that may list and read objects. */
  readonly read: readonly string[];
  /** Keystone roles that may create, overwrite and delete objects. */
  readonly write: readonly string[];
}

export function storageAreaAccess(projectId: string): Readonly<Record<StorageArea, AreaAccess>> {
  const researchers = researcherRole(projectId);
  return {
    data: {
      purpose: "the project's working data",
      read: [researchers],
      write: [researchers],
    },
    ingress: {
      purpose: "extracts deposited by data stewards; researchers read, never write",
      read: [researchers, stewardRole],
      write: [stewardRole],
    },
    egress: {
      purpose: "export requests: one folder of result files per request, written by researchers",
      read: [researchers, reviewerRole, moverRole],
      // The mover deletes a request's files once they are in the outbox.
      write: [researchers, moverRole],
    },
    review: {
      // Reviews go to each reviewer's own container (components/airlock/reviewer-containers.ts):
      // a container every reviewer could write would not say who wrote a review.
      purpose: "the mover's decision records on export requests",
      read: [reviewerRole, moverRole, researchers],
      write: [moverRole],
    },
    outbox: {
      purpose: "approved outputs, read by the project owner from outside the platform",
      read: [outboxReaderRole(projectId)],
      write: [moverRole],
    },
    archive: {
      purpose: "data and logs archived when the workspace closes, under its own key",
      read: [archivistRole],
      write: [archivistRole],
    },
  };
}

/**
 * Access while a workspace closes: only the archivist, who copies every area to the archive.
 * Researchers, stewards, reviewers and the mover lose access from the first closing deployment.
 */
export function closingAreaAccess(projectId: string): Readonly<Record<StorageArea, AreaAccess>> {
  const open = storageAreaAccess(projectId);
  const closed = {} as Record<StorageArea, AreaAccess>;
  for (const area of Object.keys(open) as StorageArea[]) {
    closed[area] = { purpose: open[area].purpose, read: [archivistRole], write: [archivistRole] };
  }
  return closed;
}

/** A Swift ACL header value: comma-separated role names. */
export function swiftAcl(roles: readonly string[]): string {
  return roles.join(",");
}
