import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { retentionConfigFromEnv } from "../../../services/audit-sealer/retention-main";
import { sharedEnv } from "./env-fixture";

const complete = sharedEnv;

describe("the retention job's configuration", () => {
  it("reads what the AuditLog component sets", () => {
    expect(retentionConfigFromEnv(complete)).toMatchObject({
      chain: "hdh-prod",
      container: "hdh-prod-audit",
      retentionDays: 365,
      region: "GRA11",
      endpointInterface: "public",
    });
  });

  it("names every missing or wrong variable at once", () => {
    const result = retentionConfigFromEnv({
      ...complete,
      HDH_AUDIT_CHAIN: "",
      HDH_AUDIT_RETENTION_DAYS: "a year",
      OS_AUTH_URL: "http://auth.example.fr/v3",
      OS_APPLICATION_CREDENTIAL_SECRET: undefined,
    });
    expect("problems" in result && result.problems).toEqual([
      "HDH_AUDIT_CHAIN: missing; set by the AuditLog component (components/audit/retention-job.ts)",
      'HDH_AUDIT_RETENTION_DAYS: "a year" must be a whole number from 1 to 36500',
      "OS_APPLICATION_CREDENTIAL_SECRET: missing; from the hdh-audit-retention Secret",
      'OS_AUTH_URL: "http://auth.example.fr/v3" must be an https:// URL',
    ]);
  });

  it("refuses a catalogue interface Keystone does not have, as the sealer does", () => {
    const result = retentionConfigFromEnv({ ...complete, OS_INTERFACE: "private" });
    expect("problems" in result && result.problems).toEqual([
      'OS_INTERFACE: "private" must be public, internal or admin',
    ]);
  });

  it("as a process, exits 2 on a wrong configuration and logs each problem, naming the variable", () => {
    const root = join(__dirname, "../../..");
    const run = spawnSync(
      process.execPath,
      ["--import", "tsx", join(root, "services/audit-sealer/retention-main.ts")],
      {
        cwd: root,
        encoding: "utf8",
        env: { PATH: process.env.PATH, ...complete, HDH_AUDIT_CHAIN: "" },
      },
    );
    expect(run.status).toBe(2);
    const problems = run.stdout
      .trim()
      .split("\n")
      .map((line) => JSON.parse(line) as { msg?: string; problem?: string })
      .map((entry) => entry.problem);
    expect(problems).toEqual([
      "HDH_AUDIT_CHAIN: missing; set by the AuditLog component (components/audit/retention-job.ts)",
    ]);
  });
});
