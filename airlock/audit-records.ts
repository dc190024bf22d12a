/**
 * An airlock decision as audit records (audit/record.ts), so "who exported what from project X"
 * is answered by the same query as every other access: one record for the request, one per
 * review that counted or was ignored, one for the outcome. Every record names a person.
 */
import type { AuditRecord } from "../audit/record";
import type { Decision } from "./decision";
import type { ExportRequest } from "./request";

export function decisionAuditRecords(
  request: ExportRequest,
  decision: Decision,
  moved: readonly string[],
): AuditRecord[] {
  const base = {
    v: 1 as const,
    source: "airlock" as const,
    workspace: decision.projectId,
    target: { type: "airlock-request", name: `${decision.projectId}/${decision.requestId}` },
  };
  const records: AuditRecord[] = [
    {
      ...base,
      id: `airlock:${decision.projectId}:${decision.requestId}:request`,
      time: request.createdAt,
      action: "airlock.request",
      outcome: "success",
      actor: { person: request.requestedBy },
      detail: {
        manifestHash: decision.manifestHash,
        files: request.files.map((f) => ({ path: f.path, sha256: f.sha256, bytes: f.bytes })),
      },
    },
  ];
  for (const reviewer of decision.approvedBy) {
    records.push(reviewRecord(base, decision, reviewer, "airlock.approve", "success"));
  }
  for (const reviewer of decision.rejectedBy) {
    records.push(reviewRecord(base, decision, reviewer, "airlock.reject", "success"));
  }
  decision.ignored.forEach((ignored, i) => {
    records.push({
      ...reviewRecord(base, decision, ignored.reviewer, "airlock.review-ignored", "denied"),
      id: `airlock:${decision.projectId}:${decision.requestId}:ignored:${i}`,
      detail: { reason: ignored.reason },
    });
  });
  if (decision.outcome !== "pending") {
    records.push({
      ...base,
      id: `airlock:${decision.projectId}:${decision.requestId}:${decision.outcome}`,
      time: decision.decidedAt,
      action: decision.outcome === "approved" ? "airlock.export" : "airlock.refuse",
      outcome: decision.outcome === "approved" ? "success" : "denied",
      // The export is made on the requester's behalf by the mover service.
      actor: { person: decision.requestedBy, via: "service:hdh-airlock-mover" },
      detail: {
        requiredReviewers: decision.requiredReviewers,
        approvedBy: [...decision.approvedBy],
        moved: [...moved],
      },
    });
  }
  return records;
}

function reviewRecord(
  base: Pick<AuditRecord, "v" | "source" | "workspace" | "target">,
  decision: Decision,
  reviewer: string,
  action: string,
  outcome: AuditRecord["outcome"],
): AuditRecord {
  return {
    ...base,
    id: `airlock:${decision.projectId}:${decision.requestId}:${action}:${reviewer}`,
    time: decision.decidedAt,
    action,
    outcome,
    actor: { person: reviewer },
    detail: { manifestHash: decision.manifestHash },
  };
}
