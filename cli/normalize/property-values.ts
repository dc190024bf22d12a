/**
 * Pulumi's serialised property values, as they appear in the engine's wire form (what the mock
 * monitor receives), in a `pulumi stack export` and in `pulumi preview --json`, decoded into the
 * plain values `NormalizedResource.inputs` holds. One decoder for all three sources, so a secret
 * or an unknown means the same thing whichever artifact it came from.
 */
import { unknownValue } from "../../offline/resource-model";
import { setOwnKey } from "../../policies/lib/prototype-keys";
import { digestOfCiphertext, type SecretDigester } from "../secret-digest";

/** The key that marks a special value (secret, asset, archive, resource reference, output). */
export const signatureKey = "4dabf18193072939515e22adb298388d";
export const signatures = {
  secret: "1b47061264138c4ac30d75fd1eb44270",
  asset: "c44067f5952c0a294b673a41bacd8c17",
  archive: "0def7320c3a5731c473e5ecbe6d01bc7",
  resourceReference: "5cf8f73096256a8f31e491e813e4eb8e",
  output: "d0e6a833031e9bbcd3f4e8bde6ca49a4",
} as const;

/** What `pulumi preview --json` writes in place of every secret (display/json.go, MassageSecrets). */
export const previewSecretText = "[secret]";

export type SourceKind = "plan" | "export" | "preview";

export interface DecodedProperties {
  value: Record<string, unknown>;
  /** Paths (dot/bracket form) whose value was a secret. */
  secretPaths: string[];
  /** Keyed digest of each secret that could be digested, by path (see cli/secret-digest.ts). */
  secretDigests: Record<string, string>;
}

/** Where decoding records secrets, and the key that digests plaintext ones (plans only). */
interface SecretSink {
  paths: string[];
  digests: Record<string, string>;
  digester?: SecretDigester;
}

/**
 * Decodes a property map. A secret whose plaintext the artifact does not hold (an export's
 * ciphertext, a preview's `[secret]`) becomes the unknown marker: rules skip it rather than judge
 * a value nobody can see.
 */
export function decodeProperties(
  props: unknown,
  source: SourceKind,
  digester?: SecretDigester,
): DecodedProperties {
  const sink: SecretSink = { paths: [], digests: {}, digester };
  const value = isObject(props) ? (decode(props, "", source, sink) as Record<string, unknown>) : {};
  return { value, secretPaths: sink.paths, secretDigests: sink.digests };
}

function decode(v: unknown, path: string, source: SourceKind, secrets: SecretSink): unknown {
  if (Array.isArray(v)) return v.map((e, i) => decode(e, `${path}[${i}]`, source, secrets));
  if (source === "preview" && v === previewSecretText) {
    secrets.paths.push(path);
    return unknownValue;
  }
  if (!isObject(v)) return v;
  const sig = v[signatureKey];
  if (sig === signatures.secret) {
    secrets.paths.push(path);
    return decodeSecret(v, path, source, secrets);
  }
  if (sig === signatures.output) {
    if (v.secret === true) {
      secrets.paths.push(path);
      if ("value" in v && secrets.digester) {
        setOwnKey(secrets.digests, path, secrets.digester.digest(v.value));
      }
    }
    return "value" in v ? decode(v.value, path, source, secrets) : unknownValue;
  }
  if (sig === signatures.resourceReference) {
    // A reference reads as the referenced resource's id (custom) or URN (component), as a
    // provider would see it after the engine resolves it.
    return typeof v.id === "string" && v.id !== "" ? v.id : v.urn;
  }
  if (sig === signatures.asset || sig === signatures.archive) return v;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(v)) {
    // setOwnKey: a `__proto__` key stays data; assigned, it would lend its fields to `out`.
    setOwnKey(out, key, decode(child, path === "" ? key : `${path}.${key}`, source, secrets));
  }
  return out;
}

function decodeSecret(
  v: Record<string, unknown>,
  path: string,
  source: SourceKind,
  secrets: SecretSink,
): unknown {
  if ("value" in v) {
    // Wire form (a plan): the plaintext is here, digested under the key for `--baseline`.
    if (secrets.digester) setOwnKey(secrets.digests, path, secrets.digester.digest(v.value));
    return decode(v.value, path, source, secrets);
  }
  const recorded = digestOfCiphertext(v.ciphertext); // a plan's JSON read back
  if (recorded) setOwnKey(secrets.digests, path, recorded);
  if (typeof v.plaintext === "string") {
    // `pulumi stack export --show-secrets`: the plaintext is the JSON of the value.
    try {
      return decode(JSON.parse(v.plaintext), path, source, secrets);
    } catch {
      return v.plaintext;
    }
  }
  return unknownValue; // ciphertext only
}

/** The logical name: everything after the third `::` (names may themselves contain `::`). */
export function nameFromUrn(urn: string): string {
  return urn.split("::").slice(3).join("::");
}

/** `urn:pulumi:stack::project::type$type::name` → its parts, or undefined if it is not a URN. */
export function parseUrn(
  urn: string,
): { stack: string; project: string; qualifiedType: string; name: string } | undefined {
  const parts = urn.split("::");
  if (parts.length < 4 || !parts[0].startsWith("urn:pulumi:")) return undefined;
  return {
    stack: parts[0].slice("urn:pulumi:".length),
    project: parts[1],
    qualifiedType: parts[2],
    name: parts.slice(3).join("::"),
  };
}

/** A provider reference `<provider urn>::<provider id>` → the provider's URN. */
export function providerUrnOf(reference: string | undefined): string | undefined {
  if (!reference) return undefined;
  const at = reference.lastIndexOf("::");
  return at > 0 ? reference.slice(0, at) : reference;
}

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}
