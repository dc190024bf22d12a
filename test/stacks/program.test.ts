import * as openstack from "@pulumi/openstack";
import { beforeAll, describe, expect, it } from "vitest";
import { cidrContains, parseCidr } from "../../components/network/cidr";
import type { MockRunResult, PlannedResource } from "../../offline/mock-run";
import { findRegion, euMemberStates } from "../../policies/catalog/cloud-profiles";
import { ConfigError, zoneNames, type PlatformConfig } from "../../stacks/config";
import { platformProgram } from "../../stacks/program";
import {
  baselineCount,
  failingRun,
  isInside,
  isSecretWrapped,
  ofType,
  parseStack,
  planRaw,
  rawStack,
  type RawConfig,
} from "../components/plan-helpers";

const T = {
  secGroup: "openstack:networking/secGroup:SecGroup",
  rule: "openstack:networking/secGroupRule:SecGroupRule",
  subnet: "openstack:networking/subnet:Subnet",
  instance: "openstack:compute/instance:Instance",
  volume: "openstack:blockstorage/volume:Volume",
  floatingIp: "openstack:networking/floatingIp:FloatingIp",
  port: "openstack:networking/port:Port",
  template: "openstack:containerinfra/clusterTemplate:ClusterTemplate",
  cluster: "openstack:containerinfra/cluster:Cluster",
  mks: "ovh:CloudProject/kube:Kube",
  mksPool: "ovh:CloudProject/kubeNodePool:KubeNodePool",
  mksApiSources: "ovh:CloudProject/kubeIpRestrictions:KubeIpRestrictions",
  ovhProvider: "pulumi:providers:ovh",
  order: "openstack:keymanager/orderV1:OrderV1",
  keyContainer: "openstack:keymanager/containerV1:ContainerV1",
  objectContainer: "openstack:objectstorage/container:Container",
  storageClass: "kubernetes:storage.k8s.io/v1:StorageClass",
  pvc: "kubernetes:core/v1:PersistentVolumeClaim",
  osProvider: "pulumi:providers:openstack",
  k8sProvider: "pulumi:providers:kubernetes",
};

/** Types whose deletion loses data or keys. */
const statefulTypes = [
  T.volume,
  T.order,
  T.keyContainer,
  T.objectContainer,
  T.pvc,
  T.cluster,
  T.mks,
];

const isPrivate = (cidr: string) =>
  ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"].some((range) =>
    cidrContains(parseCidr(range)!, parseCidr(cidr)!),
  );

function providerOf(plan: MockRunResult, resource: PlannedResource): PlannedResource | undefined {
  if (!resource.provider) return undefined;
  const urn = resource.provider.split("::").slice(0, -1).join("::");
  return plan.resources.find((r) => r.urn === urn);
}

