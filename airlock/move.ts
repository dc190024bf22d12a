/**
 * The airlock mover: reads one export request and its reviews, applies `decide`, and for an
 * approved request copies each file (after checking its hash against the approved manifest) to
 * the outbox, records the decision in the review area and the outbox, and removes the request
 * from the egress area. Idempotent: a request already decided returns its recorded decision.
 *
 * Layout (containers from components/workspace/names.ts):
 *   egress:  <requestId>/manifest.json, <requestId>/files/<path>
 *   review-<reviewer key>: <requestId>/<anything>.json   (one container per reviewer)
 *   review:  <requestId>/decision.json                    (the mover's decision records)
 *   outbox:  <requestId>/<path>, <requestId>/decision.json
 *
 * It never creates a link or a credential: the project owner reads the outbox with their own
 * identity, from outside the platform.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "../audit/canonical-json";
import {
  reviewerContainerName,
  type ReviewerBinding,
} from "../components/airlock/reviewer-containers";
import { containerName } from "../components/workspace/names";
import {
  decide,
  type Decision,
  type DecisionContext,
  type Review,
  type StoredReview,
} from "./decision";
import type { ObjectStore } from "./object-store";
import { requestProblems, type ExportRequest } from "./request";

export interface MoveResult {
  readonly decision: Decision;
  /** The request as read from the egress area (undefined when decided by an earlier run). */
  readonly request?: ExportRequest;
  /** Files written to the outbox by this run (empty unless approved now). */
  readonly moved: readonly string[];
  /** True when the decision was recorded by an earlier run. */
  readonly alreadyDecided: boolean;
}

export class AirlockError extends Error {}

/** What the mover needs to decide: the rules' context and the reviewers' containers. */
export interface MoveContext extends DecisionContext {
  /** Every reviewer, each with their own review container in every workspace. */
  readonly reviewers: readonly ReviewerBinding[];
}

export async function processRequest(
  store: ObjectStore,
  requestId: string,
  context: MoveContext,
  now: Date,
): Promise<MoveResult> {
  const egress = containerName(context.projectId, "egress");
  const review = containerName(context.projectId, "review");
  const outbox = containerName(context.projectId, "outbox");

  const recorded = await store.get(review, `${requestId}/decision.json`);
  if (recorded) {
    const decision = JSON.parse(recorded.body.toString("utf8")) as Decision;
    if (decision.outcome !== "pending") return { decision, moved: [], alreadyDecided: true };
  }

  const manifestObject = await store.get(egress, `${requestId}/manifest.json`);
  if (!manifestObject) throw new AirlockError(`no request ${requestId} in ${egress}`);
  const parsed: unknown = JSON.parse(manifestObject.body.toString("utf8"));
  const problems = requestProblems(parsed);
  if (problems.length > 0) {
    throw new AirlockError(`request ${requestId} is malformed: ${problems.join("; ")}`);
  }
  const request = parsed as ExportRequest;
  if (request.requestId !== requestId) {
    throw new AirlockError(
      `manifest ${requestId}/manifest.json names request ${request.requestId}`,
    );
  }

  // A reviewer's container holds only what that reviewer wrote (its ACL): the container, not
  // the file, says who reviewed.
  const reviews: StoredReview[] = [];
  for (const reviewer of context.reviewers) {
    const container = reviewerContainerName(context.projectId, reviewer.key);
    for (const name of await store.list(container, `${requestId}/`)) {
      const object = await store.get(container, name);
      if (!object) continue;
      reviews.push({
        review: JSON.parse(object.body.toString("utf8")) as Review,
        uploadedBy: reviewer.person,
      });
    }
  }
  let decision = decide(request, reviews, context, now);
  if (decision.outcome === "pending") {
    return { decision, request, moved: [], alreadyDecided: false };
  }

  const moved: string[] = [];
  if (decision.outcome === "approved") {
    // Read and check every file before writing any: an approval covers the whole request.
    const files: { path: string; body: Buffer }[] = [];
    const mismatches: string[] = [];
    for (const file of request.files) {
      const object = await store.get(egress, `${requestId}/files/${file.path}`);
      const digest = object ? createHash("sha256").update(object.body).digest("hex") : undefined;
      if (!object || digest !== file.sha256 || object.body.length !== file.bytes) {
        mismatches.push(file.path);
      } else {
        files.push({ path: file.path, body: object.body });
      }
    }
    if (mismatches.length > 0) {
      decision = {
        ...decision,
        outcome: "rejected",
        ignored: [
          ...decision.ignored,
          {
            reviewer: decision.requestedBy,
            reason: `files missing or changed after review: ${mismatches.join(", ")}`,
          },
        ],
      };
    } else {
      for (const file of files) {
        await store.put(outbox, `${requestId}/${file.path}`, file.body);
        moved.push(file.path);
      }
    }
  }

  const record = Buffer.from(canonicalJson(decision), "utf8");
  await store.put(review, `${requestId}/decision.json`, record);
  if (decision.outcome === "approved") {
    await store.put(outbox, `${requestId}/decision.json`, record);
  }
  // Approved: the files now live in the outbox. Rejected: they never leave; the request is
  // removed from the egress area so it cannot be approved later by mistake.
  for (const name of await store.list(egress, `${requestId}/`)) await store.delete(egress, name);
  return { decision, request, moved, alreadyDecided: false };
}
