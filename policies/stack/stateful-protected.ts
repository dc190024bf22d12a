import { stackPolicy } from "../lib/define";
import { StackIndex } from "../lib/stack-index";
import { matchesGlob } from "../lib/values";
import { req } from "../requirements";

/** Resources whose deletion loses data or keys. */
export const statefulTypes = [
  "openstack:blockstorage/volume:Volume",
  "openstack:blockstorage/volumeV2:VolumeV2",
  "openstack:blockstorage/volumeV1:VolumeV1",
  "openstack:objectstorage/container:Container",
  "openstack:keymanager/secretV1:SecretV1",
  "openstack:keymanager/orderV1:OrderV1",
  "openstack:keymanager/containerV1:ContainerV1",
  "openstack:database/instance:Instance",
  "openstack:sharedfilesystem/share:Share",
  "kubernetes:core/v1:PersistentVolumeClaim",
  "kubernetes:core/v1:PersistentVolume",
];

/** In production, data and keys cannot be deleted by a mistaken `pulumi up` or `destroy`. */
export function statefulProtected() {
  return stackPolicy({
    name: "openstack-all-stateful-protected-in-production",
    description:
      "In production stacks, volumes, containers, secrets, keys and persistent volume claims are protected against deletion.",
    enforcementLevel: "mandatory",
    meta: {
      area: "stack",
      severity: "high",
      requirements: [req.sncBackupIntegrity, req.isoBackup, req.hdsConfidentiality],
      remediation:
        "Create the resource with `{ protect: true }` in production stacks (setting `productionStacks`).",
      settings: ["productionStacks"],
    },
    validate: (args, settings, report) => {
      const index = StackIndex.of(args.resources);
      if (!matchesGlob(index.stack, settings.productionStacks)) return;
      for (const r of index.ofTypes(statefulTypes)) {
        if (!r.resource.opts.protect) {
          report(
            `"${r.name}" (${r.type.split(":").pop()}) holds data or keys but is not protected in production stack "${index.stack}". Set \`protect: true\`.`,
            r.urn,
          );
        }
      }
    },
  });
}
