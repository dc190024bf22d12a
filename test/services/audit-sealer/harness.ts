/** Runs the real sealer on 127.0.0.1 against the fake OpenStack, with a clock the test moves. */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { openEnvelope, type Envelope } from "../../../audit/envelope";
import type { AuditBatch } from "../../../audit/batch";
import { verifyAuditChain } from "../../../audit/verify-files";
import type { SealerConfig } from "../../../services/audit-sealer/config";
import { runSealer, type RunningSealer } from "../../../services/audit-sealer/main";
import { afterEach, beforeEach } from "vitest";
import { startFakeOpenStack, type FakeOpenStack } from "./fake-openstack";

export const chain = "hdh-test";
export const container = "hdh-test-audit";
export const start = Date.UTC(2026, 4, 4, 10, 0, 0);

export class Clock {
  constructor(public ms = start) {}
  readonly now = () => new Date(this.ms);
  advance(seconds: number) {
    this.ms += seconds * 1000;
  }
}

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

export function configFor(
  fake: FakeOpenStack,
  overrides: Partial<SealerConfig> = {},
): SealerConfig {
  return {
    chain,
    container,
    keyRef: fake.keyRef,
    retentionDays: 365,
    sealIntervalSeconds: 300,
    sealMaxRecords: 3,
    listenHost: "127.0.0.1",
    listenPort: 0,
    maxBodyBytes: 64 * 1024,
    spoolDir: tempDir("hdh-sealer-spool-"),
    spoolMaxBytes: 1024 * 1024,
    authUrl: fake.authUrl,
    region: "GRA11",
    endpointInterface: "public",
    credentialId: fake.credential.id,
    credentialSecret: fake.credential.secret,
    ...overrides,
  };
}

export interface Run extends RunningSealer {
  readonly config: SealerConfig;
  readonly logs: string[];
  post(source: string | undefined, body: string, contentType?: string): Promise<Response>;
  get(path: string): Promise<Response>;
}

/** Starts the sealer; waits until the chain is resumed unless `waitForStart` is false. */
export async function run(config: SealerConfig, clock: Clock, waitForStart = true): Promise<Run> {
  const logs: string[] = [];
  const running = await runSealer(config, {
    now: clock.now,
    timers: false,
    logger: {
      log: (level, event, fields) => logs.push(JSON.stringify({ level, event, ...fields })),
    },
  });
  if (waitForStart) {
    await running.started.catch(async (error: unknown) => {
      await running.stop();
      throw error;
    });
  } else running.started.catch(() => undefined);
  const base = `http://127.0.0.1:${running.port}`;
  return Object.assign(running, {
    config,
    logs,
    post: (source: string | undefined, body: string, contentType = "application/x-ndjson") =>
      fetch(`${base}/ingest`, {
        method: "POST",
        headers: { "Content-Type": contentType, ...(source ? { "X-Hdh-Source": source } : {}) },
        body,
      }),
    get: (path: string) => fetch(`${base}${path}`),
  });
}

export const ndjson = (records: readonly object[]) =>
  records.map((r) => JSON.stringify(r)).join("\n") + "\n";

/** Downloads the chain as an auditor would, decrypts each batch with the key, and verifies it. */
export function decryptAndVerify(
  fake: FakeOpenStack,
  options: { knownHead?: { seq: number; hash: string } } = {},
) {
  const dir = tempDir("hdh-audit-download-");
  const names = [...fake.objects.keys()].filter((n) => n.startsWith(`${chain}/batches/`)).sort();
  const batches: AuditBatch[] = [];
  for (const name of names) {
    const envelope = JSON.parse(fake.objects.get(name)!.body) as Envelope;
    const plaintext = openEnvelope(envelope, fake.key, name);
    batches.push(JSON.parse(plaintext) as AuditBatch);
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), plaintext);
  }
  const report = verifyAuditChain(join(dir, chain, "batches"), { ...options, chain });
  return { dir, names, batches, report, records: batches.flatMap((b) => b.records) };
}

/** Kubernetes audit events as the shipper's tail input parses them (plus Fluent Bit's date). */
export function kubeEvent(
  id: string,
  user = "oidc:alice@inserm.example.fr",
  namespace = "ws-cardio-2026",
) {
  return {
    kind: "Event",
    apiVersion: "audit.k8s.io/v1",
    level: "Metadata",
    auditID: id,
    stage: "ResponseComplete",
    requestURI: `/api/v1/namespaces/${namespace}/pods/analysis/exec?command=bash`,
    verb: "create",
    user: { username: user },
    sourceIPs: ["10.42.4.7"],
    objectRef: {
      resource: "pods",
      namespace,
      name: "analysis",
      subresource: "exec",
      apiVersion: "v1",
    },
    responseStatus: { code: 101 },
    requestReceivedTimestamp: "2026-05-04T09:59:58.000000Z",
    stageTimestamp: "2026-05-04T09:59:59.123456Z",
    date: 1777888799.123,
  };
}

/** What each sealer test runs against: a fresh fake OpenStack and clock, and the sealers started. */
export interface SealerTestBed {
  fake: FakeOpenStack;
  clock: Clock;
  /** Sealers the test started; each is stopped after the test. */
  readonly runs: Run[];
}

/**
 * Registers the per-test set-up and tear-down every sealer suite needs and returns the bed the
 * tests use; `cleanUp` runs first in tear-down (a suite's own child processes).
 */
export function sealerTestBed(cleanUp: () => void = () => undefined): SealerTestBed {
  const bed = { runs: [] as Run[] } as SealerTestBed;
  beforeEach(async () => {
    bed.clock = new Clock();
    bed.fake = await startFakeOpenStack(container);
    bed.fake.now = () => Math.floor(bed.clock.ms / 1000);
  });
  afterEach(async () => {
    cleanUp();
    for (const r of bed.runs.splice(0)) await r.stop().catch(() => undefined);
    await bed.fake.close();
  });
  return bed;
}
