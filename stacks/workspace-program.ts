/**
 * The workspace stack's program (`<platform>.<id>`, docs/hub-stacks.md): one research project's
 * Workspace, built from its validated entry and from what its platform stack exports (the
 * platform contract, read through a StackReference), with its own explicit providers. `pulumi up`
 * runs it through stacks/index.ts; `hdh plan` runs it under mocks that serve the platform plan's
 * outputs as the referenced stack's.
 */
import * as k8s from "@pulumi/kubernetes";
import * as openstack from "@pulumi/openstack";
import type * as pulumi from "@pulumi/pulumi";
import { gatewayPeer } from "../components/gateway/gateway";
import { Workspace } from "../components/workspace/workspace";
import type { PlatformConfig, WorkspaceStack } from "./config";
import { readPlatform } from "./platform-reference";

export async function workspaceProgram(
  config: PlatformConfig,
  stack: WorkspaceStack,
): Promise<Record<string, pulumi.Input<unknown>>> {
  const workspace = config.workspaces.find((w) => w.id === stack.id);
  if (!workspace) throw new Error(`no workspace ${stack.id} in the validated configuration`);
  // The same logical name as when the workspace lived in the platform's stack.
  const name = `hdh-${config.stack}-ws-${workspace.id}`;
  const { contract, kubeconfig } = await readPlatform(`${name}-platform`, {
    stack: stack.stack,
    workspaceId: workspace.id,
    platformReference: stack.platformReference,
  });
  const kubernetesProvider = new k8s.Provider(`${name}-k8s`, {
    kubeconfig,
    enableServerSideApply: true,
  });
  const openstackProvider = new openstack.Provider(`${name}-openstack`, {
    authUrl: contract.authUrl,
    region: contract.region.name,
  });
  const created = new Workspace(name, {
    config: workspace,
    kubernetesProvider,
    openstackProvider,
    region: contract.region.name,
    keystone: { authUrl: contract.authUrl },
    registry: contract.registry,
    images: contract.workspaceImages,
    encryptedStorageClass: contract.encryptedStorageClass,
    reach: contract.reach,
    gateway: contract.gatewayNamespace
      ? gatewayPeer(contract.gatewayNamespace, workspace.id)
      : undefined,
    production: contract.production,
  });
  return {
    /** The workspace with its tier, owner, expiry and namespace. */
    workspace: {
      id: workspace.id,
      tier: workspace.tier,
      ownerGroup: workspace.ownerGroup,
      expires: workspace.expires,
      namespace: created.namespace,
    },
    /** The contract version this stack was built against. */
    contractVersion: contract.contractVersion,
  };
}
