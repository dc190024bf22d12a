/**
 * The airlock on the real Swift and Keystone (scripts/openstack-loopback.sh): the containers and
 * ACLs the components declare (components/workspace/storage-areas.ts for the six areas,
 * components/airlock/reviewer-containers.ts for the reviewers' containers), created as the
 * deployment creates them, then used with each party's own Keystone identity. Every refusal here
 * is Swift's or Keystone's, not ours: a wrong ACL or role makes these tests fail.
 */
import { createHash, randomBytes } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { processRequest, type MoveContext } from "../../airlock/move";
import { manifestHash, type ExportRequest } from "../../airlock/request";
import { moverPass } from "../../airlock/run";
import { keystoneSession, SwiftStore } from "../../airlock/swift-store";
import {
  reviewerContainerAcl,
  reviewerContainerName,
  type ReviewerBinding,
} from "../../components/airlock/reviewer-containers";
import { storageAreaAccess, swiftAcl } from "../../components/workspace/storage-areas";
import { containerName, moverRole, storageAreas } from "../../components/workspace/names";
import {
  accountUrl,
  appCredentialToken,
  http,
  reachLoopback,
  skipReason,
  userToken,
  type LoopbackEnv,
} from "./loopback";

const cloud = reachLoopback();

const projects = [
  { projectId: "cardio", tier: 3 as const, ownerGroup: "hdh-researchers-cardio" },
  { projectId: "onco", tier: 2 as const, ownerGroup: "hdh-researchers-onco" },
];
const reviewerGroup = "hdh-airlock-reviewers";
/** What the identity provider says: carl reviews, but is also one of cardio's researchers. */
const groups: Record<string, string[]> = {
  "alice@chu.example.fr": ["hdh-researchers-cardio"],
  "rita@hdh.example.fr": [reviewerGroup],
  "remy@hdh.example.fr": [reviewerGroup],
  "carl@hdh.example.fr": [reviewerGroup, "hdh-researchers-cardio"],
};
const sha = (data: Buffer) => createHash("sha256").update(data).digest("hex");

