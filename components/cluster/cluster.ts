/**
 * The Kubernetes cluster workspaces run in: an OVHcloud Managed Kubernetes cluster (on OVHcloud,
 * which offers no Magnum), a Magnum cluster we create on an OpenStack that declares Magnum (private
 * API, nodes only in the platform zone, every disk encrypted), or an existing cluster given by its
 * kubeconfig. Each way yields one explicit `kubernetes.Provider` and our encrypted StorageClass.
 */
import type * as ovh from "@ovhcloud/pulumi-ovh";
import * as k8s from "@pulumi/kubernetes";
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import type { ClusterSource } from "./cluster-source";
import { throwIfInvalid, type ArgProblem } from "../shared/validation";
import { EncryptedStorageClass } from "./encrypted-storage-class";
import { magnumLabels } from "./magnum-labels";
import { ovhManagedCluster } from "./ovh-managed-cluster";

export interface ClusterArgs {
  /** Prefix of every physical name, e.g. "hdh-prod". */
  readonly namePrefix: string;
  /** Magnum or OVHcloud Managed Kubernetes settings, or the kubeconfig of an existing cluster. */
  readonly source: ClusterSource;
  /** OpenStack provider of the primary region. */
  readonly provider: openstack.Provider;
  /** Region name, set on every resource. */
  readonly region: string;
  /** Network and subnet of the platform zone: the only place nodes are created. */
  readonly networkId: pulumi.Input<string>;
  readonly subnetId: pulumi.Input<string>;
  /** External network id Magnum requires for its template (no floating IP is taken from it). */
  readonly externalNetworkId: pulumi.Input<string>;
  /** Encrypted Cinder volume type for node, etcd and workspace volumes. */
  readonly encryptedVolumeType: string;
  /** CIDRs allowed to reach the API load balancer (the bastion and platform zones). */
  readonly apiAllowedCidrs: readonly string[];
  /**
   * For `ovh-managed`: the OVHcloud provider, and the public source ranges allowed to reach the
   * MKS API server (the bastions' public addresses and the administrators' networks).
   */
  readonly ovh?: {
    readonly provider: ovh.Provider;
    readonly apiAllowedPublicCidrs: pulumi.Input<pulumi.Input<string>[]>;
  };
  /** DNS resolver for the nodes. @default the subnet's */
  readonly dnsNameserver?: string;
  /** Boot volume of each node, in GiB. @default 50 */
  readonly bootVolumeGiB?: number;
  /** etcd volume of each control-plane node, in GiB. @default 20 */
  readonly etcdVolumeGiB?: number;
  /** Deletion protection and retain-on-delete on the cluster (its etcd holds state). @default false */
  readonly protectData?: boolean;
}

export class Cluster extends pulumi.ComponentResource {
  /** The provider every Kubernetes resource of the platform and its workspaces uses. */
  public readonly kubernetesProvider: k8s.Provider;
  /** Private API endpoint (https://...:6443). */
  public readonly apiEndpoint: pulumi.Output<string>;
  /** StorageClass whose volumes are encrypted: workspaces' claims use it. */
  public readonly encryptedStorageClass: pulumi.Output<string>;
  /** The kubeconfig the provider uses (a secret), for workspace stacks' own providers. */
  public readonly kubeconfig: pulumi.Output<string>;

