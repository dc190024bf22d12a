/**
 * A cluster from OVHcloud Managed Kubernetes (MKS), through OVHcloud's own Pulumi provider: OVHcloud
 * Public Cloud offers no Magnum (docs/providers.md). The cluster is attached to the platform's
 * private network (its nodes get their addresses in the platform subnet), its API server accepts
 * only the given source ranges (the bastions' public addresses and the administrators' networks:
 * the MKS API is reached over the internet, filtered by IP restrictions), and its node pools are
 * sized from config.
 *
 * Sources: @ovhcloud/pulumi-ovh 2.19.1 `cloudproject.Kube` (privateNetworkId, nodesSubnetId),
 * `KubeNodePool`, `KubeIpRestrictions`; ovh/docs managed_kubernetes/add-ip-restrictions.
 * Unverified: whether MKS accepts a private network created through the OpenStack API rather than
 * the OVHcloud API's vRack network (docs/providers.md says so).
 */
import * as ovh from "@ovhcloud/pulumi-ovh";
import * as pulumi from "@pulumi/pulumi";

import type { OvhNodePool } from "./cluster-source";

export type { OvhNodePool } from "./cluster-source";

export interface OvhManagedClusterArgs {
  /** Explicit OVHcloud provider (endpoint ovh-eu; credentials from the environment). */
  readonly provider: ovh.Provider;
  /** Cluster name, e.g. "hdh-prod-k8s". */
  readonly clusterName: string;
  /** Public Cloud region, e.g. "GRA11". */
  readonly region: string;
  /** Kubernetes minor version, e.g. "1.31". */
  readonly kubernetesVersion: string;
  /** MKS plan. */
  readonly plan: "free" | "standard";
  /** Public Cloud project id. @default the provider's OVH_CLOUD_PROJECT_SERVICE */
  readonly projectId?: string;
  /** OpenStack id of the platform network, and of its subnet the nodes live in. */
  readonly networkId: pulumi.Input<string>;
  readonly subnetId: pulumi.Input<string>;
  /** Source ranges allowed to reach the API server. */
  readonly apiAllowedCidrs: pulumi.Input<pulumi.Input<string>[]>;
  readonly nodePools: readonly OvhNodePool[];
  /** Deletion protection and retain-on-delete (its etcd holds state). */
  readonly protectData: boolean;
}

export interface OvhManagedCluster {
  readonly kubeconfig: pulumi.Output<string>;
  readonly apiEndpoint: pulumi.Output<string>;
}

export function ovhManagedCluster(
  name: string,
  args: OvhManagedClusterArgs,
  parent: pulumi.Resource,
): OvhManagedCluster {
  const child = { parent, provider: args.provider };
  const kube = new ovh.cloudproject.Kube(
    `${name}-mks`,
    {
      serviceName: args.projectId,
      name: args.clusterName,
      region: args.region,
      version: args.kubernetesVersion,
      plan: args.plan,
      privateNetworkId: args.networkId,
      nodesSubnetId: args.subnetId,
      updatePolicy: "MINIMAL_DOWNTIME",
    },
    { ...child, protect: args.protectData, retainOnDelete: args.protectData },
  );
  new ovh.cloudproject.KubeIpRestrictions(
    `${name}-api-sources`,
    { serviceName: kube.serviceName, kubeId: kube.id, ips: args.apiAllowedCidrs },
    child,
  );
  for (const pool of args.nodePools) {
    const min = pool.minNodes ?? pool.desiredNodes;
    const max = pool.maxNodes ?? pool.desiredNodes;
    new ovh.cloudproject.KubeNodePool(
      `${name}-pool-${pool.name}`,
      {
        serviceName: kube.serviceName,
        kubeId: kube.id,
        name: pool.name,
        flavorName: pool.flavor,
        desiredNodes: pool.desiredNodes,
        minNodes: min,
        maxNodes: max,
        autoscale: min !== max,
        // Nodes are billed hourly and replaced, never kept: no monthly-billed pets.
        monthlyBilled: false,
        antiAffinity: true,
      },
      child,
    );
  }
  return {
    kubeconfig: pulumi.secret(kube.kubeconfig),
    apiEndpoint: kube.url.apply((u) => (u.startsWith("https://") ? u : `https://${u}`)),
  };
}
