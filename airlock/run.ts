/**
 * One pass of the airlock mover over every project it serves: each export request found in an
 * egress area (`<requestId>/manifest.json`) is decided, and moved when approved. Each decision
 * is written to stdout as audit records (JSON lines), which the platform's log shipper carries
 * to the audit store. Run by the AirlockMover CronJob (components/airlock/airlock-mover.ts).
 */
import { readFileSync } from "node:fs";
import { containerName } from "../components/workspace/names";
import type { DataTier } from "../policies/catalog/data-tiers";
import { decisionAuditRecords } from "./audit-records";
import { AirlockError, processRequest } from "./move";
import type { ObjectStore } from "./object-store";
import { keystoneSession, SwiftStore } from "./swift-store";
import type { ReviewerBinding } from "../components/airlock/reviewer-containers";

/** A project the mover serves, as the AirlockMover component writes it in projects.json. */
export interface ServedProject {
  readonly projectId: string;
  readonly tier: DataTier;
  readonly ownerGroup: string;
}

export interface PassOptions {
  readonly reviewerGroup: string;
  /** Every reviewer and their Keystone user (their review containers). */
  readonly reviewers: readonly ReviewerBinding[];
  /** Groups of a person, from the identity provider. */
  readonly membership: (person: string) => readonly string[];
  readonly now: Date;
  /** Where audit records and errors go, one JSON document per line. */
  readonly emit: (line: string) => void;
}

export interface PassSummary {
  decided: number;
  pending: number;
  failed: number;
}

export async function moverPass(
  store: ObjectStore,
  projects: readonly ServedProject[],
  options: PassOptions,
): Promise<PassSummary> {
  const summary: PassSummary = { decided: 0, pending: 0, failed: 0 };
  for (const project of projects) {
    const egress = containerName(project.projectId, "egress");
    const manifests = (await store.list(egress, "")).filter((n) =>
      /^[^/]+\/manifest\.json$/.test(n),
    );
    for (const manifest of manifests) {
      const requestId = manifest.slice(0, -"/manifest.json".length);
      try {
        const result = await processRequest(
          store,
          requestId,
          {
            ...project,
            reviewerGroup: options.reviewerGroup,
            membership: options.membership,
            reviewers: options.reviewers,
          },
          options.now,
        );
        if (result.decision.outcome === "pending") {
          summary.pending++;
          continue;
        }
        summary.decided++;
        if (result.alreadyDecided || !result.request) continue;
        for (const record of decisionAuditRecords(result.request, result.decision, result.moved)) {
          options.emit(JSON.stringify(record));
        }
      } catch (error) {
        // A malformed request is reported and left for its owner; anything else is a bug.
        if (!(error instanceof AirlockError)) throw error;
        summary.failed++;
        options.emit(
          JSON.stringify({
            level: "error",
            workspace: project.projectId,
            requestId,
            error: error.message,
          }),
        );
      }
    }
  }
  return summary;
}

/** The CronJob's entry point: configuration from the environment the component sets. */
export async function main(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const required = (key: string) => {
    const value = env[key];
    if (!value) throw new Error(`airlock mover: ${key} is not set`);
    return value;
  };
  const projects = JSON.parse(
    readFileSync(required("HDH_AIRLOCK_PROJECTS"), "utf8"),
  ) as ServedProject[];
  const groups = JSON.parse(readFileSync(required("HDH_AIRLOCK_MEMBERSHIP"), "utf8")) as Record<
    string,
    string[]
  >;
  const session = await keystoneSession(
    required("OS_AUTH_URL"),
    {
      id: required("OS_APPLICATION_CREDENTIAL_ID"),
      secret: required("OS_APPLICATION_CREDENTIAL_SECRET"),
    },
    required("OS_REGION_NAME"),
  );
  const reviewers = JSON.parse(
    readFileSync(required("HDH_AIRLOCK_REVIEWERS"), "utf8"),
  ) as ReviewerBinding[];
  const summary = await moverPass(new SwiftStore(session), projects, {
    reviewerGroup: required("HDH_AIRLOCK_REVIEWER_GROUP"),
    reviewers,
    membership: (person) => groups[person] ?? [],
    now: new Date(),
    emit: (line) => void process.stdout.write(`${line}\n`),
  });
  process.stderr.write(`airlock mover: ${JSON.stringify(summary)}\n`);
}

if (require.main === module) {
  main().catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  });
}
