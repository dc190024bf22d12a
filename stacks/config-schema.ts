/**
 * The shape of a stack's `hdh:*` configuration, as a zod schema. Field-level rules live here
 * (types, formats, ranges); rules that relate fields to each other (overlapping CIDRs, regions of
 * the chosen profile, expiry in the future...) live in config-rules.ts.
 *
 * Every object is strict: a misspelt key is an error, never silently ignored.
 */
import { z } from "zod";
import { cloudProfiles } from "../policies/catalog/cloud-profiles";
import { dataTiers } from "../policies/catalog/data-tiers";
import {
  backupIdPattern,
  backupKeyPattern,
  csiClusterPattern,
  retentionDayBounds,
} from "../components/backup/backup-values";
import * as size from "./size-limits";
import { imagesSchema } from "./image-pins";

const cidr = z.string({ error: "expected a CIDR string such as 10.42.0.0/24" });

/** Kubernetes label-safe value: 1-63 characters, alphanumerics with - _ . inside. */
const labelSafe = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

const environmentSchema = z.enum(["dev", "staging", "prod"], {
  error: 'expected one of "dev", "staging", "prod"',
});

const cloudSchema = z.strictObject({
  /** Cloud profile id from policies/catalog/cloud-profiles.ts. */
  profile: z.enum(Object.keys(cloudProfiles) as [string, ...string[]], {
    error: `expected one of ${Object.keys(cloudProfiles).join(", ")}`,
  }),
  /** Region holding the platform and all health data. */
  primaryRegion: z
    .string({ error: "expected a region name such as GRA11" })
    .min(1)
    .max(size.openstackNameMax),
  /** Second EU region for backups and disaster recovery; required in production. */
  recoveryRegion: z.string().min(1).max(size.openstackNameMax).optional(),
  /** Keystone URL; defaults to the profile's. Required for generic-openstack. */
  authUrl: z
    .url({ protocol: /^https$/, error: "expected an https:// Keystone URL" })
    .max(size.urlMax)
    .optional(),
  /**
   * Where the operator attests that its object storage encrypts at rest in the stack's regions (a
   * contract clause, an audit report: a URL or a reference). Swift encrypts at rest only in the
   * operator's proxy, which a tenant can neither select nor see through the API
   * (https://docs.openstack.org/swift/latest/overview_encryption.html); the policy pack accepts the
   * stack's containers on this attestation. @default none: the pack refuses every container
   */
  objectStorageEncryptionAttestation: z
    .string()
    .min(10, "name the attestation: a URL or a document reference of at least 10 characters")
    .max(size.urlMax)
    .optional(),
  /** Encrypted Cinder volume type; defaults to the profile's. */
  encryptedVolumeType: z.string().min(1).max(size.openstackNameMax).optional(),
  /** Name of the provider's external (public) network, used only by the router and bastions. */
  externalNetwork: z.string().min(1).max(size.openstackNameMax).default("Ext-Net"),
  /**
   * For generic-openstack only: the regions the operator declares, with their country, since the
   * catalogue cannot know them. Each must be in the EU.
   */
  declaredRegions: z
    .array(
      z.strictObject({
        name: z.string().min(1).max(size.openstackNameMax),
        country: z.string().regex(/^[A-Z]{2}$/, "expected an ISO 3166 alpha-2 code such as FR"),
      }),
    )
    .max(size.declaredRegionsMax)
    .optional(),
  /**
   * For generic-openstack only: the services the operator's cloud offers, since the catalogue
   * cannot know them. `kubernetes: magnum` lets `hdh:cluster.mode: magnum` be used. @default none
   */
  services: z
    .strictObject({
      /** Kubernetes the cloud offers: OpenStack Magnum, or none (bring a kubeconfig). */
      kubernetes: z.enum(["magnum", "none"], { error: 'expected "magnum" or "none"' }),
    })
    .optional(),
});

const networkSchema = z.strictObject({
  /** Administrators' jump hosts. */
  bastion: cidr,
  /** Kubernetes nodes and platform services (registry, mirror, log shipping). */
  platform: cidr,
  /** Research workspaces' pods and their storage endpoints. */
  workspaces: cidr,
  /** Data services: object storage gateways, airlock, audit log store. */
  data: cidr,
  /** DNS resolvers handed out by DHCP; the provider's resolvers in the same region by default. */
  dnsNameservers: z.array(z.string()).max(4).default([]),
  /**
   * The only destinations bastions and Kubernetes nodes may reach over HTTPS (port 443): the
   * cloud's API endpoints, the EU registry, the OS package mirror. Never the whole internet.
   * @default [] (nothing leaves the platform over HTTPS)
   */
  egressHttpsCidrs: z.array(cidr).max(50).default([]),
  /**
   * Addresses of the object-storage endpoint workspaces keep their data in (HTTPS): the only
   * destination outside the cluster a workspace pod may reach.
   * @default [] (the data zone, where the object-storage gateway runs)
   */
  objectStorageCidrs: z.array(cidr).max(20).default([]),
});

