/**
 * The mapping from a stack's validated configuration (stacks/config.ts) to the components' own
 * Args: the one place that knows both shapes. Components never import this folder (a test fails
 * if one does), so each can be reused with values from anywhere, e.g. another stack's outputs.
 */
import type { PlatformArgs } from "../components/platform/platform-args";
import type { RegisterInput } from "../components/workspace/register";
import type { PlatformConfig } from "./config";

export function platformArgs(config: PlatformConfig): PlatformArgs {
  const { cloud, network, bastion, gateway } = config;
  return {
    stack: config.stack,
    production: config.production,
    cloud: {
      authUrl: cloud.authUrl,
      primaryRegion: { name: cloud.primaryRegion.name, country: cloud.primaryRegion.country },
      recoveryRegion: cloud.recoveryRegion && {
        name: cloud.recoveryRegion.name,
        country: cloud.recoveryRegion.country,
      },
      encryptedVolumeType: cloud.encryptedVolumeType,
      externalNetwork: cloud.externalNetwork,
      ovhApiEndpoint: cloud.profile.entry.ovhApiEndpoint,
    },
    network: {
      zones: network.zones,
      dnsNameservers: network.dnsNameservers,
      egressHttpsCidrs: network.egressHttpsCidrs,
      objectStorageCidrs: network.objectStorageCidrs,
    },
    bastion: {
      adminCidrs: bastion.adminCidrs,
      count: bastion.count,
      availabilityZones: bastion.availabilityZones,
      flavor: bastion.flavor,
      imageName: bastion.image,
      bootVolumeGiB: bastion.bootVolumeGiB,
      sshCaPublicKey: bastion.sshCaPublicKey,
      aptMirror: bastion.aptMirror,
    },
    cluster: config.cluster,
    kms: { consumers: config.kms.consumers, rotationDays: config.kms.rotationDays },
    audit: { retentionDays: config.audit.retentionDays, project: config.audit.project },
    backup: {
      csiCluster: config.backup.csiCluster,
      schedule: config.backup.schedule,
      retentionDays: config.backup.retentionDays,
      restores: config.backup.restores,
    },
    gateway: gateway && {
      hostname: gateway.hostname,
      certificateRef: gateway.certificateRef,
      researcherCidrs: gateway.researcherCidrs,
      allowInternetResearchers: gateway.allowInternetResearchers,
      oidc: gateway.oidc,
      identityCidrs: gateway.identityCidrs,
      sessionRecording: gateway.sessionRecording,
      recordingsGiB: gateway.recordingsGiB,
    },
    airlock: config.airlock && {
      platformProjectId: config.airlock.platformProjectId,
      reviewers: config.airlock.reviewers,
    },
    registry: config.registry,
    images: config.images,
    workspaces: config.workspaces,
  };
}

/** The register of processing activities of one stack's configuration. */
export function registerInput(config: PlatformConfig): RegisterInput {
  return {
    stack: config.stack,
    region: config.cloud.primaryRegion.name,
    workspaces: config.workspaces,
    closedWorkspaces: config.closedWorkspaces,
  };
}
