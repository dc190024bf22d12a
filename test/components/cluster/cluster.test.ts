import { beforeAll, describe, expect, it } from "vitest";
import { magnumLabels } from "../../../components/cluster/magnum-labels";
import { runUnderMocks, type MockRunResult } from "../../../offline/mock-run";
import { parsePlatformConfig } from "../../../stacks/config";
import { platformProgram } from "../../../stacks/program";
import { isSecretWrapped, ofType, project, rawStack, today } from "../plan-helpers";

describe("an existing cluster given by kubeconfig", () => {
  let plan: MockRunResult;
  const kubeconfig = "apiVersion: v1\nkind: Config\n# existing cluster\n";
  const apiEndpoint = "https://k8s.internal.example.fr:6443";

  beforeAll(async () => {
    const raw = rawStack("dev");
    raw.cluster = { mode: "existing", kubeconfig, apiEndpoint };
    const config = parsePlatformConfig(raw, {
      stack: "dev",
      today,
      securePaths: [["cluster", "kubeconfig"]],
    });
    plan = await runUnderMocks(() => platformProgram(config), { project, stack: "dev" });
  });

  it("creates no Magnum cluster and drives Kubernetes with the given kubeconfig, as a secret", () => {
    expect(plan.resources.filter((r) => r.type.startsWith("openstack:containerinfra"))).toEqual([]);
    const [provider] = ofType(plan.resources, "pulumi:providers:kubernetes");
    expect(isSecretWrapped(provider.inputs.kubeconfig)).toBe(true);
    expect(JSON.stringify(provider.inputs.kubeconfig)).toContain("existing cluster");
  });

  it("still installs the encrypted StorageClass and reports the given endpoint", () => {
    expect(ofType(plan.resources, "kubernetes:storage.k8s.io/v1:StorageClass")).toHaveLength(1);
    expect(plan.outputs.clusterEndpoint).toBe(apiEndpoint);
  });
});

describe("Magnum labels", () => {
  const labels = magnumLabels({
    encryptedVolumeType: "high-speed-gen2-luks",
    apiAllowedCidrs: ["10.0.0.0/24", "10.1.0.0/20"],
    bootVolumeGiB: 50,
    etcdVolumeGiB: 20,
  });

  it("keep the API load balancer off the internet and open to the named zones only", () => {
    expect(labels.master_lb_floating_ip_enabled).toBe("false");
    expect(labels.master_lb_allowed_cidrs).toBe("10.0.0.0/24,10.1.0.0/20");
  });

  it("put every node disk, etcd's included, on the encrypted type, and enable Cinder CSI", () => {
    expect([labels.boot_volume_type, labels.etcd_volume_type, labels.docker_volume_type]).toEqual(
      Array(3).fill("high-speed-gen2-luks"),
    );
    expect(labels.cinder_csi_enabled).toBe("true");
  });

  it("are all strings, as Magnum requires", () => {
    for (const value of Object.values(labels)) expect(typeof value).toBe("string");
  });
});
