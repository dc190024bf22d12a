import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { recordShapeProblems } from "../../../audit/record";
import { keyRegisterFrom } from "../../../audit/sources/workspace-of";
import { normalise } from "../../../services/audit-sealer/normalise";
import {
  cardioSecretId,
  ceilometerSwiftEvent,
  keystonemiddlewareEvent,
  notification,
  researcher,
  swiftAccessLine,
} from "../../audit/openstack-fixtures";

const at = new Date("2026-05-04T10:00:00Z");
const keyRegister = keyRegisterFrom({ [cardioSecretId]: "cardio-2026" });

describe("normalising key-manager and object-storage records", () => {
  it("maps a Barbican notification with the key register, and flags an unplaced key", () => {
    const event = notification(
      keystonemiddlewareEvent({ requestPath: `/v1/secrets/${cardioSecretId}`, action: "read" }),
    );
    const placed = normalise("key-manager", event, at, { keyRegister });
    expect(placed).toMatchObject({
      record: { action: "key.read", workspace: "cardio-2026", actor: { person: researcher } },
      unparsed: false,
      unattributed: false,
      unplaced: false,
    });
    expect(normalise("key-manager", event, at)).toMatchObject({
      record: { workspace: null },
      unplaced: true,
    });
  });

  it("tells a Swift access line from a Swift CADF event", () => {
    const line = normalise(
      "object-storage",
      { log: swiftAccessLine({ path: "/v1/AUTH_p/hdh-ws-cardio-2026-data/x" }) },
      at,
    );
    expect(line.record.detail).toMatchObject({ emitter: "swift-proxy-logging" });
    const cadf = normalise(
      "object-storage",
      ceilometerSwiftEvent("GET", "v1/AUTH_p/hdh-ws-cardio-2026-data/x"),
      at,
    );
    expect(cadf).toMatchObject({
      record: { detail: { emitter: "ceilometermiddleware" }, workspace: "cardio-2026" },
      unattributed: true,
    });
  });

  it("still takes a record-format line from an in-platform sender as it is", () => {
    const record = {
      v: 1,
      id: "proxy-1",
      time: "2026-05-04T10:00:00.000Z",
      source: "object-storage",
      action: "object.read",
      outcome: "success",
      actor: { person: researcher },
      workspace: "cardio-2026",
      target: { type: "object", name: "hdh-ws-cardio-2026-data/x" },
    };
    expect(normalise("object-storage", { ...record, date: 1 }, at)).toMatchObject({
      record,
      unparsed: false,
    });
  });

  /** Valid events with fields removed, replaced or retyped at random. */
  const mutated = fc
    .tuple(
      fc.constantFrom<Record<string, unknown>>(
        notification(
          keystonemiddlewareEvent({ requestPath: `/v1/secrets/${cardioSecretId}`, action: "read" }),
        ),
        keystonemiddlewareEvent({ requestPath: "/v1/AUTH_p/hdh-ws-a-data/o", action: "update" }),
        ceilometerSwiftEvent("PUT", "v1/AUTH_p/hdh-ws-a-egress/r/o"),
        { log: swiftAccessLine({ path: "/v1/AUTH_p/hdh-ws-a-review/d" }) },
      ),
      fc.array(
        fc.tuple(
          fc.constantFrom(
            "id",
            "eventTime",
            "initiator",
            "requestPath",
            "reason",
            "outcome",
            "payload",
            "target",
            "log",
            "action",
          ),
          fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 })),
        ),
        { maxLength: 4 },
      ),
    )
    .map(([base, edits]) => {
      const copy = JSON.parse(JSON.stringify(base)) as Record<string, unknown>;
      const inner = (copy.payload as Record<string, unknown> | undefined) ?? copy;
      for (const [key, value] of edits) {
        const where = key in copy || key === "payload" || key === "log" ? copy : inner;
        if (value === undefined) delete where[key];
        else where[key] = value;
      }
      return copy;
    });

  it("never throws, and every record is well formed and names an id", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("key-manager" as const, "object-storage" as const),
        fc.oneof(
          mutated,
          fc.dictionary(fc.string(), fc.jsonValue({ maxDepth: 2 })),
          fc.record({ log: fc.string() }),
          fc.record({ message: fc.string({ maxLength: 200 }) }),
        ),
        (source, raw) => {
          const { record } = normalise(source, raw, at, { keyRegister });
          expect(recordShapeProblems(record)).toEqual([]);
          expect(record.id.length).toBeGreaterThan(0);
          expect(record.source).toBe(source);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("names the source event's own id whenever the event is readable", () => {
    fc.assert(
      fc.property(mutated, (raw) => {
        const source = JSON.stringify(raw).includes("secrets") ? "key-manager" : "object-storage";
        const { record, unparsed } = normalise(source, raw, at, { keyRegister });
        const inner = (raw.payload as Record<string, unknown> | undefined) ?? raw;
        if (unparsed) expect(record.id).toMatch(/^unparsed:/);
        else if (record.id.startsWith("swift-")) {
          const transaction = record.id.replace(/^swift-tx:/, "").split("/")[0];
          expect(String(raw.log)).toContain(transaction);
        } else expect([raw.id, inner.id]).toContain(record.id);
      }),
      { numRuns: 200 },
    );
  });
});
