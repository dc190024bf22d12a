/**
 * The airlock's rules, as one pure function: which reviews count, and whether a request is
 * approved, rejected or still waiting.
 *
 * A review counts only if it is for this request and this exact manifest, lies in the review
 * container of the reviewer it names (only they can write there: components/airlock/
 * reviewer-containers.ts; a name in the file proves nothing), comes from a member
 * of the reviewers' group who is neither in the project's own group nor the requester. Group
 * membership comes from the identity provider (`membership`), never from the review itself.
 * One valid rejection rejects; the tier's number of distinct valid approvals approves.
 */
import { tierControls, type DataTier } from "../policies/catalog/data-tiers";
import { manifestHash, type ExportRequest } from "./request";

export interface Review {
  readonly v: 1;
  readonly requestId: string;
  /** `manifestHash` of the request as the reviewer saw it. */
  readonly manifestHash: string;
  /** OIDC identity of the reviewer. */
  readonly reviewer: string;
  readonly verdict: "approve" | "reject";
  /** RFC 3339 UTC time of the review. */
  readonly at: string;
  /** What was checked, or why it is rejected. */
  readonly comment: string;
}

/** A review as read from a reviewer's container, with the person that container belongs to. */
export interface StoredReview {
  readonly review: Review;
  /**
   * The person whose Keystone user alone can write the container the review was read from
   * (its ACL); undefined if the container belongs to nobody the mover knows.
   */
  readonly uploadedBy: string | undefined;
}

export interface DecisionContext {
  readonly projectId: string;
  readonly tier: DataTier;
  /** OIDC group of the project's researchers: its members never review its exports. */
  readonly ownerGroup: string;
  /** OIDC group of the output reviewers. */
  readonly reviewerGroup: string;
  /** Groups of a person, from the identity provider. */
  readonly membership: (person: string) => readonly string[];
}

export type Outcome = "approved" | "rejected" | "pending";

export interface IgnoredReview {
  readonly reviewer: string;
  readonly reason: string;
}

export interface Decision {
  readonly v: 1;
  readonly requestId: string;
  readonly projectId: string;
  readonly tier: DataTier;
  readonly manifestHash: string;
  readonly requestedBy: string;
  /** Distinct reviewers the tier requires (policies/catalog/data-tiers.ts). */
  readonly requiredReviewers: number;
  readonly outcome: Outcome;
  /** Distinct reviewers whose approval counted, sorted. */
  readonly approvedBy: readonly string[];
  /** Distinct reviewers whose rejection counted, sorted. */
  readonly rejectedBy: readonly string[];
  /** Reviews that did not count, and why: kept in the record so nothing is silently dropped. */
  readonly ignored: readonly IgnoredReview[];
  /** RFC 3339 UTC time of the decision. */
  readonly decidedAt: string;
}

export function decide(
  request: ExportRequest,
  reviews: readonly StoredReview[],
  context: DecisionContext,
  now: Date,
): Decision {
  const hash = manifestHash(request);
  const required = tierControls[context.tier].exportReviewers;
  const ignored: IgnoredReview[] = [];
  // The latest valid verdict of each reviewer counts: a reviewer may change their mind.
  const verdicts = new Map<string, Review>();
  for (const { review, uploadedBy } of reviews) {
    const reason = whyIgnored(review, uploadedBy, request, hash, context);
    if (reason) {
      ignored.push({ reviewer: review.reviewer, reason });
      continue;
    }
    const earlier = verdicts.get(review.reviewer);
    if (!earlier || earlier.at <= review.at) verdicts.set(review.reviewer, review);
  }
  const by = (verdict: Review["verdict"]) =>
    [...verdicts.values()]
      .filter((r) => r.verdict === verdict)
      .map((r) => r.reviewer)
      .sort();
  const approvedBy = by("approve");
  const rejectedBy = by("reject");
  let outcome: Outcome = "pending";
  if (request.projectId !== context.projectId) outcome = "rejected";
  else if (rejectedBy.length > 0) outcome = "rejected";
  else if (approvedBy.length >= required) outcome = "approved";
  if (request.projectId !== context.projectId) {
    ignored.push({
      reviewer: request.requestedBy,
      reason: `the manifest names project "${request.projectId}", not this workspace's "${context.projectId}"`,
    });
  }
  return {
    v: 1,
    requestId: request.requestId,
    projectId: context.projectId,
    tier: context.tier,
    manifestHash: hash,
    requestedBy: request.requestedBy,
    requiredReviewers: required,
    outcome,
    approvedBy,
    rejectedBy,
    ignored,
    decidedAt: now.toISOString(),
  };
}

function whyIgnored(
  review: Review,
  uploadedBy: string | undefined,
  request: ExportRequest,
  hash: string,
  context: DecisionContext,
): string | undefined {
  if (review.requestId !== request.requestId)
    return `review of another request (${review.requestId})`;
  if (review.manifestHash !== hash) {
    return "reviewed a different file list: the request changed after this review";
  }
  if (uploadedBy !== review.reviewer) {
    return `not attested: the review names ${review.reviewer} but lies in the review container of ${uploadedBy ?? "nobody known"}`;
  }
  if (review.reviewer === request.requestedBy)
    return "the requester cannot review their own request";
  const groups = context.membership(review.reviewer);
  if (groups.includes(context.ownerGroup)) {
    return `member of the project's own group ${context.ownerGroup}`;
  }
  if (!groups.includes(context.reviewerGroup)) {
    return `not a member of the reviewers' group ${context.reviewerGroup}`;
  }
  if (review.verdict !== "approve" && review.verdict !== "reject") {
    return `unknown verdict "${String(review.verdict)}"`;
  }
  return undefined;
}
