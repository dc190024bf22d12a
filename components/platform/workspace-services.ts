/**
 * The platform's services to research workspaces: the package mirror, what a workspace may reach
 * (DNS, mirror, object storage), the research gateway (one connection per open workspace), the
 * airlock's mover, and the backups of the workspaces' data. Each function builds one part under
 * the Platform (logical name `${name}-<part>`) from the Platform's args.
 */
import { tierControls } from "../../policies/catalog/data-tiers";
import { AirlockMover } from "../airlock/airlock-mover";
import { Backup, type BackedUpContainer } from "../backup/backup";
import type { Cluster } from "../cluster/cluster";
import { ResearchGateway } from "../gateway/gateway";
import { mirrorDestination, PackageMirror } from "../mirror/mirror";
import type { Network } from "../network/network";
import { ports } from "../network/security-rules";
import { workspaceImages } from "../workspace/images";
import { lifecycleStage } from "../workspace/lifecycle";
import { workspaceNamespace } from "../workspace/names";
import type { WorkspaceReach } from "../workspace/workspace-args";
import type { WorkspaceSpec } from "../workspace/workspace-spec";
import type { PlatformScope } from "./platform-scope";

/** Namespace of the research gateway when the args name none. */
export const defaultGatewayNamespace = "hdh-gateway";

/** The workspaces researchers may still open (not closing, not archived). */
export function openWorkspaces(workspaces: readonly WorkspaceSpec[]): WorkspaceSpec[] {
  return workspaces.filter((w) => lifecycleStage(w) === "open");
}

/**
 * Workspaces' only way to packages: the in-platform mirror, reached through the HTTPS egress
 * the operators declared (never the internet as such). Deployed only when a workspace's tier
 * uses it (the config refuses such workspaces without upstream addresses).
 */
export function createMirror(scope: PlatformScope, cluster: Cluster): PackageMirror | undefined {
  const { args } = scope;
  const needed = args.workspaces.some((w) => tierControls[w.tier].mirror !== "none");
  if (!needed) return undefined;
  return new PackageMirror(
    `${scope.name}-mirror`,
    {
      kubernetesProvider: cluster.kubernetesProvider,
      registry: args.registry,
      image: args.images?.packageMirror,
      upstreamCidrs: args.network.egressHttpsCidrs,
      namespace: args.mirrorNamespace,
    },
    { parent: scope.parent },
  );
}

/** Everything a workspace may reach; whatever is not here is denied (components/workspace). */
export function workspaceReach(scope: PlatformScope, mirror?: PackageMirror): WorkspaceReach {
  return {
    dns: {
      namespace: "kube-system",
      podLabels: { "k8s-app": "kube-dns" },
      ports: [
        { port: ports.dns, protocol: "UDP" },
        { port: ports.dns, protocol: "TCP" },
      ],
    },
    packageMirror: mirror?.destination ?? mirrorDestination(scope.args.mirrorNamespace),
    objectStorage: {
      cidrs: scope.objectStorageCidrs,
      ports: [{ port: ports.https, protocol: "TCP" }],
    },
  };
}

/**
 * Researchers' only way to their tools: the gateway, one connection per open workspace, each
 * workspace admitting only its own kiosk (components/gateway).
 */
export function createGateway(
  scope: PlatformScope,
  network: Network,
  cluster: Cluster,
): ResearchGateway | undefined {
  const { args } = scope;
  if (!args.gateway) return undefined;
  const zones = args.network.zones;
  return new ResearchGateway(
    `${scope.name}-gateway`,
    {
      ...args.gateway,
      namePrefix: scope.prefix,
      kubernetesProvider: cluster.kubernetesProvider,
      openstackProvider: scope.primary,
      region: scope.primaryRegion,
      registry: args.registry,
      images: args.images?.gateway,
      encryptedStorageClass: cluster.encryptedStorageClass,
      namespace: args.gatewayNamespace ?? defaultGatewayNamespace,
      edge: {
        subnetId: network.subnetIds.bastion,
        externalNetwork: args.cloud.externalNetwork,
        backendCidr: zones.platform,
        backendSubnetId: network.subnetIds.platform,
      },
      workspaces: openWorkspaces(args.workspaces).map((w) => ({
        projectId: w.id,
        ownerGroup: w.ownerGroup,
        tier: w.tier,
        namespace: workspaceNamespace(w.id),
        service: w.tool,
        toolPort: (args.images?.workspace ?? workspaceImages)[w.tool].port,
      })),
      ownership: scope.owner,
      production: scope.production,
    },
    { parent: scope.parent },
  );
}

/** The airlock's mover serves every open workspace: approved exports to the outbox, nothing else. */
export function createAirlockMover(
  scope: PlatformScope,
  cluster: Cluster,
): AirlockMover | undefined {
  const { args } = scope;
  const open = openWorkspaces(args.workspaces);
  if (open.length === 0) return undefined;
  return new AirlockMover(
    `${scope.name}-airlock`,
    {
      kubernetesProvider: cluster.kubernetesProvider,
      registry: args.registry,
      image: args.images?.airlockMover,
      projects: open.map((w) => ({ projectId: w.id, tier: w.tier, ownerGroup: w.ownerGroup })),
      authUrl: args.cloud.authUrl,
      region: scope.primaryRegion,
      objectStorageCidrs: scope.objectStorageCidrs,
      identityCidrs: args.network.egressHttpsCidrs,
      // Each reviewer's own review container in every open workspace (docs/airlock.md).
      openstackProvider: scope.primary,
      platformProjectId: args.airlock?.platformProjectId,
      reviewers: args.airlock?.reviewers,
      production: scope.production,
    },
    { parent: scope.parent },
  );
}

/**
 * Copies of the workspaces' data in the second EU region, on a schedule (components/backup).
 * The workspaces' persistent volumes are the Cinder CSI driver's, created after deployment: the
 * job finds them by the driver's cluster property (backup.csiCluster).
 */
export function createBackup(
  scope: PlatformScope,
  cluster: Cluster,
  containers: readonly BackedUpContainer[],
): Backup | undefined {
  const { args, recovery } = scope;
  const { csiCluster, schedule, retentionDays, restores } = args.backup;
  const somethingToBackUp =
    containers.length > 0 || csiCluster !== undefined || restores.length > 0;
  if (!recovery || !somethingToBackUp) return undefined;
  return new Backup(
    `${scope.name}-backup`,
    {
      namePrefix: scope.prefix,
      ownership: scope.owner,
      primaryProvider: scope.primary,
      primaryRegion: scope.primaryRegion,
      recoveryProvider: recovery.provider,
      recoveryRegion: recovery.region,
      containers,
      csiCluster,
      schedule,
      retentionDays,
      restores,
      encryptedVolumeType: args.cloud.encryptedVolumeType,
      production: scope.production,
      kubernetesProvider: cluster.kubernetesProvider,
      registry: args.registry,
      image: args.images?.backupRunner,
      authUrl: args.cloud.authUrl,
      apiCidrs: args.network.egressHttpsCidrs,
    },
    { parent: scope.parent },
  );
}
