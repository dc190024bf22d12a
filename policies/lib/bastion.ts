/**
 * Whether a resource belongs to a bastion, the only hosts that may face the internet. Decided by
 * structure first (a child of a bastion component, as the URN records) then by what the resource
 * declares about itself: its logical name or its `hdh.health/role=bastion` tag or metadata.
 */
import { bastionRole, labelKeys } from "../catalog/labels";
import type { PolicySettings } from "../config";
import { ancestorTypesOfUrn } from "./urn";
import { list, stringMap, type Props } from "./values";

const patternCache = new Map<string, RegExp>();

function namePattern(settings: PolicySettings): RegExp {
  let re = patternCache.get(settings.bastionNamePattern);
  if (!re) {
    re = new RegExp(settings.bastionNamePattern, "i");
    patternCache.set(settings.bastionNamePattern, re);
  }
  return re;
}

export function isBastion(
  resource: { urn: string; name: string; props: Props },
  settings: PolicySettings,
): boolean {
  const ancestors = ancestorTypesOfUrn(resource.urn);
  if (ancestors.some((t) => settings.bastionComponentTypes.includes(t))) return true;
  if (namePattern(settings).test(resource.name)) return true;
  const roleTag = `${labelKeys.role}=${bastionRole}`;
  if (list(resource.props.tags)?.some((t) => t === roleTag)) return true;
  return stringMap(resource.props.metadata)[labelKeys.role] === bastionRole;
}
