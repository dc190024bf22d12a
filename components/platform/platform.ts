/**
 * The whole platform of one stack, composed in the order a reader follows it: the regions'
 * providers, the foundation every workspace runs on (network, keys, bastions, cluster, audit;
 * foundation.ts), the services to workspaces (mirror, gateway; workspace-services.ts), the
 * workspaces themselves, then what serves them all (airlock mover, backups). Workspaces get plain
 * values only (providers, ids, CIDRs, endpoints), never this object, so one can move to its own
 * stack unchanged. Every part is a child named `${name}-<part>`.
 */
import * as pulumi from "@pulumi/pulumi";
import type { BackedUpContainer } from "../backup/backup";
import { workspaceImages } from "../workspace/images";
import { containerName, storageAreas } from "../workspace/names";
import { gatewayPeer } from "../gateway/gateway";
import { Workspace } from "../workspace/workspace";
import type { WorkspaceReach } from "../workspace/workspace-args";
import type { WorkspaceSpec } from "../workspace/workspace-spec";
import { createAudit, createBastion, createCluster, createKms, createNetwork } from "./foundation";
import type { PlatformArgs } from "./platform-args";
import { platformContractVersion, type PlatformContract } from "./platform-contract";
import { platformScope, type PlatformScope } from "./platform-scope";
import {
  createAirlockMover,
  createBackup,
  createGateway,
  createMirror,
  defaultGatewayNamespace,
  workspaceReach,
} from "./workspace-services";
import type { Cluster } from "../cluster/cluster";

export type { PlatformArgs } from "./platform-args";

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
  /** What a workspace stack needs from this platform (platform-contract.ts). */
  public readonly contract: pulumi.Output<PlatformContract>;
  /** The cluster's kubeconfig (secret), for workspace stacks' Kubernetes providers. */
  public readonly kubeconfig: pulumi.Output<string>;

  constructor(name: string, args: PlatformArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hdh:platform:Platform", name, {}, opts);
    const scope = platformScope(name, this, args);

    const network = createNetwork(scope);
    createKms(scope);
    const bastion = createBastion(scope, network);
    const cluster = createCluster(scope, network, bastion);
    const audit = createAudit(scope, cluster);

    const mirror = createMirror(scope, cluster);
    const reach = workspaceReach(scope, mirror);
    const gateway = createGateway(scope, network, cluster);

    // Workspaces in their own stacks are served (gateway, airlock, backups), not created here.
    const inOwnStacks = new Set(args.workspacesInOwnStacks ?? []);
    const backedUp: BackedUpContainer[] = [];
    this.workspaces = [];
    for (const workspace of args.workspaces) {
      if (inOwnStacks.has(workspace.id)) {
        backedUp.push(...backedUpContainers(workspace, plannedContainers(workspace.id)));
        continue;
      }
      const created = createWorkspace(scope, cluster, reach, gateway !== undefined, workspace);
      backedUp.push(...backedUpContainers(workspace, created.containers));
      this.workspaces.push({
        id: workspace.id,
        tier: workspace.tier,
        ownerGroup: workspace.ownerGroup,
        expires: workspace.expires,
        namespace: created.namespace,
      });
    }

    createAirlockMover(scope, cluster);
    createBackup(scope, cluster, backedUp);

    this.bastionAddresses = bastion.publicAddresses;
    this.clusterEndpoint = cluster.apiEndpoint;
    this.gatewayUrl = gateway?.url;
    this.auditContainer = audit.containerName;
    this.kubeAuditPolicyYaml = audit.kubeAuditPolicyYaml;
    this.kubeconfig = cluster.kubeconfig;
    this.contract = pulumi
      .output(cluster.encryptedStorageClass)
      .apply((encryptedStorageClass): PlatformContract => ({
        contractVersion: platformContractVersion,
        stack: args.stack,
        production: scope.production,
        authUrl: args.cloud.authUrl,
        region: { name: args.cloud.primaryRegion.name, country: args.cloud.primaryRegion.country },
        registry: args.registry,
        workspaceImages: args.images?.workspace ?? workspaceImages,
        encryptedStorageClass,
        reach,
        gatewayNamespace: gateway ? (args.gatewayNamespace ?? defaultGatewayNamespace) : null,
        servedWorkspaces: args.workspaces.map((w) => w.id),
      }));
    this.registerOutputs({
      bastionAddresses: this.bastionAddresses,
      clusterEndpoint: this.clusterEndpoint,
      auditContainer: this.auditContainer,
      gatewayUrl: this.gatewayUrl,
      workspaces: this.workspaces,
    });
  }
}

/** One research project's workspace, on the platform's cluster, in the primary region. */
function createWorkspace(
  scope: PlatformScope,
  cluster: Cluster,
  reach: WorkspaceReach,
  withGateway: boolean,
  workspace: WorkspaceSpec,
): Workspace {
  const { args } = scope;
  return new Workspace(
    `${scope.name}-ws-${workspace.id}`,
    {
      config: workspace,
      kubernetesProvider: cluster.kubernetesProvider,
      openstackProvider: scope.primary,
      region: scope.primaryRegion,
      keystone: { authUrl: args.cloud.authUrl },
      registry: args.registry,
      images: args.images?.workspace,
      encryptedStorageClass: cluster.encryptedStorageClass,
      reach,
      gateway: withGateway
        ? gatewayPeer(args.gatewayNamespace ?? defaultGatewayNamespace, workspace.id)
        : undefined,
      production: scope.production,
    },
    { parent: scope.parent },
  );
}

/** The container names a workspace in its own stack creates (components/workspace/names.ts). */
function plannedContainers(id: string): Record<string, string> {
  return Object.fromEntries(storageAreas.map((area) => [area, containerName(id, area)]));
}

/** Each object-storage container of a workspace, for the backup job, with its owner. */
function backedUpContainers(
  workspace: WorkspaceSpec,
  containers: Readonly<Record<string, pulumi.Input<string>>>,
): BackedUpContainer[] {
  return Object.entries(containers).map(([area, container]) => ({
    key: `${workspace.id}-${area}`,
    name: container,
    ownership: {
      project: workspace.id,
      classification: String(workspace.tier),
      ownerGroup: workspace.ownerGroup,
    },
  }));
}
