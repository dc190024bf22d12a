/**
 * The deployable cloud profiles (`hdh:cloud.profile`) and the region views the config schema and
 * the policies share, all derived from the sourced provider catalogue
 * (policies/catalog/provider-catalogue.ts), so the list of EU regions is written once.
 *
 * A region not listed in the catalogue is not EU as far as we know (fail closed); operators extend
 * the list through policy config (`allowedRegions`) and the `generic-openstack` profile.
 */
import { providerCatalogue, type ProviderEntry } from "./provider-catalogue";

/**
 * ISO 3166-1 alpha-2 codes of the European Union's 27 member states
 * (https://european-union.europa.eu/principles-countries-history/eu-countries_en).
 */
export const euMemberStates: ReadonlySet<string> = new Set([
  "AT",
  "BE",
  "BG",
  "HR",
  "CY",
  "CZ",
  "DK",
  "EE",
  "FI",
  "FR",
  "DE",
  "GR",
  "HU",
  "IE",
  "IT",
  "LV",
  "LT",
  "LU",
  "MT",
  "NL",
  "PL",
  "PT",
  "RO",
  "SK",
  "SI",
  "ES",
  "SE",
]);

export interface CloudRegion {
  /** Region name as the provider's API spells it (OpenStack `region`). */
  readonly name: string;
  /** ISO 3166-1 alpha-2 country where the region's data centres stand. */
  readonly country: string;
  /** Human-readable location, for reports. */
  readonly location: string;
  /** Encrypted volume types offered in this region (empty: none). */
  readonly encryptedVolumeTypes: readonly string[];
}

export interface CloudProfile {
  /** Profile id used in config (`hdh:cloud.profile`). */
  readonly id: string;
  /** Provider's company name, for reports and the compliance matrix. */
  readonly operator: string;
  /** Country whose law governs the operator (the Cloud Act question, not the data centre's). */
  readonly operatorJurisdiction: string;
  /** Keystone endpoint; empty for `generic-openstack`, where config must give it. */
  readonly authUrl: string;
  /** Every region the provider publishes, EU or not: a non-EU one is named so it can be refused. */
  readonly regions: readonly CloudRegion[];
  /** Cinder volume types that encrypt at rest (LUKS with keys in the key manager), any region. */
  readonly encryptedVolumeTypes: readonly string[];
  /** The encrypted volume type used when config does not choose one. */
  readonly defaultEncryptedVolumeType: string;
  /** The catalogue entry, with its services and sources. */
  readonly entry: ProviderEntry;
}

function toProfile(entry: ProviderEntry): CloudProfile {
  const regionTypes = entry.regions.flatMap((r) => r.encryptedVolumeTypes);
  return {
    id: entry.id,
    operator: entry.operator.value.company,
    operatorJurisdiction: entry.operator.value.jurisdiction,
    authUrl: entry.authUrl,
    regions: entry.regions.map(({ name, country, location, encryptedVolumeTypes }) => ({
      name,
      country,
      location,
      encryptedVolumeTypes,
    })),
    encryptedVolumeTypes:
      entry.id === "generic-openstack"
        ? [entry.defaultEncryptedVolumeType, "encrypted"]
        : [...new Set(regionTypes)],
    defaultEncryptedVolumeType: entry.defaultEncryptedVolumeType,
    entry,
  };
}

/** The profiles the program deploys to, keyed by id: the values `hdh:cloud.profile` accepts. */
export const cloudProfiles: Readonly<Record<string, CloudProfile>> = Object.fromEntries(
  providerCatalogue.filter((p) => p.deployable).map((p) => [p.id, toProfile(p)]),
);

/** Every provider the catalogue knows, deployable or not, keyed by id. */
export const knownProviders: Readonly<Record<string, CloudProfile>> = Object.fromEntries(
  providerCatalogue.map((p) => [p.id, toProfile(p)]),
);

/** Every region of every known provider, EU or not, keyed by name; names are unique. */
export function findRegion(name: string): (CloudRegion & { profile: string }) | undefined {
  for (const profile of Object.values(knownProviders)) {
    const region = profile.regions.find((r) => r.name === name);
    if (region) return { ...region, profile: profile.id };
  }
  return undefined;
}

/**
 * The default EU allowlist of OpenStack regions (the `region` of OpenStack resources and
 * providers): every published region, in an EU member state, of a known provider reached through
 * OpenStack. Regions of Outscale, Cloud Temple or S3NS are not OpenStack regions: an OpenStack
 * provider naming `eu-west-2` is not in France.
 */
export const defaultEuRegions: readonly string[] = Object.values(knownProviders)
  .filter((p) => p.entry.apiFamilies.value.includes("openstack"))
  .flatMap((p) => p.regions.filter((r) => euMemberStates.has(r.country)).map((r) => r.name));

/** Every encrypted volume type any known provider offers. */
export const knownEncryptedVolumeTypes: readonly string[] = [
  ...new Set(Object.values(knownProviders).flatMap((p) => p.encryptedVolumeTypes)),
];
