/**
 * The platform's keys, one per purpose, each generated server-side by the key manager and
 * readable only by its consumers. Backups' key lives in the recovery region when there is one,
 * next to the backups it protects, so a lost primary region does not take the key with it.
 */
import type * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { ManagedKey, type KeystoneScope } from "./managed-key";

export type PlatformKeyPurpose = "volumes" | "objectStorage" | "backups";

export const platformKeyPurposes: readonly PlatformKeyPurpose[] = [
  "volumes",
  "objectStorage",
  "backups",
];

/** Physical key name suffix per purpose. */
const keySuffix: Record<PlatformKeyPurpose, string> = {
  volumes: "volumes",
  objectStorage: "object-storage",
  backups: "backups",
};

export interface RegionTarget {
  /** OpenStack provider of the region. */
  readonly provider: openstack.Provider;
  /** Region name, set on every resource. */
  readonly region: string;
}

export interface KmsArgs {
  /** Prefix of every key name, e.g. "hdh-prod". */
  readonly namePrefix: string;
  /** Region holding the platform and its data. */
  readonly primary: RegionTarget;
  /** Disaster-recovery region, holding the backups' key. @default the primary region */
  readonly recovery?: RegionTarget;
  /** Keystone URL and project of the providers: the keys' ACLs are set as their creator. */
  readonly keystone: KeystoneScope;
  /** Keystone user ids allowed to read each key, by purpose. @default no consumer beyond the owner */
  readonly consumers?: Partial<Readonly<Record<PlatformKeyPurpose, readonly string[]>>>;
  /** Days between rotations of every key. @default 90 */
  readonly rotationDays?: number;
  /** Deletion protection and retain-on-delete on the keys (production). @default false */
  readonly protectData?: boolean;
}

export class Kms extends pulumi.ComponentResource {
  /** Barbican secret reference of each platform key. */
  public readonly secretRefs: Record<PlatformKeyPurpose, pulumi.Output<string>>;
  /** The keys themselves, for consumers that need their container or rotation. */
  public readonly keys: Record<PlatformKeyPurpose, ManagedKey>;

  constructor(name: string, args: KmsArgs, opts?: pulumi.ComponentResourceOptions) {
    super("hdh:kms:Kms", name, {}, opts);
    const keys = {} as Record<PlatformKeyPurpose, ManagedKey>;
    for (const purpose of platformKeyPurposes) {
      const target = purpose === "backups" ? (args.recovery ?? args.primary) : args.primary;
      keys[purpose] = new ManagedKey(
        `${name}-${keySuffix[purpose]}`,
        {
          keyName: `${args.namePrefix}-${keySuffix[purpose]}`,
          provider: target.provider,
          region: target.region,
          keystone: args.keystone,
          consumers: args.consumers?.[purpose] ?? [],
          rotationDays: args.rotationDays,
          protectData: args.protectData,
        },
        { parent: this },
      );
    }
    this.keys = keys;
    this.secretRefs = {
      volumes: keys.volumes.secretRef,
      objectStorage: keys.objectStorage.secretRef,
      backups: keys.backups.secretRef,
    };
    this.registerOutputs({ secretRefs: this.secretRefs });
  }
}
