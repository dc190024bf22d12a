import { describe, expect, it } from "vitest";
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { batchObjectName } from "../../../audit/batch";
import { runCli } from "../../../cli/main";
import {
  chain,
  configFor,
  decryptAndVerify,
  kubeEvent,
  ndjson,
  run,
  sealerTestBed,
} from "./harness";

const bed = sealerTestBed();

async function started(overrides: Parameters<typeof configFor>[1] = {}) {
  const r = await run(configFor(bed.fake, overrides), bed.clock);
  bed.runs.push(r);
  return r;
}

const puts = () => bed.fake.requests.filter((r) => r.method === "PUT");

const airlockLine = (id: string) => ({
  time: "2026-05-04T10:00:01.000000000Z",
  stream: "stdout",
  _p: "F",
  log: JSON.stringify({
    hdh_audit: 1,
    v: 1,
    id,
    time: "2026-05-04T10:00:01.000Z",
    source: "airlock",
    action: "airlock.approve",
    outcome: "success",
    actor: { person: "bob@reviewers.example.fr" },
    workspace: "cardio-2026",
    target: { type: "airlock-request", name: "cardio-2026/req-7" },
  }),
  date: 1777888801,
});

const bastionLogin = {
  pri: "86",
  host: "bastion-1",
  ident: "sshd",
  pid: "4242",
  msgid: "-",
  extradata: "-",
  message:
    "Accepted publickey for researcher from 192.0.2.10 port 51234 ssh2: ED25519-CERT SHA256:abc ID carol@inserm.example.fr (serial 42) CA ED25519 SHA256:def",
  date: 1777888802.5,
};

describe("audit sealer: records in, sealed chain out", () => {
  it("turns shipped records into encrypted, chained batches that the verifier and hdh audit verify accept", async () => {
    const sealer = await started();
    const events = [
      kubeEvent("k-1"),
      kubeEvent("k-2"),
      kubeEvent("k-3", "system:serviceaccount:ws-cardio-2026:runner"),
      kubeEvent("k-4"),
    ];
    expect((await sealer.post("kubernetes-api", ndjson(events))).status).toBe(200);
    expect(
      (await sealer.post("airlock", JSON.stringify([airlockLine("air-1")]), "application/json"))
        .status,
    ).toBe(200);
    expect((await sealer.post("bastion-ssh", ndjson([bastionLogin]))).status).toBe(200);
    await sealer.sealer.tick();
    bed.clock.advance(300);
    await sealer.sealer.tick();

    const { names, batches, report, records, dir } = decryptAndVerify(bed.fake);
    expect(names).toEqual([0, 1, 2].map((seq) => batchObjectName(chain, seq)));
    expect(batches.map((b) => b.records.length)).toEqual([3, 3, 0]);
    expect(report.ok, JSON.stringify(report.problems)).toBe(true);
    expect(records.map((r) => r.id)).toEqual([
      "k-1",
      "k-2",
      "k-3",
      "k-4",
      "air-1",
      expect.stringMatching(/^bastion:bastion-1:/),
    ]);
    // No person behind the service account: sealed anyway, counted, never dropped.
    expect(records[2].actor).toEqual({
      person: null,
      via: "system:serviceaccount:ws-cardio-2026:runner",
      ip: "10.42.4.7",
    });
    expect(
      sealer.logs.some(
        (l) => JSON.parse(l).event === "batch-sealed" && JSON.parse(l).unattributed === 1,
      ),
    ).toBe(true);
    expect(records[5].actor).toEqual({
      person: "carol@inserm.example.fr",
      via: "ssh-cert:42",
      ip: "192.0.2.10",
    });
    expect(records[4].actor.person).toBe("bob@reviewers.example.fr");

    // Stored encrypted: no record content readable in the store.
    for (const { body } of bed.fake.objects.values()) {
      expect(JSON.parse(body).format).toBe("hdh-audit-envelope/1");
      expect(body).not.toMatch(/alice|carol|cardio/);
    }
    // Every PUT creates only (never overwrites) and carries the retention from the seal time.
    for (const put of puts()) {
      expect(put.headers["if-none-match"]).toBe("*");
      const seq = Number(put.headers["x-object-meta-hdh-seq"]);
      const sealedAt = Date.parse(batches[seq].sealedAt) / 1000;
      expect(Number(put.headers["x-delete-at"])).toBe(Math.floor(sealedAt) + 365 * 86400);
    }
    expect(bed.fake.forbidden).toEqual([]);
    expect(bed.fake.requests.every((r) => ["GET", "PUT", "HEAD", "POST"].includes(r.method))).toBe(
      true,
    );
    expect(bed.fake.requests.filter((r) => r.method === "POST").map((r) => r.path)).toEqual([
      "/v3/auth/tokens",
    ]);

    // Logs say what happened, never what the records contain or the credential.
    const logs = sealer.logs.join("\n");
    expect(logs).not.toMatch(/alice|carol|bob@|cardio|analysis/);
    expect(logs).not.toContain(bed.fake.credential.secret);

    // The auditor's command agrees, with the head as known head.
    let out = "";
    const code = await runCli(
      [
        "audit",
        "verify",
        join(dir, chain, "batches"),
        "--known-head",
        `${report.head!.seq}:${report.head!.hash}`,
      ],
      {
        io: {
          stdout: (t) => void (out += t),
          stderr: () => undefined,
          stderrIsTty: false,
          cwd: process.cwd(),
          env: {},
        },
      },
    );
    expect(code, out).toBe(0);
  });

  it("seals an empty batch when idle for the interval, not before", async () => {
    const sealer = await started();
    bed.clock.advance(299);
    await sealer.sealer.tick();
    expect(bed.fake.objects.size).toBe(0);
    bed.clock.advance(1);
    await sealer.sealer.tick();
    bed.clock.advance(300);
    await sealer.sealer.tick();
    const { batches, report } = decryptAndVerify(bed.fake, {});
    expect(report.ok).toBe(true);
    expect(batches.map((b) => [b.seq, b.records.length, b.sealedAt])).toEqual([
      [0, 0, "2026-05-04T10:05:00.000Z"],
      [1, 0, "2026-05-04T10:10:00.000Z"],
    ]);
  });

  it("seals a record it cannot parse as unparsed, with its raw content, instead of dropping it", async () => {
    const sealer = await started({ sealMaxRecords: 1 });
    const broken = { auditID: "k-9", verb: "get" }; // no timestamps: not a readable event
    expect((await sealer.post("kubernetes-api", ndjson([broken]))).status).toBe(200);
    await sealer.sealer.tick();
    const { records, report } = decryptAndVerify(bed.fake);
    expect(report.ok).toBe(true);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      source: "kubernetes-api",
      action: "k8s.unparsed",
      actor: { person: null },
    });
    expect(records[0].detail?.raw).toEqual(broken);
  });
});

