/**
 * What each cloud provider really offers a tenant, with the public source of every fact: who
 * operates it and under which law, which API reaches it, which services (Kubernetes, key
 * manager, load balancer, object storage, encrypted volumes) exist in which region, and which
 * qualifications (SecNumCloud, HDS) cover which offer. The config schema (stacks/), the program
 * (components/) and the policy pack (policies/) read this one table; docs/providers.md is
 * generated from it (scripts/providers-doc.ts). It lives inside policies/ so the pack stays
 * self-contained when the Pulumi CLI installs and runs it on its own.
 *
 * Facts that no public page confirmed are `unverified(...)`: the docs print them as such.
 */
import { fact, unverified, type Sourced } from "./sourced";
import { sources } from "./sources";

/** How a tenant reaches the provider. */
export type ApiFamily =
  | "openstack"
  | "ovhcloud-api"
  | "outscale-api"
  | "aws-compatible"
  | "cloud-temple-api"
  | "google-api";

/** How a tenant gets Kubernetes there. */
export type KubernetesOffer =
  /** OpenStack Magnum (`openstack.containerinfra.Cluster`). */
  | "magnum"
  /** The provider's own managed service (OVHcloud MKS, S3NS GKE...). */
  | "provider-managed"
  /** None: bring your own cluster and give its kubeconfig. */
  | "none";

export interface ProviderRegion {
  /** Region name as the provider's compute API spells it. */
  readonly name: string;
  /** ISO 3166-1 alpha-2 country of the data centres. */
  readonly country: string;
  /** Human-readable location, for reports. */
  readonly location: string;
  /** Object-storage (S3) region serving it, when the provider names it differently. */
  readonly objectStorageRegion?: string;
  /** Encrypted (LUKS) Cinder volume types offered in this region; empty: none. */
  readonly encryptedVolumeTypes: readonly string[];
  /** Where the region's name and its encrypted volume types were read. */
  readonly source: string;
  readonly verified: boolean;
  readonly note?: string;
}

export interface Qualification {
  /** "SecNumCloud 3.2", "HDS"... */
  readonly name: string;
  /** The offer it covers: a qualification is given to an offer, not to a company. */
  readonly offer: string;
  /** Whether this catalogue's deployable service (e.g. OVHcloud Public Cloud) is that offer. */
  readonly coversDeployedService: boolean;
  readonly source: string;
  readonly verified: boolean;
  readonly note?: string;
}

export interface ObjectStorageOffer {
  /** APIs: `s3` (S3-compatible), `swift`, or `gcs` (Google Cloud Storage's own API). */
  readonly apis: readonly ("s3" | "swift" | "gcs")[];
  /** S3 region names (lower case, as the S3 endpoint spells them). */
  readonly s3Regions: readonly string[];
  /** Swift region names, when Swift is offered. */
  readonly swiftRegions: readonly string[];
  /**
   * How data at rest is encrypted and who chooses it. Swift encryption is a proxy-side setting of
   * the operator (the `encryption` middleware), not something a tenant selects per container.
   */
  readonly atRestEncryption: string;
  /** What a tenant can show an auditor about it. */
  readonly tenantEvidence: string;
}

export interface ProviderServices {
  readonly kubernetes: Sourced<{ offer: KubernetesOffer; product: string }>;
  readonly keyManager: Sourced<{ product: string; barbican: boolean }>;
  readonly loadBalancer: Sourced<{ product: string; octavia: boolean }>;
  readonly objectStorage: Sourced<ObjectStorageOffer>;
}

export interface ProviderEntry {
  /** Catalogue id; for a deployable provider also the config's `hdh:cloud.profile`. */
  readonly id: string;
  /** Product name, for reports. */
  readonly name: string;
  /** Company operating the service and the country whose law governs it (the CLOUD Act question). */
  readonly operator: Sourced<{ company: string; jurisdiction: string }>;
  readonly apiFamilies: Sourced<readonly ApiFamily[]>;
  /** Pulumi packages that manage it (first segment of a type token). */
  readonly pulumiPackages: readonly string[];
  /** Keystone URL, for OpenStack providers; empty when config must give it. */
  readonly authUrl: string;
  /** OVHcloud API endpoint name (`ovh-eu`, `ovh-us`), for providers managed through it. */
  readonly ovhApiEndpoint?: string;
  /** Every region the provider publishes, EU or not: a non-EU one is named so it can be refused. */
  readonly regions: readonly ProviderRegion[];
  readonly services: ProviderServices;
  readonly qualifications: readonly Qualification[];
  /** The encrypted volume type used when config does not choose one ("" where none exists). */
  readonly defaultEncryptedVolumeType: string;
  /**
   * Whether this program deploys there. The others are known to the pack (so a program that uses
   * them is judged by region and jurisdiction) but the program does not pretend to deploy there.
   */
  readonly deployable: boolean;
}

