/**
 * The cloud profiles: which providers we deploy to, where their regions are, which volume types
 * encrypt. This is data shared by the config schema (stacks/config.ts) and the policy pack, so the
 * list of EU regions is written once. It lives inside policies/ so the pack stays self-contained
 * when the Pulumi CLI installs and runs it on its own.
 *
 * Region lists follow each provider's public region catalogue. A region not listed here is not
 * EU as far as we know (fail closed); operators extend the list through policy config
 * (`allowedRegions`) and the `generic-openstack` profile.
 */

/** ISO 3166-1 alpha-2 codes of the European Union's member states. */
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
  /** Cinder volume types that encrypt at rest (LUKS with keys in the key manager). */
  readonly encryptedVolumeTypes: readonly string[];
  /** The encrypted volume type used when config does not choose one. */
  readonly defaultEncryptedVolumeType: string;
}

export const cloudProfiles: Readonly<Record<string, CloudProfile>> = {
  ovhcloud: {
    id: "ovhcloud",
    operator: "OVH SAS",
    operatorJurisdiction: "FR",
    authUrl: "https://auth.cloud.ovh.net/v3",
    regions: [
      { name: "GRA7", country: "FR", location: "Gravelines" },
      { name: "GRA9", country: "FR", location: "Gravelines" },
      { name: "GRA11", country: "FR", location: "Gravelines" },
      { name: "SBG5", country: "FR", location: "Strasbourg" },
      { name: "RBX-A", country: "FR", location: "Roubaix" },
      { name: "EU-WEST-PAR", country: "FR", location: "Paris (3 availability zones)" },
      { name: "DE1", country: "DE", location: "Frankfurt" },
      { name: "WAW1", country: "PL", location: "Warsaw" },
      { name: "EU-SOUTH-MIL", country: "IT", location: "Milan" },
      { name: "UK1", country: "GB", location: "London" },
      { name: "BHS5", country: "CA", location: "Beauharnois" },
      { name: "CA-EAST-TOR", country: "CA", location: "Toronto" },
      { name: "SGP1", country: "SG", location: "Singapore" },
      { name: "SYD1", country: "AU", location: "Sydney" },
      { name: "AP-SOUTH-MUM", country: "IN", location: "Mumbai" },
      { name: "US-EAST-VA-1", country: "US", location: "Vint Hill, Virginia" },
      { name: "US-WEST-OR-1", country: "US", location: "Hillsboro, Oregon" },
    ],
    encryptedVolumeTypes: ["classic-luks", "high-speed-luks", "high-speed-gen2-luks"],
    defaultEncryptedVolumeType: "high-speed-gen2-luks",
  },
  "cloud-temple": {
    id: "cloud-temple",
    operator: "Cloud Temple SAS",
    operatorJurisdiction: "FR",
    authUrl: "https://identity.openstack.cloud-temple.com/v3",
    regions: [
      { name: "FR1", country: "FR", location: "Paris region" },
      { name: "FR2", country: "FR", location: "Paris region" },
    ],
    encryptedVolumeTypes: ["encrypted", "encrypted-ssd"],
    defaultEncryptedVolumeType: "encrypted-ssd",
  },
  outscale: {
    id: "outscale",
    operator: "3DS Outscale SAS",
    operatorJurisdiction: "FR",
    authUrl: "https://api.eu-west-2.outscale.com",
    regions: [
      { name: "eu-west-2", country: "FR", location: "France" },
      { name: "cloudgouv-eu-west-1", country: "FR", location: "France (SecNumCloud)" },
      { name: "us-east-2", country: "US", location: "United States east" },
      { name: "us-west-1", country: "US", location: "United States west" },
      { name: "ap-northeast-1", country: "JP", location: "Tokyo" },
    ],
    encryptedVolumeTypes: ["io1-encrypted", "gp2-encrypted"],
    defaultEncryptedVolumeType: "gp2-encrypted",
  },
  s3ns: {
    id: "s3ns",
    operator: "S3NS SAS",
    operatorJurisdiction: "FR",
    authUrl: "https://auth.s3nsapis.fr/v3",
    regions: [{ name: "u-france-east1", country: "FR", location: "France east" }],
    encryptedVolumeTypes: ["pd-balanced-cmek", "pd-ssd-cmek"],
    defaultEncryptedVolumeType: "pd-balanced-cmek",
  },
  "generic-openstack": {
    id: "generic-openstack",
    operator: "self-declared OpenStack operator",
    operatorJurisdiction: "",
    authUrl: "",
    regions: [],
    encryptedVolumeTypes: ["LUKS", "encrypted"],
    defaultEncryptedVolumeType: "LUKS",
  },
};

/** Every region, EU or not, keyed by name; names are unique across providers. */
export function findRegion(name: string): (CloudRegion & { profile: string }) | undefined {
  for (const profile of Object.values(cloudProfiles)) {
    const region = profile.regions.find((r) => r.name === name);
    if (region) return { ...region, profile: profile.id };
  }
  return undefined;
}

/** The default EU allowlist: every published region of a profile whose country is an EU member. */
export const defaultEuRegions: readonly string[] = Object.values(cloudProfiles).flatMap((p) =>
  p.regions.filter((r) => euMemberStates.has(r.country)).map((r) => r.name),
);

/** Every encrypted volume type any profile knows. */
export const knownEncryptedVolumeTypes: readonly string[] = [
  ...new Set(Object.values(cloudProfiles).flatMap((p) => p.encryptedVolumeTypes)),
];
