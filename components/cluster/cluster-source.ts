/**
 * Where the cluster comes from, as the Cluster component takes it: a Magnum cluster we create, an
 * OVHcloud Managed Kubernetes cluster we create, or an existing cluster given by its kubeconfig.
 * Owned by the component; the stack's configuration (stacks/config.ts) is validated and mapped
 * to one of these.
 */

/** A Magnum cluster on an OpenStack that offers Magnum: private API, encrypted disks. */
export interface MagnumClusterSource {
  readonly mode: "magnum";
  /** Kubernetes minor version the Magnum template provides, e.g. "1.30". */
  readonly kubernetesVersion: string;
  /** Glance image of the cluster nodes (Fedora CoreOS for Magnum). */
  readonly image: string;
  /** Flavor of the control-plane nodes. */
  readonly masterFlavor: string;
  /** Flavor of the worker nodes. */
  readonly nodeFlavor: string;
  /** Control-plane nodes: 1, 3 or 5 (etcd quorum). */
  readonly masterCount: number;
  /** Worker nodes. */
  readonly nodeCount: number;
  /** Container runtime volume on each node, in GiB. */
  readonly nodeVolumeGiB: number;
}

/** One node pool of OVHcloud Managed Kubernetes. */
export interface OvhNodePool {
  /** Pool name: lower-case letters, digits and dashes. */
  readonly name: string;
  /** Instance flavor of the nodes, e.g. b3-16. */
  readonly flavor: string;
  /** Nodes the pool starts with. */
  readonly desiredNodes: number;
  /** Autoscaling floor. @default desiredNodes */
  readonly minNodes?: number;
  /** Autoscaling ceiling. @default desiredNodes */
  readonly maxNodes?: number;
}

/** OVHcloud Managed Kubernetes (MKS), created through OVHcloud's API and Pulumi provider. */
export interface OvhManagedClusterSource {
  readonly mode: "ovh-managed";
  /** Kubernetes minor version MKS offers, e.g. "1.31". */
  readonly kubernetesVersion: string;
  /** MKS plan: "free" or "standard". */
  readonly plan: "free" | "standard";
  /** Public Cloud project id. @default OVH_CLOUD_PROJECT_SERVICE, read by the provider */
  readonly projectId?: string;
  /** Node pools: at least one. */
  readonly nodePools: readonly OvhNodePool[];
}

/** An existing cluster in the same EU region, reached with its kubeconfig. */
export interface ExistingClusterSource {
  readonly mode: "existing";
  /** Its kubeconfig (a secret: set with `pulumi config set --secret`). */
  readonly kubeconfig: string;
  /** Its API endpoint, for reports. */
  readonly apiEndpoint: string;
}

export type ClusterSource = MagnumClusterSource | OvhManagedClusterSource | ExistingClusterSource;
