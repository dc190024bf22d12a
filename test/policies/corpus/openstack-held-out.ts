/**
 * Held-out probes of the OpenStack and OVHcloud families (helper 13o): shapes the pack let
 * through, each with its compliant twin. Object storage (a Temp-URL key spelled with
 * underscores, OVHcloud S3 pre-signed URLs and buckets without SSE-OMK), Glance images offered
 * to every project, OVHcloud managed services' IP allow-lists open to the internet, the provider's legacy `PortV2`/`InstanceV2` on an external network, and
 * VPNaaS IKE/IPsec policies with weak or defaulted algorithms.
 */
import { unknown, type Stack } from "../baseline";
import { bad, good, unknownOf, type Case } from "./case";

export const heldOutPolicies = {
  tempUrl: "openstack-objectstorage-container-no-temp-url",
  publicNet: "openstack-networking-port-no-public-network",
  vpn: "openstack-vpnaas-policy-strong-crypto",
  containerEncrypted: "openstack-objectstorage-container-encrypted",
  image: "openstack-images-image-not-public",
  ipRestriction: "ovh-cloudproject-ip-restriction-no-internet",
  internetIngress: "openstack-networking-secgroup-rule-no-internet-ingress",
  sensitiveIngress: "openstack-networking-secgroup-rule-no-sensitive-port-from-internet",
} as const;
const P = heldOutPolicies;

/** An OVHcloud provider on the ovh-eu API (OVH SAS), and a resource of it. */
const ovhEu = (s: Stack, key: string, type: string, props: Record<string, unknown>) => {
  s.add("ovh-eu", "pulumi:providers:ovh", { endpoint: "ovh-eu" }, { providerUrn: undefined });
  s.add(key, type, props, { providerUrn: s.urn("pulumi:providers:ovh", "ovh-eu") });
};
const bucket = { serviceName: "hdh-project", regionName: "GRA", name: "cohort-exports" };

/** A Trove database instance, its network aside. */
const database = { datastore: { type: "postgresql", version: "16" }, flavorId: "db1-7", size: 10 };

/** An OVHcloud managed PostgreSQL, its allow-list aside. */
const managedDb = {
  serviceName: "hdh-project",
  engine: "postgresql",
  version: "16",
  plan: "business",
  nodes: [{ region: "GRA" }, { region: "GRA" }],
};

/** A disk image made from a workspace's instance. */
const image = { name: "cohort-vm-snapshot", containerFormat: "bare", diskFormat: "qcow2" };

const ike = (s: Stack, props: Record<string, unknown>) =>
  s.add("site-ike", "openstack:vpnaas/ikePolicy:IkePolicy", { name: "site", ...props });
const ipsec = (s: Stack, props: Record<string, unknown>) =>
  s.add("site-ipsec", "openstack:vpnaas/ipSecPolicy:IpSecPolicy", { name: "site", ...props });
const strong = {
  encryptionAlgorithm: "aes-256",
  authAlgorithm: "sha256",
  pfs: "group19",
};

/** A security-group rule on SSH from anywhere, its direction aside. */
const sshFromAnywhere = {
  ethertype: "IPv4",
  protocol: "tcp",
  portRangeMin: 22,
  portRangeMax: 22,
  remoteIpPrefix: "0.0.0.0/0",
  securityGroupId: unknown,
  description: "ssh",
};

