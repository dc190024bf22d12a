/**
 * The address-range contract every network rule stands on: what parses, what contains what,
 * and what counts as "the internet" (whole space, or a public range wider than /16 or /32).
 */
import { describe, expect, it } from "vitest";
import {
  contains,
  isInternetWide,
  isNonPublic,
  parsePrefix,
  withinAny,
  type Prefix,
} from "../../../policies/lib/cidr";

const p = (text: string): Prefix => {
  const prefix = parsePrefix(text);
  if (!prefix) throw new Error(`${text} did not parse`);
  return prefix;
};

describe("parsePrefix", () => {
  it.each([
    ["10.0.0.0/8", 8, "ipv4"],
    ["::/0", 0, "ipv6"],
    ["203.0.113.7", 32, "ipv4"],
    ["2001:db8::1", 128, "ipv6"],
  ])("%s has %i bits (%s)", (text, bits, kind) => {
    expect(p(text).bits).toBe(bits);
    expect(p(text).address.kind()).toBe(kind);
  });

  it("surrounding spaces are ignored, and the text kept is the trimmed one", () => {
    expect(p(" 10.1.0.0/16 ").text).toBe("10.1.0.0/16");
    expect(p(" 203.0.113.7\n").bits).toBe(32);
  });

  it.each(["", "/8", "10.0.0.0/33", "example.org", "300.1.1.1"])("%j is not a range", (text) => {
    expect(parsePrefix(text)).toBeUndefined();
  });
});

describe("contains", () => {
  it("a range contains its sub-ranges and itself, not its super-range", () => {
    expect(contains(p("10.0.0.0/8"), p("10.42.0.0/16"))).toBe(true);
    expect(contains(p("10.0.0.0/8"), p("10.0.0.0/8"))).toBe(true);
    expect(contains(p("10.42.0.0/16"), p("10.0.0.0/8"))).toBe(false);
  });

  it("a wider range starting inside a narrow one is not contained by it", () => {
    // 10.42.0.0/8 matches 10.42.0.0/16's first bits, but covers all of 10/8.
    expect(contains(p("10.42.0.0/16"), p("10.42.0.0/8"))).toBe(false);
  });

  it("ranges of different families never contain each other", () => {
    expect(contains(p("::/0"), p("10.0.0.0/8"))).toBe(false);
    expect(contains(p("0.0.0.0/0"), p("2001:db8::/32"))).toBe(false);
  });
});

describe("isNonPublic and isInternetWide", () => {
  it.each([
    "10.1.2.0/24",
    "172.20.0.0/16",
    "192.168.1.1",
    "100.64.0.0/10",
    "169.254.169.254",
    "fd00::/8",
    "::1",
  ])("%s is not public", (text) => expect(isNonPublic(p(text))).toBe(true));

  it.each(["203.0.113.0/24", "8.8.8.8", "2001:db8::/32"])("%s is public", (text) =>
    expect(isNonPublic(p(text))).toBe(false),
  );

  it.each([
    ["0.0.0.0/0", true],
    ["::/0", true],
    ["0.0.0.0/1", true],
    ["8.0.0.0/15", true],
    ["8.8.0.0/16", false],
    ["2001::/31", true],
    ["2001:db8::/32", false],
    ["10.0.0.0/8", false],
    ["fc00::/7", false],
    // IPv4 written as IPv6: IPv4-mapped (RFC 4291 2.5.5.2) and NAT64 (RFC 6052 2.1) prefixes.
    ["::ffff:0:0/96", true],
    ["::ffff:0.0.0.0/96", true],
    ["::ffff:8.0.0.0/103", true],
    ["::ffff:8.8.0.0/112", false],
    ["::ffff:10.0.0.0/104", false],
    ["64:ff9b::/96", true],
    ["64:ff9b::808:0/112", false],
    ["::/80", true],
    ["64:ff9b::/64", true],
  ])("%s internet-wide: %s", (text, wide) => {
    expect(isInternetWide(p(text))).toBe(wide);
  });

  it("an IPv4-mapped or NAT64 prefix is as public as the IPv4 range it stands for", () => {
    expect(isNonPublic(p("::ffff:10.1.0.0/112"))).toBe(true);
    expect(isNonPublic(p("::ffff:192.168.0.1"))).toBe(true);
    expect(isNonPublic(p("64:ff9b::8.8.8.8"))).toBe(false);
    expect(isNonPublic(p("::ffff:8.8.8.8"))).toBe(false);
  });
});

describe("withinAny", () => {
  it("is inside when one of the listed ranges holds it", () => {
    expect(withinAny(p("10.1.2.0/24"), ["192.168.0.0/16", "10.0.0.0/8"])).toBe(true);
    expect(withinAny(p("10.1.2.0/24"), ["192.168.0.0/16"])).toBe(false);
  });

  it("a list entry that is not a range holds nothing", () => {
    expect(withinAny(p("10.1.2.0/24"), ["not-a-cidr"])).toBe(false);
    expect(withinAny(p("10.1.2.0/24"), [])).toBe(false);
  });
});
