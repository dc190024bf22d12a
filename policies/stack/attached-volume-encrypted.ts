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
      /** The stack's volumes `user` takes through `property` (or, without those, any dependency). */
      const volumesOf = (user: IndexedResource, property: string): IndexedResource[] => {
        const volumes = (urns: string[]) =>
          [...new Set(urns)]
            .map((u) => index.get(u))
            .filter((r): r is IndexedResource => r !== undefined && volumeTypeSet.has(r.type));
        const named = volumes(index.dependenciesOf(user, property));
        return named.length > 0 ? named : volumes(index.dependenciesOf(user));
      };
      const judgeType = (where: string, volume: IndexedResource, urn: string) => {
        if (isUnknown(volume.props.volumeType)) return;
        const type = str(volume.props.volumeType);
        if (!type || !isEncryptedVolumeType(type, settings)) {
          report(
            `${where} attaches volume "${volume.name}" of ${type ? `type "${type}"` : "the default type"}, which is not encrypted.`,
            urn,
          );
        }
      };
      const unmanaged = (where: string, idValue: unknown, urn: string) =>
        report(
          `${where} attaches volume "${str(idValue) ?? "?"}" that is not managed in this stack: its encryption cannot be proven.`,
          urn,
        );

      for (const attach of index.ofTypes(attachTypes)) {
        const [volume] = volumesOf(attach, "volumeId");
        if (volume) judgeType(attach.name, volume, attach.urn);
        else if (!isUnknown(attach.props.volumeId))
          unmanaged(attach.name, attach.props.volumeId, attach.urn);
      }
      for (const instance of index.ofTypes(["openstack:compute/instance:Instance"])) {
        const blockDevices = (list(instance.props.blockDevices) ?? [])
          .map(obj)
          .map((device) =>
            device && str(device.sourceType)?.toLowerCase() === "volume" ? device.uuid : null,
          );
        const volumes = (list(instance.props.volumes) ?? []).map((v) => {
          if (isUnknown(v)) return v;
          const entry = obj(v);
          return entry ? entry.volumeId : null;
        });
        judgeEntries(instance, "blockDevices", blockDevices);
        judgeEntries(instance, "volumes", volumes);
      }

      /**
       * An instance's volume entries (ids, `null` for entries that are not volumes). Every stack
       * volume the property comes from is judged, each once; property dependencies do not say
       * which entry each came from, so entries beyond those volumes (a volume is attached once)
       * are named as unmanaged unless their id is unknown at preview.
       */
      function judgeEntries(instance: IndexedResource, property: string, ids: unknown[]) {
        const entries = ids.map((id, i) => ({ id, i })).filter((entry) => entry.id !== null);
        if (entries.length === 0) return;
        const where = (i: number) => `${instance.name} ${property}[${i}]`;
        const volumes = volumesOf(instance, property);
        const whereAll =
          entries.length === 1 ? where(entries[0].i) : `${instance.name} ${property}`;
        for (const volume of volumes) judgeType(whereAll, volume, instance.urn);
        for (const entry of entries.slice(volumes.length)) {
          if (!isUnknown(entry.id)) unmanaged(where(entry.i), entry.id, instance.urn);
        }
      }
    },
  });
}