const luksTypes = ["classic-luks", "high-speed-luks", "high-speed-gen2-luks"] as const;

/** OVHcloud Public Cloud regions operated by OVH SAS (and its EU-law subsidiaries). */
function ovhRegion(
  name: string,
  country: string,
  location: string,
  objectStorageRegion: string,
  luks: "all" | "none" | readonly string[],
  verified = true,
  note?: string,
): ProviderRegion {
  return {
    name,
    country,
    location,
    objectStorageRegion,
    encryptedVolumeTypes: luks === "all" ? [...luksTypes] : luks === "none" ? [] : luks,
    source: sources.ovhMksStorageFlavors,
    verified,
    ...(note ? { note } : {}),
  };
}

const ovhcloud: ProviderEntry = {
  id: "ovhcloud",
  name: "OVHcloud Public Cloud",
  operator: unverified(
    { company: "OVH SAS", jurisdiction: "FR" },
    sources.ovhApiEndpoints,
    "OVH SAS (Roubaix, France) operates the ovh-eu API and the EU Public Cloud regions; the legal entity per region (e.g. UK1, the Canadian and Asian regions) was not confirmed on a public page.",
  ),
  apiFamilies: fact(["openstack", "ovhcloud-api", "aws-compatible"], sources.ovhOpenrc),
  pulumiPackages: ["openstack", "ovh"],
  authUrl: "https://auth.cloud.ovh.net/v3",
  ovhApiEndpoint: "ovh-eu",
  regions: [
    ovhRegion("GRA5", "FR", "Gravelines", "gra", "all"),
    ovhRegion("GRA7", "FR", "Gravelines", "gra", "all"),
    ovhRegion("GRA9", "FR", "Gravelines", "gra", "all"),
    ovhRegion("GRA11", "FR", "Gravelines", "gra", "all"),
    ovhRegion("SBG5", "FR", "Strasbourg", "sbg", "all", true, "The LUKS list names SBG."),
    ovhRegion(
      "RBX-A",
      "FR",
      "Roubaix",
      "rbx",
      "all",
      false,
      "The LUKS list names RBX; the compute region name RBX-A was not confirmed on a public page.",
    ),
    ovhRegion(
      "EU-WEST-PAR",
      "FR",
      "Paris (3 availability zones)",
      "eu-west-par",
      ["high-speed-gen2-luks"],
      true,
      "3-AZ region: its Regional Classic volumes do not support LUKS (block storage classes guide); which -luks types exist there beyond High Speed Gen2 was not confirmed.",
    ),
    ovhRegion("DE1", "DE", "Frankfurt", "de", "all"),
    ovhRegion(
      "EU-SOUTH-MIL",
      "IT",
      "Milan (3 availability zones)",
      "eu-south-mil",
      ["high-speed-gen2-luks"],
      true,
      "3-AZ region, same caveat as EU-WEST-PAR.",
    ),
    ovhRegion("WAW1", "PL", "Warsaw", "waw", "none", true, "Not in the LUKS region list."),
    ovhRegion("UK1", "GB", "London", "uk", "none", true, "Not in the LUKS region list."),
    ovhRegion("BHS5", "CA", "Beauharnois", "bhs", "all"),
    ovhRegion(
      "CA-EAST-TOR",
      "CA",
      "Toronto",
      "ca-east-tor",
      "none",
      false,
      "Region name from the object-storage list.",
    ),
    ovhRegion(
      "SGP1",
      "SG",
      "Singapore",
      "sgp",
      "none",
      false,
      "Region name not confirmed on a public page.",
    ),
    ovhRegion(
      "SYD1",
      "AU",
      "Sydney",
      "ap-southeast-syd",
      "none",
      false,
      "Region name not confirmed on a public page.",
    ),
    ovhRegion(
      "AP-SOUTH-MUM",
      "IN",
      "Mumbai",
      "ap-south-mum",
      "none",
      false,
      "Region name from the object-storage list.",
    ),
  ],
  services: {
    kubernetes: unverified(
      { offer: "provider-managed", product: "OVHcloud Managed Kubernetes Service (MKS)" },
      sources.ovhMksPersistentVolumes,
      "Kubernetes is OVHcloud's own managed service (MKS), driven through the OVHcloud API (`ovh.cloudproject.Kube`); no OpenStack Magnum endpoint appears in OVHcloud's Public Cloud documentation (an absence no page can prove).",
    ),
    keyManager: fact(
      {
        product:
          "Barbican Key Manager (OVHcloud API `cloudKeyManagerSecret`); OVHcloud KMS (OKMS) for KMIP/REST keys",
        barbican: true,
      },
      sources.ovhPulumiKeyManager,
      "Block-storage LUKS keys are OVHcloud Managed Keys (OMK), created per volume (MKS persistent-volume guide).",
    ),
    loadBalancer: fact(
      { product: "Public Cloud Load Balancer (OpenStack Octavia)", octavia: true },
      sources.ovhMksLoadBalancer,
    ),
    objectStorage: fact(
      {
        apis: ["s3", "swift"],
        s3Regions: [
          "gra",
          "rbx",
          "sbg",
          "eu-west-par",
          "eu-south-mil",
          "de",
          "uk",
          "waw",
          "bhs",
          "ca-east-tor",
          "sgp",
          "ap-southeast-syd",
          "ap-south-mum",
        ],
        swiftRegions: ["GRA", "SBG", "DE", "UK", "WAW", "BHS"],
        atRestEncryption:
          "S3: server-side encryption with OVHcloud Managed Keys (SSE-OMK, `AES256`), chosen per bucket by the tenant, or SSE-C with the tenant's own key. Swift (legacy): not documented; whether the operator's proxy encrypts at rest is unverified.",
        tenantEvidence:
          "S3: the bucket's encryption configuration (GetBucketEncryption) and each object's `x-amz-server-side-encryption` header. Swift: nothing a tenant can read shows at-rest encryption; only the operator's attestation.",
      },
      sources.ovhObjectStorageRegions,
      "Swift is listed as `Object Storage SWIFT - Standard - Legacy`; new object storage is the S3-compatible service. SSE-OMK: object-storage getting-started guide.",
    ),
  },
  qualifications: [
    {
      name: "SecNumCloud 3.2",
      offer: "Hosted Private Cloud VMware on OVHcloud (SecNumCloud) and Bare Metal Pod SecNumCloud",
      coversDeployedService: false,
      source: sources.ovhSncVmware,
      verified: true,
      note: `The Public Cloud regions are not the qualified offers: controls here are SecNumCloud-style, not SecNumCloud-qualified. Bare Metal Pod: ${sources.ovhSncBareMetalPod}`,
    },
    {
      name: "HDS",
      offer: "OVHcloud (French and Canadian data centres at the time of the page)",
      coversDeployedService: false,
      source: sources.ovhHds,
      verified: false,
      note: "The page is an old OVH Healthcare page; whether the current HDS 2.0 certificate's scope names the Public Cloud regions was not confirmed.",
    },
  ],
  defaultEncryptedVolumeType: "high-speed-gen2-luks",
  deployable: true,
};

