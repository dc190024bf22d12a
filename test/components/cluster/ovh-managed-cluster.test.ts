/**
 * The OVHcloud Managed Kubernetes cluster as its own component function, apart from the stacks:
 * what it asks OVHcloud for, given Args a stack would not use (an autoscaled pool beside a fixed
 * one, protection on). The program test (test/stacks/program.test.ts) checks the dev and prod
 * stacks' mapping of config to these Args; this one checks the Args' own meaning.
 */
import * as ovh from "@ovhcloud/pulumi-ovh";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { ovhManagedCluster } from "../../../components/cluster/ovh-managed-cluster";
import { runUnderMocks, type MockRunResult } from "../../../offline/mock-run";
import { isSecretWrapped, ofType, project } from "../plan-helpers";

const T = {
  kube: "ovh:CloudProject/kube:Kube",
  pool: "ovh:CloudProject/kubeNodePool:KubeNodePool",
  sources: "ovh:CloudProject/kubeIpRestrictions:KubeIpRestrictions",
} as const;

class Parent extends pulumi.ComponentResource {
  constructor() {
    super("test:index:Parent", "parent", {});
  }
}

describe("ovhManagedCluster", () => {
  let plan: MockRunResult;
  const apiAllowedCidrs = ["192.0.2.10/32", "198.51.100.0/28"];

  beforeAll(async () => {
    plan = await runUnderMocks(
      () => {
        const parent = new Parent();
        const provider = new ovh.Provider("ovh", { endpoint: "ovh-eu" }, { parent });
        const cluster = ovhManagedCluster(
          "k8s",
          {
            provider,
            clusterName: "hdh-test-k8s",
            region: "GRA11",
            kubernetesVersion: "1.31",
            plan: "standard",
            projectId: "0123456789abcdef0123456789abcdef",
            networkId: "net-platform",
            subnetId: "subnet-platform",
            apiAllowedCidrs,
            nodePools: [
              { name: "system", flavor: "b3-8", desiredNodes: 3 },
              { name: "analysis", flavor: "b3-32", desiredNodes: 2, minNodes: 1, maxNodes: 6 },
            ],
            protectData: true,
          },
          parent,
        );
        return { kubeconfig: cluster.kubeconfig, apiEndpoint: cluster.apiEndpoint };
      },
      { project, stack: "dev" },
    );
  });

  it("asks for the cluster on the given private network and subnet, protected and retained", () => {
    const [kube] = ofType(plan.resources, T.kube);
    expect(kube.inputs).toMatchObject({
      serviceName: "0123456789abcdef0123456789abcdef",
      name: "hdh-test-k8s",
      region: "GRA11",
      version: "1.31",
      plan: "standard",
      privateNetworkId: "net-platform",
      nodesSubnetId: "subnet-platform",
    });
    expect(kube.protect).toBe(true);
    expect(kube.retainOnDelete).toBe(true);
    expect(kube.provider).toMatch(/\$pulumi:providers:ovh::ovh::/);
  });

  it("lets only the given source ranges reach the API server", () => {
    const [sources] = ofType(plan.resources, T.sources);
    expect(sources.inputs.ips).toEqual(apiAllowedCidrs);
    expect(sources.inputs.kubeId).toBe(ofType(plan.resources, T.kube)[0].id);
  });

  it("autoscales a pool only when its floor and ceiling differ; nodes are never monthly pets", () => {
    const pools = ofType(plan.resources, T.pool).map((p) => p.inputs);
    expect(
      pools.map((p) => [p.name, p.flavorName, p.desiredNodes, p.minNodes, p.maxNodes, p.autoscale]),
    ).toEqual([
      ["system", "b3-8", 3, 3, 3, false],
      ["analysis", "b3-32", 2, 1, 6, true],
    ]);
    for (const pool of pools) {
      expect(pool.monthlyBilled).toBe(false);
      expect(pool.antiAffinity).toBe(true);
    }
  });

  it("gives the kubeconfig only as a secret and the API endpoint as an https URL", () => {
    const outputs = plan.outputs as { kubeconfig: unknown; apiEndpoint: string };
    expect(isSecretWrapped(outputs.kubeconfig)).toBe(true);
    expect(outputs.apiEndpoint).toMatch(/^https:\/\/[0-9a-f]{6}\.c1\.gra11\.k8s\.ovh\.net$/);
  });
});