const bastionSchema = z.strictObject({
  /** The only sources allowed to reach the bastions' SSH port. Never 0.0.0.0/0. */
  adminCidrs: z
    .array(cidr)
    .min(1, "name at least one administrators' network in CIDR form")
    .max(size.adminCidrsMax),
  /** Nova flavor of the bastion instances. */
  flavor: z.string().min(1).max(size.openstackNameMax),
  /** Glance image name of a supported, hardened Linux (Debian 12 by default). */
  image: z.string().min(1).max(size.openstackNameMax).default("Debian 12"),
  /** Availability zones the bastions are spread over, round robin. */
  availabilityZones: z
    .array(z.string().min(1).max(size.openstackNameMax))
    .min(1)
    .max(size.availabilityZonesMax)
    .default(["nova"]),
  /** How many bastions. @default 2 */
  count: z.number().int().min(1).max(5).default(2),
  /** Public key of the SSH certificate authority that signs administrators' certificates. */
  sshCaPublicKey: z
    .string()
    .max(size.sshPublicKeyMax)
    .regex(
      /^(ssh-ed25519|ecdsa-sha2-nistp(256|384|521)|ssh-rsa) [A-Za-z0-9+/=]+( .*)?$/,
      "expected an OpenSSH public key line (ssh-ed25519 AAAA...)",
    ),
  /** Boot volume size, in GiB. @default 20 */
  bootVolumeGiB: z.number().int().min(10).max(500).default(20),
  /**
   * Debian mirror the bastions take their (automatic) security updates from, over HTTPS; its
   * address must be in hdh:network.egressHttpsCidrs. @default "https://ftp.fr.debian.org/debian"
   */
  aptMirror: z
    .url({ protocol: /^https$/, error: "expected an https:// Debian mirror URL" })
    .max(size.urlMax)
    .default("https://ftp.fr.debian.org/debian"),
});

const keyConsumersSchema = z
  .array(
    z.string().regex(/^[0-9a-f]{32}$/, "expected a Keystone user id (32 hexadecimal characters)"),
  )
  .max(size.keyConsumersMax);

const kmsSchema = z.strictObject({
  /** Days between rotations of every key, recorded on the key. @default 90 */
  rotationDays: z.number().int().min(1).max(730).default(90),
  /**
   * Keystone user ids (service users) allowed to read each platform key, by purpose. Nobody else
   * in the project can read a key; the deploying identity and cloud admins always can.
   * @default {} (no consumer beyond the owner)
   */
  consumers: z
    .strictObject({
      /** Readers of the block-volume key. @default [] */
      volumes: keyConsumersSchema.default([]),
      /** Readers of the object-storage key. @default [] */
      objectStorage: keyConsumersSchema.default([]),
      /** Readers of the backups key. @default [] */
      backups: keyConsumersSchema.default([]),
    })
    .default({ volumes: [], objectStorage: [], backups: [] }),
});

const magnumClusterSchema = z.strictObject({
  mode: z.literal("magnum"),
  /** Kubernetes minor version the Magnum template provides, e.g. "1.30". */
  kubernetesVersion: z.string().regex(/^1\.\d{2}$/, 'expected a version such as "1.30"'),
  /** Glance image of the cluster nodes (Fedora CoreOS for Magnum). */
  image: z.string().min(1).max(size.openstackNameMax),
  masterFlavor: z.string().min(1).max(size.openstackNameMax),
  nodeFlavor: z.string().min(1).max(size.openstackNameMax),
  /** Control-plane nodes: 1 in dev, 3 for production quorum. @default 3 */
  masterCount: z
    .number()
    .int()
    .refine((n) => n === 1 || n === 3 || n === 5, {
      message: "expected 1, 3 or 5 control-plane nodes (an odd number for etcd quorum)",
    })
    .default(3),
  /** Worker nodes. @default 3 */
  nodeCount: z.number().int().min(1).max(500).default(3),
  /** Docker/containerd volume size on each node, in GiB. @default 50 */
  nodeVolumeGiB: z.number().int().min(20).max(2000).default(50),
});