  constructor(name: string, args: ClusterArgs, opts?: pulumi.ComponentResourceOptions) {
    const bootVolumeGiB = args.bootVolumeGiB ?? 50;
    const etcdVolumeGiB = args.etcdVolumeGiB ?? 20;
    validate(args);
    super("hdh:cluster:Cluster", name, {}, opts);

    let kubeconfig: pulumi.Output<string>;
    if (args.source.mode === "magnum") {
      const source = args.source;
      const child = { parent: this, provider: args.provider };
      const labels = magnumLabels({
        encryptedVolumeType: args.encryptedVolumeType,
        apiAllowedCidrs: args.apiAllowedCidrs,
        bootVolumeGiB,
        etcdVolumeGiB,
      });
      const template = new openstack.containerinfra.ClusterTemplate(
        `${name}-template`,
        {
          name: `${args.namePrefix}-k8s-${source.kubernetesVersion.replace(".", "-")}`,
          coe: "kubernetes",
          image: source.image,
          masterFlavor: source.masterFlavor,
          flavor: source.nodeFlavor,
          externalNetworkId: args.externalNetworkId,
          fixedNetwork: args.networkId,
          fixedSubnet: args.subnetId,
          dnsNameserver: args.dnsNameserver,
          floatingIpEnabled: false,
          masterLbEnabled: true,
          // Calico enforces the workspaces' NetworkPolicies; flannel would ignore them.
          networkDriver: "calico",
          volumeDriver: "cinder",
          dockerVolumeSize: source.nodeVolumeGiB,
          tlsDisabled: false,
          public: false,
          registryEnabled: false,
          serverType: "vm",
          labels,
          region: args.region,
        },
        child,
      );
      const cluster = new openstack.containerinfra.Cluster(
        `${name}-magnum`,
        {
          name: `${args.namePrefix}-k8s`,
          clusterTemplateId: template.id,
          masterCount: source.masterCount,
          nodeCount: source.nodeCount,
          masterFlavor: source.masterFlavor,
          flavor: source.nodeFlavor,
          fixedNetwork: args.networkId,
          fixedSubnet: args.subnetId,
          floatingIpEnabled: false,
          dockerVolumeSize: source.nodeVolumeGiB,
          labels,
          mergeLabels: true,
          region: args.region,
        },
        { ...child, protect: args.protectData ?? false, retainOnDelete: args.protectData ?? false },
      );
      kubeconfig = pulumi.secret(cluster.kubeconfig.apply((k) => k.rawConfig));
      this.apiEndpoint = cluster.apiAddress;
    } else if (args.source.mode === "ovh-managed") {
      const managed = ovhManagedCluster(
        name,
        {
          provider: args.ovh!.provider,
          clusterName: `${args.namePrefix}-k8s`,
          region: args.region,
          kubernetesVersion: args.source.kubernetesVersion,
          plan: args.source.plan,
          projectId: args.source.projectId,
          networkId: args.networkId,
          subnetId: args.subnetId,
          apiAllowedCidrs: args.ovh!.apiAllowedPublicCidrs,
          nodePools: args.source.nodePools,
          protectData: args.protectData ?? false,
        },
        this,
      );
      kubeconfig = managed.kubeconfig;
      this.apiEndpoint = managed.apiEndpoint;
    } else {
      kubeconfig = pulumi.secret(args.source.kubeconfig);
      this.apiEndpoint = pulumi.output(args.source.apiEndpoint);
    }

    this.kubeconfig = pulumi.secret(kubeconfig);
    this.kubernetesProvider = new k8s.Provider(
      `${name}-k8s`,
      { kubeconfig, enableServerSideApply: true },
      { parent: this },
    );
    const storageClass = new EncryptedStorageClass(
      `${name}-storage`,
      {
        kubernetesProvider: this.kubernetesProvider,
        encryptedVolumeType: args.encryptedVolumeType,
        // OVHcloud's own classes reclaim with Delete (docs/providers.md): a workspace volume must
        // not vanish with its claim there, nor in production anywhere.
        retainVolumes: (args.protectData ?? false) || args.source.mode === "ovh-managed",
      },
      { parent: this },
    );
    this.encryptedStorageClass = storageClass.className;
    this.registerOutputs({
      apiEndpoint: this.apiEndpoint,
      encryptedStorageClass: this.encryptedStorageClass,
    });
  }
}

function validate(args: ClusterArgs): void {
  const problems: ArgProblem[] = [];
  if (!args.encryptedVolumeType) {
    problems.push({
      propertyPath: "encryptedVolumeType",
      reason: "name the encrypted volume type",
    });
  }
  if (args.source.mode === "magnum" && args.apiAllowedCidrs.length === 0) {
    problems.push({
      propertyPath: "apiAllowedCidrs",
      reason: "name the bastion and platform zones: an API reachable from nowhere cannot be run",
    });
  }
  if (args.source.mode === "ovh-managed" && !args.ovh) {
    problems.push({
      propertyPath: "ovh",
      reason: "an ovh-managed cluster needs the OVHcloud provider and the API's source ranges",
    });
  }
  throwIfInvalid("hdh:cluster:Cluster", problems);
}