const ovhcloudUs: ProviderEntry = {
  id: "ovhcloud-us",
  name: "OVHcloud US Public Cloud",
  operator: unverified(
    { company: "OVH US LLC", jurisdiction: "US" },
    sources.ovhApiEndpoints,
    "A separate US company with its own API (`ovh-us`: api.us.ovhcloud.com) and endpoints (*.cloud.ovh.us); the company name was not confirmed on a public page.",
  ),
  apiFamilies: fact(["openstack", "ovhcloud-api"], sources.ovhApiEndpoints),
  pulumiPackages: ["openstack", "ovh"],
  authUrl: "https://auth.cloud.ovh.us/v3",
  ovhApiEndpoint: "ovh-us",
  regions: [
    {
      name: "US-EAST-VA-1",
      country: "US",
      location: "Vint Hill, Virginia",
      encryptedVolumeTypes: [...luksTypes],
      source: sources.ovhMksStorageFlavors,
      verified: true,
    },
    {
      name: "US-WEST-OR-1",
      country: "US",
      location: "Hillsboro, Oregon",
      encryptedVolumeTypes: [...luksTypes],
      source: sources.ovhMksStorageFlavors,
      verified: true,
    },
  ],
  services: {
    kubernetes: fact(
      { offer: "provider-managed", product: "OVHcloud Managed Kubernetes Service" },
      sources.ovhUsDatacenters,
      "OVHcloud US customers can deploy the service in both East and West American datacenters.",
    ),
    keyManager: unverified(
      { product: "unknown", barbican: false },
      sources.ovhApiEndpoints,
      "Not checked: not a target.",
    ),
    loadBalancer: unverified(
      { product: "unknown", octavia: false },
      sources.ovhApiEndpoints,
      "Not checked: not a target.",
    ),
    objectStorage: unverified(
      {
        apis: [],
        s3Regions: [],
        swiftRegions: [],
        atRestEncryption: "not checked",
        tenantEvidence: "not checked",
      },
      sources.ovhObjectStorageRegions,
      "The EU object-storage list excludes the USA.",
    ),
  },
  qualifications: [],
  defaultEncryptedVolumeType: "high-speed-gen2-luks",
  deployable: false,
};

