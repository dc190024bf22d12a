/**
 * The audit trail's retention job: deletes, by version id, every stored version of each batch
 * past its retention (audit/retention.ts says which and why), and nothing else.
 *
 * Its credential (components/audit/retention-job.ts) is an application credential with Swift's
 * operator role on the audit project, because Swift 2.30 lets nobody else delete a version: a
 * `DELETE ?version-id=` is carried out on the hidden versions container, which has no ACL
 * (object_versioning.py `handle_delete_version` rewrites the path to it; a container ACL's write
 * grant there only adds a delete marker and keeps the data, shown on the real Swift in
 * test/openstack/audit-trail.test.ts). Keystone's access rules on that credential leave it two
 * requests: `GET` of the container's listing and `DELETE` of its objects; keystonemiddleware
 * matches the method and the path without the query string (auth_token
 * `validate_allowed_request`), so versions are reachable and nothing else is: no read of a
 * batch, no write, no metadata, no ACL, no other container.
 */
import { planRetention, type ListedVersion, type RetentionPlan } from "../../audit/retention";
import { authenticate, UpstreamError, type KeystoneCredential } from "./keystone";
import type { Logger } from "./log";

export interface RetentionJobConfig extends KeystoneCredential {
  readonly container: string;
  readonly chain: string;
  readonly retentionDays: number;
  /** Per-request timeout, in milliseconds. @default 30000 */
  readonly timeoutMs?: number;
}

export interface RetentionReport extends RetentionPlan {
  /** Versions deleted (or already gone: 404). */
  readonly deleted: number;
  /** Versions Swift refused to delete, with the status: the job exits non-zero. */
  readonly failed: readonly { name: string; versionId: string; status: number }[];
}

/** Swift's listing page size limit (CONTAINER_LISTING_LIMIT's default). */
const pageSize = 10_000;

export async function runRetention(
  config: RetentionJobConfig,
  options: { now: Date; logger: Logger },
): Promise<RetentionReport> {
  const timeoutMs = config.timeoutMs ?? 30_000;
  const session = await authenticate(config, timeoutMs, ["object-store"]);
  const base = `${session.endpoints.get("object-store")}/${encodeURIComponent(config.container)}`;
  const request = (method: string, url: string) =>
    fetch(url, {
      method,
      headers: { "X-Auth-Token": session.token, Accept: "application/json" },
      signal: AbortSignal.timeout(timeoutMs),
    });

  const versions: ListedVersion[] = [];
  let marker: { name: string; versionId: string } | undefined;
  for (;;) {
    const query = new URLSearchParams({
      format: "json",
      prefix: `${config.chain}/batches/`,
      limit: String(pageSize),
      ...(marker ? { marker: marker.name, version_marker: marker.versionId } : {}),
    });
    const response = await request("GET", `${base}?versions&${query.toString()}`);
    if (response.status === 204) break;
    if (response.status !== 200) {
      throw new UpstreamError(
        `Swift refused the versions listing of ${config.container} (HTTP ${response.status})`,
        response.status,
      );
    }
    const page = (await response.json()) as ListedVersion[];
    versions.push(...page);
    if (page.length < pageSize) break;
    const last = page[page.length - 1];
    marker = { name: last.name, versionId: last.version_id };
  }

  const plan = planRetention(versions, {
    chain: config.chain,
    retentionDays: config.retentionDays,
    now: options.now,
  });
  let deleted = 0;
  const failed: { name: string; versionId: string; status: number }[] = [];
  for (const version of plan.expired) {
    const path = version.name.split("/").map(encodeURIComponent).join("/");
    const url = `${base}/${path}?version-id=${encodeURIComponent(version.versionId)}`;
    const response = await request("DELETE", url);
    await response.arrayBuffer();
    if (response.status === 204 || response.status === 404) deleted++;
    else failed.push({ ...version, status: response.status });
  }
  options.logger.log(failed.length === 0 ? "info" : "error", "retention done", {
    container: config.container,
    chain: config.chain,
    retentionDays: config.retentionDays,
    batchesExpired: plan.expiredBatches.length,
    firstExpired: plan.expiredBatches[0],
    lastExpired: plan.expiredBatches[plan.expiredBatches.length - 1],
    batchesKept: plan.keptBatches,
    versionsDeleted: deleted,
    versionsFailed: failed.length,
    ignoredObjects: plan.ignored.length,
  });
  return { ...plan, deleted, failed };
}
