import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { hashBatch, genesisHash, sealBatch, startChain } from "../../audit/batch";
import { canonicalJson } from "../../audit/canonical-json";
import { verifyChain, type StoredBatch } from "../../audit/verify-chain";
import { chainSizes, clone, record, sealedChain } from "./chain-fixtures";

type Mutable = { [key: string]: unknown };
const content = (s: StoredBatch) => s.content as Mutable & { records: Mutable[] };

describe("canonical JSON", () => {
  it("sorts keys at every depth and ignores insertion order", () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: "x" }], c: null } })).toBe(
      '{"a":{"c":null,"d":[1,{"y":"x","z":0}]},"b":1}',
    );
  });
  it("refuses values JSON cannot carry, rather than hashing something else", () => {
    expect(() => canonicalJson({ a: undefined })).toThrow(/a: undefined/);
    expect(() => canonicalJson({ n: Number.NaN })).toThrow(/NaN/);
    expect(() => canonicalJson({ d: new Date(0) })).toThrow(/plain objects/);
  });
});

describe("sealing", () => {
  it("chains each batch to the previous one's hash, from the genesis hash", () => {
    const { batches, head } = sealedChain([2, 1, 3]);
    expect(batches[0].prev).toBe(genesisHash);
    expect(batches[1].prev).toBe(hashBatch(batches[0]));
    expect(batches[2].prev).toBe(hashBatch(batches[1]));
    expect(head).toEqual({ seq: 2, hash: hashBatch(batches[2]) });
  });
  it("refuses to seal a malformed record, naming the field", () => {
    const bad = { ...record({ id: "x" }), time: "yesterday" };
    expect(() => sealBatch(startChain("hdh-test"), [bad], new Date())).toThrow(
      /records\[0\]\.time/,
    );
  });
});

describe("verifyChain names exactly what was tampered with", () => {
  it("an untouched chain verifies and reports its head", () => {
    const { stored, head } = sealedChain([3, 2, 4]);
    const report = verifyChain(stored, { knownHead: head });
    expect(report).toMatchObject({ ok: true, batches: 3, records: 9, head, problems: [] });
  });

  it("a removed record is reported with its batch, index and id", () => {
    const { stored } = sealedChain([3, 3, 3]);
    content(stored[1]).records.splice(1, 1);
    const report = verifyChain(stored);
    expect(report.ok).toBe(false);
    expect(report.problems).toEqual([
      expect.objectContaining({
        kind: "record-removed",
        seq: 1,
        record: { index: 1, id: "evt-4" },
      }),
    ]);
  });

  it("an altered record is reported with its batch, index and id", () => {
    const { stored } = sealedChain([2, 2]);
    (content(stored[0]).records[1].actor as Mutable).person = "mallory@example.org";
    const report = verifyChain(stored);
    expect(report.problems).toEqual([
      expect.objectContaining({
        kind: "record-altered",
        seq: 0,
        record: { index: 1, id: "evt-1" },
      }),
    ]);
  });

  it("records swapped inside a batch are reported as reordered", () => {
    const { stored } = sealedChain([3]);
    const records = content(stored[0]).records;
    [records[0], records[2]] = [records[2], records[0]];
    expect(verifyChain(stored).problems).toEqual([
      expect.objectContaining({ kind: "records-reordered", seq: 0 }),
    ]);
  });

  it("a record altered together with its digest is caught by the chain link", () => {
    const { stored } = sealedChain([2, 2, 2]);
    const batch = content(stored[1]);
    (batch.records[0] as Mutable).outcome = "denied";
    const recomputed = sealBatch(startChain("hdh-test"), batch.records as never, new Date());
    batch.digests = recomputed.batch.digests;
    expect(verifyChain(stored).problems).toEqual([
      expect.objectContaining({ kind: "batch-altered", seq: 1 }),
    ]);
  });

  it("a batch whose prev field was rewritten is blamed, not its predecessor", () => {
    const { stored } = sealedChain([1, 1, 1, 1]);
    content(stored[2]).prev = "f".repeat(64);
    expect(verifyChain(stored).problems).toEqual([
      expect.objectContaining({ kind: "batch-altered", seq: 2 }),
    ]);
  });

  it("a removed batch is reported by seq", () => {
    const { stored } = sealedChain([1, 1, 1, 1]);
    stored.splice(2, 1);
    expect(verifyChain(stored).problems).toEqual([
      expect.objectContaining({
        kind: "batch-missing",
        seq: 2,
        message: expect.stringMatching(/batch 2 is missing/),
      }),
    ]);
  });

  it("a removed first batch is reported unless retention moved the start", () => {
    const { stored } = sealedChain([1, 1, 1]);
    stored.shift();
    expect(verifyChain(stored).problems).toEqual([
      expect.objectContaining({ kind: "batch-missing", seq: 0 }),
    ]);
    expect(verifyChain(stored, { startSeq: 1 }).ok).toBe(true);
  });

  it("two batches swapped in storage are reported as reordered", () => {
    const { stored } = sealedChain([1, 1, 1, 1]);
    const swapped = [stored[0], stored[2], stored[1], stored[3]];
    expect(verifyChain(swapped).problems).toEqual([
      expect.objectContaining({ kind: "batch-reordered", seq: 1 }),
    ]);
  });

  it("a cut tail is caught by the known head, and by the silence limit", () => {
    const { stored, head } = sealedChain([1, 1, 1, 1]);
    const cut = stored.slice(0, 2);
    expect(verifyChain(cut).ok).toBe(true); // a hash chain alone cannot see its tail cut
    expect(verifyChain(cut, { knownHead: head }).problems).toEqual([
      expect.objectContaining({ kind: "truncated", seq: 2 }),
    ]);
    const now = new Date(Date.UTC(2026, 4, 4, 10, 3, 30));
    expect(verifyChain(stored, { now, maxSilenceSeconds: 120 }).ok).toBe(true);
    expect(verifyChain(cut, { now, maxSilenceSeconds: 120 }).problems).toEqual([
      expect.objectContaining({ kind: "stale", seq: 1 }),
    ]);
  });

  it("an edit to the last batch is caught by the known head", () => {
    const { stored, head } = sealedChain([1, 1]);
    content(stored[1]).sealedAt = "2026-05-04T09:00:00.000Z";
    expect(verifyChain(stored, { knownHead: head }).problems).toEqual([
      expect.objectContaining({ kind: "batch-altered", seq: 1 }),
    ]);
  });

  it("a batch from another chain and a malformed file are refused by name", () => {
    const { stored } = sealedChain([1, 1]);
    const other = sealedChain([1], "hdh-other").stored[0];
    const report = verifyChain([...stored, other, { name: "junk.json", content: [1, 2] }]);
    expect(report.problems.map((p) => p.kind).sort()).toEqual(["foreign-chain", "malformed-batch"]);
  });
});

