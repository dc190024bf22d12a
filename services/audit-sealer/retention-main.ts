/**
 * Entry point of the audit retention job (the `hdh/audit-sealer` image, command
 * `node services/audit-sealer/retention-main.js`, run daily by components/audit/retention-job.ts).
 * Exit 0: every batch past retention is gone; 1: Swift refused some deletion (named in the log),
 * or was unreachable; 2: the configuration is wrong (each variable named).
 */
import { isSafeUrl, sealerDefaults } from "./config";
import { jsonLogger } from "./log";
import { runRetention, type RetentionJobConfig } from "./retention";

export function retentionConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): RetentionJobConfig | { problems: string[] } {
  const problems: string[] = [];
  const required = (name: string, fix: string) => {
    const value = env[name]?.trim() ?? "";
    if (value === "") problems.push(`${name}: missing; ${fix}`);
    return value;
  };
  const fromComponent = "set by the AuditLog component (components/audit/retention-job.ts)";
  const fromSecret = "from the hdh-audit-retention Secret";
  const rawDays = required("HDH_AUDIT_RETENTION_DAYS", fromComponent);
  const retentionDays = Number(rawDays);
  if (rawDays !== "" && (!Number.isSafeInteger(retentionDays) || retentionDays < 1)) {
    problems.push(`HDH_AUDIT_RETENTION_DAYS: "${rawDays}" must be a whole number of days >= 1`);
  }
  const config: RetentionJobConfig = {
    chain: required("HDH_AUDIT_CHAIN", fromComponent),
    container: required("HDH_AUDIT_CONTAINER", fromComponent),
    retentionDays,
    authUrl: required("OS_AUTH_URL", fromSecret),
    region: required("OS_REGION_NAME", fromSecret),
    endpointInterface: env.OS_INTERFACE?.trim() || sealerDefaults.endpointInterface,
    credentialId: required("OS_APPLICATION_CREDENTIAL_ID", fromSecret),
    credentialSecret: required("OS_APPLICATION_CREDENTIAL_SECRET", fromSecret),
  };
  if (config.authUrl && !isSafeUrl(config.authUrl)) {
    problems.push(`OS_AUTH_URL: "${config.authUrl}" must be an https:// URL`);
  }
  return problems.length > 0 ? { problems } : config;
}

async function main(): Promise<number> {
  const logger = jsonLogger();
  const config = retentionConfigFromEnv(process.env);
  if ("problems" in config) {
    for (const problem of config.problems) logger.log("error", "configuration", { problem });
    return 2;
  }
  try {
    const report = await runRetention(config, { now: new Date(), logger });
    for (const f of report.failed) {
      logger.log("error", "version not deleted", { ...f });
    }
    return report.failed.length === 0 ? 0 : 1;
  } catch (error) {
    logger.log("error", "retention failed", { message: (error as Error).message });
    return 1;
  }
}

if (require.main === module) {
  void main().then((code) => process.exit(code));
}