const cloudTemple: ProviderEntry = {
  id: "cloud-temple",
  name: "Cloud Temple IaaS",
  operator: unverified(
    { company: "Cloud Temple SAS", jurisdiction: "FR" },
    sources.cloudTempleTerraform,
    "French company; legal name not confirmed on a public page.",
  ),
  apiFamilies: fact(
    ["cloud-temple-api"],
    sources.cloudTempleTerraform,
    "Its own API (shiva.cloud-temple.com) and Terraform provider `cloud-temple/cloudtemple`; VMware and open-source (Xen/XCP-ng) IaaS, not OpenStack.",
  ),
  pulumiPackages: ["cloudtemple"],
  authUrl: "",
  regions: [
    {
      name: "FR1",
      country: "FR",
      location: "France",
      encryptedVolumeTypes: [],
      source: sources.cloudTempleTerraform,
      verified: false,
      note: "One region FR1 per the issue's review; not confirmed on a public page.",
    },
  ],
  services: {
    kubernetes: unverified(
      { offer: "none", product: "none known" },
      sources.cloudTempleTerraform,
      "No managed Kubernetes found in its provider.",
    ),
    keyManager: unverified(
      { product: "not checked", barbican: false },
      sources.cloudTempleTerraform,
      "Not checked: not a target.",
    ),
    loadBalancer: unverified(
      { product: "not checked", octavia: false },
      sources.cloudTempleTerraform,
      "Not checked: not a target.",
    ),
    objectStorage: fact(
      {
        apis: ["s3"],
        s3Regions: [],
        swiftRegions: [],
        atRestEncryption:
          'Server-side AES-256 ("D@RE"), switched on per namespace, keys managed entirely by the service; TLS 1.2 and 1.3 only in transit. Buckets are reached on public addresses, filtered per bucket by an IP allow-list (pre-signed URLs included).',
        tenantEvidence:
          "No tenant-side setting or API read-back of the namespace encryption is documented: the operator's attestation (the SecNumCloud audit), or client-side encryption before upload. A bucket-level deletion protection (console setting, no overwrite or delete for a set period) is documented.",
      },
      sources.cloudTempleObjectStorage,
      `S3-compatible API (concepts.md); access by IP allow-list and pre-signed URLs: ${sources.cloudTempleObjectStorageFaq}. S3 region and endpoint names are not listed on the page.`,
    ),
  },
  qualifications: [
    {
      name: "SecNumCloud 3.2",
      offer: "Cloud Temple IaaS",
      coversDeployedService: false,
      source: sources.cloudTempleTerraform,
      verified: false,
      note: "Widely reported; the ANSSI list was not read.",
    },
  ],
  defaultEncryptedVolumeType: "",
  deployable: false,
};

