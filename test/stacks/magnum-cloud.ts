/**
 * A stack moved onto a declared generic OpenStack that offers Magnum. The example stacks deploy
 * on OVHcloud, which offers no Magnum (docs/providers.md), so Magnum's own rules (control-plane
 * counts, template labels) are exercised on this fixture: the same stack, its cloud declared.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach arbitrary config paths
type Raw = Record<string, any>;

export const magnumCluster = (masterCount: number) => ({
  mode: "magnum",
  kubernetesVersion: "1.30",
  image: "fedora-coreos-40",
  masterFlavor: "b3-8",
  nodeFlavor: "b3-16",
  masterCount,
  nodeCount: 2,
});

/** Rewrites `raw` in place: generic-openstack declaring Magnum, same region names, in France. */
export function onMagnumOpenStack(raw: Raw): Raw {
  const regions = [raw.cloud?.primaryRegion, raw.cloud?.recoveryRegion].filter(Boolean);
  raw.cloud = {
    profile: "generic-openstack",
    primaryRegion: raw.cloud?.primaryRegion,
    ...(raw.cloud?.recoveryRegion ? { recoveryRegion: raw.cloud.recoveryRegion } : {}),
    authUrl: "https://keystone.private-cloud.example.fr/v3",
    encryptedVolumeType: "LUKS",
    externalNetwork: raw.cloud?.externalNetwork ?? "Ext-Net",
    declaredRegions: regions.map((name: string) => ({ name, country: "FR" })),
    services: { kubernetes: "magnum" },
  };
  raw.cluster = magnumCluster(raw.environment === "prod" ? 3 : 1);
  return raw;
}