describe("audit sealer: refusing what the shipper would never send", () => {
  it.each([
    ["no source header", undefined, '{"a":1}\n', "application/x-ndjson", 400, /X-Hdh-Source/],
    [
      "an unknown source",
      "syslog",
      '{"a":1}\n',
      "application/x-ndjson",
      400,
      /not an audit source/,
    ],
    [
      "a line that is not JSON",
      "kubernetes-api",
      '{"a":1}\n{oops\n',
      "application/x-ndjson",
      400,
      /line 2 is not JSON/,
    ],
    [
      "a line that is not an object",
      "kubernetes-api",
      "[1,2]\n",
      "application/x-ndjson",
      400,
      /line 1 is not a JSON object/,
    ],
    ["msgpack", "kubernetes-api", "\x81\xa1a\x01", "application/msgpack", 415, /json_lines/],
    ["a JSON body that is not JSON", "airlock", "[{]", "application/json", 400, /body is not JSON/],
    [
      "a body over the limit",
      "kubernetes-api",
      `${JSON.stringify({ pad: "x".repeat(70 * 1024) })}\n`,
      "application/x-ndjson",
      413,
      /limit/,
    ],
  ])("refuses %s with %i... naming the fix", async (_what, source, body, type, status, message) => {
    const sealer = await started();
    const response = await sealer.post(source, body, type);
    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: string }).error).toMatch(message);
    bed.clock.advance(300);
    await sealer.sealer.tick();
    expect(decryptAndVerify(bed.fake).records).toEqual([]);
  });

  it("answers 404 elsewhere and 405 to other methods", async () => {
    const sealer = await started();
    expect((await sealer.get("/ingest")).status).toBe(405);
    expect((await sealer.get("/metrics")).status).toBe(404);
    expect((await sealer.get("/healthz")).status).toBe(200);
  });
});

