/**
 * Client-side encryption of a sealed batch under the audit log's own Barbican key, before it is
 * uploaded: AES-256-GCM with a fresh 96-bit nonce, the object name as additional authenticated
 * data (so a batch moved to another name fails to open), and the key reference recorded so an
 * auditor knows which key to ask the key manager for. Swift's at-rest encryption, under the
 * provider's keys, comes on top; this layer is the one the platform holds the key to.
 *
 * GCM authenticates: with the key, an edit to any stored byte, including of the last batch, is
 * caught at `openEnvelope`, which the hash chain alone cannot do for the last batch.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

export const envelopeFormat = "hdh-audit-envelope/1";

export interface Envelope {
  readonly format: typeof envelopeFormat;
  /** Barbican reference of the key. */
  readonly keyRef: string;
  /** Base64 nonce, tag and ciphertext. */
  readonly iv: string;
  readonly tag: string;
  readonly ciphertext: string;
}

export function sealEnvelope(
  plaintext: string,
  key: Buffer,
  keyRef: string,
  objectName: string,
  iv: Buffer = randomBytes(12),
): Envelope {
  if (key.length !== 32) throw new Error(`audit key must be 256 bits, got ${key.length * 8}`);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(objectName, "utf8"));
  const ciphertext = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  return {
    format: envelopeFormat,
    keyRef,
    iv: iv.toString("base64"),
    tag: cipher.getAuthTag().toString("base64"),
    ciphertext: ciphertext.toString("base64"),
  };
}

/** Decrypts, or throws if the key is wrong or anything (content or object name) was changed. */
export function openEnvelope(envelope: Envelope, key: Buffer, objectName: string): string {
  if (envelope.format !== envelopeFormat) throw new Error(`not an ${envelopeFormat} object`);
  const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(envelope.iv, "base64"));
  decipher.setAAD(Buffer.from(objectName, "utf8"));
  decipher.setAuthTag(Buffer.from(envelope.tag, "base64"));
  return Buffer.concat([
    decipher.update(Buffer.from(envelope.ciphertext, "base64")),
    decipher.final(),
  ]).toString("utf8");
}
