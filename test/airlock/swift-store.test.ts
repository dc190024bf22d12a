/**
 * The mover through the Swift API: a stub Swift (containers in memory, writers recorded by the
 * token they used, as the object-storage audit records would) and a stub Keystone. Proves the
 * HTTP client lists, reads, writes and deletes as the mover needs, and that without attestation
 * nothing is ever approved.
 */
import { createHash } from "node:crypto";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keystoneSession, SwiftStore, type SwiftSession } from "../../airlock/swift-store";
import { processRequest } from "../../airlock/move";
import { manifestHash, type ExportRequest } from "../../airlock/request";

const people: Record<string, string> = {
  "tok-alice": "alice@chu.example.fr",
  "tok-rita": "rita@hdh.example.fr",
  "tok-raoul": "raoul@hdh.example.fr",
  "tok-mover": "service:hdh-airlock-mover",
};
const objects = new Map<string, { body: Buffer; writer: string }>();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const url = new URL(req.url!, "http://stub");
      if (url.pathname === "/v3/auth/tokens" && req.method === "POST") {
        const body = JSON.parse(Buffer.concat(chunks).toString());
        if (body.auth.identity.application_credential.secret !== "s3cret") {
          res.writeHead(401).end();
          return;
        }
        res.writeHead(201, { "X-Subject-Token": "tok-mover", "Content-Type": "application/json" });
        res.end(
          JSON.stringify({
            token: {
              expires_at: "2099-01-01T00:00:00Z",
              catalog: [
                {
                  type: "key-manager",
                  endpoints: [{ region: "GRA11", interface: "internal", url: `${base}/kms` }],
                },
                {
                  type: "object-store",
                  endpoints: [
                    { region: "GRA11", interface: "public", url: `${base}/public` },
                    { region: "GRA11", interface: "internal", url: `${base}/v1/AUTH_p` },
                  ],
                },
              ],
            },
          }),
        );
        return;
      }
      const who = people[String(req.headers["x-auth-token"])];
      if (!who) return void res.writeHead(401).end();
      const [, , , container, ...rest] = url.pathname.split("/").map(decodeURIComponent);
      const name = rest.join("/");
      const key = `${container}/${name}`;
      if (req.method === "GET" && !name) {
        const prefix = url.searchParams.get("prefix") ?? "";
        const list = [...objects.keys()]
          .filter((k) => k.startsWith(`${container}/${prefix}`))
          .map((k) => ({ name: k.slice(container.length + 1) }));
        res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(list));
      } else if (req.method === "GET") {
        const o = objects.get(key);
        if (o) res.writeHead(200).end(o.body);
        else res.writeHead(404).end();
      } else if (req.method === "PUT") {
        objects.set(key, { body: Buffer.concat(chunks), writer: who });
        res.writeHead(201).end();
      } else if (req.method === "DELETE") {
        res.writeHead(objects.delete(key) ? 204 : 404).end();
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => server?.close());

const storage = (token: string): SwiftSession => ({ token, storageUrl: `${base}/v1/AUTH_p` });
const attest = async (container: string, name: string) =>
  objects.get(`${container}/${name}`)?.writer;
const sha = (text: string) => createHash("sha256").update(text).digest("hex");

const request: ExportRequest = {
  v: 1,
  requestId: "r-1",
  projectId: "cardio-2026",
  requestedBy: "alice@chu.example.fr",
  createdAt: "2026-06-01T09:00:00Z",
  justification: "aggregates",
  files: [{ path: "out/table 1.csv", sha256: sha("n\n12\n"), bytes: 5 }],
};
const context = {
  projectId: "cardio-2026",
  tier: 3 as const,
  ownerGroup: "hdh-researchers-cardio",
  reviewerGroup: "hdh-airlock-reviewers",
  membership: (p: string) => (p.endsWith("@hdh.example.fr") ? ["hdh-airlock-reviewers"] : []),
};

async function seed() {
  objects.clear();
  const alice = new SwiftStore(storage("tok-alice"));
  await alice.put("hdh-ws-cardio-2026-egress", "r-1/files/out/table 1.csv", Buffer.from("n\n12\n"));
  await alice.put(
    "hdh-ws-cardio-2026-egress",
    "r-1/manifest.json",
    Buffer.from(JSON.stringify(request)),
  );
  for (const [token, reviewer] of [
    ["tok-rita", "rita@hdh.example.fr"],
    ["tok-raoul", "raoul@hdh.example.fr"],
  ]) {
    const review = {
      v: 1,
      requestId: "r-1",
      manifestHash: manifestHash(request),
      reviewer,
      verdict: "approve",
      at: "2026-06-01T10:00:00Z",
      comment: "ok",
    };
    await new SwiftStore(storage(token)).put(
      "hdh-ws-cardio-2026-review",
      `r-1/reviews/${reviewer}.json`,
      Buffer.from(JSON.stringify(review)),
    );
  }
}

describe("airlock mover over the Swift API", () => {
  it("gets a token and the internal object-store endpoint from an application credential", async () => {
    const session = await keystoneSession(`${base}/v3`, { id: "cred", secret: "s3cret" }, "GRA11");
    expect(session).toEqual({ token: "tok-mover", storageUrl: `${base}/v1/AUTH_p` });
    await expect(
      keystoneSession(`${base}/v3`, { id: "cred", secret: "wrong" }, "GRA11"),
    ).rejects.toThrow(/refused the application credential \(HTTP 401\)/);
  });

  it("with attested reviews, moves the files to the outbox and empties the egress request", async () => {
    await seed();
    const mover = new SwiftStore(storage("tok-mover"), attest);
    const result = await processRequest(mover, "r-1", context, new Date("2026-06-02T00:00:00Z"));
    expect(result.decision.outcome).toBe("approved");
    expect(objects.get("hdh-ws-cardio-2026-outbox/r-1/out/table 1.csv")?.body.toString()).toBe(
      "n\n12\n",
    );
    expect([...objects.keys()].filter((k) => k.startsWith("hdh-ws-cardio-2026-egress/"))).toEqual(
      [],
    );
  });

  it("without an attestation source nothing is approved (fail closed)", async () => {
    await seed();
    const mover = new SwiftStore(storage("tok-mover"));
    const result = await processRequest(mover, "r-1", context, new Date("2026-06-02T00:00:00Z"));
    expect(result.decision.outcome).toBe("pending");
    expect(result.decision.ignored.map((i) => i.reason)).toEqual([
      "not attested: the review names raoul@hdh.example.fr but was uploaded by an unknown identity",
      "not attested: the review names rita@hdh.example.fr but was uploaded by an unknown identity",
    ]);
    expect([...objects.keys()].some((k) => k.includes("-outbox/"))).toBe(false);
  });
});
