/**
 * Who answers for a platform resource and how sensitive it is, written the way the policy pack
 * reads it (policies/catalog/labels.ts): as Nova/Cinder metadata entries and as Neutron
 * `key=value` tags.
 */
import { labelKeys } from "../../policies/catalog/labels";

export interface Ownership {
  /** Project the resource serves: a workspace id, or "platform" for shared infrastructure. */
  readonly project: string;
  /** Data tier "0" to "4" of the most sensitive data the resource may carry or route. */
  readonly classification: string;
  /** OIDC group that answers for the resource. */
  readonly ownerGroup: string;
  /** What the resource is for ("bastion"...). @default none */
  readonly role?: string;
}

/** Default operators' group, owner of shared platform resources. */
export const platformOperatorsGroup = "hdh-platform-operators";

/** Owner of in-cluster platform services (mirror, airlock mover): classification "platform". */
export const platformServiceOwnership: Ownership = {
  project: "platform",
  classification: "platform",
  ownerGroup: platformOperatorsGroup,
};

/** Metadata entries (instances, volumes). */
export function ownershipMetadata(owner: Ownership): Record<string, string> {
  const entries: Record<string, string> = {
    [labelKeys.project]: owner.project,
    [labelKeys.classification]: owner.classification,
    [labelKeys.ownerGroup]: owner.ownerGroup,
  };
  if (owner.role) entries[labelKeys.role] = owner.role;
  return entries;
}

/** Neutron tags (networks, ports, groups, floating IPs): `key=value` strings. */
export function ownershipTags(owner: Ownership): string[] {
  return Object.entries(ownershipMetadata(owner)).map(([key, value]) => `${key}=${value}`);
}
