import { describe, expect, it } from "vitest";
import { configFromEnv, SealerConfigError } from "../../../services/audit-sealer/config";
import { sharedEnv } from "./env-fixture";

const env = {
  ...sharedEnv,
  HDH_AUDIT_KEY_REF: "https://kms.gra.example/v1/secrets/5f1c0c53-8e1b-4c39-9d55-1c9a3b1c2e00",
  HDH_AUDIT_SEAL_INTERVAL_SECONDS: "300",
  HDH_AUDIT_LISTEN_PORT: "8080",
};

describe("sealer configuration", () => {
  it("reads what the AuditLog component sets, with the documented defaults", () => {
    expect(configFromEnv(env)).toMatchObject({
      chain: "hdh-prod",
      retentionDays: 365,
      sealIntervalSeconds: 300,
      sealMaxRecords: 1000,
      listenHost: "0.0.0.0",
      listenPort: 8080,
      spoolDir: "/var/spool/hdh-audit",
      endpointInterface: "public",
    });
  });

  it("lists every problem at once: missing credential, plain-http Keystone, bad retention, bad key ref", () => {
    const bad = {
      ...env,
      OS_APPLICATION_CREDENTIAL_SECRET: "",
      OS_AUTH_URL: "http://keystone.example/v3",
      HDH_AUDIT_RETENTION_DAYS: "a year",
      HDH_AUDIT_KEY_REF: "hdh-prod-audit",
    };
    let error: unknown;
    try {
      configFromEnv(bad);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SealerConfigError);
    expect((error as SealerConfigError).problems.map((p) => p.split(":")[0]).sort()).toEqual([
      "HDH_AUDIT_KEY_REF",
      "HDH_AUDIT_RETENTION_DAYS",
      "OS_APPLICATION_CREDENTIAL_SECRET",
      "OS_AUTH_URL",
    ]);
    expect((error as Error).message).not.toContain("secret\n");
  });

  it("takes an optional key register file, by absolute path only", () => {
    expect(configFromEnv(env).keyRegisterFile).toBeUndefined();
    expect(
      configFromEnv({ ...env, HDH_AUDIT_KEY_REGISTER: "/etc/hdh-audit/keys.json" }).keyRegisterFile,
    ).toBe("/etc/hdh-audit/keys.json");
    expect(() => configFromEnv({ ...env, HDH_AUDIT_KEY_REGISTER: "keys.json" })).toThrow(
      /HDH_AUDIT_KEY_REGISTER: "keys.json" must be an absolute path/,
    );
  });
});
