import { describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { batchObjectName } from "../../../audit/batch";
import { sealEnvelope } from "../../../audit/envelope";
import { readStoredHead } from "../../../services/audit-sealer/stored-batch";
import {
  chain,
  configFor,
  decryptAndVerify,
  kubeEvent,
  ndjson,
  run,
  sealerTestBed,
  tempDir,
} from "./harness";

let child: ChildProcess | undefined;
const bed = sealerTestBed(() => {
  child?.kill("SIGKILL");
  child = undefined;
});

async function started(overrides: Parameters<typeof configFor>[1] = {}) {
  const r = await run(configFor(bed.fake, overrides), bed.clock);
  bed.runs.push(r);
  return r;
}

const putsPerObject = () => {
  const counts = new Map<string, number>();
  for (const r of bed.fake.requests.filter(
    (q) => q.method === "PUT" && q.path.includes("/batches/"),
  )) {
    counts.set(r.path, (counts.get(r.path) ?? 0) + 1);
  }
  return [...counts.values()];
};

describe("audit sealer: restarts", () => {
  it.each([
    ["honours reverse listings", true],
    ["pages through listings (older Swift)", false],
  ])(
    "continues the chain from the store when the spool is gone (Swift %s)",
    async (_what, reverse) => {
      bed.fake.honourReverse = reverse;
      const first = await started();
      await first.post("kubernetes-api", ndjson(["k-1", "k-2", "k-3"].map((id) => kubeEvent(id))));
      await first.sealer.tick();
      bed.clock.advance(300);
      await first.sealer.tick();
      await first.stop();
      bed.runs.splice(0);

      // A new pod: new emptyDir, same store.
      const second = await started();
      expect(second.sealer.status().head.seq).toBe(1);
      await second.post("kubernetes-api", ndjson(["k-4", "k-5", "k-6"].map((id) => kubeEvent(id))));
      await second.sealer.tick();

      const { names, records, report } = decryptAndVerify(bed.fake);
      expect(report.ok, JSON.stringify(report.problems)).toBe(true);
      expect(names).toEqual([0, 1, 2].map((seq) => batchObjectName(chain, seq)));
      expect(records.map((r) => r.id)).toEqual(["k-1", "k-2", "k-3", "k-4", "k-5", "k-6"]);
      expect(putsPerObject().every((n) => n === 1)).toBe(true);
    },
  );

  it("loses nothing it acknowledged when the process is killed, and seals it once after restart", async () => {
    const spoolDir = tempDir("hdh-sealer-killed-");
    const config = configFor(bed.fake, { spoolDir, sealMaxRecords: 2 });
    child = spawn(process.execPath, ["--import", "tsx", "services/audit-sealer/main.ts"], {
      cwd: process.cwd(),
      stdio: ["ignore", "pipe", "pipe"],
      env: {
        PATH: process.env.PATH,
        HDH_AUDIT_CHAIN: config.chain,
        HDH_AUDIT_CONTAINER: config.container,
        HDH_AUDIT_KEY_REF: config.keyRef,
        HDH_AUDIT_RETENTION_DAYS: "365",
        HDH_AUDIT_SEAL_MAX_RECORDS: "2",
        HDH_AUDIT_LISTEN_HOST: "127.0.0.1",
        HDH_AUDIT_LISTEN_PORT: "0",
        HDH_AUDIT_SPOOL_DIR: spoolDir,
        OS_AUTH_URL: config.authUrl,
        OS_REGION_NAME: "GRA11",
        OS_APPLICATION_CREDENTIAL_ID: config.credentialId,
        OS_APPLICATION_CREDENTIAL_SECRET: config.credentialSecret,
      },
    });
    // The child uses the real bed.clock: let the store accept its X-Delete-At.
    bed.fake.now = () => Math.floor(Date.now() / 1000) - 86400;
    const events: Record<string, unknown>[] = [];
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (line) => events.push(JSON.parse(line)));
    const waitFor = async (event: string) => {
      for (let i = 0; i < 200 && !events.some((e) => e.event === event); i++) {
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      const found = events.find((e) => e.event === event);
      if (!found) throw new Error(`child never logged ${event}: ${JSON.stringify(events)}`);
      return found;
    };
    const { port } = (await waitFor("listening")) as { port: number };
    await waitFor("chain-resumed");
    const response = await fetch(`http://127.0.0.1:${port}/ingest`, {
      method: "POST",
      headers: { "Content-Type": "application/x-ndjson", "X-Hdh-Source": "kubernetes-api" },
      body: ndjson(["k-1", "k-2", "k-3"].map((id) => kubeEvent(id))),
    });
    expect(response.status).toBe(200); // journaled: k-1, k-2 sealed as batch 0, k-3 pending
    child.kill("SIGKILL"); // whether batch 0 was uploaded yet or not, nothing may be lost
    await once(child, "exit");
    child = undefined;
    expect(JSON.stringify(events)).not.toMatch(/alice|cardio/);

    bed.fake.now = () => Math.floor(bed.clock.ms / 1000);
    const restarted = await started({ spoolDir, sealMaxRecords: 2 });
    await restarted.sealer.tick();
    const { records, report } = decryptAndVerify(bed.fake);
    expect(report.ok, JSON.stringify(report.problems)).toBe(true);
    expect(records.map((r) => r.id)).toEqual(["k-1", "k-2", "k-3"]);
    expect(restarted.sealer.status()).toMatchObject({ spooledBatches: 0, pendingRecords: 0 });
  });
});

describe("reading the head back", () => {
  it("takes the head from the object's metadata when it was encrypted under an earlier key", () => {
    const name = batchObjectName(chain, 7);
    const oldKey = Buffer.alloc(32, 1);
    const envelope = sealEnvelope("{}", oldKey, "https://kms.example/v1/secrets/old", name);
    const headers = {
      "x-object-meta-hdh-seq": "7",
      "x-object-meta-hdh-batch-sha256": "a".repeat(64),
      "x-object-meta-hdh-sealed-at": "2026-05-04T10:00:00.000Z",
    };
    const object = { body: JSON.stringify(envelope), headers };
    const head = readStoredHead(
      name,
      object,
      Buffer.alloc(32, 2),
      "https://kms.example/v1/secrets/new",
    );
    expect(head).toEqual({
      seq: 7,
      hash: "a".repeat(64),
      sealedAt: "2026-05-04T10:00:00.000Z",
      from: "metadata",
    });
    expect(() =>
      readStoredHead(
        name,
        { body: object.body, headers: {} },
        Buffer.alloc(32, 2),
        "https://kms.example/v1/secrets/new",
      ),
    ).toThrow(/cannot be resumed safely/);
  });
});
