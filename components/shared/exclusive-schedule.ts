/**
 * How our maintenance CronJobs (backup, audit retention) are scheduled: in UTC, never two runs at
 * once (they would race on the same objects), a missed run started within the hour or left to the
 * next slot, and a short history of runs kept for the operators. Written once so both jobs keep
 * the same guarantees.
 */
import type * as k8s from "@pulumi/kubernetes";

export function exclusiveSchedule(
  schedule: string,
): Pick<
  k8s.types.input.batch.v1.CronJobSpec,
  | "schedule"
  | "timeZone"
  | "concurrencyPolicy"
  | "startingDeadlineSeconds"
  | "successfulJobsHistoryLimit"
  | "failedJobsHistoryLimit"
> {
  return {
    schedule,
    timeZone: "Etc/UTC",
    concurrencyPolicy: "Forbid",
    startingDeadlineSeconds: 3600,
    successfulJobsHistoryLimit: 3,
    failedJobsHistoryLimit: 5,
  };
}