describe.skipIf(!cloud)(
  `airlock on the real Swift and Keystone${cloud ? "" : ` (${skipReason})`}`,
  () => {
    const c = cloud as LoopbackEnv;
    const platform = () => accountUrl(c, "hdh-platform");
    const tokens: Record<string, string> = {};
    let reviewers: ReviewerBinding[];
    let context: MoveContext;
    let moverStore: SwiftStore;

    const swift = (
      who: string,
      method: string,
      path: string,
      headers: Record<string, string> = {},
      body?: Buffer | string,
    ) => http(method, `${platform()}${path}`, { "X-Auth-Token": tokens[who], ...headers }, body);

    beforeAll(async () => {
      for (const user of ["deployer", "alice", "rita", "remy", "carl"]) {
        tokens[user] = await userToken(c, user);
      }
      for (const credential of ["cardio-workspace", "onco-workspace", "mover"]) {
        tokens[credential] = await appCredentialToken(c, c.appCredentials[credential]);
      }
      // The mover as it runs: its application credential, endpoints from Keystone's catalogue.
      moverStore = new SwiftStore(
        await keystoneSession(c.keystoneUrl, c.appCredentials.mover, c.region),
      );
      reviewers = ["rita", "remy", "carl"].map((name) => ({
        key: name,
        person: `${name}@hdh.example.fr`,
        keystoneUserId: c.users[name].id,
      }));
      context = {
        ...projects[0],
        reviewerGroup,
        membership: (person) => groups[person] ?? [],
        reviewers,
      };
      // As the deployment does (Workspace and AirlockMover components): every container with its
      // ACLs, created by the platform's operator; emptied so that each run starts clean.
      for (const { projectId } of projects) {
        const access = storageAreaAccess(projectId);
        const specs = [
          ...storageAreas.map((area) => ({
            name: containerName(projectId, area),
            read: access[area].read,
            write: access[area].write,
          })),
          ...reviewers.map((r) => ({
            name: reviewerContainerName(projectId, r.key),
            ...reviewerContainerAcl(c.projects["hdh-platform"], r, moverRole),
          })),
        ];
        for (const spec of specs) {
          const put = await swift("deployer", "PUT", `/${spec.name}`, {
            "X-Container-Read": swiftAcl(spec.read),
            "X-Container-Write": swiftAcl(spec.write),
          });
          expect([201, 202]).toContain(put.status);
          const listing = await swift("deployer", "GET", `/${spec.name}?format=json`);
          for (const o of JSON.parse(listing.body.toString() || "[]") as { name: string }[]) {
            await swift("deployer", "DELETE", `/${spec.name}/${encodeURIComponent(o.name)}`);
          }
        }
      }
    });

    /** Puts a request's files and manifest in the egress area with the workspace's credential. */
    async function submit(files: Record<string, string>): Promise<ExportRequest> {
      const requestId = `r-${randomBytes(4).toString("hex")}`;
      const request: ExportRequest = {
        v: 1,
        requestId,
        projectId: "cardio",
        requestedBy: "alice@chu.example.fr",
        createdAt: "2026-06-01T09:00:00Z",
        justification: "aggregated counts, cells under 10 suppressed",
        files: Object.entries(files).map(([path, text]) => ({
          path,
          sha256: sha(Buffer.from(text)),
          bytes: Buffer.byteLength(text),
        })),
      };
      for (const [path, text] of Object.entries(files)) {
        const put = await swift(
          "cardio-workspace",
          "PUT",
          `/hdh-ws-cardio-egress/${requestId}/files/${path}`,
          {},
          text,
        );
        expect(put.status).toBe(201);
      }
      const manifest = await swift(
        "cardio-workspace",
        "PUT",
        `/hdh-ws-cardio-egress/${requestId}/manifest.json`,
        {},
        JSON.stringify(request),
      );
      expect(manifest.status).toBe(201);
      return request;
    }

    /** `reviewer` writes a review, as themselves, into their own container. */
    async function review(
      reviewer: string,
      request: ExportRequest,
      verdict: "approve" | "reject",
      names = `${reviewer}@hdh.example.fr`,
    ): Promise<number> {
      const body = JSON.stringify({
        v: 1,
        requestId: request.requestId,
        manifestHash: manifestHash(request),
        reviewer: names,
        verdict,
        at: new Date().toISOString(),
        comment: verdict === "approve" ? "aggregates only" : "row-level data in table-1.csv",
      });
      const r = await swift(
        reviewer,
        "PUT",
        `/${reviewerContainerName("cardio", reviewer)}/${request.requestId}/review.json`,
        {},
        body,
      );
      return r.status;
    }

    /** One decision by the mover, through its own application credential and the catalogue. */
    async function move(request: ExportRequest) {
      return processRequest(moverStore, request.requestId, context, new Date());
    }

    describe("the workspace's own credential (application credential, researcher role only)", () => {
      it("writes its egress area and its working data", async () => {
        for (const area of ["egress", "data"]) {
          const r = await swift("cardio-workspace", "PUT", `/hdh-ws-cardio-${area}/probe`, {}, "x");
          expect({ area, status: r.status }).toEqual({ area, status: 201 });
        }
      });

      it("writes nowhere else: ingress, review, a reviewer's container, outbox, archive", async () => {
        const targets = ["ingress", "review", "review-rita", "outbox", "archive"];
        for (const area of targets) {
          const r = await swift("cardio-workspace", "PUT", `/hdh-ws-cardio-${area}/x`, {}, "x");
          expect({ area, status: r.status }).toEqual({ area, status: 403 });
        }
      });

      it("cannot read or list the outbox", async () => {
        await swift("mover", "PUT", "/hdh-ws-cardio-outbox/probe", {}, "approved");
        expect((await swift("cardio-workspace", "GET", "/hdh-ws-cardio-outbox/probe")).status).toBe(
          403,
        );
        expect((await swift("cardio-workspace", "GET", "/hdh-ws-cardio-outbox")).status).toBe(403);
        // The project owner, logged in as themselves outside the workspace, can.
        expect((await swift("alice", "GET", "/hdh-ws-cardio-outbox/probe")).body.toString()).toBe(
          "approved",
        );
      });

      it("cannot list the account's containers nor read or write another workspace's", async () => {
        expect((await swift("cardio-workspace", "GET", "?format=json")).status).toBe(403);
        for (const area of storageAreas) {
          const list = await swift("cardio-workspace", "GET", `/hdh-ws-onco-${area}`);
          const put = await swift("cardio-workspace", "PUT", `/hdh-ws-onco-${area}/x`, {}, "x");
          expect({ area, list: list.status, put: put.status }).toEqual({
            area,
            list: 403,
            put: 403,
          });
        }
      });

      it("cannot set a temporary-URL key on the account or on a container", async () => {
        const key = { "X-Account-Meta-Temp-URL-Key": "exfiltrate" };
        expect((await swift("cardio-workspace", "POST", "", key)).status).toBe(403);
        const containerKey = { "X-Container-Meta-Temp-URL-Key": "exfiltrate" };
        const post = await swift("cardio-workspace", "POST", "/hdh-ws-cardio-egress", containerKey);
        expect(post.status).toBe(403);
        // Nor did any key get set: the operator sees none.
        const head = await swift("deployer", "HEAD", "/hdh-ws-cardio-egress");
        expect(head.headers.get("x-container-meta-temp-url-key")).toBeNull();
        const account = await swift("deployer", "HEAD", "");
        expect(account.headers.get("x-account-meta-temp-url-key")).toBeNull();
      });

      it("cannot change a container's ACL to let itself out", async () => {
        const r = await swift("cardio-workspace", "POST", "/hdh-ws-cardio-outbox", {
          "X-Container-Write": "hdh-ws-cardio-researcher",
        });
        expect(r.status).toBe(403);
        const head = await swift("deployer", "HEAD", "/hdh-ws-cardio-outbox");
        expect(head.headers.get("x-container-write")).toBe(moverRole);
      });
    });

    describe("a reviewer's identity is their container's", () => {
      it("rita writes her own container and nobody else's; the workspace writes none", async () => {
        const own = await swift("rita", "PUT", "/hdh-ws-cardio-review-rita/probe", {}, "x");
        const other = await swift("rita", "PUT", "/hdh-ws-cardio-review-remy/probe", {}, "x");
        const shared = await swift("rita", "PUT", "/hdh-ws-cardio-review/probe", {}, "x");
        const ws = await swift("cardio-workspace", "PUT", "/hdh-ws-cardio-review-remy/p", {}, "x");
        expect([own.status, other.status, shared.status, ws.status]).toEqual([201, 403, 403, 403]);
      });

      it("a reviewer cannot widen her container's ACL", async () => {
        const r = await swift("rita", "POST", "/hdh-ws-cardio-review-rita", {
          "X-Container-Write": `${c.projects["hdh-platform"]}:${c.users.remy.id}`,
        });
        expect(r.status).toBe(403);
      });
    });

    describe("an export request, end to end", () => {
      it("tier 3: leaves only after two distinct reviewers outside the project approve", async () => {
        const request = await submit({ "table-1.csv": "age,n\n40-49,120\n", "fig.svg": "<svg/>" });
        // carl is in cardio's own group: his approval does not count.
        expect(await review("carl", request, "approve")).toBe(201);
        expect(await review("rita", request, "approve")).toBe(201);
        const first = await move(request);
        expect(first.decision.outcome).toBe("pending");
        expect(first.decision.ignored.map((i) => i.reviewer)).toEqual(["carl@hdh.example.fr"]);
        expect(
          (await swift("alice", "GET", `/hdh-ws-cardio-outbox?prefix=${request.requestId}/`))
            .status,
        ).toBe(204);

        expect(await review("remy", request, "approve")).toBe(201);
        const second = await move(request);
        expect(second.decision).toMatchObject({
          outcome: "approved",
          requiredReviewers: 2,
          approvedBy: ["remy@hdh.example.fr", "rita@hdh.example.fr"],
        });
        const outbox = await swift(
          "alice",
          "GET",
          `/hdh-ws-cardio-outbox?prefix=${request.requestId}/&format=json`,
        );
        expect(
          (JSON.parse(outbox.body.toString()) as { name: string }[]).map((o) => o.name),
        ).toEqual([
          `${request.requestId}/decision.json`,
          `${request.requestId}/fig.svg`,
          `${request.requestId}/table-1.csv`,
        ]);
        const record = await swift(
          "alice",
          "GET",
          `/hdh-ws-cardio-outbox/${request.requestId}/decision.json`,
        );
        expect(JSON.parse(record.body.toString())).toMatchObject({
          outcome: "approved",
          manifestHash: manifestHash(request),
        });
        const egress = await swift(
          "cardio-workspace",
          "GET",
          `/hdh-ws-cardio-egress?prefix=${request.requestId}/`,
        );
        expect(egress.status).toBe(204);
      });

      it("a rejected request never reaches the outbox and leaves the egress area", async () => {
        const request = await submit({ "table-1.csv": "id,dob\n1,1980-01-02\n" });
        await review("rita", request, "reject");
        await review("remy", request, "approve");
        const result = await move(request);
        expect(result.decision.outcome).toBe("rejected");
        const outbox = await swift(
          "deployer",
          "GET",
          `/hdh-ws-cardio-outbox?prefix=${request.requestId}/`,
        );
        expect(outbox.status).toBe(204);
        const recorded = await swift(
          "mover",
          "GET",
          `/hdh-ws-cardio-review/${request.requestId}/decision.json`,
        );
        expect(JSON.parse(recorded.body.toString())).toMatchObject({
          outcome: "rejected",
          rejectedBy: ["rita@hdh.example.fr"],
        });
        const egress = await swift(
          "deployer",
          "GET",
          `/hdh-ws-cardio-egress?prefix=${request.requestId}/`,
        );
        expect(egress.status).toBe(204);
      });

      it("a review naming another reviewer than its container's owner does not count", async () => {
        const request = await submit({ "t.csv": "n\n12\n" });
        await review("rita", request, "approve");
        // rita writes a second approval in her container, signed with remy's name.
        await swift(
          "rita",
          "PUT",
          `/hdh-ws-cardio-review-rita/${request.requestId}/forged.json`,
          {},
          JSON.stringify({
            v: 1,
            requestId: request.requestId,
            manifestHash: manifestHash(request),
            reviewer: "remy@hdh.example.fr",
            verdict: "approve",
            at: new Date().toISOString(),
            comment: "forged",
          }),
        );
        const result = await move(request);
        expect(result.decision.outcome).toBe("pending");
        expect(result.decision.ignored[0].reason).toMatch(/not attested/);
      });

      it("a whole mover pass serves each workspace by its own tier", async () => {
        const request = await submit({ "t.csv": "n\n15\n" });
        await review("rita", request, "approve");
        const lines: string[] = [];
        const summary = await moverPass(moverStore, projects, {
          reviewerGroup,
          reviewers,
          membership: (p) => groups[p] ?? [],
          now: new Date(),
          emit: (line) => lines.push(line),
        });
        expect(summary.failed).toBe(0);
        expect(summary.pending).toBeGreaterThanOrEqual(1);
        expect(lines.filter((l) => l.includes('"airlock.export"'))).toEqual([]);
      });
    });
  },
);
