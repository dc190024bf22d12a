/**
 * Held-out probes of the OVHcloud API family, third round (helper 13o): where an OVHcloud
 * resource's data lives (its own region, its managed database's nodes, its S3 bucket's
 * replication destinations), and the allow-lists of managed services that restrict nothing (an
 * empty Kubernetes API list, a private registry's list open to the internet), and OVHcloud's load
 * balancer listeners (its own listener resource, and the older load balancer's inline listeners)
 * judged like Octavia's. Each shape the pack let through, with its compliant twin.
 */
import { unknown, type Stack } from "../baseline";
import { bad, good, unknownOf, type Case } from "./case";

export const ovhHeldOutPolicies = {
  region: "openstack-all-resource-eu-region",
  ipRestriction: "ovh-cloudproject-ip-restriction-no-internet",
  listenerTls: "openstack-loadbalancer-listener-tls",
  tlsMinVersion: "openstack-loadbalancer-listener-pool-tls-min-version",
  sensitivePort: "openstack-loadbalancer-listener-no-sensitive-port-from-internet",
  httpRedirect: "openstack-loadbalancer-listener-http-redirect-only",
  kubeApi: "ovh-cloudproject-kube-api-restricted",
  publicNet: "openstack-networking-port-no-public-network",
  passwordLogin: "openstack-compute-instance-no-password-login",
} as const;
const P = ovhHeldOutPolicies;

/** An OVHcloud provider on the ovh-eu API (OVH SAS), and a resource of it. */
export const ovhEu = (
  s: Stack,
  key: string,
  type: string,
  props: Record<string, unknown>,
  extra: Parameters<Stack["add"]>[3] = {},
) => {
  s.add("ovh-eu", "pulumi:providers:ovh", { endpoint: "ovh-eu" }, { providerUrn: undefined });
  return s.add(key, type, props, {
    providerUrn: s.urn("pulumi:providers:ovh", "ovh-eu"),
    ...extra,
  });
};

const bucketType = "ovh:CloudProject/storage:Storage";
/** An encrypted S3 bucket in Gravelines, its replication aside. */
const bucket = {
  serviceName: "hdh-project",
  regionName: "GRA",
  name: "cohort-exports",
  encryption: { sseAlgorithm: "AES256" },
};
const replicatedTo = (destination: Record<string, unknown>) => ({
  ...bucket,
  replication: { rules: [{ status: "enabled", priority: 1, destination }] },
});
const kubeType = "ovh:CloudProject/kube:Kube";
const kubeRestrictionsType = "ovh:CloudProject/kubeIpRestrictions:KubeIpRestrictions";
/** A managed Kubernetes cluster; with `restricted`, an allow-list tied to it as `kubeId: kube.id` is. */
const mks = (s: Stack, region: string, restricted: "tied" | "untied" | "none") => {
  const kube = ovhEu(s, "mks", kubeType, { serviceName: "hdh-project", name: "mks", region });
  if (restricted === "none") return;
  ovhEu(
    s,
    "mks-ips",
    kubeRestrictionsType,
    { serviceName: "hdh-project", kubeId: unknown, ips: ["203.0.113.0/24"] },
    restricted === "tied"
      ? { dependencies: [kube.urn], propertyDependencies: { kubeId: [kube.urn] } }
      : {},
  );
};
const managedDb = {
  serviceName: "hdh-project",
  engine: "postgresql",
  version: "16",
  plan: "business",
  ipRestrictions: [{ ip: "203.0.113.10/32" }],
};
const registryRestrictions =
  "ovh:CloudProject/containerRegistryIPRestrictionsRegistry:ContainerRegistryIPRestrictionsRegistry";

/** The older OVHcloud load balancer, with inline listeners and (optionally) a floating IP. */
const inlineLbType = "ovh:CloudProject/loadBalancer:LoadBalancer";
const inlineLb = (listeners: unknown, floating = true) => ({
  serviceName: "hdh-project",
  regionName: "GRA11",
  flavorId: "small",
  network: {
    private: {
      network: { id: "platform-net", subnetId: "platform-subnet" },
      ...(floating ? { floatingIpCreate: { description: "portal" } } : {}),
    },
  },
  listeners,
});
const lbType = "ovh:index/cloudLoadbalancer:CloudLoadbalancer";
const listenerType = "ovh:index/cloudLoadbalancerListener:CloudLoadbalancerListener";
/** A newer OVHcloud load balancer whose VIP is a floating (public) address, and one listener. */
const publicLbWith = (s: Stack, listener: Record<string, unknown>) => {
  const lb = ovhEu(s, "portal-lb", lbType, {
    serviceName: "hdh-project",
    name: "portal",
    region: "GRA11",
    flavorName: "SMALL",
    network: { subnetId: "platform-subnet", ip: "203.0.113.42" },
  });
  ovhEu(
    s,
    "portal-listener",
    listenerType,
    { serviceName: "hdh-project", loadbalancerId: unknown, name: "portal", ...listener },
    { dependencies: [lb.urn], propertyDependencies: { loadbalancerId: [lb.urn] } },
  );
};

