/**
 * The image the scheduled backup job runs, pinned by digest in the platform's EU registry.
 *
 * It holds only what the script in backup-script.ts calls: a POSIX shell with coreutils `date`,
 * `tr` and `tail`, python-openstackclient (the `openstack` command, with Cinder backups) and
 * rclone (Swift copies). It is built from docs/backup-and-restore.md#runner-image by the registry
 * team and runs as the non-root UID below.
 *
 * Placeholder policy, as for the workspace images (components/workspace/images.ts): this
 * repository cannot resolve digests, so the digest below is a placeholder (a run of zeros) that
 * no image has; a pull by it fails, so a forgotten placeholder fails closed. The registry team
 * writes the built image's digest here in one reviewed commit.
 */
export interface RunnerImage {
  /** Repository path under the platform registry. */
  readonly repository: string;
  /** Human-readable version, for reports only; never used to pull. */
  readonly tag: string;
  /** Content digest, "sha256:" and 64 hex characters. */
  readonly digest: string;
  /** Non-root UID (and GID) the image runs as. */
  readonly runAsUser: number;
}

export const backupRunnerImage: RunnerImage = {
  repository: "platform/openstack-backup",
  tag: "openstackclient-7.4.0-rclone-1.68.2",
  digest: "sha256:" + "0".repeat(48) + "0000000000000b01",
  runAsUser: 65532,
};

export const digestPattern = /^sha256:[0-9a-f]{64}$/;

/** The pull reference: registry, repository and digest; never a tag. */
export function runnerImageReference(registry: string, image: RunnerImage): string {
  return `${registry.replace(/\/+$/, "")}/${image.repository}@${image.digest}`;
}
