/**
 * What the Platform component takes: plain, documented values, one section per part it composes.
 * Sections reuse the part's own Args fields (`Pick<...>`), so each setting is documented once,
 * where it is used. stacks/platform-args.ts maps a validated stack configuration to these; the
 * component never reads the stack's configuration itself.
 */
import type { AirlockMoverArgs } from "../airlock/airlock-mover";
import type { BackupArgs } from "../backup/backup-args";
import type { BastionArgs } from "../bastion/bastion";
import type { ClusterSource } from "../cluster/cluster-source";
import type { GatewayArgs } from "../gateway/gateway-args";
import type { KmsArgs } from "../kms/kms";
import type { NetworkArgs } from "../network/network";
import type { WorkspaceSpec } from "../workspace/workspace-spec";
import type { DigestPin, WorkspaceImages } from "../workspace/images";
import type { GatewayImages } from "../gateway/images";
import type { AuditImages } from "../audit/images";
import type { RunnerImage } from "../backup/runner-image";

/** An EU region as the platform needs it: its name, and its ISO country for the audit store. */
export interface PlatformRegion {
  /** Region name, e.g. "GRA11". */
  readonly name: string;
  /** ISO 3166 alpha-2 country of the region, e.g. "FR". */
  readonly country: string;
}

/** The cloud the platform runs on. */
export interface PlatformCloud {
  /** Keystone URL (https) of the cloud. */
  readonly authUrl: string;
  /** Region holding the platform and all health data. */
  readonly primaryRegion: PlatformRegion;
  /** Second EU region for backups and the backups' key. @default none: no backup is deployed */
  readonly recoveryRegion?: PlatformRegion;
  /** Encrypted Cinder volume type, for every volume the platform creates. */
  readonly encryptedVolumeType: string;
  /** Name of the provider's external network (router gateway, bastions' floating IPs). */
  readonly externalNetwork: string;
  /**
   * OVHcloud API endpoint (e.g. "ovh-eu"), needed when `cluster.mode` is "ovh-managed".
   * @default none
   */
  readonly ovhApiEndpoint?: string;
}

/** The zoned network: one CIDR per zone and the few destinations outside it. */
export type PlatformNetwork = Pick<NetworkArgs, "zones"> &
  Required<Pick<NetworkArgs, "dnsNameservers" | "egressHttpsCidrs" | "objectStorageCidrs">>;

/** The bastions: the only way in for administrators. */
export type PlatformBastion = Pick<
  BastionArgs,
  | "count"
  | "availabilityZones"
  | "flavor"
  | "imageName"
  | "bootVolumeGiB"
  | "sshCaPublicKey"
  | "aptMirror"
> &
  Pick<NetworkArgs, "adminCidrs">;

/** The platform's keys. */
export type PlatformKms = Pick<KmsArgs, "consumers" | "rotationDays">;

/** The append-only audit store. */
export interface PlatformAudit {
  /** Days audit batches are kept (CNIL: six months to three years, docs/audit.md). */
  readonly retentionDays: number;
  /**
   * OpenStack project holding only the audit store, so operators cannot delete its objects.
   * @default none: the platform's own project
   */
  readonly project?: string;
}

/** Copies of the workspaces' data in the recovery region (components/backup). */
export type PlatformBackup = Pick<BackupArgs, "csiCluster" | "schedule" | "retentionDays"> &
  Required<Pick<BackupArgs, "restores">>;

/** The research gateway researchers open their workspaces through. */
export type PlatformGateway = Pick<
  GatewayArgs,
  | "hostname"
  | "certificateRef"
  | "researcherCidrs"
  | "allowInternetResearchers"
  | "oidc"
  | "identityCidrs"
  | "sessionRecording"
  | "recordingsGiB"
>;

/** The airlock's reviewers and the project their review containers live in. */
export type PlatformAirlock = Pick<AirlockMoverArgs, "platformProjectId" | "reviewers">;

/** Every image the platform runs, pinned by digest in its EU registry. */
export interface PlatformImages {
  /** The workspaces' analysis tools. */
  readonly workspace: WorkspaceImages;
  /** The research gateway's images. */
  readonly gateway: GatewayImages;
  /** The audit shipper and sealer. */
  readonly audit: AuditImages;
  /** The backup job's runner. */
  readonly backupRunner: RunnerImage;
  /** The package mirror's proxy. */
  readonly packageMirror: DigestPin;
  /** The airlock's mover. */
  readonly airlockMover: DigestPin;
}

export interface PlatformArgs {
  /** Stack name (dev, prod...): physical names are `hdh-<stack>-...`. */
  readonly stack: string;
  /** Production controls: deletion protection, retain on delete, dedicated audit project. @default false */
  readonly production?: boolean;
  /** The cloud and its regions. */
  readonly cloud: PlatformCloud;
  /** The zoned network. */
  readonly network: PlatformNetwork;
  /** The bastions and the administrators' networks. */
  readonly bastion: PlatformBastion;
  /** Where the Kubernetes cluster comes from. */
  readonly cluster: ClusterSource;
  /** The platform keys' rotation and readers. */
  readonly kms: PlatformKms;
  /** The audit store. */
  readonly audit: PlatformAudit;
  /** Backups to the recovery region. */
  readonly backup: PlatformBackup;
  /** The research gateway. @default none: no workspace accepts any ingress */
  readonly gateway?: PlatformGateway;
  /** The airlock's reviewers. @default none: nothing that needs a review is ever approved */
  readonly airlock?: PlatformAirlock;
  /** Host (and optional path) of the EU container registry, e.g. registry.hdh.example.fr/hdh. */
  readonly registry: string;
  /** The images, pinned by digest. @default each component's pin (placeholder digests) */
  readonly images?: PlatformImages;
  /**
   * The research workspaces the platform serves (gateway connection, airlock, backups). Each is
   * also created here unless listed in `workspacesInOwnStacks`.
   */
  readonly workspaces: readonly WorkspaceSpec[];
  /**
   * Ids of served workspaces that live in their own stacks (docs/hub-stacks.md): the platform
   * serves them but does not create them. @default [] (every workspace is created here)
   */
  readonly workspacesInOwnStacks?: readonly string[];
  /** OIDC group of the platform's operators, recorded as owner of shared resources. @default "hdh-platform-operators" */
  readonly operatorsGroup?: string;
  /** Namespace of the in-platform package mirror (components/mirror). @default "hdh-mirror" */
  readonly mirrorNamespace?: string;
  /** Namespace of the research gateway (components/gateway). @default "hdh-gateway" */
  readonly gatewayNamespace?: string;
}
