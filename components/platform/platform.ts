/**
 * The whole platform of one stack, composed from its validated configuration: explicit
 * providers per region, the zoned network, the keys, the bastions, the cluster, and one
 * workspace per research project. Workspaces get plain values only (providers, ids, CIDRs,
 * endpoints), never this object, so one can move to its own stack unchanged.
 */
import * as ovh from "@ovhcloud/pulumi-ovh";
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { tierControls } from "../../policies/catalog/data-tiers";
import type { PlatformConfig } from "../../stacks/config";
import { AirlockMover } from "../airlock/airlock-mover";
import { AuditLog } from "../audit/audit-log";
import { Backup, type BackedUpContainer } from "../backup/backup";
import { Bastion } from "../bastion/bastion";
import { Cluster } from "../cluster/cluster";
import { gatewayPeer, ResearchGateway } from "../gateway/gateway";
import { Kms } from "../kms/kms";
import { mirrorDestination, PackageMirror } from "../mirror/mirror";
import { Network } from "../network/network";
import { ports } from "../network/security-rules";
import { ownershipTags, type Ownership } from "../shared/ownership";
import { workspaceImages } from "../workspace/images";
import { lifecycleStage } from "../workspace/lifecycle";
import { workspaceNamespace } from "../workspace/names";
import { Workspace } from "../workspace/workspace";
import type { WorkspaceReach } from "../workspace/workspace-args";

export interface PlatformArgs {
  /** The stack's validated configuration (stacks/config.ts). */
  readonly config: PlatformConfig;
  /** OIDC group of the platform's operators, recorded as owner of shared resources. @default "hdh-platform-operators" */
  readonly operatorsGroup?: string;
  /** Namespace of the in-platform package mirror (components/mirror). @default "hdh-mirror" */
  readonly mirrorNamespace?: string;
  /** Namespace of the research gateway (components/gateway). @default "hdh-gateway" */
  readonly gatewayNamespace?: string;
}

/** What an operator needs after a deployment, as exported by the stack. */
export interface WorkspaceSummary {
  readonly id: string;
  readonly tier: number;
  readonly ownerGroup: string;
  readonly expires: string;
  readonly namespace: pulumi.Output<string>;
}

export class Platform extends pulumi.ComponentResource {
  /** Public addresses administrators SSH to (bastions only). */
  public readonly bastionAddresses: pulumi.Output<string>[];
  /** The cluster's private API endpoint. */
  public readonly clusterEndpoint: pulumi.Output<string>;
  /** One entry per workspace. */
  public readonly workspaces: WorkspaceSummary[];
  /** URL researchers open their workspaces at, when the stack has a research gateway. */
  public readonly gatewayUrl?: string;
  /** Swift container of the append-only audit store. */
  public readonly auditContainer: pulumi.Output<string>;
  /**
   * The Kubernetes API audit policy the control plane must load (`--audit-policy-file`): Magnum
   * takes no custom policy, so operators install it on the masters (docs/audit.md).
   */
  public readonly kubeAuditPolicyYaml: string;

  constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hdh:platform:Platform", name, {}, opts);
    const config = args.config;
    const prefix = `hdh-${config.stack}`;
    const protectData = config.production;
    const primaryRegion = config.cloud.primaryRegion.name;
    const owner: Ownership = {
      project: "platform",
      // Shared infrastructure routes and stores every tier's data: classified as the highest.
      classification: "4",
      ownerGroup: args.operatorsGroup ?? "hdh-platform-operators",
    };

    const primary = new openstack.Provider(
      `${name}-primary`,
      { authUrl: config.cloud.authUrl, region: primaryRegion },
      { parent: this },
    );
    const recovery = config.cloud.recoveryRegion
      ? new openstack.Provider(
          `${name}-recovery`,
          { authUrl: config.cloud.authUrl, region: config.cloud.recoveryRegion.name },
          { parent: this },
        )
      : undefined;

    const zones = config.network.zones;
    const objectStorageCidrs =
      config.network.objectStorageCidrs.length > 0
        ? config.network.objectStorageCidrs
        : [zones.data];
    const network = new Network(
      `${name}-network`,
      {
        namePrefix: prefix,
        provider: primary,
        region: primaryRegion,
        zones,
        adminCidrs: config.bastion.adminCidrs,
        dnsNameservers: config.network.dnsNameservers,
        egressHttpsCidrs: config.network.egressHttpsCidrs,
        objectStorageCidrs: config.network.objectStorageCidrs,
        externalNetwork: config.cloud.externalNetwork,
        tags: ownershipTags(owner),
      },
      { parent: this },
    );

    new Kms(
      `${name}-kms`,
      {
        namePrefix: prefix,
        primary: { provider: primary, region: primaryRegion },
        recovery:
          recovery && config.cloud.recoveryRegion
            ? { provider: recovery, region: config.cloud.recoveryRegion.name }
            : undefined,
        consumers: config.kms.consumers,
        rotationDays: config.kms.rotationDays,
        protectData,
      },
      { parent: this },
    );