/** Every way of damaging a stored chain once, as a fast-check arbitrary over (chain, damage). */
type Damage = (stored: StoredBatch[]) => StoredBatch[];

const damages: fc.Arbitrary<{ what: string; apply: Damage }>[] = [
  fc.nat().map((n) => ({
    what: "remove a batch",
    apply: (s: StoredBatch[]) => s.filter((_, i) => i !== n % s.length),
  })),
  fc.tuple(fc.nat(), fc.nat()).map(([b, r]) => ({
    what: "remove a record",
    apply: (s: StoredBatch[]) => {
      const records = content(s[b % s.length]).records;
      records.splice(r % records.length, 1);
      return s;
    },
  })),
  fc
    .tuple(fc.nat(), fc.nat(), fc.constantFrom("person", "time", "workspace", "outcome"))
    .map(([b, r, field]) => ({
      what: `alter a record's ${field}`,
      apply: (s: StoredBatch[]) => {
        const records = content(s[b % s.length]).records;
        const target = records[r % records.length];
        if (field === "person") (target.actor as Mutable).person = "someone-else@example.org";
        else if (field === "time") target.time = "1999-01-01T00:00:00.000Z";
        else if (field === "workspace") target.workspace = "another-project";
        else target.outcome = target.outcome === "denied" ? "success" : "denied";
        return s;
      },
    })),
  fc.tuple(fc.nat(), fc.constantFrom("sealedAt", "prev", "digest")).map(([b, field]) => ({
    what: `alter a batch's ${field}`,
    apply: (s: StoredBatch[]) => {
      const batch = content(s[b % s.length]);
      if (field === "sealedAt") batch.sealedAt = "1999-01-01T00:00:00.000Z";
      else if (field === "prev") batch.prev = "a".repeat(64);
      else (batch.digests as Mutable[])[0].sha256 = "b".repeat(64);
      return s;
    },
  })),
  fc.nat().map((n) => ({
    what: "swap two adjacent batches",
    apply: (s: StoredBatch[]) => {
      if (s.length < 2) return s.slice(1); // a one-batch chain cannot be reordered: remove it
      const i = n % (s.length - 1);
      return [...s.slice(0, i), s[i + 1], s[i], ...s.slice(i + 2)];
    },
  })),
  fc.nat().map((n) => ({
    what: "swap two records",
    apply: (s: StoredBatch[]) => {
      const records = content(s[n % s.length]).records;
      if (records.length < 2) records.pop();
      else [records[0], records[1]] = [records[1], records[0]];
      return s;
    },
  })),
  fc.nat().map((n) => ({
    what: "truncate the tail",
    apply: (s: StoredBatch[]) => s.slice(0, n % s.length),
  })),
];

describe("verifyChain properties", () => {
  it("an untouched chain always verifies", () => {
    fc.assert(
      fc.property(chainSizes, (sizes) => {
        const { stored, head } = sealedChain(sizes);
        const report = verifyChain(stored, { knownHead: head });
        return report.ok && report.batches === sizes.length && report.head?.hash === head.hash;
      }),
    );
  });

  it("any single removal, alteration, reorder or truncation is detected", () => {
    fc.assert(
      fc.property(chainSizes, fc.oneof(...damages), (sizes, damage) => {
        const { stored, head } = sealedChain(sizes);
        const damaged = damage.apply(clone(stored));
        const report = verifyChain(damaged, { knownHead: head });
        if (report.ok) throw new Error(`undetected: ${damage.what} on chain ${sizes.join(",")}`);
      }),
      { numRuns: 400 },
    );
  });

  it("damage to any batch but the last is detected even without a known head", () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 1, max: 4 }), { minLength: 2, maxLength: 6 }),
        fc.nat(),
        (sizes, n) => {
          const { stored } = sealedChain(sizes);
          const damaged = clone(stored);
          content(damaged[n % (damaged.length - 1)]).sealedAt = "1999-01-01T00:00:00.000Z";
          return !verifyChain(damaged).ok;
        },
      ),
    );
  });
});
