/**
 * What the research gateway needs from the platform, as plain values: providers, the zones'
 * subnets and ranges, the identity provider, the researchers' networks and the open workspaces.
 * Like a workspace, the gateway never reaches into the `Platform` object.
 */
import type * as k8s from "@pulumi/kubernetes";
import type * as openstack from "@pulumi/openstack";
import type * as pulumi from "@pulumi/pulumi";
import type { DataTier } from "../../policies/catalog/data-tiers";
import type { Ownership } from "../shared/ownership";
import type { GatewayImages } from "./images";

/** The OpenID Connect provider researchers sign in with (the federation's, e.g. Keycloak). */
export interface GatewayOidc {
  /** Issuer the ID tokens must name (`iss`), https://. */
  readonly issuer: string;
  /** Authorization endpoint the browser is sent to, https://. */
  readonly authorizationEndpoint: string;
  /** JWKS endpoint the gateway fetches the signing keys from, https://. */
  readonly jwksEndpoint: string;
  /** Client id registered for the gateway at the provider. */
  readonly clientId: string;
  /** Claim naming the person, recorded in every session and log line. @default "email" */
  readonly usernameClaim?: string;
  /** Claim listing the person's groups; the workspaces' owner groups must appear there. @default "groups" */
  readonly groupsClaim?: string;
}

/** One open workspace the gateway serves: one connection, one kiosk, one owner group. */
export interface GatewayWorkspace {
  /** Project id. */
  readonly projectId: string;
  /** OIDC group of the project's researchers: the only group granted its connection. */
  readonly ownerGroup: string;
  /** Data tier: decides the clipboard (policies/catalog/data-tiers.ts). */
  readonly tier: DataTier;
  /** Namespace of the workspace (components/workspace/names.ts). */
  readonly namespace: string;
  /** Name of the workspace's tool Service (the tool's name, "jupyter" or "rstudio"). */
  readonly service: string;
  /** Port the tool serves on (Service port and pod port are the same). */
  readonly toolPort: number;
}

/** The public edge: an Octavia load balancer in the bastion zone, the researchers' bastion. */
export interface GatewayEdgeNetwork {
  /** Subnet of the bastion zone, where the load balancer's private address (VIP) is taken. */
  readonly subnetId: pulumi.Input<string>;
  /** Name of the external network the floating IP comes from. */
  readonly externalNetwork: string;
  /** Range the edge forwards to: the platform zone, where the cluster's internal load balancer sits. */
  readonly backendCidr: string;
  /** Subnet of the backend (the platform zone's), for the pool member. @default the VIP subnet routing */
  readonly backendSubnetId?: pulumi.Input<string>;
}

export interface GatewayArgs {
  /** Prefix of every OpenStack physical name, e.g. "hdh-prod". */
  readonly namePrefix: string;
  /** Provider of the cluster running the gateway. */
  readonly kubernetesProvider: k8s.Provider;
  /** OpenStack provider of the primary region (load balancer, floating IP, security group). */
  readonly openstackProvider: openstack.Provider;
  /** That region's name, set on every OpenStack resource. */
  readonly region: string;
  /** The platform's EU container registry, host and optional path. */
  readonly registry: string;
  /** StorageClass whose volumes use the encrypted Cinder volume type (database, recordings). */
  readonly encryptedStorageClass: pulumi.Input<string>;
  /** DNS name researchers open, served by the certificate of `certificateRef`. */
  readonly hostname: string;
  /** Barbican certificate container (https://.../v1/containers/<uuid>) the HTTPS listener serves. */
  readonly certificateRef: string;
  /** Researchers' networks: the only sources of 443 (and of the 80 redirect). */
  readonly researcherCidrs: readonly string[];
  /**
   * Explicit, named opt-out: open 443 to the whole internet (researchers on any network). The
   * HTTP redirect stays limited to `researcherCidrs`. @default false
   */
  readonly allowInternetResearchers?: boolean;
  /** The OpenID Connect provider. */
  readonly oidc: GatewayOidc;
  /** Addresses of the identity provider's endpoints (JWKS), the gateway's only HTTPS egress. */
  readonly identityCidrs: readonly string[];
  /** Where the public edge sits and what it forwards to. */
  readonly edge: GatewayEdgeNetwork;
  /** Open workspaces, one connection each. */
  readonly workspaces: readonly GatewayWorkspace[];
  /** Project, classification and owner of the gateway's resources (role "bastion" added on the edge). */
  readonly ownership: Omit<Ownership, "role">;
  /** Namespace of the gateway. @default "hdh-gateway" */
  readonly namespace?: string;
  /** Record every session's screen (Guacamole recordings) to the encrypted volume. @default true */
  readonly sessionRecording?: boolean;
  /** Size of the session-recordings volume, in GiB. @default 100 */
  readonly recordingsGiB?: number;
  /** Production: protect the database and recordings volumes. @default false */
  readonly production?: boolean;
  /** Images pinned by digest. @default gatewayImages from ./images */
  readonly images?: GatewayImages;
}
