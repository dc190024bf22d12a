import { describe, expect, it } from "vitest";
import { randomBytes } from "node:crypto";
import { openEnvelope, sealEnvelope } from "../../audit/envelope";

const key = randomBytes(32);
const ref = "https://barbican.internal/v1/secrets/audit";
const name = "hdh-test/batches/000000000003.json";

describe("audit batch envelope", () => {
  it("round-trips and keeps no plaintext", () => {
    const env = sealEnvelope('{"seq":3,"person":"alice@inserm.example.fr"}', key, ref, name);
    expect(JSON.stringify(env)).not.toContain("alice");
    expect(openEnvelope(env, key, name)).toBe('{"seq":3,"person":"alice@inserm.example.fr"}');
  });

  it("refuses a changed byte, another object name and another key", () => {
    const env = sealEnvelope("batch", key, ref, name);
    const flipped = Buffer.from(env.ciphertext, "base64");
    flipped[0] ^= 1;
    expect(() =>
      openEnvelope({ ...env, ciphertext: flipped.toString("base64") }, key, name),
    ).toThrow();
    expect(() => openEnvelope(env, key, "hdh-test/batches/000000000004.json")).toThrow();
    expect(() => openEnvelope(env, randomBytes(32), name)).toThrow();
  });

  it("refuses a key that is not 256 bits", () => {
    expect(() => sealEnvelope("x", randomBytes(16), ref, name)).toThrow(/256 bits/);
  });
});
