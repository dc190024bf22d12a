import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { MemoryStore } from "../../airlock/object-store";
import { manifestHash, type ExportRequest } from "../../airlock/request";
import { moverPass } from "../../airlock/run";

const sha = (t: string) => createHash("sha256").update(t).digest("hex");

function request(projectId: string, requestId: string): ExportRequest {
  return {
    v: 1,
    requestId,
    projectId,
    requestedBy: `alice@${projectId}.example.fr`,
    createdAt: "2026-06-01T09:00:00Z",
    justification: "aggregates",
    files: [{ path: "t.csv", sha256: sha("x"), bytes: 1 }],
  };
}

async function put(store: MemoryStore, r: ExportRequest, reviewers: string[]) {
  const researcher = store;
  await researcher.put(
    `hdh-ws-${r.projectId}-egress`,
    `${r.requestId}/files/t.csv`,
    Buffer.from("x"),
  );
  await researcher.put(
    `hdh-ws-${r.projectId}-egress`,
    `${r.requestId}/manifest.json`,
    Buffer.from(JSON.stringify(r)),
  );
  for (const reviewer of reviewers) {
    await store.put(
      `hdh-ws-${r.projectId}-review-${reviewer.split("@")[0]}`,
      `${r.requestId}/review.json`,
      Buffer.from(
        JSON.stringify({
          v: 1,
          requestId: r.requestId,
          manifestHash: manifestHash(r),
          reviewer,
          verdict: "approve",
          at: "2026-06-01T10:00:00Z",
          comment: "ok",
        }),
      ),
    );
  }
}

describe("a mover pass", () => {
  it("decides every project's requests by its own tier, reports malformed ones, emits audit lines", async () => {
    const store = new MemoryStore();
    // cardio is tier 3 (two reviewers), diabetes tier 2 (one): one approval each.
    await put(store, request("cardio", "r1"), ["rita@hdh.example.fr"]);
    await put(store, request("diabetes", "r1"), ["rita@hdh.example.fr"]);
    await store.put("hdh-ws-diabetes-egress", "broken/manifest.json", Buffer.from('{"v":1}'));
    const lines: string[] = [];
    const summary = await moverPass(
      store,
      [
        { projectId: "cardio", tier: 3, ownerGroup: "hdh-researchers-cardio" },
        { projectId: "diabetes", tier: 2, ownerGroup: "hdh-researchers-diabetes" },
      ],
      {
        reviewerGroup: "hdh-airlock-reviewers",
        reviewers: [{ key: "rita", person: "rita@hdh.example.fr", keystoneUserId: "0".repeat(32) }],
        membership: (p) => (p === "rita@hdh.example.fr" ? ["hdh-airlock-reviewers"] : []),
        now: new Date("2026-06-02T00:00:00Z"),
        emit: (line) => lines.push(line),
      },
    );
    expect(summary).toEqual({ decided: 1, pending: 1, failed: 1 });
    expect(await store.list("hdh-ws-diabetes-outbox", "")).toEqual([
      "r1/decision.json",
      "r1/t.csv",
    ]);
    expect(await store.list("hdh-ws-cardio-outbox", "")).toEqual([]);
    const records = lines.map((l) => JSON.parse(l));
    expect(records.filter((r) => r.action).map((r) => `${r.workspace} ${r.action}`)).toEqual([
      "diabetes airlock.request",
      "diabetes airlock.approve",
      "diabetes airlock.export",
    ]);
    expect(records.find((r) => r.level === "error")).toMatchObject({
      workspace: "diabetes",
      requestId: "broken",
    });
  });
});
