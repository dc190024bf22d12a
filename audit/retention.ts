/**
 * Which stored versions of an audit chain's batches are past their retention, from a Swift
 * `?versions` listing of the audit container (the retention job: services/audit-sealer/retention.ts).
 *
 * Why the job decides from the versions listing, not from `X-Delete-At`: with object versioning
 * on (as components/audit/audit-log.ts creates the container), Swift 2.30 writes the uploaded
 * data into a hidden versions container WITHOUT the expiry headers and keeps `X-Delete-At` only on
 * the link left in the container (object_versioning.py: `non_expiry_header`, used by
 * `_put_versioned_obj_from_client` and `handle_post`; `_put_symlink_to_version` keeps the
 * request's headers). Shown on the real Swift (test/openstack/audit-trail.test.ts): `HEAD` of
 * the batch follows the link and shows no `X-Delete-At`, `HEAD ?symlink=get` shows it on the
 * link, the version itself has none. So the object expirer, where the operator runs it, removes
 * at most the link; every version of the batch (the original, any overwrite, delete markers)
 * stays until someone deletes it by its version id.
 *
 * A batch's age is that of its oldest version: the sealer's upload, which is never earlier than
 * its seal time, so no batch is removed before `retentionDays` after it was sealed. A batch whose
 * oldest version is past retention goes whole (every version, delete markers included: an
 * overwrite made later belongs to the same batch); a younger batch is not touched at all, nor is
 * any object whose name is not one of this chain's batches.
 */
import { batchNamePattern } from "./batch";

/** One entry of a Swift `GET <container>?versions&format=json` listing. */
export interface ListedVersion {
  readonly name: string;
  /** Swift's version id: the write's timestamp ("1796337719.39216"), or "null". */
  readonly version_id: string;
  readonly is_latest: boolean;
  readonly content_type: string;
  /** UTC, without zone ("2026-12-03T22:41:59.392160"). */
  readonly last_modified: string;
}

/** One stored version to delete, `DELETE <object>?version-id=<versionId>`. */
export interface ExpiredVersion {
  readonly name: string;
  readonly versionId: string;
}

export interface RetentionPlan {
  /** Versions to delete, batch by batch, the latest of each batch first. */
  readonly expired: readonly ExpiredVersion[];
  /** Batches (object names) past retention. */
  readonly expiredBatches: readonly string[];
  /** Batches kept: younger than the retention. */
  readonly keptBatches: number;
  /** Listed objects that are not this chain's batches: never deleted. */
  readonly ignored: readonly string[];
}

export interface RetentionOptions {
  /** The chain id, e.g. "hdh-prod": batches are `<chain>/batches/<12 digits>.json`. */
  readonly chain: string;
  /** Days a batch is kept after its first upload. */
  readonly retentionDays: number;
  readonly now: Date;
}

/** Swift content type of a delete marker (object_versioning.py, DELETE_MARKER_CONTENT_TYPE). */
export const deleteMarkerContentType = "application/x-deleted;swift_versions_deleted=1";

/**
 * When a version was written, in milliseconds since the epoch. A version id is a Swift
 * timestamp, seconds with five decimals and an optional `_<offset>`; "null" (an object written
 * while versioning was off) has none, so its listing's `last_modified` (UTC) is used.
 */
export function versionWrittenAt(version: ListedVersion): number {
  const match = /^(\d+(?:\.\d+)?)(?:_[0-9a-f]+)?$/.exec(version.version_id);
  if (match) return Number(match[1]) * 1000;
  const modified = Date.parse(`${version.last_modified.replace(/Z$/, "")}Z`);
  if (Number.isNaN(modified)) {
    throw new Error(
      `${version.name}: version "${version.version_id}" has neither a timestamp id nor a last_modified date`,
    );
  }
  return modified;
}

export function planRetention(
  versions: readonly ListedVersion[],
  options: RetentionOptions,
): RetentionPlan {
  if (!Number.isInteger(options.retentionDays) || options.retentionDays < 1) {
    throw new Error(`retentionDays: ${options.retentionDays} must be a whole number of days >= 1`);
  }
  const pattern = batchNamePattern(options.chain);
  const cutoff = options.now.getTime() - options.retentionDays * 86_400_000;
  const byName = new Map<string, ListedVersion[]>();
  const ignored = new Set<string>();
  for (const version of versions) {
    if (!pattern.test(version.name)) {
      ignored.add(version.name);
      continue;
    }
    const list = byName.get(version.name) ?? [];
    list.push(version);
    byName.set(version.name, list);
  }
  const expired: ExpiredVersion[] = [];
  const expiredBatches: string[] = [];
  let keptBatches = 0;
  for (const [name, list] of [...byName].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const firstWrite = Math.min(...list.map(versionWrittenAt));
    if (firstWrite > cutoff) {
      keptBatches++;
      continue;
    }
    expiredBatches.push(name);
    // The latest first: deleting the version the link points to removes the link with it, so
    // the batch never shows an older version as current while the job runs.
    const ordered = [...list].sort((a, b) => Number(b.is_latest) - Number(a.is_latest));
    for (const version of ordered) expired.push({ name, versionId: version.version_id });
  }
  return { expired, expiredBatches, keptBatches, ignored: [...ignored].sort() };
}
