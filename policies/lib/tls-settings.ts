/**
 * TLS protocol versions and cipher strings as Octavia takes them on listeners and pools
 * (`tls_versions`, `tls_ciphers`: octavia-lib 2.0 release notes,
 * https://docs.openstack.org/releasenotes/octavia-lib/ussuri.html; values `SSLv3`, `TLSv1`,
 * `TLSv1.1`, `TLSv1.2`, `TLSv1.3`; ciphers in OpenSSL's `a:b:c` cipher-string format).
 */

/** Versions below TLS 1.2: deprecated by RFC 8996 (TLS 1.0 and 1.1) and RFC 7568 (SSLv3). */
export function weakTlsVersion(version: string): boolean {
  const v = version.trim().toLowerCase().replace(/[\s_]/g, "");
  return /^(ssl|sslv?[23](\.0)?|tlsv?1(\.0)?|tlsv?1\.1)$/.test(v);
}

/**
 * OpenSSL cipher-string tokens that admit broken or unauthenticated suites: RC4 (RFC 7465), DES
 * and 3DES (64-bit blocks, Sweet32), MD5 MACs, NULL encryption, anonymous key exchange, export
 * grade, IDEA, SEED, and `ALL` (every suite the library has). A `!` or `-` prefix excludes rather than admits, so it is not weak.
 */
const weakTokens = [
  "rc4",
  "des",
  "3des",
  "des-cbc3",
  "md5",
  "null",
  "enull",
  "anull",
  "adh",
  "aecdh",
  "export",
  "exp",
  "idea",
  "seed",
  "low",
  "all",
];

export function weakCiphers(cipherString: string): string[] {
  return cipherString
    .split(/[:,\s]+/)
    .map((t) => t.trim())
    .filter((t) => t !== "" && !t.startsWith("!") && !t.startsWith("-"))
    .filter((t) => {
      const parts = t.replace(/^\+/, "").toLowerCase().split(/[-+]/);
      const whole = t.replace(/^\+/, "").toLowerCase();
      return weakTokens.some(
        (w) => whole === w || parts.includes(w) || (w.includes("-") && whole.includes(w)),
      );
    });
}
