import { resourcePolicies } from "../lib/define";
import { isEncryptedVolumeType } from "../lib/storage-class";
import { isUnknown, raw, str } from "../lib/values";
import { req } from "../requirements";

export const volumeTypes = [
  "openstack:blockstorage/volume:Volume",
  "openstack:blockstorage/volumeV2:VolumeV2",
  "openstack:blockstorage/volumeV1:VolumeV1",
];

/** Block volumes use a volume type that encrypts at rest (LUKS, keys in Barbican). */
export function volumeEncryptedType() {
  return resourcePolicies({
    name: "openstack-blockstorage-volume-encrypted-type",
    description: "Block storage volumes use an encrypted volume type.",
    enforcementLevel: "mandatory",
    types: volumeTypes,
    meta: {
      area: "encryption",
      severity: "critical",
      requirements: [
        req.sncEncryptionAtRest,
        req.hdsConfidentiality,
        req.isoCrypto,
        req.gdprSecurity,
      ],
      remediation:
        "Set `volumeType` to an encrypted Cinder type of the cloud profile (policy setting `encryptedVolumeTypes`).",
      settings: ["encryptedVolumeTypes"],
    },
    validate: (args, settings, report, unknown) => {
      if (!volumeTypes.includes(args.type)) return;
      const props = raw(args.props);
      if (isUnknown(props.volumeType)) {
        unknown(
          "`volumeType` is unknown during preview: whether the volume is encrypted cannot be judged yet.",
        );
        return;
      }
      const type = str(props.volumeType);
      if (!type) {
        report(
          `No \`volumeType\`: the cloud's default type does not encrypt. Use one of: ${settings.encryptedVolumeTypes.join(", ")}.`,
        );
      } else if (!isEncryptedVolumeType(type, settings)) {
        report(
          `Volume type "${type}" does not encrypt at rest. Use one of: ${settings.encryptedVolumeTypes.join(", ")}.`,
        );
      }
    },
  });
}