/** The platform's properties, checked on each reference stack. */
function describeStack(stack: "dev" | "prod") {
  describe(`${stack} stack`, () => {
    let plan: MockRunResult;
    let config: PlatformConfig;
    const encryptedTypes = () => config.cloud.profile.encryptedVolumeTypes;

    beforeAll(async () => {
      config = parseStack(stack);
      plan = await planRaw(stack, rawStack(stack));
    });

    it("creates the components the issue names", () => {
      const types = new Set(plan.resources.map((r) => r.type));
      for (const t of [
        "hdh:network:Network",
        "hdh:kms:Kms",
        "hdh:bastion:Bastion",
        "hdh:cluster:Cluster",
      ]) {
        expect(types).toContain(t);
      }
      expect(ofType(plan.resources, "hdh:workspace:Workspace")).toHaveLength(
        config.workspaces.length,
      );
      expect(
        ofType(plan.resources, T.instance).filter((r) => isInside(r, "hdh:bastion:Bastion")),
      ).toHaveLength(config.bastion.count);
    });

    it("every OpenStack resource names an EU region and an explicit provider of that region", () => {
      const openstackResources = plan.resources.filter(
        (r) => r.custom && r.type.startsWith("openstack:"),
      );
      expect(openstackResources.length).toBeGreaterThan(40);
      for (const r of openstackResources) {
        const region = r.inputs.region as string;
        expect(
          euMemberStates.has(findRegion(region)?.country ?? ""),
          `${r.name} region ${region}`,
        ).toBe(true);
        const provider = providerOf(plan, r);
        expect(provider?.type, `${r.name} has no explicit provider`).toBe(T.osProvider);
        expect(provider!.inputs.region).toBe(region);
        expect(provider!.inputs.authUrl).toBe(config.cloud.authUrl);
      }
    });

    it("every Kubernetes resource goes through the cluster's explicit provider", () => {
      const k8sResources = plan.resources.filter(
        (r) => r.custom && r.type.startsWith("kubernetes:"),
      );
      expect(k8sResources.length).toBeGreaterThan(0);
      for (const r of k8sResources) expect(providerOf(plan, r)?.type, r.name).toBe(T.k8sProvider);
    });

    it("every security group starts empty: Neutron's allow-all egress defaults are deleted", () => {
      const groups = ofType(plan.resources, T.secGroup);
      // One per zone, and the research gateway's edge (the researchers' bastion).
      expect(groups).toHaveLength(4 + (config.gateway ? 1 : 0));
      for (const g of groups) expect(g.inputs.deleteDefaultRules, g.name).toBe(true);
    });

    it("no rule admits the internet except the bastion admin networks on SSH, and every rule is described", () => {
      const bastionGroup = ofType(plan.resources, T.secGroup).find(
        (g) => g.inputs.name === `hdh-${stack}-bastion`,
      )!;
      const gatewayGroup = ofType(plan.resources, T.secGroup).find(
        (g) => g.inputs.name === `hdh-${stack}-research-gateway`,
      );
      const groupIds = ofType(plan.resources, T.secGroup).map((g) => g.id);
      const rules = ofType(plan.resources, T.rule);
      for (const rule of rules) {
        const i = rule.inputs;
        expect((i.description as string)?.length, rule.name).toBeGreaterThan(10);
        // A rule without a remote matches every source or destination.
        expect(
          typeof i.remoteIpPrefix === "string" || typeof i.remoteGroupId === "string",
          rule.name,
        ).toBe(true);
        expect(["0.0.0.0/0", "::/0"]).not.toContain(i.remoteIpPrefix);
        if (i.remoteGroupId !== undefined) {
          // A peer group: only members of one of our own zones' groups.
          expect(groupIds, rule.name).toContain(i.remoteGroupId);
          expect(i.remoteIpPrefix, rule.name).toBeUndefined();
        } else if (
          i.direction === "ingress" &&
          !isPrivate(i.remoteIpPrefix as string) &&
          i.securityGroupId === gatewayGroup?.id
        ) {
          // The researchers' bastion: HTTPS and its redirect, from their declared networks only.
          expect(config.gateway!.researcherCidrs).toContain(i.remoteIpPrefix);
          expect(i.portRangeMin, rule.name).toBe(i.portRangeMax);
          expect([443, 80], rule.name).toContain(i.portRangeMin);
        } else if (i.direction === "ingress" && !isPrivate(i.remoteIpPrefix as string)) {
          expect(i.securityGroupId, rule.name).toBe(bastionGroup.id);
          expect(config.bastion.adminCidrs).toContain(i.remoteIpPrefix);
          expect([i.protocol, i.portRangeMin, i.portRangeMax], rule.name).toEqual(["tcp", 22, 22]);
        }
      }
      const adminRules = rules.filter(
        (r) =>
          r.inputs.direction === "ingress" &&
          r.inputs.remoteIpPrefix !== undefined &&
          r.inputs.securityGroupId !== gatewayGroup?.id &&
          !isPrivate(r.inputs.remoteIpPrefix as string),
      );
      expect(adminRules).toHaveLength(config.bastion.adminCidrs.length);
    });

    it("no rule opens every protocol to an address range", () => {
      for (const rule of ofType(plan.resources, T.rule)) {
        if (rule.inputs.protocol === undefined)
          expect(rule.inputs.remoteGroupId, rule.name).toBeDefined();
      }
    });

    it("each zone's subnet is exactly its configured range", () => {
      const subnets = ofType(plan.resources, T.subnet);
      expect(subnets.map((s) => s.inputs.cidr).sort()).toEqual(
        zoneNames.map((z) => config.network.zones[z]).sort(),
      );
    });

    it("every volume and boot volume uses the encrypted volume type", () => {
      for (const instance of ofType(plan.resources, T.instance)) {
        const devices = instance.inputs.blockDevices as Record<string, unknown>[];
        expect(
          devices?.length,
          `${instance.name} boots from an unencrypted local disk`,
        ).toBeGreaterThan(0);
        for (const d of devices) {
          expect(d.destinationType).toBe("volume");
          expect(encryptedTypes()).toContain(d.volumeType);
        }
      }
      for (const volume of ofType(plan.resources, T.volume))
        expect(encryptedTypes()).toContain(volume.inputs.volumeType);
      // The example stacks run OVHcloud Managed Kubernetes (no Magnum there): no Magnum template.
      expect(ofType(plan.resources, T.template)).toEqual([]);
      const classes = ofType(plan.resources, T.storageClass);
      expect(classes).toHaveLength(1);
      const cls = classes[0].inputs as {
        provisioner: string;
        parameters: { type: string };
        metadata: { name: string };
      };
      expect(cls.provisioner).toBe("cinder.csi.openstack.org");
      expect(encryptedTypes()).toContain(cls.parameters.type);
      for (const pvc of ofType(plan.resources, T.pvc)) {
        expect((pvc.inputs.spec as { storageClassName: string }).storageClassName, pvc.name).toBe(
          cls.metadata.name,
        );
      }
    });

    it("only bastions get public addresses; the Kubernetes API admits only the administrators and the bastions", () => {
      const floatingIps = ofType(plan.resources, T.floatingIp);
      // The administrators' bastions, and the researchers' one: the research gateway's edge.
      expect(floatingIps).toHaveLength(config.bastion.count + (config.gateway ? 1 : 0));
      for (const fip of floatingIps)
        expect(
          isInside(fip, "hdh:bastion:Bastion") || isInside(fip, "hdh:gateway:Edge"),
          fip.name,
        ).toBe(true);
      for (const instance of ofType(plan.resources, T.instance))
        expect(instance.inputs.floatingIp).toBeUndefined();
      // The MKS API server is reached over the internet: only the administrators' networks and
      // the bastions' own public addresses may reach it.
      const [sources] = ofType(plan.resources, T.mksApiSources);
      const bastionAddresses = (plan.outputs as { bastionAddresses: string[] }).bastionAddresses;
      expect([...(sources.inputs.ips as string[])].sort()).toEqual(
        [...config.bastion.adminCidrs, ...bastionAddresses.map((a) => `${a}/32`)].sort(),
      );
      expect(sources.inputs.kubeId).toBe(ofType(plan.resources, T.mks)[0].id);
    });

    it("the cluster is OVHcloud Managed Kubernetes on the platform network, pools sized from config", () => {
      if (config.cluster.mode !== "ovh-managed") throw new Error("the example stacks run MKS");
      const [mks] = ofType(plan.resources, T.mks);
      const platformSubnet = ofType(plan.resources, T.subnet).find(
        (s) => s.inputs.cidr === config.network.zones.platform,
      )!;
      expect(mks.inputs).toMatchObject({
        region: config.cloud.primaryRegion.name,
        version: config.cluster.kubernetesVersion,
        privateNetworkId: platformSubnet.inputs.networkId,
        nodesSubnetId: platformSubnet.id,
      });
      const pools = ofType(plan.resources, T.mksPool);
      expect(pools.map((p) => [p.inputs.name, p.inputs.flavorName, p.inputs.desiredNodes])).toEqual(
        config.cluster.nodePools.map((p) => [p.name, p.flavor, p.desiredNodes]),
      );
      const [ovhProvider] = ofType(plan.resources, T.ovhProvider);
      expect(ovhProvider.inputs.endpoint).toBe("ovh-eu");
      // Credentials come from the environment, never from config or state.
      for (const key of ["applicationKey", "applicationSecret", "consumerKey", "clientSecret"])
        expect(ovhProvider.inputs[key], key).toBeUndefined();
      // OVHcloud's own classes reclaim with Delete: ours retains, in dev too.
      const [cls] = ofType(plan.resources, T.storageClass);
      expect(cls.inputs.reclaimPolicy).toBe("Retain");
      expect(cls.inputs.parameters).toEqual({ type: "high-speed-gen2-luks" });
    });

    it("cluster nodes live only in the platform zone", () => {
      const platformSubnet = ofType(plan.resources, T.subnet).find(
        (s) => s.inputs.cidr === config.network.zones.platform,
      )!;
      for (const r of ofType(plan.resources, T.mks)) {
        expect(r.inputs.nodesSubnetId, r.name).toBe(platformSubnet.id);
      }
      expect(ofType(plan.resources, T.mks)).toHaveLength(1);
    });

    it("keys are generated server-side as AES-256 and readable only by their consumers", () => {
      const orders = ofType(plan.resources, T.order);
      // Volumes, object storage and backups, one per workspace, and the audit store's own.
      expect(orders.length).toBe(3 + config.workspaces.length + 1);
      for (const order of orders) {
        expect(order.inputs.type).toBe("key");
        expect(order.inputs.meta).toMatchObject({ algorithm: "aes", bitLength: 256 });
        expect(order.inputs.payload).toBeUndefined();
      }
      for (const acl of ofType(plan.resources, T.keyContainer)) {
        expect(
          (acl.inputs.acl as { read: { projectAccess: boolean } }).read.projectAccess,
          acl.name,
        ).toBe(false);
        expect(acl.inputs.name as string).toMatch(/rotation=P\d+D$/);
      }
    });

    it("the kubeconfig reaches the Kubernetes provider only as a secret", () => {
      const [provider] = ofType(plan.resources, T.k8sProvider);
      expect(isSecretWrapped(provider.inputs.kubeconfig)).toBe(true);
    });

    it("exports the bastion addresses, the cluster endpoint and the workspace list", () => {
      const outputs = plan.outputs as {
        bastionAddresses: string[];
        clusterEndpoint: string;
        workspaces: { id: string }[];
      };
      expect(outputs.bastionAddresses).toHaveLength(config.bastion.count);
      expect(outputs.clusterEndpoint).toMatch(/^https:\/\//);
      expect(outputs.workspaces.map((w) => w.id)).toEqual(config.workspaces.map((w) => w.id));
    });

    if (stack === "prod") {
      it("production protects every stateful resource and retains it on delete", () => {
        const stateful = plan.resources.filter((r) => statefulTypes.includes(r.type));
        expect(stateful.length).toBeGreaterThan(10);
        for (const r of stateful) {
          expect(r.protect, `${r.name} is not protected`).toBe(true);
          expect(r.retainOnDelete, `${r.name} is not retained on delete`).toBe(true);
        }
        const [cls] = ofType(plan.resources, T.storageClass);
        expect(cls.inputs.reclaimPolicy).toBe("Retain");
      });

      it("a provider per region, and the audit store's own project: the backups key lives in the recovery region", () => {
        const providers = ofType(plan.resources, T.osProvider);
        expect(providers.map((p) => p.inputs.region).sort()).toEqual(["GRA11", "GRA11", "SBG5"]);
        const scoped = providers.filter((p) => p.inputs.tenantName !== undefined);
        expect(scoped.map((p) => p.inputs.tenantName)).toEqual([config.audit.project]);
        const backups = ofType(plan.resources, T.order).find(
          (o) => (o.inputs.meta as { name: string }).name === "hdh-prod-backups",
        )!;
        expect(backups.inputs.region).toBe("SBG5");
      });

      it("the nightly backup covers the workspaces' persistent volumes (the CSI driver's cluster) on the configured schedule", () => {
        const [job] = ofType(plan.resources, "kubernetes:batch/v1:CronJob").filter(
          (j) => (j.inputs.metadata as { namespace: string }).namespace === "hdh-backup",
        );
        const spec = job.inputs.spec as {
          schedule: string;
          jobTemplate: { spec: { template: { spec: { containers: { env: Env[] }[] } } } };
        };
        type Env = { name: string; value?: unknown };
        const env = spec.jobTemplate.spec.template.spec.containers[0].env;
        const value = (name: string) => env.find((e) => e.name === name)?.value;
        expect(spec.schedule).toBe(config.backup.schedule);
        expect(value("CSI_CLUSTER")).toBe("kubernetes");
        expect(value("RETENTION_DAYS")).toBe(String(config.backup.retentionDays));
      });
    } else {
      it("development stacks stay disposable: nothing is protected", () => {
        expect(plan.resources.filter((r) => r.protect)).toEqual([]);
        expect(ofType(plan.resources, T.osProvider)).toHaveLength(1);
      });
    }
  });
}

describeStack("dev");
describeStack("prod");

describe("bad configurations are refused and register nothing", () => {
  let baseline: number;
  beforeAll(async () => {
    baseline = await baselineCount("dev");
  });

  const cases: {
    what: string;
    change: (raw: RawConfig) => void;
    key: string;
    hint: RegExp;
  }[] = [
    {
      what: "a non-EU region",
      change: (raw) => (raw.cloud.primaryRegion = "BHS5"),
      key: "hdh:cloud.primaryRegion",
      hint: /outside the EU/,
    },
    {
      what: "overlapping zone CIDRs",
      change: (raw) => (raw.network.data = "10.42.0.0/23"),
      key: "hdh:network.data",
      hint: /overlaps hdh:network\.bastion/,
    },
    {
      what: "SSH open to 0.0.0.0/0",
      change: (raw) => (raw.bastion.adminCidrs = ["0.0.0.0/0"]),
      key: "hdh:bastion.adminCidrs[0]",
      hint: /whole internet/,
    },
    {
      what: "a workspace without owner",
      change: (raw) => delete raw.workspaces[0].ownerGroup,
      key: "hdh:workspaces[0].ownerGroup",
      hint: /ownerGroup/,
    },
    {
      what: "a workspace without authorisation",
      change: (raw) => delete raw.workspaces[1].authorisation,
      key: "hdh:workspaces[1].authorisation",
      hint: /cnil-decision|reference-methodology/,
    },
    {
      what: "a workspace without expiry",
      change: (raw) => delete raw.workspaces[0].expires,
      key: "hdh:workspaces[0].expires",
      hint: /YYYY-MM-DD/,
    },
    {
      what: "an authorisation already expired",
      change: (raw) => (raw.workspaces[0].expires = "2026-01-31"),
      key: "hdh:workspaces[0].expires",
      hint: /ended on 2026-01-31/,
    },
    {
      what: "a duplicate workspace id",
      change: (raw) => (raw.workspaces[1].id = raw.workspaces[0].id),
      key: "hdh:workspaces[1].id",
      hint: /already the id of hdh:workspaces\[0\]/,
    },
    {
      what: "a missing required value (the registry)",
      change: (raw) => delete raw.registry,
      key: "hdh:registry",
      hint: /missing/,
    },
    {
      what: "HTTPS egress to the whole internet",
      change: (raw) => (raw.network.egressHttpsCidrs = ["0.0.0.0/0"]),
      key: "hdh:network.egressHttpsCidrs[0]",
      hint: /whole internet/,
    },
  ];

  for (const c of cases) {
    it(`${c.what} is rejected with its key and registers no resource`, async () => {
      const raw = rawStack("dev");
      c.change(raw);
      const { error, registered } = await failingRun("dev", () =>
        platformProgram(parseStack("dev", raw)),
      );
      expect(error).toBeInstanceOf(ConfigError);
      const problem = (error as ConfigError).problems.find(
        (p) => ConfigError.key(p.path) === c.key,
      );
      expect(problem, (error as Error).message).toBeDefined();
      expect(problem!.message).toMatch(c.hint);
      expect(registered).toBe(baseline);
    });
  }

  it("every problem is reported at once", async () => {
    const raw = rawStack("dev");
    for (const c of cases) c.change(raw);
    const { error, registered } = await failingRun("dev", () =>
      platformProgram(parseStack("dev", raw)),
    );
    const keys = (error as ConfigError).problems.map((p) => ConfigError.key(p.path));
    // The duplicate-id and expiry rules need a workspace list that parsed; the schema errors
    // above (missing owner...) break it, so those two are checked on their own above.
    for (const key of [
      "hdh:cloud.primaryRegion",
      "hdh:network.data",
      "hdh:bastion.adminCidrs[0]",
      "hdh:registry",
    ]) {
      expect(keys).toContain(key);
    }
    expect(registered).toBe(baseline);
  });

  it("the count would see a resource registered before a failure (the check above can fail)", async () => {
    const { registered } = await failingRun("dev", () => {
      const config = parseStack("dev");
      new openstack.Provider("early", { region: config.cloud.primaryRegion.name });
      throw new Error("late failure");
    });
    expect(registered).toBe(baseline + 1);
  });
});

describe("restoring from the recovery region", () => {
  it("a restore written in hdh:backup.restores becomes an encrypted, protected volume in SBG5", async () => {
    const raw = rawStack("prod");
    const backupId = "0b4c7e52-3f7a-4d59-9a51-2c8e4f1d6a70";
    raw.backup.restores = [{ key: "cardio-2026", backupId, sizeGiB: 200 }];
    const plan = await planRaw("prod", raw);
    const restored = ofType(plan.resources, T.volume).filter((v) => v.inputs.backupId);
    expect(restored).toHaveLength(1);
    expect(restored[0]).toMatchObject({
      protect: true,
      retainOnDelete: true,
      inputs: {
        name: "hdh-prod-restored-cardio-2026",
        backupId,
        size: 200,
        region: "SBG5",
        volumeType: parseStack("prod").cloud.encryptedVolumeType,
      },
    });
  });
});