    const bastion = new Bastion(
      `${name}-bastion`,
      {
        namePrefix: prefix,
        provider: primary,
        region: primaryRegion,
        count: config.bastion.count,
        availabilityZones: config.bastion.availabilityZones,
        flavor: config.bastion.flavor,
        imageName: config.bastion.image,
        bootVolumeGiB: config.bastion.bootVolumeGiB,
        encryptedVolumeType: config.cloud.encryptedVolumeType,
        networkId: network.networkIds.bastion,
        subnetId: network.subnetIds.bastion,
        securityGroupId: network.securityGroupIds.bastion,
        externalNetwork: config.cloud.externalNetwork,
        sshCaPublicKey: config.bastion.sshCaPublicKey,
        aptMirror: config.bastion.aptMirror,
        ownership: owner,
      },
      { parent: this },
    );

    // OVHcloud Managed Kubernetes is driven through the OVHcloud API: an explicit provider on the
    // catalogue's endpoint (ovh-eu), credentials from the environment (OVH_APPLICATION_KEY...,
    // never in config or state).
    const ovhEndpoint = config.cloud.profile.entry.ovhApiEndpoint;
    const ovhProvider =
      config.cluster.mode === "ovh-managed" && ovhEndpoint
        ? new ovh.Provider(`${name}-ovh`, { endpoint: ovhEndpoint }, { parent: this })
        : undefined;
    const cluster = new Cluster(
      `${name}-cluster`,
      {
        namePrefix: prefix,
        source: config.cluster,
        provider: primary,
        region: primaryRegion,
        networkId: network.networkIds.platform,
        subnetId: network.subnetIds.platform,
        externalNetworkId: network.externalNetworkId,
        encryptedVolumeType: config.cloud.encryptedVolumeType,
        apiAllowedCidrs: [zones.bastion, zones.platform],
        ovh: ovhProvider && {
          provider: ovhProvider,
          apiAllowedPublicCidrs: [
            ...config.bastion.adminCidrs,
            ...bastion.publicAddresses.map((address) => pulumi.interpolate`${address}/32`),
          ],
        },
        dnsNameserver: config.network.dnsNameservers[0],
        protectData,
      },
      { parent: this },
    );

    // The audit store, in its own project in production so operators cannot delete its objects.
    const auditProvider = config.audit.project
      ? new openstack.Provider(
          `${name}-audit`,
          {
            authUrl: config.cloud.authUrl,
            region: primaryRegion,
            tenantName: config.audit.project,
          },
          { parent: this },
        )
      : primary;
    const audit = new AuditLog(
      `${name}-audit`,
      {
        stack: config.stack,
        production: config.production,
        openstackProvider: auditProvider,
        dedicatedProject: config.audit.project !== undefined,
        region: config.cloud.primaryRegion,
        kubernetesProvider: cluster.kubernetesProvider,
        registry: config.registry,
        authUrl: config.cloud.authUrl,
        retentionDays: config.audit.retentionDays,
        bastionCidrs: [zones.bastion],
        apiEgressCidrs: config.network.egressHttpsCidrs,
        ownership: owner,
      },
      { parent: this },
    );

    // Workspaces' only way to packages: the in-platform mirror, reached through the HTTPS egress
    // the operators declared (never the internet as such). Deployed only when a workspace's tier
    // uses it (the config refuses such workspaces without upstream addresses).
    const mirrorNeeded = config.workspaces.some((w) => tierControls[w.tier].mirror !== "none");
    const mirror = mirrorNeeded
      ? new PackageMirror(
          `${name}-mirror`,
          {
            kubernetesProvider: cluster.kubernetesProvider,
            registry: config.registry,
            upstreamCidrs: config.network.egressHttpsCidrs,
            namespace: args.mirrorNamespace,
          },
          { parent: this },
        )
      : undefined;

