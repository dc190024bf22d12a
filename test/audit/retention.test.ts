import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { batchObjectName } from "../../audit/batch";
import {
  deleteMarkerContentType,
  planRetention,
  versionWrittenAt,
  type ListedVersion,
} from "../../audit/retention";

const day = 86_400_000;
const now = new Date("2027-06-01T00:00:00Z");
const chain = "hdh-prod";

/** A listed version written at `ms` (its Swift timestamp id). */
const version = (name: string, ms: number, extra: Partial<ListedVersion> = {}): ListedVersion => ({
  name,
  version_id: (ms / 1000).toFixed(5),
  is_latest: false,
  content_type: "application/json",
  last_modified: new Date(ms).toISOString().replace("Z", ""),
  ...extra,
});

describe("which audit batch versions the retention job deletes", () => {
  it("removes every version of a batch first written before the cutoff, the current one first, and nothing of a younger batch", () => {
    const old = batchObjectName(chain, 0);
    const young = batchObjectName(chain, 1);
    const t = now.getTime();
    const plan = planRetention(
      [
        version(old, t - 400 * day, { is_latest: false }),
        // an overwrite made later, and then the current link: same batch, goes with it
        version(old, t - 10 * day, { is_latest: true }),
        version(young, t - 364 * day, { is_latest: false }),
        version(young, t - 1 * day, {
          is_latest: true,
          content_type: deleteMarkerContentType,
        }),
      ],
      { chain, retentionDays: 365, now },
    );
    expect(plan.expiredBatches).toEqual([old]);
    expect(plan.expired.map((v) => v.versionId)).toEqual([
      ((t - 10 * day) / 1000).toFixed(5),
      ((t - 400 * day) / 1000).toFixed(5),
    ]);
    expect(plan.keptBatches).toBe(1);
  });

  it("never deletes an object that is not one of this chain's batches", () => {
    const t = now.getTime() - 1000 * day;
    const plan = planRetention(
      [
        version("hdh-prod/batches/README", t),
        version("hdh-other/batches/000000000000.json", t),
        version("hdh-prod/batches/0.json", t),
      ],
      { chain, retentionDays: 180, now },
    );
    expect(plan.expired).toEqual([]);
    expect(plan.ignored).toHaveLength(3);
  });

  it("reads a version id as Swift's timestamp, offset included, and a null version by its date", () => {
    expect(versionWrittenAt(version("x", 1_796_337_719_392))).toBe(1_796_337_719_392);
    expect(
      versionWrittenAt({ ...version("x", 0), version_id: "1796337719.39216_0000000000000001" }),
    ).toBeCloseTo(1_796_337_719_392.16, 1);
    expect(
      versionWrittenAt({
        ...version("x", 0),
        version_id: "null",
        last_modified: "2026-12-03T22:41:59.392160",
      }),
    ).toBe(Date.parse("2026-12-03T22:41:59.392Z"));
    expect(() =>
      versionWrittenAt({ ...version("x", 0), version_id: "null", last_modified: "?" }),
    ).toThrow(/neither a timestamp id nor a last_modified/);
  });

  it("refuses a retention that is not a whole number of days", () => {
    expect(() => planRetention([], { chain, retentionDays: 0, now })).toThrow(/retentionDays/);
    expect(() => planRetention([], { chain, retentionDays: 1.5, now })).toThrow(/retentionDays/);
  });

  it("for any listing: a batch is deleted whole exactly when its first write is past retention", () => {
    const arbVersion = fc.record({
      seq: fc.integer({ min: 0, max: 5 }),
      ageDays: fc.double({ min: 0, max: 800, noNaN: true }),
      latest: fc.boolean(),
      marker: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(arbVersion, { maxLength: 30 }),
        fc.integer({ min: 1, max: 1095 }),
        (vs, days) => {
          const listing = vs.map((v, i) =>
            version(batchObjectName(chain, v.seq), now.getTime() - v.ageDays * day - i, {
              is_latest: v.latest,
              content_type: v.marker ? deleteMarkerContentType : "application/json",
            }),
          );
          const plan = planRetention(listing, { chain, retentionDays: days, now });
          const cutoff = now.getTime() - days * day;
          for (const name of new Set(listing.map((v) => v.name))) {
            const own = listing.filter((v) => v.name === name);
            const first = Math.min(...own.map(versionWrittenAt));
            const deleted = plan.expired.filter((e) => e.name === name).map((e) => e.versionId);
            if (first <= cutoff) {
              expect(deleted.sort()).toEqual(own.map((v) => v.version_id).sort());
            } else {
              expect(deleted).toEqual([]);
            }
          }
        },
      ),
    );
  });
});
