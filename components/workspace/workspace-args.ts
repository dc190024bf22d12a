/**
 * What a workspace needs from the platform, as plain values. A workspace never reaches into the
 * `Platform` object: the platform (or, at scale, a per-project stack reading the platform's
 * outputs through a StackReference) hands it these args.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as openstack from "@pulumi/openstack";
import type * as pulumi from "@pulumi/pulumi";
import type { WorkspaceImages } from "./images";
import type { WorkspaceSpec } from "./workspace-spec";
import type { KeystoneScope } from "../kms/managed-key";

/** One port of an allowed destination. */
export interface EgressPort {
  /** Port number, 1-65535. */
  readonly port: number;
  /** Transport protocol. @default "TCP" */
  readonly protocol?: "TCP" | "UDP";
}

/**
 * A destination the workspace may send traffic to: either in the cluster (`namespace`, optionally
 * narrowed by `podLabels`) or outside it (`cidrs`). Exactly one of the two.
 */
export interface EgressDestination {
  /** Namespace of an in-cluster destination, matched by its `kubernetes.io/metadata.name`. */
  readonly namespace?: string;
  /** Labels of the destination pods in `namespace`. @default every pod of the namespace */
  readonly podLabels?: Readonly<Record<string, string>>;
  /** CIDRs of an out-of-cluster destination (a service's addresses, never 0.0.0.0/0). */
  readonly cidrs?: readonly string[];
  /** The ports allowed to that destination; at least one. */
  readonly ports: readonly EgressPort[];
}

/** Everything a workspace may reach. Whatever is not listed here is denied. */
export interface WorkspaceReach {
  /** The cluster's DNS (CoreDNS), UDP and TCP 53. */
  readonly dns: EgressDestination;
  /** The in-platform package mirror (components/mirror); used only if the tier grants mirror access. */
  readonly packageMirror: EgressDestination;
  /** The object-storage endpoint serving the workspace's own containers (HTTPS). */
  readonly objectStorage: EgressDestination;
}

/** In-cluster pods allowed to open the analysis tool: the platform's authenticating gateway. */
export interface InClusterPeer {
  /** Namespace of the gateway, matched by its `kubernetes.io/metadata.name`. */
  readonly namespace: string;
  /** Labels of the gateway pods. @default every pod of the namespace */
  readonly podLabels?: Readonly<Record<string, string>>;
}

/** Platform-wide OIDC groups that take part in the airlock, never the project's researchers. */
export interface AirlockGroups {
  /** Data stewards: deposit the project's extract in the ingress area. @default "hdh-data-stewards" */
  readonly stewards?: string;
  /** Output reviewers: approve or reject egress requests. @default "hdh-airlock-reviewers" */
  readonly reviewers?: string;
}

export interface WorkspaceArgs {
  /** The project: id, owner group, tier, authorisation, expiry, sizes, closure (workspace-spec.ts). */
  readonly config: WorkspaceSpec;
  /** Provider of the Kubernetes cluster the workspace runs in (explicit, never ambient). */
  readonly kubernetesProvider: k8s.Provider;
  /** OpenStack provider of the region holding the workspace's data and key. */
  readonly openstackProvider: openstack.Provider;
  /** That region's name; set on every OpenStack resource so a reviewer sees where data lives. */
  readonly region: string;
  /** Keystone URL and project of that provider: the workspace key's ACL is set with them. */
  readonly keystone: KeystoneScope;
  /** The platform's EU container registry, host and optional path (registry.hdh.example.fr/hdh). */
  readonly registry: string;
  /** StorageClass whose volumes use the encrypted Cinder volume type. */
  readonly encryptedStorageClass: pulumi.Input<string>;
  /** Where the workspace may send traffic; everything else, including other workspaces, is denied. */
  readonly reach: WorkspaceReach;
  /**
   * The authenticating gateway (remote desktop or OIDC proxy) researchers open the tool through;
   * the only ingress the workspace accepts. @default none: no ingress at all
   */
  readonly gateway?: InClusterPeer;
  /**
   * Swift storage policy (placement and durability) of every container. At-rest encryption is
   * not a storage policy but the operator's proxy setting (policies/encryption/container-encrypted.ts).
   * @default the cluster's default policy
   */
  readonly storagePolicy?: string;
  /** Production: protect stateful resources and retain them on delete. @default false */
  readonly production?: boolean;
  /** Prefix the API server's OIDC authenticator puts before group names. @default "oidc:" */
  readonly oidcGroupPrefix?: string;
  /** Airlock groups outside the project. @default stewards "hdh-data-stewards", reviewers "hdh-airlock-reviewers" */
  readonly airlockGroups?: AirlockGroups;
  /** Analysis images pinned by digest. @default workspaceImages from ./images */
  readonly images?: WorkspaceImages;
}