const outscale: ProviderEntry = {
  id: "outscale",
  name: "3DS Outscale",
  operator: fact(
    { company: "3DS OUTSCALE SAS (Dassault Systèmes)", jurisdiction: "FR" },
    sources.outscaleSecNumCloud,
  ),
  apiFamilies: fact(
    ["outscale-api", "aws-compatible"],
    sources.outscaleTerraform,
    "Its own OUTSCALE API plus AWS-compatible APIs; not OpenStack.",
  ),
  pulumiPackages: ["outscale"],
  authUrl: "",
  regions: [
    {
      name: "eu-west-2",
      country: "FR",
      location: "France",
      encryptedVolumeTypes: [],
      source: sources.outscaleTerraform,
      verified: false,
      note: "Region list not confirmed on a public page.",
    },
    {
      name: "cloudgouv-eu-west-1",
      country: "FR",
      location: "France (SecNumCloud region)",
      encryptedVolumeTypes: [],
      source: sources.outscaleTerraform,
      verified: false,
      note: "Region list not confirmed on a public page.",
    },
    {
      name: "us-east-2",
      country: "US",
      location: "United States east",
      encryptedVolumeTypes: [],
      source: sources.outscaleTerraform,
      verified: false,
      note: "Operated by a US entity (not confirmed): refused either way as outside the EU.",
    },
    {
      name: "us-west-1",
      country: "US",
      location: "United States west",
      encryptedVolumeTypes: [],
      source: sources.outscaleTerraform,
      verified: false,
      note: "As us-east-2.",
    },
    {
      name: "ap-northeast-1",
      country: "JP",
      location: "Tokyo",
      encryptedVolumeTypes: [],
      source: sources.outscaleTerraform,
      verified: false,
      note: "Region list not confirmed on a public page.",
    },
  ],
  services: {
    kubernetes: unverified(
      { offer: "provider-managed", product: "OUTSCALE Kubernetes as a Service (OKS)" },
      sources.outscaleTerraform,
      "Not checked: not a target.",
    ),
    keyManager: unverified(
      { product: "not checked", barbican: false },
      sources.outscaleTerraform,
      "Not checked: not a target.",
    ),
    loadBalancer: unverified(
      { product: "Load Balancer Unit (LBU)", octavia: false },
      sources.outscaleTerraform,
      "Not checked: not a target.",
    ),
    objectStorage: fact(
      {
        apis: ["s3"],
        s3Regions: ["eu-west-2", "cloudgouv-eu-west-1"],
        swiftRegions: [],
        atRestEncryption:
          "Server-side encryption chosen per bucket by the tenant: a bucket encryption configuration whose default is `AES256` (`aws:kms` is accepted but means the same AES-256, with a key provided and managed by 3DS OUTSCALE; no tenant-managed key).",
        tenantEvidence:
          "The bucket's encryption configuration, applied by the tenant through the S3-compatible API (reading it back with GetBucketEncryption is the S3 convention; not confirmed on OUTSCALE's page).",
      },
      sources.outscaleBucketEncryption,
      `OUTSCALE Object Storage (OOS), S3-compatible, on Scality RING: ${sources.outscaleOos}. The S3 region names are those of the compute regions (unverified).`,
    ),
  },
  qualifications: [
    {
      name: "SecNumCloud 3.2",
      offer: "OUTSCALE cloud (which regions: not confirmed)",
      coversDeployedService: false,
      source: sources.outscaleSecNumCloud,
      verified: true,
      note: "Dassault Systèmes press release: first cloud qualified SecNumCloud 3.2.",
    },
  ],
  defaultEncryptedVolumeType: "",
  deployable: false,
};

