/**
 * Entry point of the audit retention job (the `hdh/audit-sealer` image, command
 * `node services/audit-sealer/retention-main.js`, run daily by components/audit/retention-job.ts).
 * Exit 0: every batch past retention is gone; 1: Swift refused some deletion (named in the log),
 * or was unreachable; 2: the configuration is wrong (each variable named).
 */
import { envReader } from "./config";
import { jsonLogger } from "./log";
import { runRetention, type RetentionJobConfig } from "./retention";

export function retentionConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): RetentionJobConfig | { problems: string[] } {
  // The same reader, limits and messages as the sealer's configuration (config.ts).
  const { problems, required, integer, credential } = envReader(env);
  const fromComponent = "set by the AuditLog component (components/audit/retention-job.ts)";
  const config: RetentionJobConfig = {
    chain: required("HDH_AUDIT_CHAIN", fromComponent),
    container: required("HDH_AUDIT_CONTAINER", fromComponent),
    retentionDays: integer("HDH_AUDIT_RETENTION_DAYS", undefined, 1, 36500),
    ...credential("hdh-audit-retention"),
  };
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
