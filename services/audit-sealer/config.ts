/**
 * The sealer's configuration, read once from the environment the AuditLog component sets
 * (components/audit/audit-log.ts: the `HDH_AUDIT_*` values and the `hdh-audit-writer` Secret's
 * `OS_*` values). Every problem is collected and reported at once, naming the variable and the
 * fix, before anything starts.
 */
import { sealerIngestPort, sealerSpoolDir } from "../../components/audit/fluent-bit-config";
import type { KeystoneCredential } from "./keystone";

export interface SealerConfig {
  /** Chain id written in every batch, e.g. "hdh-prod". */
  readonly chain: string;
  /** Swift container holding the batches. */
  readonly container: string;
  /** Barbican reference (URL) of the audit key. */
  readonly keyRef: string;
  /** Days the store keeps each batch (sets X-Delete-At). */
  readonly retentionDays: number;
  /** Longest time between two sealed batches, in seconds, even when idle. */
  readonly sealIntervalSeconds: number;
  /** A batch is sealed as soon as it holds this many records. */
  readonly sealMaxRecords: number;
  /** Address and port the ingest server listens on (port 0: any free port, logged). */
  readonly listenHost: string;
  readonly listenPort: number;
  /** Largest accepted request body, in bytes. */
  readonly maxBodyBytes: number;
  /** emptyDir where accepted records and sealed batches wait until stored. */
  readonly spoolDir: string;
  /** Bytes of sealed batches the spool may hold before ingest answers 503. */
  readonly spoolMaxBytes: number;
  /** Keystone v3 URL, e.g. https://auth.cloud.ovh.net/v3. */
  readonly authUrl: string;
  /** Region whose endpoints are used (the audit store's EU region). */
  readonly region: string;
  /** Catalogue interface: public, internal or admin. */
  readonly endpointInterface: string;
  readonly credentialId: string;
  readonly credentialSecret: string;
  /**
   * JSON file mapping Barbican ids of workspace keys to their project (key-register.ts), read
   * again when it changes. @default none: key-manager accesses are sealed unplaced
   */
  readonly keyRegisterFile?: string;
}

export const sealerDefaults = {
  sealIntervalSeconds: 300,
  sealMaxRecords: 1000,
  listenHost: "0.0.0.0",
  listenPort: sealerIngestPort,
  // Fluent Bit drops a chunk answered with 413, so stay well above its chunk size (~2 MB).
  maxBodyBytes: 16 * 1024 * 1024,
  spoolDir: sealerSpoolDir,
  // Half the component's 2Gi emptyDir sizeLimit: exceeding that limit evicts the pod.
  spoolMaxBytes: 1024 * 1024 * 1024,
  endpointInterface: "public",
} as const;

export class SealerConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`audit sealer configuration is invalid:\n  ${problems.join("\n  ")}`);
    this.name = "SealerConfigError";
  }
}

/** http:// is accepted for loopback only (tests); anything that leaves the host must be TLS. */
export function isSafeUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.protocol === "https:") return true;
    return url.protocol === "http:" && ["127.0.0.1", "localhost", "[::1]"].includes(url.hostname);
  } catch {
    return false;
  }
}

/**
 * Reads variables from `env`, collecting every problem (each names its variable and the fix) in
 * `problems`: the sealer's and the retention job's entry points read their environment with it.
 */