export const heldOutCases: Case[] = [
  // --- object storage ------------------------------------------------------------------------
  bad(
    "a container Temp-URL key spelled with underscores (Temp_URL_Key) is rejected",
    [P.tempUrl],
    (s) => {
      (s.inputs("airlock").metadata as Record<string, unknown>)["Temp_URL_Key"] = "k3y";
    },
  ),
  good("a container metadata key that only mentions temporary URLs passes", (s) => {
    (s.inputs("airlock").metadata as Record<string, unknown>)["temp-url-policy"] = "none";
  }),
  bad("an OVHcloud S3 pre-signed URL (RegionStoragePresign) is rejected", [P.tempUrl], (s) =>
    ovhEu(s, "export-link", "ovh:CloudProject/regionStoragePresign:RegionStoragePresign", {
      ...bucket,
      expire: 3600,
      method: "GET",
      object: "cohort.parquet",
    }),
  ),
  good("an OVHcloud S3 bucket through an ovh-eu provider, with no pre-signed URL, passes", (s) =>
    ovhEu(s, "exports", "ovh:CloudProject/storage:Storage", {
      ...bucket,
      encryption: { sseAlgorithm: "AES256" },
    }),
  ),
  bad(
    "an OVHcloud S3 bucket naming no server-side encryption is rejected",
    [P.containerEncrypted],
    (s) => ovhEu(s, "exports", "ovh:CloudProject/storage:Storage", { ...bucket }),
  ),
  bad(
    "an OVHcloud S3 bucket whose sseAlgorithm is not AES256 is rejected",
    [P.containerEncrypted],
    (s) =>
      ovhEu(s, "exports", "ovh:CloudProject/storage:Storage", {
        ...bucket,
        encryption: { sseAlgorithm: "plaintext" },
      }),
  ),
  bad(
    "an OVHcloud S3 bucket whose encryption is unknown at preview is named, not passed",
    [unknownOf(P.containerEncrypted)],
    (s) =>
      ovhEu(s, "exports", "ovh:CloudProject/storage:Storage", { ...bucket, encryption: unknown }),
  ),
  // --- images offered to every project -------------------------------------------------------
  bad("a community image (bootable by every project) is rejected", [P.image], (s) => {
    s.add("cohort-snapshot", "openstack:images/image:Image", { ...image, visibility: "community" });
  }),
  bad("a public image is rejected", [P.image], (s) => {
    s.add("cohort-snapshot", "openstack:images/image:Image", { ...image, visibility: "Public" });
  }),
  good("an image shared with named projects passes", (s) => {
    s.add("cohort-snapshot", "openstack:images/image:Image", { ...image, visibility: "shared" });
  }),
  bad(
    "an image whose visibility is unknown at preview is named, not passed",
    [unknownOf(P.image)],
    (s) => {
      s.add("cohort-snapshot", "openstack:images/image:Image", { ...image, visibility: unknown });
    },
  ),
  // --- OVHcloud managed services' IP allow-lists ---------------------------------------------
  bad("an OVHcloud managed database allowing 0.0.0.0/0 is rejected", [P.ipRestriction], (s) =>
    ovhEu(s, "cohort-pg", "ovh:CloudProject/database:Database", {
      ...managedDb,
      ipRestrictions: [{ ip: "10.42.0.0/16" }, { ip: "0.0.0.0/0" }],
    }),
  ),
  good("an OVHcloud managed database allowing only the platform's egress passes", (s) =>
    ovhEu(s, "cohort-pg", "ovh:CloudProject/database:Database", {
      ...managedDb,
      ipRestrictions: [{ ip: "203.0.113.10/32", description: "platform egress" }],
    }),
  ),
  bad("a database IP restriction entry of ::/0 is rejected", [P.ipRestriction], (s) =>
    ovhEu(s, "pg-any", "ovh:CloudProject/databaseIpRestriction:DatabaseIpRestriction", {
      serviceName: "hdh-project",
      engine: "postgresql",
      clusterId: "c1",
      ip: "::/0",
    }),
  ),
  bad(
    "a managed Kubernetes API allow-list with a /8 public range is rejected",
    [P.ipRestriction],
    (s) =>
      ovhEu(s, "mks-ips", "ovh:CloudProject/kubeIpRestrictions:KubeIpRestrictions", {
        serviceName: "hdh-project",
        kubeId: "k1",
        ips: ["203.0.113.0/24", "51.0.0.0/8"],
      }),
  ),
  bad(
    "a managed Kubernetes API allow-list unknown at preview is named, not passed",
    [unknownOf(P.ipRestriction)],
    (s) =>
      ovhEu(s, "mks-ips", "ovh:CloudProject/kubeIpRestrictions:KubeIpRestrictions", {
        serviceName: "hdh-project",
        kubeId: "k1",
        ips: unknown,
      }),
  ),
  // --- network: the provider's legacy spellings on the external network ----------------------
  bad("a PortV2 on the external network is rejected", [P.publicNet], (s) => {
    s.add("legacy-port", "openstack:networking/portV2:PortV2", { networkId: "Ext-Net" });
  }),
  good("a PortV2 on a private network passes", (s) => {
    s.add("legacy-port", "openstack:networking/portV2:PortV2", { networkId: "platform-net" });
  }),
  bad("an InstanceV2 plugged into the external network is rejected", [P.publicNet], (s) => {
    s.add("legacy-vm", "openstack:compute/instanceV2:InstanceV2", {
      flavorName: "b3-8",
      networks: [{ name: "Ext-Net" }],
    });
  }),
  good("an InstanceV2 on a private network passes", (s) => {
    s.add("legacy-vm", "openstack:compute/instanceV2:InstanceV2", {
      flavorName: "b3-8",
      networks: [{ name: "platform-net" }],
    });
  }),
  bad(
    "a Trove database instance plugged into the external network is rejected",
    [P.publicNet],
    (s) => {
      s.add("cohort-db", "openstack:database/instance:Instance", {
        ...database,
        networks: [{ uuid: "Ext-Net" }],
      });
    },
  ),
  good("a Trove database instance on a private network passes", (s) => {
    s.add("cohort-db", "openstack:database/instance:Instance", {
      ...database,
      networks: [{ uuid: "platform-net" }],
    });
  }),
  // --- in transit: site-to-site VPN policies -------------------------------------------------
  bad("an IKE policy with 3DES, SHA-1, group 2 and IKEv1 is rejected", [P.vpn], (s) =>
    ike(s, { encryptionAlgorithm: "3des", authAlgorithm: "sha1", pfs: "group2", ikeVersion: "v1" }),
  ),
  bad(
    "an IKE policy naming no algorithm (Neutron's sha1, group5, IKEv1 defaults) is rejected",
    [P.vpn],
    (s) => ike(s, {}),
  ),
  good("an IKE policy with AES-256, SHA-256, group 19 and IKEv2 passes", (s) =>
    ike(s, { ...strong, ikeVersion: "v2", phase1NegotiationMode: "main" }),
  ),
  bad("an IPsec policy with the AH transform (no encryption) is rejected", [P.vpn], (s) =>
    ipsec(s, { ...strong, transformProtocol: "ah" }),
  ),
  good("an IPsec policy with AES-256-GCM, SHA-384, group 20 and ESP passes", (s) =>
    ipsec(s, {
      encryptionAlgorithm: "aes-256-gcm-16",
      authAlgorithm: "sha384",
      pfs: "group20",
      transformProtocol: "esp",
    }),
  ),
  bad(
    "an IPsec policy whose PFS group is unknown at preview is named, not passed",
    [unknownOf(P.vpn)],
    (s) => ipsec(s, { ...strong, pfs: unknown }),
  ),
  // --- a security-group rule whose direction is not known yet --------------------------------
  bad(
    "an SSH rule from 0.0.0.0/0 whose direction is unknown at preview is named, not passed",
    [unknownOf(P.internetIngress), unknownOf(P.sensitiveIngress)],
    (s) =>
      s.add("ssh-maybe-in", "openstack:networking/secGroupRule:SecGroupRule", {
        ...sshFromAnywhere,
        direction: unknown,
      }),
  ),
  good("the same rule as egress passes", (s) =>
    s.add("ssh-out", "openstack:networking/secGroupRule:SecGroupRule", {
      ...sshFromAnywhere,
      direction: "egress",
    }),
  ),
];
