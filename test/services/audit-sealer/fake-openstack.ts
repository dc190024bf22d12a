/**
 * Why a fake when the real services run in test/openstack (scripts/openstack-loopback.sh): these
 * suites make the store fail on demand (503s, an answer lost after the write, a Swift without
 * `reverse` listings), read what the sealer sent, and run a fresh store per test in
 * milliseconds; the real Swift cannot be made to do the first three. What the real services
 * decide (access rules, ACLs, Barbican's orders and policies) is proven there, not here.
 *
 * A small Keystone + Swift + Barbican on 127.0.0.1 that enforces what the sealer's application
 * credential allows (components/audit/writer-access.ts): PUT/GET/HEAD on objects of one
 * container, GET of its listing, GET of one secret's payload. DELETE and POST are refused and
 * recorded, so a test can prove the sealer never sends them. Swift semantics the sealer relies
 * on: `If-None-Match: *` (412 when the object exists), `ETag` checked against the body's MD5
 * (422), `X-Delete-At` required in the future, listing with prefix/marker/limit/reverse.
 */
import { createHash, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server } from "node:http";

export interface StoredObject {
  readonly body: string;
  readonly headers: Record<string, string>;
}

export interface FakeRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
}

export interface FakeOpenStack {
  readonly url: string;
  readonly authUrl: string;
  readonly keyRef: string;
  readonly key: Buffer;
  readonly credential: { id: string; secret: string };
  readonly objects: Map<string, StoredObject>;
  readonly requests: FakeRequest[];
  /** Methods the credential forbids that were attempted (must stay empty). */
  readonly forbidden: FakeRequest[];
  /** The next n object PUTs answer 503 without storing. */
  failPuts: number;
  /** The next n object PUTs store the object, then answer 500 (a lost answer). */
  loseAnswers: number;
  /** Whether the container listing honours `reverse=true`. */
  honourReverse: boolean;
  /** Seconds since epoch, for the X-Delete-At check. */
  now: () => number;
  close(): Promise<void>;
}

const project = "AUTH_audit";
const secretId = "5f1c0c53-8e1b-4c39-9d55-1c9a3b1c2e00";

export async function startFakeOpenStack(container: string): Promise<FakeOpenStack> {
  const key = randomBytes(32);
  const credential = { id: "appcred-audit-writer", secret: randomBytes(16).toString("hex") };
  const tokens = new Set<string>();
  const objects = new Map<string, StoredObject>();
  const requests: FakeRequest[] = [];
  const forbidden: FakeRequest[] = [];
  let url = "";

  const server: Server = createServer((req, res) => {
    void readAll(req).then((body) => {
      const path = (req.url ?? "/").split("?")[0];
      const query = new URL(req.url ?? "/", "http://x").searchParams;
      const record = { method: req.method ?? "", path, headers: req.headers };
      requests.push(record);
      const send = (
        status: number,
        text: string | Buffer = "",
        headers: Record<string, string> = {},
      ) => {
        res.writeHead(status, headers);
        res.end(text);
      };
      if (req.method === "POST" && path === "/v3/auth/tokens") {
        const auth = JSON.parse(body)?.auth?.identity;
        const ac = auth?.application_credential;
        if (
          JSON.stringify(auth?.methods) !== '["application_credential"]' ||
          ac?.id !== credential.id ||
          ac?.secret !== credential.secret
        ) {
          return send(401, '{"error":"bad credential"}');
        }
        const token = randomBytes(16).toString("hex");
        tokens.add(token);
        return send(201, JSON.stringify(tokenBody(url, fake.now())), {
          "X-Subject-Token": token,
          "Content-Type": "application/json",
        });
      }
      if (!tokens.has(String(req.headers["x-auth-token"]))) return send(401);
      if (req.method === "DELETE" || req.method === "POST" || req.method === "PATCH") {
        forbidden.push(record);
        return send(403, "access rule: method not allowed");
      }
      if (path.startsWith("/kms/")) {
        if (path !== `/kms/v1/secrets/${secretId}/payload` || req.method !== "GET") {
          return send(403, "access rule: only the audit key's payload");
        }
        return send(200, key, { "Content-Type": "application/octet-stream" });
      }
      const swift = `/swift/v1/${project}/${container}`;
      if (path === swift && req.method === "GET") {
        return send(200, JSON.stringify(listing(objects, query, fake.honourReverse)), {
          "Content-Type": "application/json",
        });
      }
      if (!path.startsWith(`${swift}/`)) return send(403, "access rule: path not allowed");
      const name = decodeURIComponent(path.slice(swift.length + 1));
      if (req.method === "PUT") {
        if (fake.failPuts > 0) {
          fake.failPuts--;
          return send(503);
        }
        if (req.headers["if-none-match"] === "*" && objects.has(name)) return send(412);
        if (createHash("md5").update(body).digest("hex") !== req.headers.etag) return send(422);
        const deleteAt = Number(req.headers["x-delete-at"]);
        if (!Number.isSafeInteger(deleteAt) || deleteAt <= fake.now())
          return send(400, "X-Delete-At");
        const headers: Record<string, string> = { "x-delete-at": String(deleteAt) };
        for (const [k, v] of Object.entries(req.headers)) {
          if (k.startsWith("x-object-meta-")) headers[k] = String(v);
        }
        objects.set(name, { body, headers });
        if (fake.loseAnswers > 0) {
          fake.loseAnswers--;
          return send(500);
        }
        return send(201);
      }
      const stored = objects.get(name);
      if (req.method === "GET" || req.method === "HEAD") {
        if (!stored) return send(404);
        return send(200, req.method === "GET" ? stored.body : "", stored.headers);
      }
      return send(405);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const address = server.address();
  url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
  const fake: FakeOpenStack = {
    url,
    authUrl: `${url}/v3`,
    keyRef: `${url}/kms/v1/secrets/${secretId}`,
    key,
    credential,
    objects,
    requests,
    forbidden,
    failPuts: 0,
    loseAnswers: 0,
    honourReverse: true,
    now: () => Math.floor(Date.now() / 1000),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  return fake;
}

/** A catalogue with decoys: another region and another interface must not be picked. */
function tokenBody(url: string, now: number) {
  const endpoints = (path: string) => [
    { interface: "public", region_id: "GRA11", region: "GRA11", url: `${url}${path}` },
    { interface: "internal", region_id: "GRA11", region: "GRA11", url: "http://10.0.0.1:1/x" },
    { interface: "public", region_id: "UK1", region: "UK1", url: "http://192.0.2.1:1/uk" },
  ];
  return {
    token: {
      methods: ["application_credential"],
      expires_at: new Date((now + 3600) * 1000).toISOString(),
      catalog: [
        { type: "object-store", name: "swift", endpoints: endpoints(`/swift/v1/${project}`) },
        { type: "key-manager", name: "barbican", endpoints: endpoints("/kms") },
      ],
    },
  };
}

function listing(
  objects: Map<string, StoredObject>,
  query: URLSearchParams,
  honourReverse: boolean,
) {
  const prefix = query.get("prefix") ?? "";
  const marker = query.get("marker") ?? "";
  const limit = Number(query.get("limit") ?? 10000);
  let names = [...objects.keys()].filter((n) => n.startsWith(prefix)).sort();
  if (honourReverse && query.get("reverse") === "true") names = names.reverse();
  if (marker)
    names = names.filter((n) =>
      honourReverse && query.get("reverse") === "true" ? n < marker : n > marker,
    );
  return names.slice(0, limit).map((name) => ({ name, bytes: objects.get(name)!.body.length }));
}

function readAll(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}
