import { dataTiers } from "../catalog/data-tiers";
import { labelKeys } from "../catalog/labels";
import { stackPolicy } from "../lib/define";
import { StackIndex, type IndexedResource } from "../lib/stack-index";
import { at, isUnknown, obj, type Props } from "../lib/values";
import { req } from "../requirements";

/** Keys every data-holding resource carries: which project, how sensitive, who answers for it. */
export const requiredOwnershipLabels: readonly string[] = [
  labelKeys.project,
  labelKeys.classification,
  labelKeys.ownerGroup,
];

/** Classification values: a data tier ("0" to "4") or "platform" for shared infrastructure. */
export const classificationValues: readonly string[] = [...dataTiers.map(String), "platform"];

/** Where each data-holding type keeps its labels. */
const labelField: Record<string, (props: Props) => unknown> = {
  "openstack:blockstorage/volume:Volume": (p) => p.metadata,
  "openstack:blockstorage/volumeV2:VolumeV2": (p) => p.metadata,
  "openstack:blockstorage/volumeV1:VolumeV1": (p) => p.metadata,
  "openstack:objectstorage/container:Container": (p) => p.metadata,
  "openstack:keymanager/secretV1:SecretV1": (p) => p.metadata,
  "openstack:compute/instance:Instance": (p) => p.metadata,
  // `at` keeps an unknown `metadata` unknown (not judged at preview), as for OpenStack's.
  "kubernetes:core/v1:Namespace": (p) => at(p, "metadata.labels"),
  "kubernetes:core/v1:PersistentVolumeClaim": (p) => at(p, "metadata.labels"),
};

function problems(r: IndexedResource): string[] | undefined {
  const value = labelField[r.type](r.props);
  if (isUnknown(value)) return undefined;
  const labels = obj(value) ?? {};
  const found: string[] = [];
  for (const key of requiredOwnershipLabels) {
    const v = labels[key];
    if (isUnknown(v)) continue;
    if (typeof v !== "string" || v.trim() === "") found.push(`missing ${key}`);
    else if (key === labelKeys.classification && !classificationValues.includes(v)) {
      found.push(`${key} "${v}" is not one of ${classificationValues.join(", ")}`);
    }
  }
  return found;
}

/** Data holders say which project they serve, how sensitive they are and who answers for them. */
export function ownershipLabels() {
  return stackPolicy({
    name: "hdh-all-datastore-ownership-labels",
    description: `Data-holding resources and namespaces carry ${requiredOwnershipLabels.join(", ")}.`,
    enforcementLevel: "mandatory",
    meta: {
      area: "stack",
      severity: "medium",
      requirements: [req.sncAssetInventory, req.isoAssets, req.gdprSecurity],
      remediation: `Set ${requiredOwnershipLabels.join(", ")} in the resource's labels (Kubernetes) or metadata (OpenStack); classification is one of ${classificationValues.join(", ")}.`,
      settings: [],
    },
    validate: (args, _settings, report) => {
      const index = StackIndex.of(args.resources);
      for (const r of index.ofTypes(Object.keys(labelField))) {
        const found = problems(r);
        if (found && found.length > 0)
          report(`"${r.name}" (${r.type.split(":").pop()}): ${found.join("; ")}.`, r.urn);
      }
    },
  });
}
