/**
 * One review container per reviewer and workspace, `hdh-ws-<project>-review-<reviewer key>`,
 * whose write ACL names that reviewer's Keystone user alone, as `<project id>:<user id>`: Swift's
 * keystoneauth grants such an entry only to a token of that user scoped to that project
 * (swift/common/middleware/keystoneauth.py, `_authorize_cross_tenant`, Swift 2.30; "the grantee
 * <tenant> must match the UUID of the tenant to which the request X-Auth-Token is scoped and the
 * grantee <user> must match the UUID of the user authenticated by that token"). So a review read
 * from rita's container was written by rita: the mover takes the reviewer's identity from where
 * the review lies, never from a name written inside it nor from a log.
 *
 * Only the account's operators (Swift's `operator_roles`) can change a container's ACL, and they
 * are the deployment (Pulumi), not the reviewers: keystoneauth gives `swift_owner` to operator
 * roles only, and the proxy drops ACL headers from any other request.
 */
import { containerName } from "../workspace/names";

/** A person who reviews exports, bound to their Keystone user. */
export interface ReviewerBinding {
  /** Short key used in container names: lower-case letters, digits and '-', 1-40 characters. */
  readonly key: string;
  /** Their OIDC identity, the name their reviews carry (e.g. rita@hdh.example.fr). */
  readonly person: string;
  /** Their Keystone user id (a federated user's id is stable across logins). */
  readonly keystoneUserId: string;
}

export const reviewerKeyPattern = /^[a-z0-9][a-z0-9-]{0,39}$/;

/** Container where `reviewer` writes their reviews of `projectId`'s export requests. */
export function reviewerContainerName(projectId: string, reviewerKey: string): string {
  return `${containerName(projectId, "review")}-${reviewerKey}`;
}

/** The container's Swift ACLs: the reviewer writes and reads, the mover's role reads. */
export function reviewerContainerAcl(
  platformProjectId: string,
  reviewer: ReviewerBinding,
  moverRole: string,
): { read: string[]; write: string[] } {
  const self = `${platformProjectId}:${reviewer.keystoneUserId}`;
  return { read: [self, moverRole], write: [self] };
}

/** Problems of a reviewer list, each naming its field; empty when well formed. */
export function reviewerProblems(
  reviewers: readonly ReviewerBinding[],
): { propertyPath: string; reason: string }[] {
  const problems: { propertyPath: string; reason: string }[] = [];
  const keys = new Set<string>();
  const people = new Set<string>();
  reviewers.forEach((r, i) => {
    if (!reviewerKeyPattern.test(r.key)) {
      problems.push({
        propertyPath: `reviewers[${i}].key`,
        reason: `"${r.key}": use 1-40 lower-case letters, digits or '-'`,
      });
    }
    if (keys.has(r.key) || people.has(r.person)) {
      problems.push({ propertyPath: `reviewers[${i}]`, reason: `"${r.key}" is listed twice` });
    }
    keys.add(r.key);
    people.add(r.person);
    if (!/^[0-9a-f]{32}$|^[0-9a-f-]{36}$/.test(r.keystoneUserId)) {
      problems.push({
        propertyPath: `reviewers[${i}].keystoneUserId`,
        reason: "the reviewer's Keystone user id (32 hex digits)",
      });
    }
  });
  return problems;
}
