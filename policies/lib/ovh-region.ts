/**
 * Where a resource of the OVHcloud API (`@ovhcloud/pulumi-ovh`) puts its data: each field that
 * names a Public Cloud region, and whether that region is an allowed EU one.
 *
 * The OVHcloud API spells a region two ways: the compute region (`GRA11`, `DE1`, as OpenStack
 * does: Kube, gateways, instances, volumes) and the location code of managed services and object
 * storage (`GRA`, `DE`, `EU-WEST-PAR`: S3 buckets' `regionName`, managed databases'
 * `nodes[].region`, a bucket replication's `destination.region`) (pulumi-ovh 2.19.1 schema,
 * cloudproject/storage.d.ts and database.d.ts; sources.ovhObjectStorageRegions). A location code
 * is allowed when an allowed compute region of the catalogue is served by it, so narrowing
 * `allowedRegions` narrows both spellings; a name the catalogue does not know is not EU as far
 * as we know (fail closed), like an OpenStack region.
 */
import { providerCatalogue } from "../catalog/provider-catalogue";
import type { PolicySettings } from "../config";
import { isUnknown, list, obj, str, type Props } from "./values";

/** Location code (lower case) of each catalogue compute region (lower case) that has one. */
const locationOfRegion: ReadonlyMap<string, string> = new Map(
  providerCatalogue.flatMap((p) =>
    p.regions.flatMap((r) =>
      r.objectStorageRegion ? [[r.name.toLowerCase(), r.objectStorageRegion.toLowerCase()]] : [],
    ),
  ),
);

/** Whether `region` (compute region or location code, any case) is an allowed EU region. */
export function isAllowedOvhRegion(region: string, settings: PolicySettings): boolean {
  const wanted = region.trim().toLowerCase();
  return settings.allowedRegions.some((allowed) => {
    const name = allowed.toLowerCase();
    return name === wanted || locationOfRegion.get(name) === wanted;
  });
}

export interface RegionField {
  /** Field path, as the program wrote it (`replication.rules[0].destination.region`). */
  readonly field: string;
  readonly value: unknown;
}

/**
 * Every field of the resource's inputs that names a region the data goes to: `region`,
 * `regionName`, each of `regions[]`, each managed-database node's `region`, and each S3
 * replication rule's destination `region` (where the bucket's copies are written).
 */
export function ovhRegionFields(props: Props): RegionField[] {
  const found: RegionField[] = [];
  for (const key of ["region", "regionName"])
    if (props[key] !== undefined && props[key] !== null)
      found.push({ field: key, value: props[key] });
  const each = (key: string, item: (entry: unknown, i: number) => void) => {
    const value = props[key];
    if (value === undefined || value === null) return;
    if (isUnknown(value)) found.push({ field: key, value });
    else (list(value) ?? []).forEach(item);
  };
  each("regions", (entry, i) => found.push({ field: `regions[${i}]`, value: entry }));
  each("nodes", (node, i) => {
    const n = obj(node);
    if (isUnknown(node) || isUnknown(n?.region))
      found.push({ field: `nodes[${i}].region`, value: isUnknown(node) ? node : n?.region });
    else if (n?.region !== undefined) found.push({ field: `nodes[${i}].region`, value: n.region });
  });
  const replication = props.replication;
  if (isUnknown(replication)) found.push({ field: "replication", value: replication });
  const rules = obj(replication)?.rules;
  if (isUnknown(rules)) found.push({ field: "replication.rules", value: rules });
  (list(rules) ?? []).forEach((rule, i) => {
    const path = `replication.rules[${i}].destination`;
    const r = obj(rule);
    if (isUnknown(rule) || isUnknown(r?.destination)) {
      found.push({ field: path, value: isUnknown(rule) ? rule : r?.destination });
      return;
    }
    const destination = obj(r?.destination);
    if (destination && "region" in destination)
      found.push({ field: `${path}.region`, value: destination.region });
  });
  return found;
}

/** The text of a region field's known value, or undefined when it is not a string. */
export const regionText = (value: unknown): string | undefined => str(value)?.trim() || undefined;