const existingClusterSchema = z.strictObject({
  mode: z.literal("existing"),
  /** Kubeconfig of an existing cluster in the same EU region; must be set with --secret. */
  kubeconfig: z.string().min(1).max(size.kubeconfigMax),
  /** The cluster's API endpoint, for reports. */
  apiEndpoint: z.url({ protocol: /^https$/ }).max(size.urlMax),
});

/** A node pool of OVHcloud Managed Kubernetes. */
const ovhNodePoolSchema = z
  .strictObject({
    /** Pool name: lower-case letters, digits and dashes. */
    name: z
      .string()
      .regex(/^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/, "expected a name such as workers"),
    /** Instance flavor of the nodes, e.g. b3-16. */
    flavor: z.string().min(1).max(size.openstackNameMax),
    /** Nodes the pool starts with. */
    desiredNodes: z.number().int().min(1).max(100),
    /** Autoscaling floor. @default desiredNodes */
    minNodes: z.number().int().min(0).max(100).optional(),
    /** Autoscaling ceiling. @default desiredNodes */
    maxNodes: z.number().int().min(1).max(100).optional(),
  })
  .refine(
    (p) =>
      (p.minNodes ?? p.desiredNodes) <= p.desiredNodes &&
      p.desiredNodes <= (p.maxNodes ?? p.desiredNodes),
    { message: "expected minNodes <= desiredNodes <= maxNodes" },
  );

/**
 * OVHcloud Managed Kubernetes (MKS), created through OVHcloud's own API and Pulumi provider
 * (policies/catalog/provider-catalogue.ts: OVHcloud Public Cloud offers no Magnum).
 */
const ovhManagedClusterSchema = z.strictObject({
  mode: z.literal("ovh-managed"),
  /** Kubernetes minor version MKS offers, e.g. "1.31". */
  kubernetesVersion: z.string().regex(/^1\.\d{2}$/, 'expected a version such as "1.31"'),
  /** MKS plan: `free` or `standard` (the provider's two plans). @default free */
  plan: z.enum(["free", "standard"], { error: 'expected "free" or "standard"' }).default("free"),
  /**
   * Public Cloud project id. @default the OVH_CLOUD_PROJECT_SERVICE environment variable, read by
   * the OVHcloud provider (credentials never go in config).
   */
  projectId: z
    .string()
    .regex(/^[0-9a-f]{32}$/, "expected the 32-hex-digit Public Cloud project id")
    .optional(),
  /** Node pools, sized here: at least one. */
  nodePools: z
    .array(ovhNodePoolSchema)
    .min(1, "declare at least one node pool")
    .max(size.nodePoolsMax),
});

const clusterSchema = z.discriminatedUnion(
  "mode",
  [magnumClusterSchema, ovhManagedClusterSchema, existingClusterSchema],
  {
    error:
      'expected mode: "ovh-managed" (OVHcloud Managed Kubernetes), "magnum" (a cluster we create on an OpenStack that offers Magnum) or "existing" (kubeconfig given)',
  },
);

const authorisationSchema = z.discriminatedUnion(
  "kind",
  [
    z.strictObject({
      kind: z.literal("cnil-decision"),
      /** CNIL authorisation decision number, e.g. DR-2025-123. */
      reference: z
        .string()
        .regex(/^DR-\d{4}-\d{1,5}$/, "expected a CNIL decision number such as DR-2025-123"),
    }),
    z.strictObject({
      kind: z.literal("reference-methodology"),
      /**
       * CNIL reference methodology the project declared compliance with, MR-001 to MR-008. Each
       * covers only the data it names. MR-004 covers no SNDS data (SNDS data are outside MR-001 to
       * MR-004: https://filiere-mcgre.fr/espace-professionnels-de-sante/base-de-donnees-et-statut-cnil,
       * a secondary source; the deliberations themselves were not read: unverified); SNDS extracts
       * need a CNIL decision, MR-005/MR-006 (PMSI data only) or MR-007/MR-008 (the SNDS main base)
       * (CNIL, 12 October 2023: https://www.cnil.fr/fr/recherche-en-sante-la-cnil-adopte-deux-methodologies-de-reference-permettant-lacces-la-base).
       */
      reference: z
        .string()
        .regex(
          /^MR-00[1-8]$/,
          "expected a reference methodology MR-001 to MR-008, such as MR-004 (which covers no SNDS data)",
        ),
    }),
  ],
  { error: 'expected kind: "cnil-decision" or "reference-methodology" with its reference' },
);

