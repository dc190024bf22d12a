/**
 * The platform's foundation, what every workspace runs on: the zoned network, the keys, the
 * bastions, the Kubernetes cluster and the audit store. Each function builds one part under the
 * Platform (logical name `${name}-<part>`) from the Platform's args.
 */
import * as ovh from "@ovhcloud/pulumi-ovh";
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { AuditLog } from "../audit/audit-log";
import { Bastion } from "../bastion/bastion";
import { Cluster } from "../cluster/cluster";
import { Kms } from "../kms/kms";
import { Network } from "../network/network";
import { ownershipTags } from "../shared/ownership";
import type { PlatformScope } from "./platform-scope";

export function createNetwork(scope: PlatformScope): Network {
  const { args } = scope;
  return new Network(
    `${scope.name}-network`,
    {
      namePrefix: scope.prefix,
      provider: scope.primary,
      region: scope.primaryRegion,
      zones: args.network.zones,
      adminCidrs: args.bastion.adminCidrs,
      dnsNameservers: args.network.dnsNameservers,
      egressHttpsCidrs: args.network.egressHttpsCidrs,
      objectStorageCidrs: args.network.objectStorageCidrs,
      externalNetwork: args.cloud.externalNetwork,
      tags: ownershipTags(scope.owner),
    },
    { parent: scope.parent },
  );
}

export function createKms(scope: PlatformScope): Kms {
  return new Kms(
    `${scope.name}-kms`,
    {
      namePrefix: scope.prefix,
      primary: { provider: scope.primary, region: scope.primaryRegion },
      recovery: scope.recovery,
      keystone: { authUrl: scope.args.cloud.authUrl },
      consumers: scope.args.kms.consumers,
      rotationDays: scope.args.kms.rotationDays,
      protectData: scope.production,
    },
    { parent: scope.parent },
  );
}

export function createBastion(scope: PlatformScope, network: Network): Bastion {
  const { args } = scope;
  return new Bastion(
    `${scope.name}-bastion`,
    {
      namePrefix: scope.prefix,
      provider: scope.primary,
      region: scope.primaryRegion,
      count: args.bastion.count,
      availabilityZones: args.bastion.availabilityZones,
      flavor: args.bastion.flavor,
      imageName: args.bastion.imageName,
      bootVolumeGiB: args.bastion.bootVolumeGiB,
      encryptedVolumeType: args.cloud.encryptedVolumeType,
      networkId: network.networkIds.bastion,
      subnetId: network.subnetIds.bastion,
      securityGroupId: network.securityGroupIds.bastion,
      externalNetwork: args.cloud.externalNetwork,
      sshCaPublicKey: args.bastion.sshCaPublicKey,
      aptMirror: args.bastion.aptMirror,
      ownership: scope.owner,
    },
    { parent: scope.parent },
  );
}

export function createCluster(scope: PlatformScope, network: Network, bastion: Bastion): Cluster {
  const { args } = scope;
  const zones = args.network.zones;
  // OVHcloud Managed Kubernetes is driven through the OVHcloud API: an explicit provider on the
  // catalogue's endpoint (ovh-eu), credentials from the environment (OVH_APPLICATION_KEY...,
  // never in config or state).
  const ovhEndpoint = args.cloud.ovhApiEndpoint;
  const ovhProvider =
    args.cluster.mode === "ovh-managed" && ovhEndpoint
      ? new ovh.Provider(`${scope.name}-ovh`, { endpoint: ovhEndpoint }, { parent: scope.parent })
      : undefined;
  return new Cluster(
    `${scope.name}-cluster`,
    {
      namePrefix: scope.prefix,
      source: args.cluster,
      provider: scope.primary,
      region: scope.primaryRegion,
      networkId: network.networkIds.platform,
      subnetId: network.subnetIds.platform,
      externalNetworkId: network.externalNetworkId,
      encryptedVolumeType: args.cloud.encryptedVolumeType,
      apiAllowedCidrs: [zones.bastion, zones.platform],
      ovh: ovhProvider && {
        provider: ovhProvider,
        apiAllowedPublicCidrs: [
          ...args.bastion.adminCidrs,
          ...bastion.publicAddresses.map((address) => pulumi.interpolate`${address}/32`),
        ],
      },
      dnsNameserver: args.network.dnsNameservers[0],
      protectData: scope.production,
    },
    { parent: scope.parent },
  );
}

/** The audit store, in its own project in production so operators cannot delete its objects. */
export function createAudit(scope: PlatformScope, cluster: Cluster): AuditLog {
  const { args } = scope;
  const auditProvider = args.audit.project
    ? new openstack.Provider(
        `${scope.name}-audit`,
        {
          authUrl: args.cloud.authUrl,
          region: scope.primaryRegion,
          tenantName: args.audit.project,
        },
        { parent: scope.parent },
      )
    : scope.primary;
  return new AuditLog(
    `${scope.name}-audit`,
    {
      stack: args.stack,
      production: scope.production,
      openstackProvider: auditProvider,
      dedicatedProject: args.audit.project !== undefined,
      region: args.cloud.primaryRegion,
      kubernetesProvider: cluster.kubernetesProvider,
      registry: args.registry,
      images: args.images?.audit,
      authUrl: args.cloud.authUrl,
      keystoneProject: args.audit.project,
      retentionDays: args.audit.retentionDays,
      bastionCidrs: [args.network.zones.bastion],
      apiEgressCidrs: args.network.egressHttpsCidrs,
      ownership: scope.owner,
    },
    { parent: scope.parent },
  );
}
