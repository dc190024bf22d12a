/**
 * What the backup component needs, as plain values, and the checks it makes before creating
 * anything. The Platform (components/platform) builds these from the validated stack config.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as openstack from "@pulumi/openstack";
import type * as pulumi from "@pulumi/pulumi";
import { isInternetWide, isNetworkAddress, parseCidr } from "../network/cidr";
import type { Ownership } from "../shared/ownership";
import type { ArgProblem } from "../shared/validation";
import {
  backupIdPattern,
  backupKeyPattern,
  cronScheduleProblem,
  csiClusterPattern,
  retentionDaysProblem,
} from "./backup-values";
import { digestPattern, type RunnerImage } from "./runner-image";

/** A block volume of the primary region, backed up on every run. */
export interface BackedUpVolume {
  /** Short, stable key naming its backups (`hdh-<key>-<date>`), e.g. "workspace-cardio-2026". */
  readonly key: string;
  /** Cinder volume id (or unique name) in the primary region. */
  readonly volumeId: pulumi.Input<string>;
}

/** An object-storage container of the primary region, mirrored on every run. */
export interface BackedUpContainer {
  /** Short, stable key naming its replica (`<prefix>-replica-<key>`), e.g. "cardio-2026-egress". */
  readonly key: string;
  /** The container's name in the primary region. */
  readonly name: pulumi.Input<string>;
  /** Who answers for the data, written on the replica as on the source. @default the Backup's `ownership` */
  readonly ownership?: Ownership;
}

/** A volume to create in the recovery region from a backup already imported there. */
export interface VolumeRestore {
  /** Short key of the restored volume, used in its logical and physical names. */
  readonly key: string;
  /** Id of the Cinder backup in the recovery region (`openstack volume backup list`). */
  readonly backupId: string;
  /** Size of the new volume in GiB; at least the backed-up volume's size. */
  readonly sizeGiB: number;
}

export interface BackupArgs {
  /** Prefix of every physical name, e.g. "hdh-prod". */
  readonly namePrefix: string;
  /**
   * Who answers for the backups, written as metadata on every container and restored volume
   * (platform-wide copies hold every tier's data: classify them as the highest).
   */
  readonly ownership: Ownership;
  /** OpenStack provider of the primary region (where the data lives). */
  readonly primaryProvider: openstack.Provider;
  /** The primary region's name; set on every resource created there. */
  readonly primaryRegion: string;
  /** OpenStack provider of the recovery region: a second EU region of the same cloud. */
  readonly recoveryProvider: openstack.Provider;
  /** The recovery region's name; must differ from the primary region. */
  readonly recoveryRegion: string;
  /** Volumes backed up on every run. @default [] */
  readonly volumes?: readonly BackedUpVolume[];
  /** Object-storage containers of the primary region copied to the recovery region. @default [] */
  readonly containers?: readonly BackedUpContainer[];
  /**
   * Also back up every volume the cluster's Cinder CSI driver provisioned (the persistent volumes
   * of workspaces, created after deployment): the value of the driver's `--cluster` flag, which it
   * writes as volume metadata `cinder.csi.openstack.org/cluster`. @default none
   */
  readonly csiCluster?: pulumi.Input<string>;
  /** When the job runs: a 5-field cron expression, in UTC. @default "30 1 * * *" (01:30 daily) */
  readonly schedule?: string;
  /** Days a backup (and an object deleted at the source) is kept in both regions. @default 35 */
  readonly retentionDays?: number;
  /** Encrypted Cinder volume type of the recovery region, used by restores. */
  readonly encryptedVolumeType: string;
  /**
   * Swift storage policy (placement) of the backup containers, in both regions. At-rest
   * encryption is the operator's proxy setting, not a policy. @default the cluster's default
   */
  readonly storagePolicy?: string;
  /** Keystone roles the job's application credential carries. @default ["member"] */
  readonly credentialRoles?: readonly string[];
  /** Production: protect the backup containers and restored volumes, retain them on delete. @default false */
  readonly production?: boolean;
  /** Provider of the Kubernetes cluster the scheduled job runs in. */
  readonly kubernetesProvider: k8s.Provider;
  /** Namespace created for the job. @default "hdh-backup" */
  readonly namespace?: string;
  /** The platform's EU container registry, host and optional path. */
  readonly registry: string;
  /** The job's image, pinned by digest. @default backupRunnerImage from ./runner-image */
  readonly image?: RunnerImage;
  /** Keystone URL the job authenticates against (https). */
  readonly authUrl: string;
  /** Addresses of the cloud's API endpoints (Keystone, Cinder, Swift): the job's only egress, HTTPS. */
  readonly apiCidrs: readonly string[];
  /** Volumes to restore in the recovery region from existing backups. @default [] */
  readonly restores?: readonly VolumeRestore[];
}

export const backupDefaults = {
  schedule: "30 1 * * *",
  retentionDays: 35,
  credentialRoles: ["member"] as readonly string[],
  namespace: "hdh-backup",
};

