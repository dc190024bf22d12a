/**
 * The audit trail's retention job, the one actor that deletes batches: a daily CronJob running
 * the sealer image's retention entry point (services/audit-sealer/retention-main.ts) with an
 * application credential of its own. Why it holds Swift's operator role, and what its access
 * rules still refuse it, is in retention-access.ts; which versions it deletes, in
 * audit/retention.ts. Its pods get no service-account token and reach only DNS and the HTTPS
 * API endpoints; the namespace denies everything else (audit-log.ts).
 */
import * as k8s from "@pulumi/kubernetes";
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { labelKeys } from "../../policies/catalog/labels";
import { hardenedContainerContext, hardenedPodContext } from "../shared/container-hardening";
import { clusterDnsEgress, httpsApiEgress } from "../shared/namespace-guards";
import { auditNamespace } from "./audit-log-args";
import { auditImageReference, type AuditImages } from "./images";
import { retentionAccessRules } from "./retention-access";
import { exclusiveSchedule } from "../shared/exclusive-schedule";

export interface AuditRetentionJobArgs {
  readonly chain: string;
  readonly container: openstack.objectstorage.Container;
  readonly retentionDays: number;
  /** Keystone roles of the credential: Swift's operator role on the audit project. */
  readonly roles: readonly string[];
  /** Cron schedule, UTC. */
  readonly schedule: string;
  readonly authUrl: string;
  readonly region: string;
  readonly registry: string;
  readonly images: AuditImages;
  readonly apiEgressCidrs: readonly string[];
  readonly namespace: k8s.core.v1.Namespace;
  readonly openstack: { parent: pulumi.Resource; provider: openstack.Provider };
  readonly kubernetes: { parent: pulumi.Resource; provider: k8s.Provider };
}

/** The credential, Secret, network policy and CronJob; returns the credential. */
export function auditRetentionJob(
  name: string,
  a: AuditRetentionJobArgs,
): openstack.identity.ApplicationCredential {
  const credential = new openstack.identity.ApplicationCredential(
    `${name}-retention`,
    {
      name: `${a.chain}-audit-retention`,
      description: `Retention job of the ${a.chain} audit trail: lists its container and deletes batch versions past ${a.retentionDays} days`,
      region: a.region,
      roles: [...a.roles],
      unrestricted: false,
      accessRules: a.container.name.apply(retentionAccessRules),
    },
    { ...a.openstack, additionalSecretOutputs: ["secret"] },
  );
  const labels = { [labelKeys.component]: "audit", app: "hdh-audit-retention" };
  const inNs = { ...a.kubernetes, dependsOn: [a.namespace] };
  const secret = new k8s.core.v1.Secret(
    `${name}-retention-credential`,
    {
      metadata: { name: "hdh-audit-retention", namespace: auditNamespace, labels },
      type: "Opaque",
      stringData: {
        OS_AUTH_URL: a.authUrl,
        OS_REGION_NAME: a.region,
        OS_APPLICATION_CREDENTIAL_ID: credential.id,
        OS_APPLICATION_CREDENTIAL_SECRET: pulumi.secret(credential.secret),
      },
    },
    inNs,
  );
  new k8s.networking.v1.NetworkPolicy(
    `${name}-retention-policy`,
    {
      metadata: { name: "hdh-audit-retention", namespace: auditNamespace, labels },
      spec: {
        podSelector: { matchLabels: labels },
        policyTypes: ["Ingress", "Egress"],
        ingress: [],
        egress: [clusterDnsEgress, ...httpsApiEgress(a.apiEgressCidrs)],
      },
    },
    inNs,
  );
  new k8s.batch.v1.CronJob(
    `${name}-retention-job`,
    {
      metadata: { name: "hdh-audit-retention", namespace: auditNamespace, labels },
      spec: {
        ...exclusiveSchedule(a.schedule),
        jobTemplate: {
          metadata: { labels },
          spec: {
            backoffLimit: 2,
            activeDeadlineSeconds: 6 * 3600,
            template: {
              metadata: { labels },
              spec: {
                restartPolicy: "Never",
                automountServiceAccountToken: false,
                securityContext: hardenedPodContext({ user: 65532, fsGroup: 65532 }),
                containers: [
                  {
                    name: "retention",
                    image: auditImageReference(a.registry, a.images.sealer),
                    command: ["node", "services/audit-sealer/retention-main.js"],
                    env: [
                      { name: "HDH_AUDIT_CHAIN", value: a.chain },
                      { name: "HDH_AUDIT_CONTAINER", value: a.container.name },
                      { name: "HDH_AUDIT_RETENTION_DAYS", value: String(a.retentionDays) },
                    ],
                    envFrom: [{ secretRef: { name: secret.metadata.name } }],
                    securityContext: hardenedContainerContext(),
                    resources: {
                      requests: { cpu: "50m", memory: "128Mi" },
                      limits: { cpu: "500m", memory: "512Mi" },
                    },
                  },
                ],
              },
            },
          },
        },
      },
    },
    inNs,
  );
  return credential;
}
