import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { decide, type Review, type StoredReview } from "../../airlock/decision";
import { MemoryStore } from "../../airlock/object-store";
import { processRequest } from "../../airlock/move";
import { manifestHash, requestProblems, type ExportRequest } from "../../airlock/request";
import { decisionAuditRecords } from "../../airlock/audit-records";
import { attributionProblem, recordShapeProblems } from "../../audit/record";
import type { DataTier } from "../../policies/catalog/data-tiers";

const now = new Date("2026-06-01T10:00:00Z");
const sha = (text: string) => createHash("sha256").update(text).digest("hex");
const files = { "table-1.csv": "age,n\n40-49,120\n", "figure-2.svg": "<svg/>" };

const request: ExportRequest = {
  v: 1,
  requestId: "2026-06-01-tables",
  projectId: "cardio-2026",
  requestedBy: "alice@chu.example.fr",
  createdAt: "2026-06-01T09:00:00Z",
  justification: "aggregated counts, cells under 10 suppressed",
  files: Object.entries(files).map(([path, text]) => ({
    path,
    sha256: sha(text),
    bytes: Buffer.byteLength(text),
  })),
};

const groups: Record<string, string[]> = {
  "alice@chu.example.fr": ["hdh-researchers-cardio"],
  "rita@hdh.example.fr": ["hdh-airlock-reviewers"],
  "raoul@hdh.example.fr": ["hdh-airlock-reviewers"],
  "bob@chu.example.fr": ["hdh-researchers-cardio", "hdh-airlock-reviewers"],
  "eve@chu.example.fr": ["hdh-researchers-other"],
};

/** Every person who may review, each with their own review container. */
const reviewerBindings = Object.keys(groups).map((person, i) => ({
  key: person.split("@")[0],
  person,
  keystoneUserId: String(i).padStart(32, "0"),
}));
const containerOf = (person: string) =>
  `hdh-ws-cardio-2026-review-${reviewerBindings.find((b) => b.person === person)!.key}`;

const context = (tier: DataTier = 3) => ({
  reviewers: reviewerBindings,
  projectId: "cardio-2026",
  tier,
  ownerGroup: "hdh-researchers-cardio",
  reviewerGroup: "hdh-airlock-reviewers",
  membership: (person: string) => groups[person] ?? [],
});

function review(
  reviewer: string,
  verdict: Review["verdict"] = "approve",
  over: Partial<Review> = {},
): StoredReview {
  return {
    review: {
      v: 1,
      requestId: request.requestId,
      manifestHash: manifestHash(request),
      reviewer,
      verdict,
      at: "2026-06-01T09:30:00Z",
      comment: "checked",
      ...over,
    },
    uploadedBy: reviewer,
  };
}

describe("airlock decision rules", () => {
  it("tier 3 needs two distinct reviewers: one approval is pending, two approve", () => {
    expect(decide(request, [review("rita@hdh.example.fr")], context(), now).outcome).toBe(
      "pending",
    );
    const d = decide(
      request,
      [review("rita@hdh.example.fr"), review("raoul@hdh.example.fr")],
      context(),
      now,
    );
    expect(d).toMatchObject({ outcome: "approved", requiredReviewers: 2 });
    expect(d.approvedBy).toEqual(["raoul@hdh.example.fr", "rita@hdh.example.fr"]);
  });

  it("the same reviewer approving twice counts once", () => {
    const d = decide(
      request,
      [
        review("rita@hdh.example.fr"),
        review("rita@hdh.example.fr", "approve", { at: "2026-06-01T09:40:00Z" }),
      ],
      context(),
      now,
    );
    expect(d.outcome).toBe("pending");
    expect(d.approvedBy).toEqual(["rita@hdh.example.fr"]);
  });

  it("tiers 1 and 2 need one reviewer, tier 0 none", () => {
    expect(decide(request, [review("rita@hdh.example.fr")], context(2), now).outcome).toBe(
      "approved",
    );
    expect(decide(request, [review("rita@hdh.example.fr")], context(1), now).outcome).toBe(
      "approved",
    );
    expect(decide(request, [], context(1), now).outcome).toBe("pending");
    expect(decide(request, [], context(0), now).outcome).toBe("approved");
  });

  it("a reviewer who is also one of the project's researchers does not count", () => {
    const d = decide(
      request,
      [review("rita@hdh.example.fr"), review("bob@chu.example.fr")],
      context(),
      now,
    );
    expect(d.outcome).toBe("pending");
    expect(d.ignored).toEqual([
      {
        reviewer: "bob@chu.example.fr",
        reason: "member of the project's own group hdh-researchers-cardio",
      },
    ]);
  });

  it("the requester cannot review their own request, and a non-reviewer does not count", () => {
    const d = decide(
      request,
      [review("alice@chu.example.fr"), review("eve@chu.example.fr")],
      context(2),
      now,
    );
    expect(d.outcome).toBe("pending");
    expect(d.ignored.map((i) => i.reason)).toEqual([
      "the requester cannot review their own request",
      "not a member of the reviewers' group hdh-airlock-reviewers",
    ]);
  });

  it("a review lying in another reviewer's container than the one it names does not count", () => {
    const forged = { ...review("raoul@hdh.example.fr"), uploadedBy: "rita@hdh.example.fr" };
    const d = decide(request, [review("rita@hdh.example.fr"), forged], context(), now);
    expect(d.outcome).toBe("pending");
    expect(d.ignored[0].reason).toMatch(/not attested/);
  });

  it("a review of an earlier version of the manifest does not count", () => {
    const stale = review("raoul@hdh.example.fr", "approve", { manifestHash: "0".repeat(64) });
    const d = decide(request, [review("rita@hdh.example.fr"), stale], context(), now);
    expect(d.outcome).toBe("pending");
    expect(d.ignored[0].reason).toMatch(/changed after this review/);
  });

  it("one valid rejection rejects, whatever the approvals", () => {
    const d = decide(
      request,
      [review("rita@hdh.example.fr"), review("raoul@hdh.example.fr", "reject")],
      context(),
      now,
    );
    expect(d.outcome).toBe("rejected");
  });

  it("malformed manifests are refused with each field named", () => {
    expect(
      requestProblems({ ...request, files: [{ path: "../etc/passwd", sha256: "x", bytes: -1 }] }),
    ).toEqual([
      "files[0].path: expected a relative path without '..'",
      "files[0].sha256: expected 64 lower-case hex characters",
      "files[0].bytes: expected a size in bytes",
    ]);
    expect(requestProblems({ ...request, files: [] })).toEqual(["files: list at least one file"]);
  });
});