/** An OVHcloud API instance (`ovh_cloud_project_instance`) in Gravelines, its network aside. */
const projectInstance = (s: Stack, extra: Record<string, unknown>) =>
  ovhEu(s, "analysis-vm", "ovh:CloudProject/instance:Instance", {
    serviceName: "hdh-project",
    region: "GRA11",
    billingPeriod: "hourly",
    flavor: { flavorId: "b3-8" },
    bootFrom: { imageId: "debian-12" },
    network: { public: false, private: { network: { id: "platform-net", subnetId: "s1" } } },
    ...extra,
  });

export const ovhHeldOutCases: Case[] = [
  // --- where the data lives -------------------------------------------------------------------
  bad("an OVHcloud S3 bucket in Beauharnois (BHS, Canada) is rejected", [P.region], (s) =>
    ovhEu(s, "exports", bucketType, { ...bucket, regionName: "BHS" }),
  ),
  good("an OVHcloud S3 bucket in Paris (eu-west-par, any case) passes", (s) =>
    ovhEu(s, "exports", bucketType, { ...bucket, regionName: "eu-west-par" }),
  ),
  bad("an OVHcloud S3 bucket replicating to Beauharnois (BHS) is rejected", [P.region], (s) =>
    ovhEu(s, "exports", bucketType, replicatedTo({ name: "exports-copy", region: "BHS" })),
  ),
  good("an OVHcloud S3 bucket replicating to Strasbourg (SBG) passes", (s) =>
    ovhEu(s, "exports", bucketType, replicatedTo({ name: "exports-copy", region: "SBG" })),
  ),
  bad(
    "an OVHcloud S3 replication whose destination region is unknown at preview is named, not passed",
    [unknownOf(P.region)],
    (s) => ovhEu(s, "exports", bucketType, replicatedTo({ name: "exports-copy", region: unknown })),
  ),
  bad("an OVHcloud managed Kubernetes in US-EAST-VA-1 is rejected", [P.region], (s) =>
    mks(s, "US-EAST-VA-1", "tied"),
  ),
  // --- a managed Kubernetes API with no allow-list at all -------------------------------------
  bad(
    "an OVHcloud managed Kubernetes with no IP restriction list (API open to the internet) is rejected",
    [P.kubeApi],
    (s) => mks(s, "GRA7", "none"),
  ),
  good("an OVHcloud managed Kubernetes with an IP restriction list tied to it passes", (s) =>
    mks(s, "GRA7", "tied"),
  ),
  bad(
    "an OVHcloud managed Kubernetes whose only IP restriction list names a kubeId unknown at preview is named, not passed",
    [unknownOf(P.kubeApi)],
    (s) => mks(s, "GRA7", "untied"),
  ),
  bad("an OVHcloud managed database with nodes in Beauharnois (BHS) is rejected", [P.region], (s) =>
    ovhEu(s, "cohort-pg", "ovh:CloudProject/database:Database", {
      ...managedDb,
      nodes: [{ region: "GRA" }, { region: "BHS" }],
    }),
  ),
  good("an OVHcloud managed database with its nodes in Gravelines (GRA) passes", (s) =>
    ovhEu(s, "cohort-pg", "ovh:CloudProject/database:Database", {
      ...managedDb,
      nodes: [{ region: "GRA" }, { region: "GRA" }],
    }),
  ),
  bad(
    "an OVHcloud private network also opened in Beauharnois (BHS5) is rejected",
    [P.region],
    (s) =>
      ovhEu(s, "vrack-net", "ovh:CloudProject/networkPrivate:NetworkPrivate", {
        serviceName: "hdh-project",
        name: "platform",
        vlanId: 42,
        regions: ["GRA11", "BHS5"],
      }),
  ),
  // --- allow-lists that restrict nothing ------------------------------------------------------
  bad(
    "a managed Kubernetes API allow-list that is empty (no restriction) is rejected",
    [P.ipRestriction],
    (s) =>
      ovhEu(s, "mks-ips", "ovh:CloudProject/kubeIpRestrictions:KubeIpRestrictions", {
        serviceName: "hdh-project",
        kubeId: "k1",
        ips: [],
      }),
  ),
  bad(
    "a private registry allow-list entry (ip_block) of 0.0.0.0/0 is rejected",
    [P.ipRestriction],
    (s) =>
      ovhEu(s, "registry-ips", registryRestrictions, {
        serviceName: "hdh-project",
        registryId: "r1",
        ipRestrictions: [{ ip_block: "0.0.0.0/0", description: "everyone" }],
      }),
  ),
  good("a private registry allow-list of the administrators' range passes", (s) =>
    ovhEu(s, "registry-ips", registryRestrictions, {
      serviceName: "hdh-project",
      registryId: "r1",
      ipRestrictions: [{ ip_block: "203.0.113.0/24", description: "administrators" }],
    }),
  ),
  // --- OVHcloud load balancer listeners -------------------------------------------------------
  bad(
    "an OVHcloud load balancer with a floating IP and an inline TCP listener on 5432 without allowedCidrs is rejected",
    [P.sensitivePort, P.listenerTls],
    (s) => ovhEu(s, "portal-lb", inlineLbType, inlineLb([{ port: 5432, protocol: "tcp" }])),
  ),
  good(
    "an OVHcloud load balancer with a floating IP and an inline terminatedHTTPS listener on TLS 1.2+ passes",
    (s) =>
      ovhEu(
        s,
        "portal-lb",
        inlineLbType,
        inlineLb([
          {
            port: 443,
            protocol: "terminatedHTTPS",
            secretId: "portal-cert",
            tlsVersions: ["TLSv1.2", "TLSv1.3"],
          },
        ]),
      ),
  ),
  bad(
    "an OVHcloud load balancer's inline listener allowing TLSv1 is rejected",
    [P.tlsMinVersion],
    (s) =>
      ovhEu(
        s,
        "portal-lb",
        inlineLbType,
        inlineLb([{ port: 443, protocol: "https", tlsVersions: ["TLSv1", "TLSv1.2"] }], false),
      ),
  ),
  bad(
    "an OVHcloud load balancer whose inline listeners are unknown at preview is named, not passed",
    [unknownOf(P.sensitivePort), unknownOf(P.listenerTls), unknownOf(P.tlsMinVersion)],
    (s) => ovhEu(s, "portal-lb", inlineLbType, inlineLb(unknown)),
  ),
  bad(
    "an OVHcloud listener (cloudLoadbalancerListener) on 5432 behind a floating-IP VIP without allowedCidrs is rejected",
    [P.sensitivePort, P.listenerTls],
    (s) => publicLbWith(s, { protocol: "TCP", protocolPort: 5432 }),
  ),
  bad(
    "an OVHcloud listener (cloudLoadbalancerListener) allowing TLSv1.1 is rejected",
    [P.tlsMinVersion],
    (s) =>
      publicLbWith(s, {
        protocol: "TERMINATED_HTTPS",
        protocolPort: 443,
        defaultTlsContainerRef: "portal-cert",
        tlsVersions: ["TLSv1.1", "TLSv1.2"],
      }),
  ),
  bad(
    "an OVHcloud plain HTTP listener (cloudLoadbalancerListener) with no redirect to https is rejected",
    [P.httpRedirect],
    (s) => publicLbWith(s, { protocol: "HTTP", protocolPort: 80 }),
  ),
  good(
    "an OVHcloud TERMINATED_HTTPS listener (cloudLoadbalancerListener) with its certificate passes",
    (s) =>
      publicLbWith(s, {
        protocol: "TERMINATED_HTTPS",
        protocolPort: 443,
        defaultTlsContainerRef: "portal-cert",
      }),
  ),
  // --- OVHcloud API instances -------------------------------------------------------------------
  bad(
    "an OVHcloud API instance with a public interface (network.public: true) is rejected",
    [P.publicNet],
    (s) => projectInstance(s, { network: { public: true } }),
  ),
  good("an OVHcloud API instance on a private network only passes", (s) => projectInstance(s, {})),
  bad(
    "an OVHcloud cloudInstance interface with autoAssignPublicIp is rejected",
    [P.publicNet],
    (s) =>
      ovhEu(s, "analysis-vm", "ovh:index/cloudInstance:CloudInstance", {
        serviceName: "hdh-project",
        region: "GRA11",
        name: "analysis",
        flavorId: "b3-8",
        imageId: "debian-12",
        networks: [{ autoAssignPublicIp: true }],
      }),
  ),
  bad(
    "an OVHcloud API instance whose user data turns SSH password login on is rejected",
    [P.passwordLogin],
    (s) => projectInstance(s, { userData: "#cloud-config\nssh_pwauth: true\n" }),
  ),
  bad(
    "a managed Kubernetes allow-list of the successor resource (cloudManagedKubernetesIprestrictions) open to 0.0.0.0/0 is rejected",
    [P.ipRestriction],
    (s) =>
      ovhEu(
        s,
        "mks-ips",
        "ovh:index/cloudManagedKubernetesIprestrictions:CloudManagedKubernetesIprestrictions",
        { serviceName: "hdh-project", kubeId: "k1", ips: ["0.0.0.0/0"] },
      ),
  ),
];