/** Every problem with the arguments, each with its path and fix; empty when they are usable. */
export function backupArgProblems(args: BackupArgs): ArgProblem[] {
  const problems: ArgProblem[] = [];
  const add = (propertyPath: string, reason: string) => problems.push({ propertyPath, reason });
  const volumes = args.volumes ?? [];
  const containers = args.containers ?? [];
  const restores = args.restores ?? [];

  if (!/^[a-z0-9][-a-z0-9]{0,30}$/.test(args.namePrefix)) {
    add("namePrefix", `"${args.namePrefix}" is not a short lower-case name such as hdh-prod`);
  }
  if (!args.primaryRegion) add("primaryRegion", "name the primary region");
  if (!args.recoveryRegion) add("recoveryRegion", "name the recovery region (a second EU region)");
  if (args.primaryRegion && args.primaryRegion === args.recoveryRegion) {
    add(
      "recoveryRegion",
      `"${args.recoveryRegion}" is the primary region; backups must leave it (hdh:cloud.recoveryRegion)`,
    );
  }
  if (volumes.length + containers.length + restores.length === 0 && args.csiCluster === undefined) {
    add(
      "volumes",
      "nothing to back up or restore: pass volumes or containers, or create no Backup",
    );
  }
  duplicates(volumes.map((v) => v.key)).forEach((k) => add("volumes", `key "${k}" is used twice`));
  volumes.forEach((v, i) => {
    if (!backupKeyPattern.test(v.key))
      add(`volumes[${i}].key`, `"${v.key}" is not a lower-case key of 1-40 characters`);
  });
  duplicates(containers.map((c) => c.key)).forEach((k) =>
    add("containers", `key "${k}" is used twice`),
  );
  containers.forEach((c, i) => {
    if (!backupKeyPattern.test(c.key)) {
      add(`containers[${i}].key`, `"${c.key}" is not a lower-case key of 1-40 characters`);
    }
  });
  const scheduleProblem = cronScheduleProblem(args.schedule ?? backupDefaults.schedule);
  if (scheduleProblem) add("schedule", scheduleProblem);
  const retentionProblem = retentionDaysProblem(args.retentionDays ?? backupDefaults.retentionDays);
  if (retentionProblem) add("retentionDays", retentionProblem);
  if (typeof args.csiCluster === "string" && !csiClusterPattern.test(args.csiCluster)) {
    add(
      "csiCluster",
      `"${args.csiCluster}" is not a Cinder CSI cluster name (the driver's --cluster value)`,
    );
  }
  if (!args.encryptedVolumeType)
    add("encryptedVolumeType", "name the recovery region's encrypted volume type");
  if (args.storagePolicy === "") {
    add("storagePolicy", "name a Swift storage policy, or leave it out for the cluster's default");
  }
  if ((args.credentialRoles ?? backupDefaults.credentialRoles).some((r) => r === "admin")) {
    add(
      "credentialRoles",
      'the job never needs "admin"; grant the backup record roles documented in docs/backup-and-restore.md',
    );
  }
  if (!/^https:\/\//.test(args.authUrl))
    add("authUrl", `"${args.authUrl}" is not an https:// Keystone URL`);
  if (args.apiCidrs.length === 0)
    add("apiCidrs", "name the cloud API endpoints' addresses, the job's only egress");
  args.apiCidrs.forEach((text, i) => {
    const cidr = parseCidr(text);
    if (!cidr || !isNetworkAddress(cidr))
      add(`apiCidrs[${i}]`, `"${text}" is not a network address such as 192.0.2.0/24`);
    else if (isInternetWide(cidr))
      add(`apiCidrs[${i}]`, `${text} is the whole internet; name the API endpoints' ranges`);
  });
  if (args.image && !digestPattern.test(args.image.digest)) {
    add(
      "image.digest",
      `"${args.image.digest}" is not a sha256 digest; pin the mirrored image by digest`,
    );
  }
  if (args.image && (!Number.isInteger(args.image.runAsUser) || args.image.runAsUser < 1)) {
    add("image.runAsUser", `${args.image.runAsUser} is not a non-root UID`);
  }
  duplicates(restores.map((r) => r.key)).forEach((k) =>
    add("restores", `key "${k}" is used twice`),
  );
  restores.forEach((r, i) => {
    if (!backupKeyPattern.test(r.key))
      add(`restores[${i}].key`, `"${r.key}" is not a lower-case key of 1-40 characters`);
    if (!backupIdPattern.test(r.backupId)) {
      add(
        `restores[${i}].backupId`,
        `"${r.backupId}" is not a backup id (UUID) from \`openstack volume backup list\``,
      );
    }
    if (!Number.isInteger(r.sizeGiB) || r.sizeGiB < 1)
      add(`restores[${i}].sizeGiB`, `${r.sizeGiB} is not a size in whole GiB`);
  });
  return problems;
}

function duplicates(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return [...new Set(values.filter((v) => (seen.has(v) ? true : (seen.add(v), false))))];
}