const s3ns: ProviderEntry = {
  id: "s3ns",
  name: "S3NS Cloud de Confiance (PREMI3NS)",
  operator: fact(
    { company: "S3NS SAS (Thales-controlled, Google Cloud technology)", jurisdiction: "FR" },
    sources.s3nsSecNumCloudPress,
  ),
  apiFamilies: fact(
    ["google-api"],
    sources.s3nsUniverseDomain,
    "Google Cloud APIs in the `s3nsapis.fr` universe domain (GOOGLE_CLOUD_UNIVERSE_DOMAIN=s3nsapis.fr); reached with the `gcp` provider and its `universeDomain` setting.",
  ),
  pulumiPackages: ["gcp"],
  authUrl: "",
  regions: [
    {
      name: "u-france-east1",
      country: "FR",
      location: "France",
      encryptedVolumeTypes: [],
      source: sources.s3nsUniverseDomain,
      verified: false,
      note: "Region name not confirmed on a public page.",
    },
  ],
  services: {
    kubernetes: fact(
      { offer: "provider-managed", product: "Google Kubernetes Engine (operated by S3NS)" },
      sources.s3nsSecNumCloudPress,
    ),
    keyManager: unverified(
      { product: "Cloud KMS", barbican: false },
      sources.s3nsUniverseDomain,
      "Not checked: not a target.",
    ),
    loadBalancer: unverified(
      { product: "Cloud Load Balancing", octavia: false },
      sources.s3nsUniverseDomain,
      "Not checked: not a target.",
    ),
    objectStorage: fact(
      {
        apis: ["gcs"],
        s3Regions: [],
        swiftRegions: [],
        atRestEncryption:
          "Cloud Storage (Google's own JSON and XML APIs): every object encrypted at rest by default with provider-managed keys; a tenant may instead set a bucket default customer-managed key (CMEK) from Cloud KMS, whose rotation, access and destruction the tenant controls.",
        tenantEvidence:
          "With CMEK: the bucket's `encryption.defaultKmsKeyName` (readable through the API) and the key's own metadata in Cloud KMS. With the default encryption: nothing tenant-side beyond the operator's statement.",
      },
      sources.s3nsCmek,
      `Bucket default key: ${sources.s3nsBucketEncryption}. Cloud Storage is among the services of the qualified offer: ${sources.s3nsSecNumCloudPress}.`,
    ),
  },
  qualifications: [
    {
      name: "SecNumCloud 3.2",
      offer: "PREMI3NS (S3NS Cloud de Confiance), qualified 17 December 2025",
      coversDeployedService: false,
      source: sources.s3nsSecNumCloud,
      verified: true,
      note: `Press coverage: ${sources.s3nsSecNumCloudPress}`,
    },
  ],
  defaultEncryptedVolumeType: "",
  deployable: false,
};

const genericOpenstack: ProviderEntry = {
  id: "generic-openstack",
  name: "Declared OpenStack cloud",
  operator: fact(
    { company: "declared in stack config", jurisdiction: "" },
    "stacks/config-schema.ts (hdh:cloud.declaredRegions, hdh:cloud.services)",
    "A private or qualified OpenStack (a SecNumCloud bare-metal offer, an SCS-compliant cloud): its regions, their countries and its services are declared by the operator in config.",
  ),
  apiFamilies: fact(["openstack"], "stacks/config-schema.ts"),
  pulumiPackages: ["openstack"],
  authUrl: "",
  regions: [],
  services: {
    kubernetes: fact(
      { offer: "magnum", product: "declared in config (hdh:cloud.services.kubernetes)" },
      "stacks/config-schema.ts",
    ),
    keyManager: fact({ product: "Barbican (declared)", barbican: true }, "stacks/config-schema.ts"),
    loadBalancer: fact({ product: "Octavia (declared)", octavia: true }, "stacks/config-schema.ts"),
    objectStorage: fact(
      {
        apis: ["swift"],
        s3Regions: [],
        swiftRegions: [],
        atRestEncryption:
          "Swift at-rest encryption is middleware in the operator's proxy pipeline (root secret in the proxy config or in Barbican through the kms_keymaster): internal to the cluster and not exposed through the API, so the operator declares it; a tenant does not select it.",
        tenantEvidence:
          "Nothing in the Swift API shows it (clients are unaware of it by design): the operator's attestation, or encrypt before upload (client-side) to prove it yourself.",
      },
      sources.swiftEncryption,
    ),
  },
  qualifications: [],
  defaultEncryptedVolumeType: "LUKS",
  deployable: true,
};

/** Every provider the catalogue knows, deployable or not. */
export const providerCatalogue: readonly ProviderEntry[] = [
  ovhcloud,
  ovhcloudUs,
  cloudTemple,
  outscale,
  s3ns,
  genericOpenstack,
];

/** A catalogue entry by id. */
export function providerById(id: string): ProviderEntry | undefined {
  return providerCatalogue.find((p) => p.id === id);
}
