/**
 * Backups to the second EU region: every run (on a schedule, as a Kubernetes CronJob) backs up
 * the listed volumes and copies them and the listed object-storage containers to the recovery
 * region, encrypted there too; restores create volumes in the recovery region from those backups.
 *
 * Why a CronJob: @pulumi/openstack 3.15.2 has no scheduled-backup resource (Cinder backups are
 * only read as `backupId`, Swift container sync is continuous, not a retained copy), so the job
 * calls the OpenStack API itself. See backup-job.ts for its hardening and backup-script.ts for
 * what one run does; docs/backup-and-restore.md for the restore procedure.
 */
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { ownershipMetadata, type Ownership } from "../shared/ownership";
import { throwIfInvalid } from "../shared/validation";
import { backupArgProblems, backupDefaults, type BackupArgs } from "./backup-args";
import { createBackupJob } from "./backup-job";
import { backupRunnerImage } from "./runner-image";

export type { BackupArgs, BackedUpContainer, BackedUpVolume, VolumeRestore } from "./backup-args";

export class Backup extends pulumi.ComponentResource {
  /** Swift container of the Cinder backups, same name in both regions. */
  public readonly backupContainer: pulumi.Output<string>;
  /** Replica container in the recovery region, by source container key. */
  public readonly replicaContainers: Readonly<Record<string, pulumi.Output<string>>>;
  /** Volumes restored in the recovery region, id by restore key. */
  public readonly restoredVolumeIds: Readonly<Record<string, pulumi.Output<string>>>;
  /** Namespace and name of the scheduled job, for monitoring. */
  public readonly cronJob: pulumi.Output<string>;

  constructor(name: string, args: BackupArgs, opts?: pulumi.ComponentResourceOptions) {
    throwIfInvalid("hdh:backup:Backup", backupArgProblems(args));
    super("hdh:backup:Backup", name, {}, opts);
    const volumes = args.volumes ?? [];
    const containers = args.containers ?? [];
    const restores = args.restores ?? [];
    const storagePolicy = args.storagePolicy;
    const production = args.production ?? false;
    const prefix = args.namePrefix;

    const primary = { parent: this, provider: args.primaryProvider };
    const recovery = { parent: this, provider: args.recoveryProvider };
    // Stateful copies: protected and kept by the cloud even if the stack forgets them.
    const keep = { protect: production, retainOnDelete: production };

    const container = (
      logical: string,
      physical: string,
      region: string,
      base: object,
      owner: Ownership = args.ownership,
    ) =>
      new openstack.objectstorage.Container(
        logical,
        {
          name: physical,
          region,
          storagePolicy,
          forceDestroy: false,
          metadata: ownershipMetadata({ ...owner, role: "backup" }),
        },
        { ...base, ...keep },
      );
    const backupContainerName = `${prefix}-volume-backups`;
    // Created here, encrypted, before Cinder would create it with the cloud's default policy.
    container(`${name}-primary-volume-backups`, backupContainerName, args.primaryRegion, primary);
    const recoveryBackups = container(
      `${name}-recovery-volume-backups`,
      backupContainerName,
      args.recoveryRegion,
      recovery,
    );
    this.backupContainer = recoveryBackups.name;

    const replicaContainers: Record<string, pulumi.Output<string>> = {};
    for (const source of containers) {
      replicaContainers[source.key] = container(
        `${name}-replica-${source.key}`,
        `${prefix}-replica-${source.key}`,
        args.recoveryRegion,
        recovery,
        source.ownership,
      ).name;
    }
    this.replicaContainers = replicaContainers;

    const restoredVolumeIds: Record<string, pulumi.Output<string>> = {};
    for (const restore of restores) {
      restoredVolumeIds[restore.key] = new openstack.blockstorage.Volume(
        `${name}-restore-${restore.key}`,
        {
          name: `${prefix}-restored-${restore.key}`,
          description: `Restored from backup ${restore.backupId} in ${args.recoveryRegion}`,
          backupId: restore.backupId,
          size: restore.sizeGiB,
          volumeType: args.encryptedVolumeType,
          region: args.recoveryRegion,
          metadata: ownershipMetadata({ ...args.ownership, role: "restore" }),
        },
        { ...recovery, ...keep },
      ).id;
    }
    this.restoredVolumeIds = restoredVolumeIds;

    // The job's own identity: an application credential whose secret is generated here and only
    // ever handled as a Pulumi secret (state, Kubernetes Secret, container environment).
    const credentialSecret = new random.RandomPassword(
      `${name}-credential-secret`,
      { length: 64, special: false },
      { parent: this },
    );
    const credential = new openstack.identity.ApplicationCredential(
      `${name}-credential`,
      {
        name: `${prefix}-backup`,
        description: `Scheduled backups from ${args.primaryRegion} to ${args.recoveryRegion}`,
        roles: [...(args.credentialRoles ?? backupDefaults.credentialRoles)],
        secret: credentialSecret.result,
        // Cannot create or delete other credentials, even if leaked.
        unrestricted: false,
        region: args.primaryRegion,
      },
      primary,
    );

    const job = createBackupJob(
      name,
      {
        namespace: args.namespace ?? backupDefaults.namespace,
        ownership: args.ownership,
        schedule: args.schedule ?? backupDefaults.schedule,
        retentionDays: args.retentionDays ?? backupDefaults.retentionDays,
        primaryRegion: args.primaryRegion,
        recoveryRegion: args.recoveryRegion,
        authUrl: args.authUrl,
        apiCidrs: args.apiCidrs,
        backupContainer: backupContainerName,
        volumesFile: pulumi
          .all(volumes.map((v) => pulumi.output(v.volumeId).apply((id) => `${v.key} ${id}\n`)))
          .apply((lines) => lines.join("")),
        containersFile: pulumi
          .all(
            containers.map((c) =>
              pulumi.output(c.name).apply((n) => `${n} ${prefix}-replica-${c.key}\n`),
            ),
          )
          .apply((lines) => lines.join("")),
        csiCluster: args.csiCluster ?? "",
        registry: args.registry,
        image: args.image ?? backupRunnerImage,
        credentialId: credential.id,
        credentialSecret: pulumi.secret(credentialSecret.result),
      },
      { parent: this, provider: args.kubernetesProvider },
    );
    this.cronJob = pulumi.interpolate`${job.metadata.namespace}/${job.metadata.name}`;

    this.registerOutputs({
      backupContainer: this.backupContainer,
      replicaContainers,
      restoredVolumeIds,
      cronJob: this.cronJob,
    });
  }
}
