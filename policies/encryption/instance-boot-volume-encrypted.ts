import { resourcePolicy } from "../lib/define";
import { isEncryptedVolumeType } from "../lib/storage-class";
import { isUnknown, list, num, obj, raw, str } from "../lib/values";
import { req } from "../requirements";

/**
 * Instances boot from, and only use, encrypted volumes: a `blockDevices` entry that creates a
 * volume names an encrypted type, and nothing lives on the hypervisor's local (unencrypted)
 * ephemeral disk. Existing volumes attached by id are checked at stack level.
 */
export function instanceBootVolumeEncrypted() {
  return resourcePolicy({
    name: "openstack-compute-instance-boot-volume-encrypted",
    description: "Instances boot from an encrypted volume and use no local ephemeral disk.",
    enforcementLevel: "mandatory",
    types: ["openstack:compute/instance:Instance"],
    meta: {
      area: "encryption",
      severity: "critical",
      requirements: [req.sncEncryptionAtRest, req.hdsConfidentiality, req.isoCrypto],
      remediation:
        "Boot from a volume: a `blockDevices` entry with `sourceType: image`, `destinationType: volume`, `bootIndex: 0` and an encrypted `volumeType` (policy setting `encryptedVolumeTypes`).",
      settings: ["encryptedVolumeTypes"],
    },
    validate: (args, settings, report) => {
      if (args.type !== "openstack:compute/instance:Instance") return;
      const props = raw(args.props);
      if (isUnknown(props.blockDevices)) return;
      const devices = list(props.blockDevices) ?? [];
      if (devices.length === 0) {
        report(
          "The instance boots its image on the hypervisor's local disk, which is not encrypted. Boot from an encrypted volume through `blockDevices`.",
        );
        return;
      }
      devices.forEach((value, index) => {
        const device = obj(value);
        if (!device) return;
        const where = `blockDevices[${index}]`;
        if (isUnknown(device.destinationType) || isUnknown(device.sourceType)) return;
        const destination = (str(device.destinationType) ?? "local").toLowerCase();
        const source = (str(device.sourceType) ?? "").toLowerCase();
        if (destination === "local") {
          const boot = num(device.bootIndex) === 0 ? "boot " : "";
          report(
            `${where}: ${boot}disk on the hypervisor's local ephemeral storage is not encrypted. Use \`destinationType: volume\` with an encrypted \`volumeType\`.`,
          );
          return;
        }
        if (source === "volume") return; // an existing volume: the stack-level attachment rule decides
        if (isUnknown(device.volumeType)) return;
        const type = str(device.volumeType);
        if (!type || !isEncryptedVolumeType(type, settings)) {
          report(
            `${where}: new volume ${type ? `of type "${type}"` : "without a `volumeType`"} is not encrypted. ` +
              `Set \`volumeType\` to one of: ${settings.encryptedVolumeTypes.join(", ")}.`,
          );
        }
      });
    },
  });
}