/** A day, YYYY-MM-DD. */
const isoDay = (what: string) => z.iso.date({ error: `expected ${what} as YYYY-MM-DD` });

/** The archive of a closing workspace, as the archivist records it (docs/workspace-lifecycle.md). */
const archiveRecordSchema = z.strictObject({
  /** "pending" while data and logs are copied to the archive container; "done" once verified. */
  status: z.enum(["pending", "done"], { error: 'expected "pending" or "done"' }),
  /** Day the archive was verified complete; required once done. */
  completedOn: isoDay("the day the archive was verified").optional(),
  /** SHA-256 of the archive manifest (every archived object and its hash); required once done. */
  manifestSha256: z
    .string()
    .regex(/^[0-9a-f]{64}$/, "expected the archive manifest's SHA-256 (64 lower-case hex)")
    .optional(),
});

/** What becomes of the workspace's key: kept for the tier's retention, then destroyed. */
const keyFateSchema = z.strictObject({
  /** "retained" until destroyAfter, then "destroyed" (crypto-shredding of the archive). */
  fate: z.enum(["retained", "destroyed"], { error: 'expected "retained" or "destroyed"' }),
  /** Day after which the key is destroyed: the archive's end of retention. */
  destroyAfter: isoDay("the end of the archive's retention"),
  /** Day the key was destroyed; required once destroyed. */
  destroyedOn: isoDay("the day the key was destroyed").optional(),
});

/** A workspace being closed: access is revoked from the first deployment with this block. */
const closureSchema = z.strictObject({
  /** Day the closure was decided. */
  requestedOn: isoDay("the day the closure was decided"),
  archive: archiveRecordSchema,
  /** Required once the archive is done. */
  key: keyFateSchema.optional(),
});

const workspaceSchema = z.strictObject({
  /** Project id: lower-case DNS label, used in namespace and resource names. */
  id: z
    .string({ error: "every workspace needs an id" })
    .regex(
      /^[a-z0-9]([-a-z0-9]{0,28}[a-z0-9])?$/,
      "expected a lower-case DNS label of at most 30 characters, such as cardio-2026",
    ),
  /** OIDC group of the project's researchers (owner of the workspace). */
  ownerGroup: z
    .string({ error: "every workspace needs an ownerGroup (the researchers' OIDC group)" })
    .regex(labelSafe, "expected an OIDC group name of 1-63 letters, digits, '-', '_' or '.'"),
  /** Data classification tier, 0 (open) to 4 (most sensitive). */
  tier: z.union(dataTiers.map((t) => z.literal(t)) as unknown as [z.ZodLiteral<number>], {
    error: "expected a data tier from 0 to 4 (3 for pseudonymised SNDS extracts)",
  }),
  /** The regulatory authorisation the project runs under. */
  authorisation: authorisationSchema,
  /** End of the authorisation, YYYY-MM-DD: the workspace must be closed by then. */
  expires: z.iso.date({ error: "expected the authorisation's end date as YYYY-MM-DD" }),
  /** Analysis tool. @default "jupyter" */
  tool: z.enum(["jupyter", "rstudio"]).default("jupyter"),
  /** Persistent volume size for the researchers' work, in GiB. @default 20 */
  storageGiB: z.number().int().min(1).max(10_000).default(20),
  /** CPU limit of the analysis pod, in cores. @default 2 */
  cpu: z.number().min(0.25).max(64).default(2),
  /** Memory limit of the analysis pod, in GiB. @default 8 */
  memoryGiB: z.number().min(1).max(512).default(8),
  /** Present when the workspace is being closed (docs/workspace-lifecycle.md). @default open */
  closure: closureSchema.optional(),
});

/**
 * A workspace removed from the platform, kept in the register of processing activities with
 * its archive and the fate of its key. Only a workspace whose archive is done may be here.
 */
const closedWorkspaceSchema = workspaceSchema
  .pick({ id: true, ownerGroup: true, tier: true, authorisation: true, expires: true })
  .extend({
    /** Day the workspace's resources were removed. */
    closedOn: isoDay("the day the workspace was removed"),
    archive: archiveRecordSchema,
    key: keyFateSchema,
  });

