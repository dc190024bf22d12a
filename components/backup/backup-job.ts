/**
 * The scheduled backup job: OpenStack has no scheduled-backup resource (neither Cinder nor Swift
 * in @pulumi/openstack 3.15.2), so a Kubernetes CronJob calls the OpenStack API on a schedule.
 *
 * Hardened: its own namespace under the `restricted` Pod Security Standard; no ingress; egress to
 * DNS and the cloud's API endpoints only; non-root, read-only root filesystem, no capabilities,
 * no privilege escalation, RuntimeDefault seccomp, no service-account token; image from the EU
 * registry by digest; credentials read from a Secret into the environment, never in the spec.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { labelKeys } from "../../policies/catalog/labels";
import { ownershipMetadata, type Ownership } from "../shared/ownership";
import { backupScript } from "./backup-script";
import { runnerImageReference, type RunnerImage } from "./runner-image";
import {
  clusterDnsEgress,
  httpsApiEgress,
  restrictedPodSecurityLabels,
} from "../shared/namespace-guards";
import { hardenedContainerContext, hardenedPodContext } from "../shared/container-hardening";
import { exclusiveSchedule } from "../shared/exclusive-schedule";

export interface BackupJobArgs {
  readonly namespace: string;
  /** Who answers for the namespace, as its labels (label-safe values). */
  readonly ownership: Ownership;
  readonly schedule: string;
  readonly retentionDays: number;
  readonly primaryRegion: string;
  readonly recoveryRegion: string;
  readonly authUrl: string;
  readonly apiCidrs: readonly string[];
  /** Swift container holding the Cinder backups, same name in both regions. */
  readonly backupContainer: pulumi.Input<string>;
  /** `<key> <volume id>` per line. */
  readonly volumesFile: pulumi.Input<string>;
  /** `<source container> <replica container>` per line. */
  readonly containersFile: pulumi.Input<string>;
  /** Cinder CSI cluster whose volumes are backed up too; "" for none. */
  readonly csiCluster: pulumi.Input<string>;
  readonly registry: string;
  readonly image: RunnerImage;
  readonly credentialId: pulumi.Input<string>;
  /** Secret: the application credential's secret. */
  readonly credentialSecret: pulumi.Output<string>;
}

/** `labelKeys.role` of the backup namespace and pods. */
export const backupRole = "backup";
const credentialKeys = {
  id: "OS_APPLICATION_CREDENTIAL_ID",
  secret: "OS_APPLICATION_CREDENTIAL_SECRET",
};

/** Creates the job's Kubernetes objects under `parent`; returns the CronJob. */
export function createBackupJob(
  name: string,
  args: BackupJobArgs,
  opts: { parent: pulumi.Resource; provider: k8s.Provider },
): k8s.batch.v1.CronJob {
  const labels = { [labelKeys.role]: backupRole, [labelKeys.component]: "backup" };
  const namespace = new k8s.core.v1.Namespace(
    `${name}-namespace`,
    {
      metadata: {
        name: args.namespace,
        labels: {
          ...ownershipMetadata(args.ownership),
          ...labels,
          ...restrictedPodSecurityLabels,
        },
      },
    },
    opts,
  );
  const ns = namespace.metadata.name;
  const credentials = new k8s.core.v1.Secret(
    `${name}-credentials`,
    {
      metadata: { name: "openstack-credentials", namespace: ns, labels },
      type: "Opaque",
      // Only the secret: the credential's id names it in Keystone and is passed in plain.
      stringData: { [credentialKeys.secret]: pulumi.secret(args.credentialSecret) },
    },
    opts,
  );
  const script = new k8s.core.v1.ConfigMap(
    `${name}-script`,
    {
      metadata: { name: "backup-script", namespace: ns, labels },
      data: {
        "backup.sh": backupScript,
        volumes: args.volumesFile,
        containers: args.containersFile,
      },
    },
    opts,
  );
  new k8s.networking.v1.NetworkPolicy(
    `${name}-network-policy`,
    {
      metadata: { name: "backup-egress-only", namespace: ns, labels },
      spec: {
        podSelector: {},
        policyTypes: ["Ingress", "Egress"],
        ingress: [],
        egress: [
          clusterDnsEgress,
          // backup-args.ts refuses an empty list, so this is never an empty (allow-all) rule.
          ...httpsApiEgress(args.apiCidrs),
        ],
      },
    },
    opts,
  );
  const fromSecret = (key: string) => ({
    name: key,
    valueFrom: { secretKeyRef: { name: credentials.metadata.name, key } },
  });
  const uid = args.image.runAsUser;
  return new k8s.batch.v1.CronJob(
    `${name}-cronjob`,
    {
      metadata: { name: "backup-to-recovery-region", namespace: ns, labels },
      spec: {
        ...exclusiveSchedule(args.schedule),
        jobTemplate: {
          metadata: { labels },
          spec: {
            backoffLimit: 2,
            activeDeadlineSeconds: 20 * 3600,
            template: {
              metadata: { labels },
              spec: {
                restartPolicy: "Never",
                automountServiceAccountToken: false,
                securityContext: hardenedPodContext({ user: uid, fsGroup: uid }),
                containers: [
                  {
                    name: "backup",
                    image: runnerImageReference(args.registry, args.image),
                    imagePullPolicy: "IfNotPresent",
                    command: ["/bin/sh", "/etc/hdh-backup/backup.sh"],
                    env: [
                      { name: "PRIMARY_REGION", value: args.primaryRegion },
                      { name: "RECOVERY_REGION", value: args.recoveryRegion },
                      { name: "RETENTION_DAYS", value: String(args.retentionDays) },
                      { name: "BACKUP_CONTAINER", value: args.backupContainer },
                      { name: "OS_AUTH_URL", value: args.authUrl },
                      { name: "HOME", value: "/tmp" },
                      { name: "HDH_BACKUP_DIR", value: "/etc/hdh-backup" },
                      { name: "CSI_CLUSTER", value: args.csiCluster },
                      { name: credentialKeys.id, value: args.credentialId },
                      fromSecret(credentialKeys.secret),
                    ],
                    securityContext: hardenedContainerContext(),
                    resources: {
                      requests: { cpu: "100m", memory: "256Mi" },
                      limits: { cpu: "1", memory: "1Gi", "ephemeral-storage": "1Gi" },
                    },
                    volumeMounts: [
                      { name: "script", mountPath: "/etc/hdh-backup", readOnly: true },
                      { name: "tmp", mountPath: "/tmp" },
                    ],
                  },
                ],
                volumes: [
                  { name: "script", configMap: { name: script.metadata.name, defaultMode: 0o444 } },
                  { name: "tmp", emptyDir: { sizeLimit: "1Gi" } },
                ],
              },
            },
          },
        },
      },
    },
    opts,
  );
}
