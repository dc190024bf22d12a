/**
 * Key-manager and object-storage events through the real sealer: as Fluent Bit posts them (the
 * oslo notifications from the notification bus, Swift's proxy access lines from syslog), sealed,
 * encrypted, and read back by an auditor.
 */
import { describe, expect, it } from "vitest";
import { utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { whoTouched } from "../../../audit/query";
import {
  cardioSecretId,
  keystonemiddlewareEvent,
  notification,
  researcher,
  swiftAccessLine,
} from "../../audit/openstack-fixtures";
import {
  configFor,
  decryptAndVerify,
  ndjson,
  run,
  sealerTestBed,
  tempDir,
  type Run,
} from "./harness";

const bed = sealerTestBed();

const otherSecretId = "0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f";
const payloadRead = (id: string, secret: string) =>
  notification(
    keystonemiddlewareEvent({ id, requestPath: `/v1/secrets/${secret}/payload`, action: "read" }),
  );
/** Swift's access line as the collector's syslog parser hands it over. */
const accessRecord = (path: string, method = "GET", transaction?: string) => ({
  host: "proxy01",
  ident: "proxy-server",
  pid: "1234",
  message: swiftAccessLine({ path, method, transaction }),
  date: 1777889472.2,
});

async function sealAll(sealer: Run) {
  await sealer.sealer.tick();
  bed.clock.advance(300);
  await sealer.sealer.tick();
  return decryptAndVerify(bed.fake);
}

describe("audit sealer: key-manager and object-storage ingest", () => {
  it("seals Barbican and Swift access naming the person and the workspace, readable by who-touched", async () => {
    const registerFile = join(tempDir("hdh-key-register-"), "keys.json");
    writeFileSync(registerFile, JSON.stringify({ [cardioSecretId]: "cardio-2026" }));
    const sealer = await run(
      configFor(bed.fake, { keyRegisterFile: registerFile, sealMaxRecords: 100 }),
      bed.clock,
    );
    bed.runs.push(sealer);

    const keys = [
      payloadRead("openstack:k-1", cardioSecretId),
      payloadRead("openstack:k-2", otherSecretId),
    ];
    expect((await sealer.post("key-manager", ndjson(keys))).status).toBe(200);
    const storage = [
      accessRecord(
        "/v1/AUTH_p/hdh-ws-cardio-2026-ingress/extract.parquet",
        "GET",
        "tx00000000000000000000a-00681747f0",
      ),
      accessRecord(
        "/v1/AUTH_p/hdh-ws-cardio-2026-egress/req-1/out.csv",
        "PUT",
        "tx00000000000000000000b-00681747f0",
      ),
      notification(
        keystonemiddlewareEvent({
          id: "openstack:s-1",
          requestPath: "/v1/AUTH_p/hdh-ws-cardio-2026-data/notes.txt",
          action: "delete",
        }),
      ),
    ];
    expect(
      (await sealer.post("object-storage", JSON.stringify(storage), "application/json")).status,
    ).toBe(200);

    const { report, batches, records } = await sealAll(sealer);
    expect(report.ok).toBe(true);
    expect(records.map((r) => [r.id, r.action, r.actor.person, r.workspace])).toEqual([
      ["openstack:k-1", "key.payload.read", researcher, "cardio-2026"],
      ["openstack:k-2", "key.payload.read", researcher, null],
      ["swift-tx:tx00000000000000000000a-00681747f0", "object.read", researcher, "cardio-2026"],
      ["swift-tx:tx00000000000000000000b-00681747f0", "object.write", researcher, "cardio-2026"],
      ["openstack:s-1", "object.delete", researcher, "cardio-2026"],
    ]);
    const accepted = sealer.logs
      .map((l) => JSON.parse(l))
      .filter((l) => l.event === "records-accepted");
    expect(accepted).toEqual([
      expect.objectContaining({ source: "key-manager", records: 2, unplaced: 1, unparsed: 0 }),
      expect.objectContaining({ source: "object-storage", records: 3, unplaced: 0, unparsed: 0 }),
    ]);
    expect(whoTouched(batches, "cardio-2026").accesses.map((a) => a.action)).toEqual([
      // Oldest first: the access lines start at 10:11:12.123, the CADF events at 10:11:12.410.
      "object.read",
      "object.write",
      "key.payload.read",
      "object.delete",
    ]);
  });

  it("reads the key register again when it changes, and keeps the last good one over a bad edit", async () => {
    const registerFile = join(tempDir("hdh-key-register-"), "keys.json");
    writeFileSync(registerFile, JSON.stringify({}));
    const sealer = await run(
      configFor(bed.fake, { keyRegisterFile: registerFile, sealMaxRecords: 100 }),
      bed.clock,
    );
    bed.runs.push(sealer);
    await sealer.post("key-manager", ndjson([payloadRead("openstack:k-1", cardioSecretId)]));
    writeFileSync(registerFile, JSON.stringify({ [cardioSecretId]: "cardio-2026" }));
    utimesSync(registerFile, new Date(bed.clock.ms + 1000), new Date(bed.clock.ms + 1000));
    await sealer.post("key-manager", ndjson([payloadRead("openstack:k-2", cardioSecretId)]));
    writeFileSync(registerFile, "{ not json");
    utimesSync(registerFile, new Date(bed.clock.ms + 2000), new Date(bed.clock.ms + 2000));
    await sealer.post("key-manager", ndjson([payloadRead("openstack:k-3", cardioSecretId)]));

    const { records } = await sealAll(sealer);
    expect(records.map((r) => r.workspace)).toEqual([null, "cardio-2026", "cardio-2026"]);
    expect(sealer.logs.some((l) => l.includes("key-register-invalid"))).toBe(true);
  });

  it("seals a request-half event as unparsed rather than dropping it", async () => {
    const sealer = await run(configFor(bed.fake, { sealMaxRecords: 100 }), bed.clock);
    bed.runs.push(sealer);
    const request = notification(
      {
        ...keystonemiddlewareEvent({
          requestPath: `/v1/secrets/${cardioSecretId}`,
          action: "read",
        }),
        outcome: "pending",
      },
      "audit.http.request",
    );
    expect((await sealer.post("key-manager", ndjson([request]))).status).toBe(200);
    const { records } = await sealAll(sealer);
    expect(records).toEqual([
      expect.objectContaining({
        action: "key.unparsed",
        detail: expect.objectContaining({
          problems: [expect.stringMatching(/audit.http.response/)],
        }),
      }),
    ]);
  });
});