    const reach: WorkspaceReach = {
      dns: {
        namespace: "kube-system",
        podLabels: { "k8s-app": "kube-dns" },
        ports: [
          { port: ports.dns, protocol: "UDP" },
          { port: ports.dns, protocol: "TCP" },
        ],
      },
      packageMirror: mirror?.destination ?? mirrorDestination(args.mirrorNamespace),
      objectStorage: {
        cidrs: objectStorageCidrs,
        ports: [{ port: ports.https, protocol: "TCP" }],
      },
    };
    // Researchers' only way to their tools: the gateway, one connection per open workspace,
    // each workspace admitting only its own kiosk (components/gateway).
    const gatewayNamespace = args.gatewayNamespace ?? "hdh-gateway";
    const openProjects = config.workspaces.filter((w) => lifecycleStage(w) === "open");
    const gateway = config.gateway
      ? new ResearchGateway(
          `${name}-gateway`,
          {
            namePrefix: prefix,
            kubernetesProvider: cluster.kubernetesProvider,
            openstackProvider: primary,
            region: primaryRegion,
            registry: config.registry,
            encryptedStorageClass: cluster.encryptedStorageClass,
            namespace: gatewayNamespace,
            hostname: config.gateway.hostname,
            certificateRef: config.gateway.certificateRef,
            researcherCidrs: config.gateway.researcherCidrs,
            allowInternetResearchers: config.gateway.allowInternetResearchers,
            oidc: config.gateway.oidc,
            identityCidrs: config.gateway.identityCidrs,
            edge: {
              subnetId: network.subnetIds.bastion,
              externalNetwork: config.cloud.externalNetwork,
              backendCidr: zones.platform,
              backendSubnetId: network.subnetIds.platform,
            },
            workspaces: openProjects.map((w) => ({
              projectId: w.id,
              ownerGroup: w.ownerGroup,
              tier: w.tier,
              namespace: workspaceNamespace(w.id),
              service: w.tool,
              toolPort: workspaceImages[w.tool].port,
            })),
            ownership: owner,
            sessionRecording: config.gateway.sessionRecording,
            recordingsGiB: config.gateway.recordingsGiB,
            production: config.production,
          },
          { parent: this },
        )
      : undefined;

    const backedUpContainers: BackedUpContainer[] = [];
    this.workspaces = config.workspaces.map((workspace) => {
      const created = new Workspace(
        `${name}-ws-${workspace.id}`,
        {
          config: workspace,
          kubernetesProvider: cluster.kubernetesProvider,
          openstackProvider: primary,
          region: primaryRegion,
          registry: config.registry,
          encryptedStorageClass: cluster.encryptedStorageClass,
          reach,
          gateway: gateway ? gatewayPeer(gatewayNamespace, workspace.id) : undefined,
          production: config.production,
        },
        { parent: this },
      );
      for (const [area, container] of Object.entries(created.containers)) {
        backedUpContainers.push({
          key: `${workspace.id}-${area}`,
          name: container,
          ownership: {
            project: workspace.id,
            classification: String(workspace.tier),
            ownerGroup: workspace.ownerGroup,
          },
        });
      }
      return {
        id: workspace.id,
        tier: workspace.tier,
        ownerGroup: workspace.ownerGroup,
        expires: workspace.expires,
        namespace: created.namespace,
      };
    });

    // The airlock's mover serves every open workspace: approved exports to the outbox, nothing else.
    const openWorkspaces = openProjects;
    if (openWorkspaces.length > 0) {
      new AirlockMover(
        `${name}-airlock`,
        {
          kubernetesProvider: cluster.kubernetesProvider,
          registry: config.registry,
          projects: openWorkspaces.map((w) => ({
            projectId: w.id,
            tier: w.tier,
            ownerGroup: w.ownerGroup,
          })),
          authUrl: config.cloud.authUrl,
          region: primaryRegion,
          objectStorageCidrs,
          identityCidrs: config.network.egressHttpsCidrs,
          // Each reviewer's own review container in every open workspace (docs/airlock.md).
          openstackProvider: primary,
          platformProjectId: config.airlock?.platformProjectId,
          reviewers: config.airlock?.reviewers,
        },
        { parent: this },
      );
    }

    // Copies of the workspaces' data in the second EU region, on a schedule (components/backup).
    // The workspaces' persistent volumes are the Cinder CSI driver's, created after deployment:
    // the job finds them by the driver's cluster property (hdh:backup.csiCluster).
    const { csiCluster, schedule, retentionDays, restores } = config.backup;
    const somethingToBackUp =
      backedUpContainers.length > 0 || csiCluster !== undefined || restores.length > 0;
    if (recovery && config.cloud.recoveryRegion && somethingToBackUp) {
      new Backup(
        `${name}-backup`,
        {
          namePrefix: prefix,
          ownership: owner,
          primaryProvider: primary,
          primaryRegion,
          recoveryProvider: recovery,
          recoveryRegion: config.cloud.recoveryRegion.name,
          containers: backedUpContainers,
          csiCluster,
          schedule,
          retentionDays,
          restores,
          encryptedVolumeType: config.cloud.encryptedVolumeType,
          production: config.production,
          kubernetesProvider: cluster.kubernetesProvider,
          registry: config.registry,
          authUrl: config.cloud.authUrl,
          apiCidrs: config.network.egressHttpsCidrs,
        },
        { parent: this },
      );
    }

    this.bastionAddresses = bastion.publicAddresses;
    this.clusterEndpoint = cluster.apiEndpoint;
    this.gatewayUrl = gateway?.url;
    this.auditContainer = audit.containerName;
    this.kubeAuditPolicyYaml = audit.kubeAuditPolicyYaml;
    this.registerOutputs({
      bastionAddresses: this.bastionAddresses,
      clusterEndpoint: this.clusterEndpoint,
      auditContainer: this.auditContainer,
      gatewayUrl: this.gatewayUrl,
      workspaces: this.workspaces,
    });
  }
}