/** Everything under the `hdh:` namespace of `stacks/Pulumi.<stack>.yaml`. */
const auditSchema = z.strictObject({
  /**
   * How long audit batches are kept, in days: CNIL's recommendation for access traces is six
   * months to one year, up to three for internal control (docs/audit.md). @default 365
   */
  retentionDays: z.number().int().min(180).max(1095).default(365),
  /**
   * OpenStack project (tenant) holding only the audit store, so the platform's operators cannot
   * delete audit objects. Required in production. @default none: the platform's own project
   */
  project: z.string().min(1).max(size.openstackNameMax).optional(),
});

/** A volume to create in the recovery region from a backup already there (docs/backup-and-restore.md). */
const volumeRestoreSchema = z.strictObject({
  /** Short key naming the restored volume (`<prefix>-restored-<key>`), e.g. "cardio-2026". */
  key: z.string().regex(backupKeyPattern, "expected a lower-case key of 1-40 characters"),
  /** The backup's id in the recovery region, from `openstack volume backup list`. */
  backupId: z
    .string()
    .regex(backupIdPattern, "expected a backup id (UUID) from `openstack volume backup list`"),
  /** Size of the restored volume, in GiB: at least the backed-up volume's size. */
  sizeGiB: z
    .number({ error: "expected the size in GiB, at least the backed-up volume's" })
    .int("expected a whole number of GiB")
    .min(1, "expected the size in GiB, at least the backed-up volume's")
    .max(16_384, "at most 16384 GiB per volume"),
});

/** Backups of the workspaces' data to the recovery region (components/backup). */
const backupSchema = z.strictObject({
  /**
   * The Cinder CSI driver's `--cluster` value: every volume it provisioned (the workspaces'
   * persistent volume claims) carries it as the property `cinder.csi.openstack.org/cluster`, and
   * every such volume is backed up. Required in production. @default none
   */
  csiCluster: z
    .string({ error: "expected the CSI driver's --cluster value, such as kubernetes" })
    .regex(csiClusterPattern, "expected the CSI driver's --cluster value, such as kubernetes")
    .optional(),
  /** When the job runs: a 5-field cron expression, in UTC. @default "30 1 * * *" */
  schedule: z
    .string({ error: 'expected a 5-field cron expression in UTC, such as "30 1 * * *"' })
    .max(size.cronMax)
    .optional(),
  /** Days a backup is kept in both regions. @default 35 */
  retentionDays: z
    .number({ error: "expected a number of days, such as 35" })
    .int("expected a whole number of days")
    .min(retentionDayBounds.min, `expected at least ${retentionDayBounds.min} day`)
    .max(retentionDayBounds.max, `expected at most ${retentionDayBounds.max} days (ten years)`)
    .optional(),
  /** Volumes to restore in the recovery region. @default [] */
  restores: z.array(volumeRestoreSchema).max(50).default([]),
});

/** The research gateway (components/gateway): how researchers reach their workspaces. */
const keystoneId = z
  .string()
  .regex(/^[0-9a-f]{32}$/, "expected a Keystone id (32 hexadecimal characters)");

const airlockSchema = z.strictObject({
  /**
   * Keystone id of the project holding the workspaces' containers (the platform's OpenStack
   * project): each reviewer's container names `<this id>:<their user id>` (docs/airlock.md).
   */
  platformProjectId: keystoneId,
  /**
   * The output reviewers, each with their own review container in every workspace; none means
   * no request of a tier that needs reviewers is ever approved. @default []
   */
  reviewers: z
    .array(
      z.strictObject({
        /** Short key in container names: 1-40 lower-case letters, digits or '-'. */
        key: z
          .string()
          .regex(/^[a-z0-9][a-z0-9-]{0,39}$/, "expected 1-40 lower-case letters, digits or '-'"),
        /** OIDC identity the reviewer's reviews carry, e.g. rita@hdh.example.fr. */
        person: z.string().min(3).max(size.emailMax),
        /** The reviewer's Keystone user id. */
        keystoneUserId: keystoneId,
      }),
    )
    .max(200)
    .default([]),
});

