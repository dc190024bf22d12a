/**
 * Plans a research gateway together with one workspace per tier, wired as the platform wires
 * them (each workspace admits `gatewayPeer(namespace, id)`), under the offline engine.
 */
import * as k8s from "@pulumi/kubernetes";
import * as openstack from "@pulumi/openstack";
import { runUnderMocks, type PlannedResource } from "../../../offline/mock-run";
import { gatewayPeer, ResearchGateway } from "../../../components/gateway/gateway";
import type { GatewayArgs } from "../../../components/gateway/gateway-args";
import { workspaceImages } from "../../../components/workspace/images";
import { workspaceNamespace } from "../../../components/workspace/names";
import { Workspace } from "../../../components/workspace/workspace";
import type { DataTier } from "../../../policies/catalog/data-tiers";
import type { WorkspaceConfig } from "../../../stacks/config";
import { registry, workspaceArgs, workspaceConfig } from "../workspace/fixtures";

export const gatewayNamespace = "hdh-gateway";
export const researcherCidrs = ["198.51.100.128/25", "203.0.113.0/26"];
export const platformZone = "10.42.16.0/20";
export const certificateRef =
  "https://barbican.gra.example.fr/v1/containers/0b7e7f5c-2d1e-4a53-9d1c-6f3a1e0c9a11";
export const hostname = "gateway.hdh.example.fr";

/** One workspace per tier, alternating tools, each with its own owner group. */
export const tierWorkspaces: WorkspaceConfig[] = ([0, 1, 2, 3, 4] as DataTier[]).map((tier) =>
  workspaceConfig({
    id: `tier${tier}`,
    tier,
    ownerGroup: `hdh-researchers-tier${tier}`,
    tool: tier % 2 === 0 ? "jupyter" : "rstudio",
  }),
);

export type GatewayOverrides = Partial<
  Omit<GatewayArgs, "kubernetesProvider" | "openstackProvider">
>;

export function gatewayArgs(
  configs: readonly WorkspaceConfig[],
  overrides: GatewayOverrides = {},
): Omit<GatewayArgs, "kubernetesProvider" | "openstackProvider"> {
  return {
    namePrefix: "hdh-test",
    region: "GRA11",
    registry,
    encryptedStorageClass: "cinder-luks",
    namespace: gatewayNamespace,
    hostname,
    certificateRef,
    researcherCidrs,
    oidc: {
      issuer: "https://sso.hdh.example.fr/realms/hdh",
      authorizationEndpoint: "https://sso.hdh.example.fr/realms/hdh/protocol/openid-connect/auth",
      jwksEndpoint: "https://sso.hdh.example.fr/realms/hdh/protocol/openid-connect/certs",
      clientId: "hdh-research-gateway",
    },
    identityCidrs: ["192.0.2.0/24"],
    edge: { subnetId: "bastion-subnet", externalNetwork: "Ext-Net", backendCidr: platformZone },
    workspaces: configs.map((c) => ({
      projectId: c.id,
      ownerGroup: c.ownerGroup,
      tier: c.tier,
      namespace: workspaceNamespace(c.id),
      service: c.tool,
      toolPort: workspaceImages[c.tool].port,
    })),
    ownership: { project: "platform", classification: "4", ownerGroup: "hdh-platform-operators" },
    ...overrides,
  };
}

/** The gateway and its workspaces, planned; `withWorkspaces: false` plans the gateway alone. */
export async function planGateway(
  overrides: GatewayOverrides = {},
  configs: readonly WorkspaceConfig[] = tierWorkspaces,
  onResource?: (count: number) => void,
): Promise<PlannedResource[]> {
  const { resources } = await runUnderMocks(
    () => {
      const kubernetesProvider = new k8s.Provider("cluster", { kubeconfig: "mock" });
      const openstackProvider = new openstack.Provider("gra11", { region: "GRA11" });
      new ResearchGateway("gw", {
        ...gatewayArgs(configs, overrides),
        kubernetesProvider,
        openstackProvider,
      });
      for (const config of configs) {
        new Workspace(
          `ws-${config.id}`,
          workspaceArgs(
            config,
            { kubernetesProvider, openstackProvider },
            { gateway: gatewayPeer(gatewayNamespace, config.id) },
          ),
        );
      }
    },
    { project: "hdh", stack: "test", onResource },
  );
  return resources;
}

/** Connection parameters and grants, read back from the SQL the gateway applies. */
export interface AppliedConnection {
  parameters: Record<string, string>;
  grantedTo: string[];
}

/**
 * Parses the rendered SQL (the ConfigMap the gateway mounts) back into connections: every
 * parameter insert and every READ grant, keyed by connection name.
 */
export function appliedConnections(sql: string): Map<string, AppliedConnection> {
  const found = new Map<string, AppliedConnection>();
  const entry = (name: string) => {
    let e = found.get(name);
    if (!e) found.set(name, (e = { parameters: {}, grantedTo: [] }));
    return e;
  };
  const param =
    /^INSERT INTO guacamole_connection_parameter .*connection_name = '([^']+)' AND parent_id IS NULL\), '([^']+)', '([^']*)'\);$/;
  const grant =
    /INSERT INTO guacamole_connection_permission .*connection_name = '([^']+)'.*'READ' FROM guacamole_entity WHERE type = 'USER_GROUP' AND name = '([^']+)';/;
  for (const line of sql.split("\n")) {
    const p = param.exec(line);
    if (p) entry(p[1]).parameters[p[2]] = p[3];
    const g = grant.exec(line);
    if (g) entry(g[1]).grantedTo.push(g[2]);
  }
  return found;
}
