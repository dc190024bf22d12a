/**
 * The StorageClass every workspace volume uses: Cinder CSI volumes of the encrypted volume type,
 * so a PersistentVolumeClaim can only ever get an encrypted disk. Made the cluster's default so a
 * claim that names no class is encrypted too.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";

export interface EncryptedStorageClassArgs {
  /** Provider of the cluster the class is created in. */
  readonly kubernetesProvider: k8s.Provider;
  /** Name of the StorageClass. @default "hdh-encrypted" */
  readonly className?: string;
  /** Encrypted Cinder volume type the volumes are created with. */
  readonly encryptedVolumeType: string;
  /** Keep a volume when its claim is deleted (production). @default false */
  readonly retainVolumes?: boolean;
}

export const cinderCsiProvisioner = "cinder.csi.openstack.org";

export class EncryptedStorageClass extends pulumi.ComponentResource {
  /** Name to put in `storageClassName`. */
  public readonly className: pulumi.Output<string>;

  constructor(
    name: string,
    args: EncryptedStorageClassArgs,
    opts?: pulumi.ComponentResourceOptions,
  ) {
    super("hdh:cluster:EncryptedStorageClass", name, {}, opts);
    const storageClass = new k8s.storage.v1.StorageClass(
      `${name}-class`,
      {
        metadata: {
          name: args.className ?? "hdh-encrypted",
          annotations: { "storageclass.kubernetes.io/is-default-class": "true" },
        },
        provisioner: cinderCsiProvisioner,
        parameters: { type: args.encryptedVolumeType },
        reclaimPolicy: args.retainVolumes ? "Retain" : "Delete",
        allowVolumeExpansion: true,
        volumeBindingMode: "WaitForFirstConsumer",
      },
      { parent: this, provider: args.kubernetesProvider },
    );
    this.className = storageClass.metadata.name;
    this.registerOutputs({ className: this.className });
  }
}
