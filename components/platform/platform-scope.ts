/**
 * What every part of the Platform is built with: the component's name and resource (parent of
 * every part, so logical names and URNs stay `${name}-<part>` under the Platform), its args with
 * defaults applied, and the explicit OpenStack providers of its regions.
 */
import * as openstack from "@pulumi/openstack";
import type * as pulumi from "@pulumi/pulumi";
import { platformOperatorsGroup, type Ownership } from "../shared/ownership";
import type { PlatformArgs } from "./platform-args";

export interface PlatformScope {
  /** The Platform's logical name: every part is `${name}-<part>`. */
  readonly name: string;
  /** The Platform resource, parent of every part. */
  readonly parent: pulumi.Resource;
  readonly args: PlatformArgs;
  /** Prefix of physical names, `hdh-<stack>`. */
  readonly prefix: string;
  /** Production controls on. */
  readonly production: boolean;
  /** Owner of shared infrastructure. */
  readonly owner: Ownership;
  /** Provider of the primary region, and its name. */
  readonly primary: openstack.Provider;
  readonly primaryRegion: string;
  /** Provider of the recovery region, when there is one. */
  readonly recovery?: { readonly provider: openstack.Provider; readonly region: string };
  /** The object-storage endpoint workspaces and the airlock reach: as given, else the data zone. */
  readonly objectStorageCidrs: readonly string[];
}

/** Applies the defaults once and creates the explicit providers of the platform's regions. */
export function platformScope(
  name: string,
  parent: pulumi.Resource,
  args: PlatformArgs,
): PlatformScope {
  const { cloud, network } = args;
  const primary = new openstack.Provider(
    `${name}-primary`,
    { authUrl: cloud.authUrl, region: cloud.primaryRegion.name },
    { parent },
  );
  const recovery = cloud.recoveryRegion
    ? {
        provider: new openstack.Provider(
          `${name}-recovery`,
          { authUrl: cloud.authUrl, region: cloud.recoveryRegion.name },
          { parent },
        ),
        region: cloud.recoveryRegion.name,
      }
    : undefined;
  return {
    name,
    parent,
    args,
    prefix: `hdh-${args.stack}`,
    production: args.production ?? false,
    owner: {
      project: "platform",
      // Shared infrastructure routes and stores every tier's data: classified as the highest.
      classification: "4",
      ownerGroup: args.operatorsGroup ?? platformOperatorsGroup,
    },
    primary,
    primaryRegion: cloud.primaryRegion.name,
    recovery,
    objectStorageCidrs:
      network.objectStorageCidrs.length > 0 ? network.objectStorageCidrs : [network.zones.data],
  };
}
