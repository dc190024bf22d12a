import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  canonicalCidr,
  cidrContains,
  cidrsOverlap,
  isInternetWide,
  isNetworkAddress,
  parseCidr,
} from "../../../components/network/cidr";

/** An IPv4 block as integers, the independent oracle the CIDR helpers are checked against. */
const ipv4Block = fc
  .record({
    address: fc.integer({ min: 0, max: 2 ** 32 - 1 }),
    prefix: fc.integer({ min: 0, max: 32 }),
  })
  .map(({ address, prefix }) => {
    const size = 2 ** (32 - prefix);
    const start = Math.floor(address / size) * size;
    return { start, end: start + size - 1, prefix, text: `${toDotted(start)}/${prefix}` };
  });

function toDotted(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

describe("CIDR arithmetic", () => {
  it("overlap agrees with integer range intersection", () => {
    fc.assert(
      fc.property(ipv4Block, ipv4Block, (a, b) => {
        const expected = a.start <= b.end && b.start <= a.end;
        expect(cidrsOverlap(parseCidr(a.text)!, parseCidr(b.text)!)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("containment agrees with integer range inclusion", () => {
    fc.assert(
      fc.property(ipv4Block, ipv4Block, (a, b) => {
        const expected = a.start <= b.start && b.end <= a.end;
        expect(cidrContains(parseCidr(a.text)!, parseCidr(b.text)!)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it("a canonical block is a network address, and canonicalising is idempotent", () => {
    fc.assert(
      fc.property(ipv4Block, fc.integer({ min: 0, max: 255 }), (block, hostByte) => {
        expect(isNetworkAddress(parseCidr(block.text)!)).toBe(true);
        const withHostBits = `${toDotted(block.start + (block.prefix < 32 ? Math.min(hostByte, block.end - block.start) : 0))}/${block.prefix}`;
        expect(canonicalCidr(parseCidr(withHostBits)!)).toBe(block.text);
      }),
    );
  });

  it("IPv4 and IPv6 never overlap each other", () => {
    expect(cidrsOverlap(parseCidr("0.0.0.0/0")!, parseCidr("::/0")!)).toBe(false);
  });

  it("internet-wide ranges are recognised in both families", () => {
    expect(isInternetWide(parseCidr("0.0.0.0/0")!)).toBe(true);
    expect(isInternetWide(parseCidr("::/0")!)).toBe(true);
    expect(isInternetWide(parseCidr("2000::/3")!)).toBe(true);
    expect(isInternetWide(parseCidr("10.0.0.0/8")!)).toBe(false);
    expect(isInternetWide(parseCidr("2001:db8::/32")!)).toBe(false);
  });

  it.each(["10.0.0.0", "10.0.0.0/33", "300.0.0.0/8", "", "10.0.0.0/8/8"])(
    "%j is not a CIDR",
    (text) => {
      expect(parseCidr(text)).toBeUndefined();
    },
  );
});
