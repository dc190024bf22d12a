/**
 * Arguments of the AuditLog component, and the defaults applied once. Plain values only: the
 * Platform passes slices of the validated PlatformConfig and its providers.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as openstack from "@pulumi/openstack";
import type { Ownership } from "../shared/ownership";
import type { AuditImages } from "./images";

/**
 * Stack names the audit store can be named after (chain `hdh-<stack>`, its container and key):
 * lower-case, 1-31 characters. The config layer refuses any other stack name up front.
 */
export const auditStackNamePattern = /^[a-z0-9][-a-z0-9]{0,30}$/;

export interface AuditLogArgs {
  /** Stack name: names the chain (`hdh-<stack>`), the container and the key. */
  readonly stack: string;
  /** Production controls: deletion protection and retain-on-delete on the store and its key. */
  readonly production: boolean;
  /**
   * OpenStack provider for the audit store. In production it must be scoped to a project that
   * holds only the audit store (set `dedicatedProject`), so the platform's operators, whose
   * credentials act in the platform project, cannot delete audit objects.
   */
  readonly openstackProvider: openstack.Provider;
  /** Whether `openstackProvider` is scoped to a project dedicated to the audit store. Required true in production. */
  readonly dedicatedProject: boolean;
  /** Primary EU region holding the store: its name and ISO country (from the validated config). */
  readonly region: { readonly name: string; readonly country: string };
  /** Kubernetes provider of the platform cluster, where the shipper and the sealer run. */
  readonly kubernetesProvider: k8s.Provider;
  /** Host (and path) of the platform's EU container registry. */
  readonly registry: string;
  /** Keystone URL the sealer authenticates against with its application credential. */
  readonly authUrl: string;
  /**
   * Project `openstackProvider` is scoped to, when it names one (the audit project): the key's
   * ACL is set by logging in there. @default the deployment's OS_PROJECT_NAME
   */
  readonly keystoneProject?: string;
  /**
   * Who answers for the audit store and how sensitive it is (labels and metadata the policy pack
   * reads). @default project "platform", classification "4" (it traces every tier), owner group
   * "hdh-platform-operators"
   */
  readonly ownership?: Ownership;
  /** How long audit batches are kept, in days. @default 365 */
  readonly retentionDays?: number;
  /** Swift storage policy (placement); at-rest encryption is the operator's proxy setting. @default the cluster's default */
  readonly storagePolicy?: string;
  /** Days between rotations of the audit key. @default 90 */
  readonly keyRotationDays?: number;
  /**
   * Keystone roles the sealer's write-only credential carries in the audit project: not an
   * operator role of Swift (which would bypass the container's ACLs). @default ["hdh-audit-writer"]
   */
  readonly writerRoles?: readonly string[];
  /**
   * Keystone roles of the retention job's credential in the audit project: Swift's operator role
   * (one of the proxy's `operator_roles`), the only grant Swift accepts for deleting an object
   * version; its access rules keep it to listing and deleting in the audit container
   * (retention-access.ts). @default ["swiftoperator"] (Swift's default operator role:
   * `operator_roles` "by default includes the admin and the swiftoperator roles",
   * swift/common/middleware/keystoneauth.py, https://opendev.org/openstack/swift)
   */
  readonly retentionRoles?: readonly string[];
  /** When the retention job runs, a cron schedule in UTC. @default "17 3 * * *" (daily) */
  readonly retentionSchedule?: string;
  /** Pinned images. @default defaultAuditImages */
  readonly images?: AuditImages;
  /** Glob of the API server's audit log files on control-plane nodes. @default "/var/log/kubernetes/audit/*.log" */
  readonly kubeAuditLogGlob?: string;
  /** Namespaces whose containers print airlock audit lines. @default ["hdh-airlock"] */
  readonly airlockNamespaces?: readonly string[];
  /** CIDRs the bastions send syslog from (the bastion zone). @default [] (no bastion ingest) */
  readonly bastionCidrs?: readonly string[];
  /** HTTPS destinations of the sealer (Keystone, Swift, Barbican endpoints), CIDRs. @default [] */
  readonly apiEgressCidrs?: readonly string[];
  /** Name of the kubernetes.io/tls Secret (in the audit namespace) the syslog receiver serves. @default "hdh-audit-ingest-tls" */
  readonly ingestTlsSecretName?: string;
  /** Longest time between two sealed batches, in seconds (empty batches when idle). @default 300 */
  readonly sealIntervalSeconds?: number;
}

export const auditDefaults = {
  ownership: {
    project: "platform",
    classification: "4",
    ownerGroup: "hdh-platform-operators",
  } satisfies Ownership,
  retentionDays: 365,
  keyRotationDays: 90,
  writerRoles: ["hdh-audit-writer"],
  retentionRoles: ["swiftoperator"],
  retentionSchedule: "17 3 * * *",
  kubeAuditLogGlob: "/var/log/kubernetes/audit/*.log",
  airlockNamespaces: ["hdh-airlock"],
  ingestTlsSecretName: "hdh-audit-ingest-tls",
  sealIntervalSeconds: 300,
} as const;

/** Kubernetes namespace of the sealer and the syslog receiver (Pod Security "restricted"). */
export const auditNamespace = "hdh-audit";
/** Namespace of the node shipper: the one place where a read-only hostPath mount is allowed. */
export const shipperNamespace = "hdh-audit-shipper";
/** Name of the node shipper DaemonSet, the named exception the policy pack may allow. */
export const shipperName = "hdh-audit-shipper";
/** The only hostPath the shipper mounts, read-only. */
export const shipperHostPath = "/var/log";