describe("audit sealer: failures", () => {
  it("spools batches while the store fails, backs off, then stores each exactly once", async () => {
    const sealer = await started({ sealMaxRecords: 2 });
    bed.fake.failPuts = 3;
    await sealer.post("kubernetes-api", ndjson([1, 2, 3, 4].map((n) => kubeEvent(`k-${n}`))));
    await sealer.sealer.tick(); // attempt 1 fails: retry in 1 s
    await sealer.sealer.tick(); // not due yet: no request
    expect(puts()).toHaveLength(1);
    expect(sealer.sealer.status()).toMatchObject({ spooledBatches: 2, uploadFailures: 1 });
    expect((await sealer.get("/readyz")).status).toBe(200); // still takes records meanwhile
    bed.clock.advance(1);
    await sealer.sealer.tick(); // attempt 2 fails: retry in 2 s
    bed.clock.advance(1);
    await sealer.sealer.tick();
    expect(puts()).toHaveLength(2);
    bed.clock.advance(1);
    await sealer.sealer.tick(); // attempt 3 fails: retry in 4 s
    bed.clock.advance(4);
    bed.fake.loseAnswers = 1; // stored, but the answer is lost: the retry must not store it twice
    await sealer.sealer.tick(); // attempt 4 stores batch 0, answered 500: retry in 8 s
    expect(bed.fake.objects.size).toBe(1);
    bed.clock.advance(8);
    await sealer.sealer.tick(); // 412 for batch 0: the same batch, so done; then batch 1
    expect(sealer.sealer.status()).toMatchObject({ spooledBatches: 0, uploadFailures: 0 });
    expect(readdirSync(join(sealer.config.spoolDir, "outbox"))).toEqual([]);
    const { names, records, report } = decryptAndVerify(bed.fake);
    expect(report.ok).toBe(true);
    expect(names).toHaveLength(2);
    expect(records.map((r) => r.id)).toEqual(["k-1", "k-2", "k-3", "k-4"]);
    expect(bed.fake.forbidden).toEqual([]);
  });

  it("answers 503 and turns unready when the spool is full, and takes records again once drained", async () => {
    const sealer = await started({ sealMaxRecords: 1, spoolMaxBytes: 3000 });
    bed.fake.failPuts = 1000;
    let status = 200;
    let posted = 0;
    while (status === 200 && posted < 50) {
      status = (await sealer.post("kubernetes-api", ndjson([kubeEvent(`k-${posted}`)]))).status;
      if (status === 200) posted++;
      await sealer.sealer.tick();
    }
    expect(status).toBe(503);
    expect((await sealer.get("/readyz")).status).toBe(503);
    bed.fake.failPuts = 0;
    bed.clock.advance(600);
    await sealer.sealer.tick();
    expect((await sealer.get("/readyz")).status).toBe(200);
    expect((await sealer.post("kubernetes-api", ndjson([kubeEvent("k-last")]))).status).toBe(200);
    await sealer.sealer.tick();
    const { records, report } = decryptAndVerify(bed.fake);
    expect(report.ok).toBe(true);
    expect(records.map((r) => r.id)).toEqual([
      ...Array.from({ length: posted }, (_, i) => `k-${i}`),
      "k-last",
    ]);
  });

  it("stops uploading, keeps the batch and turns unready when another batch holds its seq", async () => {
    const sealer = await started({ sealMaxRecords: 1 });
    await sealer.post("kubernetes-api", ndjson([kubeEvent("k-1")]));
    await sealer.sealer.tick();
    // Someone else writes batch 1 of this chain (a second sealer, a forger with the credential).
    const stored = bed.fake.objects.get(batchObjectName(chain, 0))!;
    bed.fake.objects.set(batchObjectName(chain, 1), stored);
    await sealer.post("kubernetes-api", ndjson([kubeEvent("k-2")]));
    await sealer.sealer.tick();
    expect(sealer.sealer.status()).toMatchObject({ spooledBatches: 1, ready: false });
    expect((await sealer.get("/readyz")).status).toBe(503);
    expect(sealer.logs.some((l) => JSON.parse(l).event === "chain-conflict")).toBe(true);
    expect(bed.fake.forbidden).toEqual([]);
  });

  it("does not start with a wrong credential, and answers 503 meanwhile", async () => {
    const sealer = await run(configFor(bed.fake, { credentialSecret: "wrong" }), bed.clock, false);
    bed.runs.push(sealer);
    await expect(sealer.started).rejects.toThrow(
      /Keystone refused the application credential \(HTTP 401\)/,
    );
    expect((await sealer.post("kubernetes-api", ndjson([kubeEvent("k-1")]))).status).toBe(503);
    expect((await sealer.get("/readyz")).status).toBe(503);
    expect(sealer.logs.join("\n")).not.toContain("wrong");
  });
});
