/**
 * What a backup key, a backup id, a schedule, a retention and a Cinder CSI cluster name may be.
 * Shared by the stack config (`hdh:backup`, refused before anything is registered) and the
 * Backup component (refused when it is used on its own), so the two never disagree.
 */

/** Short, stable key naming backups and restored volumes: lower case, 1-40 characters. */
export const backupKeyPattern = /^[a-z0-9]([-a-z0-9]{0,38}[a-z0-9])?$/;

/** A Cinder backup id, as `openstack volume backup list` prints it. */
export const backupIdPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * The Cinder CSI driver's `--cluster` value, which it writes on every volume it provisions as the
 * property `cinder.csi.openstack.org/cluster`. Kept to characters that need no quoting in the
 * job's `openstack volume list --property` call.
 */
export const csiClusterPattern = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,126}[A-Za-z0-9])?$/;

/** Days a backup is kept: at least one, at most ten years. */
export const retentionDayBounds = { min: 1, max: 3650 } as const;

/** One cron field: numbers, ranges, steps, lists, `*`; names are refused to keep parsing obvious. */
const cronField = /^(\*|\d+(-\d+)?)(\/\d+)?(,(\*|\d+(-\d+)?)(\/\d+)?)*$/;

/** Why `schedule` is not a 5-field cron expression, or undefined when it is one. */
export function cronScheduleProblem(schedule: string): string | undefined {
  const fields = schedule.trim().split(/\s+/);
  return fields.length === 5 && fields.every((f) => cronField.test(f))
    ? undefined
    : `"${schedule}" is not a 5-field cron expression such as "30 1 * * *"`;
}

/** Why `days` is not a usable retention, or undefined when it is. */
export function retentionDaysProblem(days: number): string | undefined {
  return Number.isInteger(days) && days >= retentionDayBounds.min && days <= retentionDayBounds.max
    ? undefined
    : `${days} is not a whole number of days from ${retentionDayBounds.min} to ${retentionDayBounds.max}`;
}
