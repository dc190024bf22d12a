import { volumeTypes } from "../encryption/volume-encrypted-type";
import { stackPolicy } from "../lib/define";
import { StackIndex, type IndexedResource } from "../lib/stack-index";
import { isEncryptedVolumeType } from "../lib/storage-class";
import { isUnknown, list, obj, str } from "../lib/values";
import { req } from "../requirements";

const attachTypes = [
  "openstack:compute/volumeAttach:VolumeAttach",
  "openstack:blockstorage/volumeAttach:VolumeAttach",
];
const volumeTypeSet = new Set(volumeTypes);

/** Every volume an instance uses is one of the stack's volumes, on an encrypted type. */
export function attachedVolumeEncrypted() {
  return stackPolicy({
    name: "openstack-compute-instance-attached-volume-encrypted",
    description: "Every volume attached to an instance is managed in the stack and encrypted.",
    enforcementLevel: "mandatory",
    meta: {
      area: "stack",
      severity: "critical",
      requirements: [req.sncEncryptionAtRest, req.hdsConfidentiality, req.isoCrypto],
      remediation:
        "Attach only volumes created in this stack with an encrypted `volumeType` (setting `encryptedVolumeTypes`); import external volumes first so they can be checked.",
      settings: ["encryptedVolumeTypes"],
    },
    validate: (args, settings, report) => {
      const index = StackIndex.of(args.resources);
      const check = (
        user: IndexedResource,
        where: string,
        property: string | undefined,
        idValue: unknown,
      ) => {
        const candidates = (property ? index.dependenciesOf(user, property) : []).concat(
          index.dependenciesOf(user),
        );
        const volume = candidates
          .map((u) => index.get(u))
          .find((r) => r && volumeTypeSet.has(r.type));
        if (!volume) {
          if (isUnknown(idValue)) return;
          report(
            `${where} attaches volume "${str(idValue) ?? "?"}" that is not managed in this stack: its encryption cannot be proven.`,
            user.urn,
          );
          return;
        }
        if (isUnknown(volume.props.volumeType)) return;
        const type = str(volume.props.volumeType);
        if (!type || !isEncryptedVolumeType(type, settings)) {
          report(
            `${where} attaches volume "${volume.name}" of ${type ? `type "${type}"` : "the default type"}, which is not encrypted.`,
            user.urn,
          );
        }
      };
      for (const attach of index.ofTypes(attachTypes))
        check(attach, `${attach.name}`, "volumeId", attach.props.volumeId);
      for (const instance of index.ofTypes(["openstack:compute/instance:Instance"])) {
        (list(instance.props.blockDevices) ?? []).forEach((value, i) => {
          const device = obj(value);
          if (device && str(device.sourceType)?.toLowerCase() === "volume") {
            check(instance, `${instance.name} blockDevices[${i}]`, "blockDevices", device.uuid);
          }
        });
        (list(instance.props.volumes) ?? []).forEach((value, i) => {
          const volume = obj(value);
          if (volume) check(instance, `${instance.name} volumes[${i}]`, "volumes", volume.volumeId);
        });
      }
    },
  });
}
