/**
 * The administrators' only way in: hardened jump hosts in the bastion zone, spread over
 * availability zones and hosts, reachable on SSH from the admin networks only (the bastion
 * security group, see components/network/security-rules.ts). The only floating IPs of the
 * platform are created here.
 */
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { bastionRole } from "../../policies/catalog/labels";
import { ownershipMetadata, ownershipTags, type Ownership } from "../shared/ownership";
import { throwIfInvalid, type ArgProblem } from "../shared/validation";
import { renderBastionCloudInit } from "./cloud-init";

export interface BastionArgs {
  /** Prefix of every physical name, e.g. "hdh-prod". */
  readonly namePrefix: string;
  /** OpenStack provider of the primary region. */
  readonly provider: openstack.Provider;
  /** Region name, set on every resource. */
  readonly region: string;
  /** How many jump hosts. @default 2 */
  readonly count?: number;
  /** Availability zones, used round robin. @default ["nova"] */
  readonly availabilityZones?: readonly string[];
  /** Nova flavor name. */
  readonly flavor: string;
  /** Glance image name (a supported Debian). */
  readonly imageName: string;
  /** Boot volume size, in GiB. @default 20 */
  readonly bootVolumeGiB?: number;
  /** Encrypted Cinder volume type of the boot volumes. */
  readonly encryptedVolumeType: string;
  /** Network and subnet of the bastion zone. */
  readonly networkId: pulumi.Input<string>;
  readonly subnetId: pulumi.Input<string>;
  /** Security group of the bastion zone (SSH from the admin networks only). */
  readonly securityGroupId: pulumi.Input<string>;
  /** Name of the external network the floating IPs come from. */
  readonly externalNetwork: string;
  /** OpenSSH public key of the administrators' certificate authority. */
  readonly sshCaPublicKey: string;
  /** Debian archive URL for security updates. */
  readonly aptMirror: string;
  /** Project, classification and owner written on every bastion resource (role "bastion" added). */
  readonly ownership: Omit<Ownership, "role">;
}

/** Hosts reboot for kernel updates one hour apart, so one bastion is always up. */
export function rebootTime(index: number): string {
  return `${String(3 + (index % 4)).padStart(2, "0")}:30`;
}

export class Bastion extends pulumi.ComponentResource {
  /** Public (floating) address of each bastion: what administrators connect to. */
  public readonly publicAddresses: pulumi.Output<string>[];
  /** Private address of each bastion in the bastion zone. */
  public readonly privateAddresses: pulumi.Output<string>[];

  constructor(name: string, args: BastionArgs, opts?: pulumi.ComponentResourceOptions) {
    const count = args.count ?? 2;
    const zones = args.availabilityZones ?? ["nova"];
    const bootVolumeGiB = args.bootVolumeGiB ?? 20;
    validate(args, count, zones, bootVolumeGiB);
    super("hdh:bastion:Bastion", name, {}, opts);

    const region = args.region;
    const child = { parent: this, provider: args.provider };
    const owner: Ownership = { ...args.ownership, role: bastionRole };
    const tags = ownershipTags(owner);
    const image = openstack.images.getImageOutput(
      { name: args.imageName, mostRecent: true, region },
      child,
    );
    // Never two bastions on one hypervisor: losing a host must not lock administrators out.
    const spread = new openstack.compute.ServerGroup(
      `${name}-spread`,
      { name: `${args.namePrefix}-bastions`, policies: ["anti-affinity"], region },
      child,
    );

    this.publicAddresses = [];
    this.privateAddresses = [];
    for (let i = 0; i < count; i++) {
      const host = `${args.namePrefix}-bastion-${i + 1}`;
      const port = new openstack.networking.Port(
        `${name}-${i + 1}-port`,
        {
          name: host,
          networkId: args.networkId,
          fixedIps: [{ subnetId: args.subnetId }],
          securityGroupIds: [args.securityGroupId],
          portSecurityEnabled: true,
          adminStateUp: true,
          region,
          tags,
        },
        child,
      );
      new openstack.compute.Instance(
        `${name}-${i + 1}`,
        {
          name: host,
          flavorName: args.flavor,
          availabilityZone: zones[i % zones.length],
          networks: [{ port: port.id }],
          blockDevices: [
            {
              sourceType: "image",
              uuid: image.id,
              destinationType: "volume",
              volumeType: args.encryptedVolumeType,
              volumeSize: bootVolumeGiB,
              bootIndex: 0,
              deleteOnTermination: true,
            },
          ],
          schedulerHints: [{ group: spread.id }],
          configDrive: true,
          userData: renderBastionCloudInit({
            hostname: host,
            sshCaPublicKey: args.sshCaPublicKey,
            aptMirror: args.aptMirror,
            rebootTime: rebootTime(i),
          }),
          metadata: ownershipMetadata(owner),
          region,
          tags,
        },
        child,
      );
      const floatingIp = new openstack.networking.FloatingIp(
        `${name}-${i + 1}-fip`,
        {
          pool: args.externalNetwork,
          portId: port.id,
          description: `Public address of ${host}, SSH from the admin networks only`,
          region,
          tags,
        },
        child,
      );
      this.publicAddresses.push(floatingIp.address);
      this.privateAddresses.push(port.allFixedIps[0]);
    }
    this.registerOutputs({
      publicAddresses: this.publicAddresses,
      privateAddresses: this.privateAddresses,
    });
  }
}

function validate(
  args: BastionArgs,
  count: number,
  zones: readonly string[],
  bootVolumeGiB: number,
): void {
  const problems: ArgProblem[] = [];
  if (!Number.isInteger(count) || count < 1 || count > 5) {
    problems.push({ propertyPath: "count", reason: `${count}: expected 1 to 5 bastions` });
  }
  if (zones.length === 0) {
    problems.push({ propertyPath: "availabilityZones", reason: "name at least one zone" });
  }
  if (!Number.isInteger(bootVolumeGiB) || bootVolumeGiB < 10) {
    problems.push({
      propertyPath: "bootVolumeGiB",
      reason: `${bootVolumeGiB}: expected 10 GiB or more`,
    });
  }
  if (
    !/^(ssh-ed25519|ecdsa-sha2-nistp(256|384|521)|ssh-rsa) [A-Za-z0-9+/=]+( [^\n]*)?$/.test(
      args.sshCaPublicKey,
    )
  ) {
    problems.push({
      propertyPath: "sshCaPublicKey",
      reason: "expected one OpenSSH public key line (ssh-ed25519 AAAA...)",
    });
  }
  if (!args.encryptedVolumeType) {
    problems.push({
      propertyPath: "encryptedVolumeType",
      reason: "name the encrypted volume type",
    });
  }
  throwIfInvalid("hdh:bastion:Bastion", problems);
}
