/**
 * Keyed digests of secret values, so `--baseline` can tell a changed secret from an unchanged one
 * without either value ever being written: a plan's JSON carries, in place of each secret's
 * ciphertext, `hdh-plan:hmac-sha256:<key id>:<HMAC-SHA256 of the value>`, and the live plan
 * digests its plaintext the same way. Keyed (RFC 2104 HMAC) rather than a bare hash, which a
 * dictionary of likely passwords would reverse; the key never leaves the machine (or the CI job
 * that writes both plans). Digests made under different keys are not compared (the key id says so).
 */
import { createHash, createHmac, randomBytes } from "node:crypto";
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { dirname, join } from "node:path";

export interface SecretDigester {
  /** Names the key without revealing it: the first 16 hex digits of SHA-256("hdh key id" + key). */
  keyId: string;
  /** `hmac-sha256:<key id>:<hex>` of the value's canonical JSON (sorted keys). */
  digest(value: unknown): string;
}

const ciphertextPrefix = "hdh-plan:";

export function secretDigester(key: string | Buffer): SecretDigester {
  const keyId = createHash("sha256").update("hdh key id\n").update(key).digest("hex").slice(0, 16);
  return {
    keyId,
    digest: (value) =>
      `hmac-sha256:${keyId}:${createHmac("sha256", key).update(sortedJson(value)).digest("hex")}`,
  };
}

/**
 * The key from `HDH_SECRET_DIGEST_KEY`, else from a file created once with 32 random bytes
 * (mode 0600) under `$XDG_CONFIG_HOME/hdh` (default ~/.config/hdh), outside any repository.
 */
export function digesterFromEnvironment(
  env: Readonly<Record<string, string | undefined>>,
): SecretDigester {
  if (env.HDH_SECRET_DIGEST_KEY) return secretDigester(env.HDH_SECRET_DIGEST_KEY);
  const file = join(env.XDG_CONFIG_HOME || join(homedir(), ".config"), "hdh", "secret-digest.key");
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString("hex"), { mode: 0o600, flag: "wx" });
    chmodSync(file, 0o600);
  }
  return secretDigester(readFileSync(file, "utf8").trim());
}

/** What a plan's JSON writes as a secret's ciphertext. */
export function planCiphertext(digester: SecretDigester | undefined, value: unknown): string {
  return digester
    ? `${ciphertextPrefix}${digester.digest(value)}`
    : `${ciphertextPrefix}value-withheld`;
}

/** The digest a plan's JSON recorded for a secret, if the ciphertext is one hdh wrote. */
export function digestOfCiphertext(ciphertext: unknown): string | undefined {
  if (typeof ciphertext !== "string" || !ciphertext.startsWith(`${ciphertextPrefix}hmac-sha256:`)) {
    return undefined;
  }
  return ciphertext.slice(ciphertextPrefix.length);
}

/** The key id a digest was made under. */
export function keyIdOf(digest: string): string {
  return digest.split(":")[1] ?? "";
}

function sortedJson(value: unknown): string {
  return (
    JSON.stringify(value, (_k, v: unknown) =>
      v && typeof v === "object" && !Array.isArray(v)
        ? Object.fromEntries(
            Object.entries(v as Record<string, unknown>).sort(([a], [b]) =>
              a < b ? -1 : a > b ? 1 : 0,
            ),
          )
        : v,
    ) ?? "undefined"
  );
}