const gatewaySchema = z.strictObject({
  /** DNS name researchers open (the certificate's name), such as gateway.hdh.example.fr. */
  hostname: z
    .string({ error: "expected the gateway's DNS name, such as gateway.hdh.example.fr" })
    .regex(
      /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/,
      "expected a lower-case DNS name such as gateway.hdh.example.fr",
    ),
  /** Barbican certificate container the HTTPS listener serves (https://<barbican>/v1/containers/<uuid>). */
  certificateRef: z
    .string({ error: "expected the Barbican certificate container reference of the gateway" })
    .max(size.urlMax)
    .regex(
      /^https:\/\/[a-z0-9.-]+(:\d+)?\/v1\/containers\/[0-9a-f-]{36}$/i,
      "expected a Barbican certificate container reference: https://<barbican>/v1/containers/<uuid>",
    ),
  /**
   * Researchers' networks (universities, hospitals, VPN exits): the only sources of 443 and of the
   * 80 redirect. @default [] (then allowInternetResearchers must be set explicitly)
   */
  researcherCidrs: z.array(cidr).max(100).default([]),
  /**
   * Named opt-out: open 443 to every network. Shown in the policy settings (bastionPublicPorts).
   * @default false
   */
  allowInternetResearchers: z.boolean().default(false),
  /** The OpenID Connect provider researchers sign in with. */
  oidc: z.strictObject({
    /** Issuer named in the ID tokens, https://. */
    issuer: z
      .url({ protocol: /^https$/, error: "expected the https:// issuer URL" })
      .max(size.urlMax),
    /** Authorization endpoint, https://. */
    authorizationEndpoint: z
      .url({ protocol: /^https$/, error: "expected an https:// URL" })
      .max(size.urlMax),
    /** JWKS endpoint, https://. */
    jwksEndpoint: z
      .url({ protocol: /^https$/, error: "expected an https:// URL" })
      .max(size.urlMax),
    /** Client id registered for the gateway. */
    clientId: z.string().min(1).max(size.objectTextMax),
    /** Claim naming the person in logs and recordings. @default "email" */
    usernameClaim: z.string().min(1).max(size.objectTextMax).default("email"),
    /** Claim listing the person's groups (the workspaces' ownerGroup values). @default "groups" */
    groupsClaim: z.string().min(1).max(size.objectTextMax).default("groups"),
  }),
  /**
   * Addresses of the identity provider (the gateway fetches its signing keys over HTTPS).
   * @default [] (hdh:network.egressHttpsCidrs)
   */
  identityCidrs: z.array(cidr).max(20).default([]),
  /** Record every session's screen to an encrypted volume (docs/research-gateway.md). @default true */
  sessionRecording: z.boolean().default(true),
  /** Size of the recordings volume, in GiB. @default 100 */
  recordingsGiB: z.number().int().min(1).max(10_000).default(100),
});

export const platformConfigSchema = z.strictObject({
  environment: environmentSchema,
  cloud: cloudSchema,
  network: networkSchema,
  bastion: bastionSchema,
  cluster: clusterSchema,
  /** Key manager settings. @default rotation every 90 days, no consumer beyond the owner */
  kms: kmsSchema.default({
    rotationDays: 90,
    consumers: { volumes: [], objectStorage: [], backups: [] },
  }),
  /** Audit trail settings. @default one year of retention, in the platform's project */
  audit: auditSchema.default({ retentionDays: 365 }),
  /** Backups to the recovery region. @default object storage only, no restore */
  backup: backupSchema.default({ restores: [] }),
  /** The research gateway. @default none: workspaces accept no ingress at all */
  gateway: gatewaySchema.optional(),
  /** The airlock's reviewers and the project their containers live in. @default none: nothing needing review is approved */
  airlock: airlockSchema.optional(),
  /** Host (and optional path) of the platform's EU container registry, e.g. registry.hdh.example.fr/hdh. */
  registry: z
    .string({
      error: "expected the EU container registry host, such as registry.hdh.example.fr/hdh",
    })
    .max(size.registryMax)
    .regex(
      /^[a-z0-9.-]+(:\d+)?(\/[a-z0-9._/-]+)?$/,
      "expected a registry host with optional path, such as registry.hdh.example.fr/hdh",
    ),
  /**
   * The images as mirrored into the registry, each `{ tag, digest }` by key (stacks/image-pins.ts).
   * @default each component's pin, whose digest is a placeholder the plan reports
   */
  images: imagesSchema.default({}),
  /**
   * The research workspaces: each workspace stack's `hdh:workspace` (docs/hub-stacks.md), after
   * any written here inline. @default []
   */
  workspaces: z
    .array(workspaceSchema)
    .max(2000, "at most 2000 workspaces per stack; split the platform")
    .default([]),
  /** Closed workspaces, for the register and the archive's key fate. @default [] */
  closedWorkspaces: z.array(closedWorkspaceSchema).max(size.closedWorkspacesMax).default([]),
});

export type RawPlatformConfig = z.infer<typeof platformConfigSchema>;
export type RawWorkspaceConfig = z.infer<typeof workspaceSchema>;
export type RawClosedWorkspaceConfig = z.infer<typeof closedWorkspaceSchema>;
