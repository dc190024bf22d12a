/**
 * Magnum cluster labels, as a pure function: what keeps the cluster private and its disks
 * encrypted is in these strings, so they are built and tested in one place.
 *
 * Magnum (Heat driver) reads labels as strings. The ones set here:
 * - `master_lb_floating_ip_enabled=false`: the API load balancer gets no public address;
 * - `master_lb_allowed_cidrs`: only the bastion and platform zones reach the API;
 * - `boot_volume_type`, `etcd_volume_type`, `docker_volume_type`: every node disk, etcd's data
 *   included, is a volume of the encrypted type (LUKS, keys in the key manager). Upstream Magnum
 *   has no label for Kubernetes secrets encryption (EncryptionConfiguration), so etcd is encrypted
 *   at the volume level;
 * - `cinder_csi_enabled=true`: PersistentVolumes come from Cinder, so the encrypted StorageClass works.
 */

export interface MagnumLabelInput {
  /** Encrypted Cinder volume type for every node and etcd volume. */
  readonly encryptedVolumeType: string;
  /** CIDRs allowed to reach the API load balancer. */
  readonly apiAllowedCidrs: readonly string[];
  /** Boot volume size of each node, in GiB. */
  readonly bootVolumeGiB: number;
  /** etcd volume size of each control-plane node, in GiB. */
  readonly etcdVolumeGiB: number;
}

export function magnumLabels(input: MagnumLabelInput): Record<string, string> {
  return {
    master_lb_floating_ip_enabled: "false",
    master_lb_allowed_cidrs: input.apiAllowedCidrs.join(","),
    boot_volume_type: input.encryptedVolumeType,
    boot_volume_size: String(input.bootVolumeGiB),
    etcd_volume_type: input.encryptedVolumeType,
    etcd_volume_size: String(input.etcdVolumeGiB),
    docker_volume_type: input.encryptedVolumeType,
    cinder_csi_enabled: "true",
    auto_healing_enabled: "true",
  };
}