export function envReader(env: Readonly<Record<string, string | undefined>>) {
  const problems: string[] = [];
  const required = (name: string, fix: string): string => {
    const value = env[name]?.trim() ?? "";
    if (value === "") problems.push(`${name}: missing; ${fix}`);
    return value;
  };
  const integer = (name: string, fallback: number | undefined, min: number, max: number) => {
    const raw = env[name]?.trim();
    if (raw === undefined || raw === "") {
      if (fallback === undefined) problems.push(`${name}: missing; give a whole number`);
      return fallback ?? 0;
    }
    const value = Number(raw);
    if (!Number.isSafeInteger(value) || value < min || value > max) {
      problems.push(`${name}: "${raw}" must be a whole number from ${min} to ${max}`);
    }
    return value;
  };
  /** The Keystone application credential the component puts in the Secret named `secret`. */
  const credential = (secret: string): KeystoneCredential => {
    const fromSecret = `from the ${secret} Secret`;
    const read: KeystoneCredential = {
      authUrl: required("OS_AUTH_URL", `the Keystone v3 URL, ${fromSecret}`),
      region: required("OS_REGION_NAME", `the audit store's region, ${fromSecret}`),
      endpointInterface: env.OS_INTERFACE?.trim() || sealerDefaults.endpointInterface,
      credentialId: required("OS_APPLICATION_CREDENTIAL_ID", fromSecret),
      credentialSecret: required("OS_APPLICATION_CREDENTIAL_SECRET", fromSecret),
    };
    if (read.authUrl && !isSafeUrl(read.authUrl)) {
      problems.push(`OS_AUTH_URL: "${read.authUrl}" must be an https:// URL`);
    }
    if (!["public", "internal", "admin"].includes(read.endpointInterface)) {
      problems.push(`OS_INTERFACE: "${read.endpointInterface}" must be public, internal or admin`);
    }
    return read;
  };
  return { problems, required, integer, credential };
}

export function configFromEnv(env: Readonly<Record<string, string | undefined>>): SealerConfig {
  const { problems, required, integer, credential } = envReader(env);
  const fromComponent = "set by the AuditLog component (components/audit/audit-log.ts)";
  const config: SealerConfig = {
    chain: required("HDH_AUDIT_CHAIN", fromComponent),
    container: required("HDH_AUDIT_CONTAINER", fromComponent),
    keyRef: required("HDH_AUDIT_KEY_REF", fromComponent),
    retentionDays: integer("HDH_AUDIT_RETENTION_DAYS", undefined, 1, 36500),
    sealIntervalSeconds: integer(
      "HDH_AUDIT_SEAL_INTERVAL_SECONDS",
      sealerDefaults.sealIntervalSeconds,
      1,
      86400,
    ),
    sealMaxRecords: integer("HDH_AUDIT_SEAL_MAX_RECORDS", sealerDefaults.sealMaxRecords, 1, 100000),
    listenHost: env.HDH_AUDIT_LISTEN_HOST?.trim() || sealerDefaults.listenHost,
    listenPort: integer("HDH_AUDIT_LISTEN_PORT", sealerDefaults.listenPort, 0, 65535),
    maxBodyBytes: integer("HDH_AUDIT_MAX_BODY_BYTES", sealerDefaults.maxBodyBytes, 1024, 2 ** 30),
    spoolDir: env.HDH_AUDIT_SPOOL_DIR?.trim() || sealerDefaults.spoolDir,
    spoolMaxBytes: integer(
      "HDH_AUDIT_SPOOL_MAX_BYTES",
      sealerDefaults.spoolMaxBytes,
      1024 * 1024,
      2 ** 40,
    ),
    ...credential("hdh-audit-writer"),
    ...(env.HDH_AUDIT_KEY_REGISTER?.trim()
      ? { keyRegisterFile: env.HDH_AUDIT_KEY_REGISTER.trim() }
      : {}),
  };
  if (config.keyRegisterFile !== undefined && !config.keyRegisterFile.startsWith("/")) {
    problems.push(
      `HDH_AUDIT_KEY_REGISTER: "${config.keyRegisterFile}" must be an absolute path (the mounted register file)`,
    );
  }
  if (config.keyRef && !/\/secrets\/[0-9A-Za-z-]+\/?$/.test(config.keyRef)) {
    problems.push(
      `HDH_AUDIT_KEY_REF: "${config.keyRef}" is not a Barbican secret reference (.../v1/secrets/<id>)`,
    );
  }
  if (problems.length > 0) throw new SealerConfigError(problems);
  return config;
}