/** A store holding the request as researchers and reviewers would have written it. */
async function seeded(reviewers: string[], tamper?: (store: MemoryStore) => Promise<void>) {
  const store = new MemoryStore();
  const alice = store;
  for (const [path, text] of Object.entries(files)) {
    await alice.put(
      "hdh-ws-cardio-2026-egress",
      `${request.requestId}/files/${path}`,
      Buffer.from(text),
    );
  }
  await alice.put(
    "hdh-ws-cardio-2026-egress",
    `${request.requestId}/manifest.json`,
    Buffer.from(JSON.stringify(request)),
  );
  for (const reviewer of reviewers) {
    await store.put(
      containerOf(reviewer),
      `${request.requestId}/review.json`,
      Buffer.from(JSON.stringify(review(reviewer).review)),
    );
  }
  await tamper?.(store);
  return store;
}

describe("airlock mover", () => {
  it("moves an approved request's files to the outbox, records the decision and empties the egress request", async () => {
    const store = await seeded(["rita@hdh.example.fr", "raoul@hdh.example.fr"]);
    const result = await processRequest(store, request.requestId, context(), now);
    expect(result.decision.outcome).toBe("approved");
    expect([...result.moved].sort()).toEqual(["figure-2.svg", "table-1.csv"]);
    const outbox = await store.list("hdh-ws-cardio-2026-outbox", "");
    expect(outbox).toEqual([
      `${request.requestId}/decision.json`,
      `${request.requestId}/figure-2.svg`,
      `${request.requestId}/table-1.csv`,
    ]);
    const copied = await store.get("hdh-ws-cardio-2026-outbox", `${request.requestId}/table-1.csv`);
    expect(copied!.body.toString()).toBe(files["table-1.csv"]);
    expect(await store.list("hdh-ws-cardio-2026-egress", "")).toEqual([]);
    const recorded = await store.get(
      "hdh-ws-cardio-2026-review",
      `${request.requestId}/decision.json`,
    );
    expect(JSON.parse(recorded!.body.toString())).toMatchObject({
      outcome: "approved",
      requiredReviewers: 2,
    });
  });

  it("a pending request moves nothing and stays in the egress area", async () => {
    const store = await seeded(["rita@hdh.example.fr"]);
    const result = await processRequest(store, request.requestId, context(), now);
    expect(result.decision.outcome).toBe("pending");
    expect(await store.list("hdh-ws-cardio-2026-outbox", "")).toEqual([]);
    expect(await store.list("hdh-ws-cardio-2026-egress", "")).toHaveLength(3);
  });

  it("a file changed after review is never exported: the whole request is rejected", async () => {
    const store = await seeded(["rita@hdh.example.fr", "raoul@hdh.example.fr"], async (s) => {
      await s.put(
        "hdh-ws-cardio-2026-egress",
        `${request.requestId}/files/table-1.csv`,
        Buffer.from("id,dob\n1,1980-01-02\n"),
      );
    });
    const result = await processRequest(store, request.requestId, context(), now);
    expect(result.decision.outcome).toBe("rejected");
    expect(result.moved).toEqual([]);
    expect(await store.list("hdh-ws-cardio-2026-outbox", "")).toEqual([]);
    expect(result.decision.ignored.at(-1)!.reason).toMatch(/changed after review: table-1\.csv/);
  });

  it("running again on a decided request changes nothing", async () => {
    const store = await seeded(["rita@hdh.example.fr", "raoul@hdh.example.fr"]);
    await processRequest(store, request.requestId, context(), now);
    const again = await processRequest(
      store,
      request.requestId,
      context(),
      new Date("2026-07-01T00:00:00Z"),
    );
    expect(again.alreadyDecided).toBe(true);
    expect(again.decision.decidedAt).toBe(now.toISOString());
  });

  it("its decision becomes well-formed audit records, each naming a person", async () => {
    const store = await seeded([
      "rita@hdh.example.fr",
      "raoul@hdh.example.fr",
      "bob@chu.example.fr",
    ]);
    const { decision, moved } = await processRequest(store, request.requestId, context(), now);
    const records = decisionAuditRecords(request, decision, moved);
    expect(records.map((r) => `${r.action} ${r.actor.person}`)).toEqual([
      "airlock.request alice@chu.example.fr",
      "airlock.approve raoul@hdh.example.fr",
      "airlock.approve rita@hdh.example.fr",
      "airlock.review-ignored bob@chu.example.fr",
      "airlock.export alice@chu.example.fr",
    ]);
    for (const record of records) {
      expect(recordShapeProblems(record)).toEqual([]);
      expect(attributionProblem(record)).toBeUndefined();
    }
    expect(new Set(records.map((r) => r.id)).size).toBe(records.length);
  });
});
