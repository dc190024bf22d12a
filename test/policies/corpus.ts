/**
 * The policy corpus: each case is the compliant baseline with one change. A violating case names
 * the policies it must trip (and nothing else may trip); its compliant twin must trip nothing.
 */
import type { Stack } from "./baseline";
import { hardenedPodSpec, ownership, unknown } from "./baseline";
import { bad, good, unknownOf, type Case } from "./corpus/case";
import { endpointCases } from "./corpus/endpoints";
import { consoleCases } from "./corpus/cluster-consoles";
import { helmCases } from "./corpus/helm";
import { heldOutCases } from "./corpus/openstack-held-out";
import { ovhHeldOutCases } from "./corpus/ovh-held-out";
import { hygieneCases } from "./corpus/probes-and-uid";
import { inTransitCases } from "./corpus/in-transit";
import { instanceCases } from "./corpus/instances";
import { kernelConfinementCases } from "./corpus/kernel-confinement";
import { kubernetesHeldOutCases } from "./corpus/kubernetes-held-out";
import { listAndPatchCases } from "./corpus/lists-and-patches";
import { namespaceCases } from "./corpus/namespaces";
import { networkCases } from "./corpus/network";
import { objectStorageCases } from "./corpus/object-storage";
import { podRules, podUnknownCases } from "./corpus/pod-unknowns";
import { rbacCases } from "./corpus/rbac";
import { workloadCases } from "./corpus/workloads";

export type { Case } from "./corpus/case";

const P = {
  region: "openstack-all-resource-eu-region",
  providerRegion: "openstack-provider-config-eu-region",
  extraEuProvider: "pulumi-all-provider-extra-eu-jurisdiction",
  extraEuRegistry: "kubernetes-core-pod-image-extra-eu-registry",
  volume: "openstack-blockstorage-volume-encrypted-type",
  boot: "openstack-compute-instance-boot-volume-encrypted",
  container: "openstack-objectstorage-container-encrypted",
  secretPayload: "openstack-keymanager-secret-server-side-key",
  orderStrength: "openstack-keymanager-order-strong-key",
  storageClass: "kubernetes-storage-storageclass-encrypted",
  listener: "openstack-loadbalancer-listener-tls",
  ingressTls: "kubernetes-networking-ingress-tls",
  providerTls: "openstack-provider-config-tls-endpoint",
  templateTls: "openstack-containerinfra-clustertemplate-tls",
  fip: "openstack-networking-floatingip-bastion-only",
  publicNet: "openstack-networking-port-no-public-network",
  magnumPublic: "openstack-containerinfra-cluster-no-public-address",
  internet: "openstack-networking-secgroup-rule-no-internet-ingress",
  sensitive: "openstack-networking-secgroup-rule-no-sensitive-port-from-internet",
  wide: "openstack-networking-secgroup-rule-no-wide-port-range",
  lbService: "kubernetes-core-service-no-public-load-balancer",
  // The pod rules (privileged, escalation, hostNs, ... registry, immutable), named once.
  ...podRules,
  defaultDeny: "kubernetes-core-namespace-workspace-default-deny",
  pss: "kubernetes-core-namespace-workspace-pod-security",
  wsExposure: "kubernetes-core-namespace-workspace-no-exposure",
  attached: "openstack-compute-instance-attached-volume-encrypted",
  keyConsumer: "openstack-keymanager-key-has-consumer",
  protect: "openstack-all-stateful-protected-in-production",
  forceDestroy: "openstack-objectstorage-container-no-force-destroy",
  labels: "hdh-all-datastore-ownership-labels",
  pvc: "kubernetes-core-persistentvolumeclaim-encrypted-class",
  redirect: "openstack-loadbalancer-listener-http-redirect-only",
} as const;
export const policyNames = P;

type Json = Record<string, unknown>;
const obj = (v: unknown) => v as Json;
/** The pod spec of the baseline workload. */
const pod = (s: Stack) => obj(obj(obj(s.inputs("ws-cardio-jupyter").spec).template).spec);
const main = (s: Stack) => obj((pod(s).containers as Json[])[0]);
const mainSc = (s: Stack) => obj(main(s).securityContext);
const rule = (s: Stack, key: string, inputs: Json, parents?: string[]) =>
  s.add(
    key,
    "openstack:networking/secGroupRule:SecGroupRule",
    {
      direction: "ingress",
      ethertype: "IPv4",
      securityGroupId: unknown,
      description: "test",
      ...inputs,
    },
    { parents },
  );
const workload = (s: Stack, key: string, type: string, spec: Json, namespace = "platform") =>
  s.add(key, type, { metadata: { name: key, namespace }, spec });
const bastion = ["hdh:bastion:Bastion"];

const ownCases: Case[] = [
  good("the baseline stack is compliant", () => {}),

  // --- location -------------------------------------------------------------------------------
  bad(
    "a volume in a US region is rejected",
    [P.region],
    (s) => (s.inputs("data").region = "US-EAST-VA-1"),
  ),
  good("a volume in an explicit EU region passes", (s) => (s.inputs("data").region = "SBG5")),
  bad(
    "a volume in the United Kingdom region is rejected (not EU)",
    [P.region],
    (s) => (s.inputs("data").region = "UK1"),
  ),
  good("region names compare case-insensitively", (s) => (s.inputs("data").region = "gra11")),
  bad(
    "a Canadian provider region is rejected for the provider and every resource deriving from it",
    [P.region, P.providerRegion, P.container],
    (s) => (s.inputs("eu").region = "BHS5"),
  ),
  good(
    "a provider in another EU region (with its operator's attestation) passes",
    (s) => (s.inputs("eu").region = "SBG5"),
    {
      settings: {
        objectStorageEncryptionAttestations: [
          { region: "SBG5", attestation: "https://contracts.hdh.test/sbg-object-storage" },
        ],
      },
    },
  ),
  bad(
    "a resource with no region and no provider fails closed",
    [P.region],
    (s) => (s.get("data").providerUrn = undefined),
  ),
  good("a resource with no provider but its own EU region passes", (s) => {
    s.get("data").providerUrn = undefined;
    s.inputs("data").region = "GRA9";
  }),
  bad(
    "a provider without region whose Keystone serves non-EU regions fails closed",
    [P.region, P.container],
    (s) => delete s.inputs("eu").region,
  ),
  good(
    "a provider without region on a Keystone declared EU-only in policy config passes",
    (s) => {
      delete s.inputs("eu").region;
      s.inputs("eu").authUrl = "https://keystone.private-cloud.example.fr/v3";
      // The container names its own region, so its operator's attestation can cover it.
      s.inputs("airlock").region = "GRA11";
    },
    // Its operator is declared too: a Keystone the catalogue does not know fails closed otherwise
    // (test/policies/corpus/endpoints.ts).
    {
      settings: {
        euAuthUrls: ["https://keystone.private-cloud.example.fr/v3"],
        trustedEuEndpoints: ["keystone.private-cloud.example.fr"],
      },
    },
  ),
  // Unknown is named by the advisory twin, never passed (it used to pass silently).
  bad(
    "a region unknown during preview is named, not passed",
    [unknownOf(P.region)],
    (s) => (s.inputs("data").region = unknown),
  ),

  // --- jurisdiction ---------------------------------------------------------------------------
  bad("an AWS bucket in Paris is rejected (CLOUD Act)", [P.extraEuProvider], (s) =>
    s.add("bucket", "aws:s3/bucketV2:BucketV2", { region: "eu-west-3" }),
  ),
  good(
    "an AWS resource passes when AWS is configured as a qualified trust operator",
    (s) => s.add("bucket", "aws:s3/bucketV2:BucketV2", { region: "eu-west-3" }),
    { settings: { trustedOperators: ["aws"] } },
  ),
  bad("an azure-native provider is rejected", [P.extraEuProvider], (s) =>
    s.add("azure", "pulumi:providers:azure-native", { location: "francecentral" }),
  ),
  bad("a google-native resource is rejected", [P.extraEuProvider], (s) =>
    s.add("gke", "google-native:container/v1:Cluster", { location: "europe-west9" }),
  ),
  bad("a plain gcp provider is rejected (Google LLC, US law)", [P.extraEuProvider], (s) =>
    s.add("google", "pulumi:providers:gcp", { project: "hdh", region: "europe-west9" }),
  ),
  good("S3NS: a gcp provider in the s3nsapis.fr universe domain passes (S3NS, France)", (s) =>
    s.add("s3ns", "pulumi:providers:gcp", {
      project: "hdh",
      region: "u-france-east1",
      universeDomain: "s3nsapis.fr",
    }),
  ),
  bad(
    "a gcp provider in an unknown universe domain is rejected (unknown is not EU)",
    [P.extraEuProvider],
    (s) => s.add("other", "pulumi:providers:gcp", { universeDomain: "sovereign.example" }),
  ),
  good("an ovh provider on the ovh-eu endpoint passes (OVH SAS)", (s) =>
    s.add("ovh-eu", "pulumi:providers:ovh", { endpoint: "ovh-eu" }),
  ),
  bad(
    "an ovh provider on the ovh-us endpoint is rejected (OVHcloud US)",
    [P.extraEuProvider],
    (s) => s.add("ovh-us", "pulumi:providers:ovh", { endpoint: "ovh-us" }),
  ),
  bad(
    "an ovh provider on the ovh-ca endpoint is rejected (OVHcloud Canada)",
    [P.extraEuProvider],
    (s) => s.add("ovh-ca", "pulumi:providers:ovh", { endpoint: "ovh-ca" }),
  ),
  bad(
    "a provider of a package the catalogue does not know is named, not passed (unknown is not EU)",
    [unknownOf(P.extraEuProvider)],
    (s) =>
      s.add("edge", "pulumi:providers:exoscale", { zone: "de-fra-1" }, { providerUrn: undefined }),
  ),
  good(
    "an uncatalogued package passes once its operator is declared trusted",
    (s) =>
      s.add("edge", "pulumi:providers:exoscale", { zone: "de-fra-1" }, { providerUrn: undefined }),
    { settings: { trustedOperators: ["exoscale"] } },
  ),
  good("local-only providers (random, tls, command) talk to no operator and pass", (s) => {
    for (const pkg of ["random", "tls", "command"])
      s.add(pkg, `pulumi:providers:${pkg}`, {}, { providerUrn: undefined });
  }),
  bad(
    "an image from ghcr.io is rejected",
    [P.extraEuRegistry, P.registry],
    (s) => (main(s).image = "ghcr.io/org/app:1.0.0@sha256:" + "b".repeat(64)),
  ),
  bad(
    "an image without registry host resolves to Docker Hub and is rejected",
    [P.extraEuRegistry, P.registry],
    (s) => (main(s).image = "nginx:1.27.0@sha256:" + "c".repeat(64)),
  ),
  bad(
    "an image from public.ecr.aws in a CronJob's nested pod template is rejected",
    [P.extraEuRegistry, P.registry],
    (s) => {
      const spec = hardenedPodSpec("public.ecr.aws/team/job:2.0.1@sha256:" + "d".repeat(64));
      workload(s, "nightly", "kubernetes:batch/v1:CronJob", {
        schedule: "0 2 * * *",
        jobTemplate: { spec: { template: { spec } } },
      });
    },
  ),
  good("an image from the EU registry in a CronJob passes", (s) =>
    workload(s, "nightly", "kubernetes:batch/v1:CronJob", {
      schedule: "0 2 * * *",
      jobTemplate: { spec: { template: { spec: hardenedPodSpec() } } },
    }),
  ),
  bad(
    "an image from a mcr.microsoft.com sub-path in an init container is rejected",
    [P.extraEuRegistry, P.registry],
    (s) => {
      pod(s).initContainers = [
        {
          ...main(s),
          name: "init",
          image: "mcr.microsoft.com/dotnet/runtime:8.0.1@sha256:" + "e".repeat(64),
        },
      ];
    },
  ),
  bad(
    "an EU but unlisted registry is rejected by the allowlist only",
    [P.registry],
    (s) => (main(s).image = "registry.example.de/app:1.0.0@sha256:" + "f".repeat(64)),
  ),
  good(
    "an image from a configured registry wildcard passes",
    (s) =>
      (main(s).image =
        "abc.c1.gra9.container-registry.ovh.net/hdh/app:1.0.0@sha256:" + "f".repeat(64)),
  ),

  // --- encryption at rest ---------------------------------------------------------------------
  bad(
    "a volume without volumeType is rejected (and so is its attachment)",
    [P.volume, P.attached],
    (s) => delete s.inputs("data").volumeType,
  ),
  bad(
    "a volume of the unencrypted type 'classic' is rejected (and so is its attachment)",
    [P.volume, P.attached],
    (s) => (s.inputs("data").volumeType = "classic"),
  ),
  good(
    "volume types compare case-insensitively",
    (s) => (s.inputs("data").volumeType = "Classic-LUKS"),
  ),
  bad("a VolumeV2 of an unencrypted type is rejected", [P.volume], (s) =>
    s.add("legacy", "openstack:blockstorage/volumeV2:VolumeV2", {
      size: 5,
      volumeType: "high-speed",
      metadata: { ...(s.inputs("data").metadata as Json) },
    }),
  ),
  // Unknown is named by the advisory twin, never passed (it used to pass silently).
  bad(
    "a volume type unknown during preview is named, not passed",
    [unknownOf(P.volume)],
    (s) => (s.inputs("data").volumeType = unknown),
  ),
  bad("an instance booting on local ephemeral disk is rejected", [P.boot], (s) => {
    delete s.inputs("worker").blockDevices;
    s.inputs("worker").imageName = "Debian 12";
  }),
  bad(
    "a boot volume without an encrypted type is rejected",
    [P.boot],
    (s) => delete obj((s.inputs("worker").blockDevices as Json[])[0]).volumeType,
  ),
  bad(
    "a local ephemeral block device is rejected",
    [P.boot],
    (s) => (obj((s.inputs("worker").blockDevices as Json[])[0]).destinationType = "local"),
  ),
  bad(
    "a container in a region whose operator attests no encryption at rest is rejected",
    [P.container],
    (s) => (s.inputs("airlock").region = "SBG5"),
  ),
  good(
    "the same container passes once its region's operator attestation is declared",
    (s) => (s.inputs("airlock").region = "SBG5"),
    {
      settings: {
        objectStorageEncryptionAttestations: [
          { region: "sbg5", attestation: "OVHcloud contract annex 4, clause 7" },
        ],
      },
    },
  ),
  good(
    "a storage policy is placement, not encryption: any policy in an attested region passes",
    (s) => (s.inputs("airlock").storagePolicy = "PCS"),
  ),
  bad(
    "a legacy ContainerV1 whose provider names no region, only a Keystone URL, is rejected",
    [P.container],
    (s) => {
      s.add("keystone-only", "pulumi:providers:openstack", {
        authUrl: "https://auth.cloud.ovh.net/v3",
      });
      s.add(
        "legacy-archive",
        "openstack:objectstorage/containerV1:ContainerV1",
        { metadata: { ...ownership } },
        { providerUrn: s.urn("pulumi:providers:openstack", "keystone-only") },
      );
    },
    // Its Keystone is declared EU-only, so its location passes: only the attestation is missing.
    { settings: { euAuthUrls: ["https://auth.cloud.ovh.net/v3"] } },
  ),
  bad(
    "a container whose region is unknown at preview is reported as unknown, not compliant",
    [unknownOf(P.container), unknownOf(P.region)],
    (s) => (s.inputs("airlock").region = unknown),
  ),
  bad(
    "a symmetric key uploaded as a SecretV1 payload is rejected",
    [P.secretPayload, P.keyConsumer, P.labels],
    (s) =>
      s.add("uploaded-key", "openstack:keymanager/secretV1:SecretV1", {
        secretType: "symmetric",
        algorithm: "aes",
        bitLength: 256,
        payload: "c2VjcmV0",
        payloadContentType: "application/octet-stream",
      }),
  ),
  bad("a SecretV1 payload without secretType (opaque) is rejected", [P.secretPayload], (s) =>
    s.add("blob", "openstack:keymanager/secretV1:SecretV1", {
      payload: unknown,
      metadata: { ...(s.inputs("data").metadata as Json) },
    }),
  ),
  good("a passphrase stored as a SecretV1 payload passes", (s) =>
    s.add("db-password", "openstack:keymanager/secretV1:SecretV1", {
      secretType: "passphrase",
      payload: unknown,
      metadata: { ...(s.inputs("data").metadata as Json) },
    }),
  ),
  bad(
    "an AES-128 key order is rejected",
    [P.orderStrength],
    (s) => (obj(s.inputs("workspace-key").meta).bitLength = 128),
  ),
  bad(
    "an RSA-2048 asymmetric order is rejected",
    [P.orderStrength],
    (s) => (s.inputs("workspace-key").meta = { algorithm: "RSA", bitLength: 2048 }),
  ),
  good(
    "an RSA-4096 asymmetric order passes",
    (s) => (s.inputs("workspace-key").meta = { algorithm: "rsa", bitLength: 4096 }),
  ),
  bad(
    "a Cinder StorageClass on an unencrypted type is rejected",
    [P.storageClass, P.pvc],
    (s) => (obj(s.inputs("encrypted-cinder").parameters).type = "classic"),
  ),
  bad("a hostpath StorageClass is rejected", [P.storageClass], (s) =>
    s.add("local", "kubernetes:storage.k8s.io/v1:StorageClass", {
      metadata: { name: "local" },
      provisioner: "rancher.io/local-path",
    }),
  ),
  good('a CSI StorageClass declaring encrypted: "true" passes', (s) =>
    s.add("rbd", "kubernetes:storage.k8s.io/v1:StorageClass", {
      metadata: { name: "rbd" },
      provisioner: "rbd.csi.ceph.com",
      parameters: { encrypted: "true" },
    }),
  ),
  bad(
    "a PVC on a class neither declared nor configured is rejected",
    [P.pvc],
    (s) => (obj(s.inputs("ws-cardio-home").spec).storageClassName = "standard"),
  ),
  good(
    "a PVC on a class configured as encrypted passes",
    (s) => (obj(s.inputs("ws-cardio-home").spec).storageClassName = "standard"),
    { settings: { encryptedStorageClasses: ["standard"] } },
  ),
  bad(
    "a PVC without storageClassName (cluster default) is rejected",
    [P.pvc],
    (s) => delete obj(s.inputs("ws-cardio-home").spec).storageClassName,
  ),
  bad("a StatefulSet claim template on an unencrypted class is rejected", [P.pvc], (s) =>
    workload(s, "db", "kubernetes:apps/v1:StatefulSet", {
      serviceName: "db",
      selector: { matchLabels: { app: "db" } },
      template: { metadata: { labels: { app: "db" } }, spec: hardenedPodSpec() },
      volumeClaimTemplates: [
        {
          metadata: { name: "data" },
          spec: { storageClassName: "csi-cinder-high-speed", accessModes: ["ReadWriteOnce"] },
        },
      ],
    }),
  ),
  bad(
    "a PVC whose storageClassName is unknown during preview is named unknown",
    [unknownOf(P.pvc)],
    (s) => (obj(s.inputs("ws-cardio-home").spec).storageClassName = unknown),
  ),
  bad(
    "a StatefulSet whose claim templates are unknown during preview is named unknown",
    [unknownOf(P.pvc)],
    (s) =>
      workload(s, "db", "kubernetes:apps/v1:StatefulSet", {
        serviceName: "db",
        selector: { matchLabels: { app: "db" } },
        template: { metadata: { labels: { app: "db" } }, spec: hardenedPodSpec() },
        volumeClaimTemplates: unknown,
      }),
  ),
  bad(
    "a workspace egress peer whose cidr is unknown during preview is named unknown",
    [unknownOf("kubernetes-core-namespace-workspace-egress-within-tier")],
    (s) =>
      s.add("ws-cardio-out", "kubernetes:networking.k8s.io/v1:NetworkPolicy", {
        metadata: { name: "out", namespace: "ws-cardio" },
        spec: {
          podSelector: {},
          policyTypes: ["Egress"],
          egress: [{ to: [{ ipBlock: { cidr: unknown } }], ports: [{ port: 443 }] }],
        },
      }),
  ),
  bad(
    "a workspace egress rule whose destinations are unknown during preview is named unknown",
    [unknownOf("kubernetes-core-namespace-workspace-egress-within-tier")],
    (s) =>
      s.add("ws-cardio-out", "kubernetes:networking.k8s.io/v1:NetworkPolicy", {
        metadata: { name: "out", namespace: "ws-cardio" },
        spec: { podSelector: {}, policyTypes: ["Egress"], egress: [{ to: unknown }] },
      }),
  ),

  // --- encryption in transit ------------------------------------------------------------------
  bad("a plain HTTP listener forwarding to a pool is rejected", [P.listener, P.redirect], (s) =>
    s.add("web", "openstack:loadbalancer/listener:Listener", {
      protocol: "HTTP",
      protocolPort: 80,
      loadbalancerId: unknown,
      defaultPoolId: unknown,
    }),
  ),
  bad(
    "an HTTP listener with no HTTPS redirect is rejected (protocol in lower case)",
    [P.redirect],
    (s) =>
      s.add("web", "openstack:loadbalancer/listener:Listener", {
        protocol: "http",
        protocolPort: 80,
        loadbalancerId: unknown,
      }),
  ),
  good("an HTTP listener that only redirects to https:// passes", (s) => {
    const l = s.add("web", "openstack:loadbalancer/listener:Listener", {
      protocol: "HTTP",
      protocolPort: 80,
      loadbalancerId: unknown,
    });
    s.add(
      "web-redirect",
      "openstack:loadbalancer/l7PolicyV2:L7PolicyV2",
      { action: "REDIRECT_TO_URL", redirectUrl: "https://portal.example.fr", listenerId: unknown },
      { dependencies: [l.urn], propertyDependencies: { listenerId: [l.urn] } },
    );
  }),
  bad(
    "a TCP listener is rejected (TLS cannot be shown)",
    [P.listener],
    (s) => (s.inputs("portal-https").protocol = "TCP"),
  ),
  bad(
    "a TERMINATED_HTTPS listener without certificate is rejected",
    [P.listener],
    (s) => delete s.inputs("portal-https").defaultTlsContainerRef,
  ),
  good(
    "an HTTPS passthrough listener passes",
    (s) => (s.inputs("portal-https").protocol = "https"),
  ),
  bad("an Ingress without TLS is rejected", [P.ingressTls], (s) =>
    s.add("portal", "kubernetes:networking.k8s.io/v1:Ingress", {
      metadata: { name: "portal", namespace: "platform" },
      spec: { rules: [{ host: "portal.example.fr" }] },
    }),
  ),
  bad("an Ingress whose TLS does not cover one of its hosts is rejected", [P.ingressTls], (s) =>
    s.add("portal", "kubernetes:networking.k8s.io/v1:Ingress", {
      metadata: { name: "portal", namespace: "platform" },
      spec: {
        tls: [{ hosts: ["portal.example.fr"], secretName: "tls" }],
        rules: [{ host: "portal.example.fr" }, { host: "api.example.fr" }],
      },
    }),
  ),
  good("an Ingress with a wildcard certificate covering its hosts passes", (s) =>
    s.add("portal", "kubernetes:networking.k8s.io/v1:Ingress", {
      metadata: { name: "portal", namespace: "platform" },
      spec: {
        tls: [{ hosts: ["*.example.fr"], secretName: "tls" }],
        rules: [{ host: "portal.example.fr" }, { host: "api.example.fr" }],
      },
    }),
  ),
  bad(
    "an http:// Keystone URL is rejected",
    [P.providerTls],
    (s) => (s.inputs("eu").authUrl = "http://auth.cloud.ovh.net/v3"),
  ),
  bad(
    "a provider with TLS verification disabled is rejected",
    [P.providerTls],
    (s) => (s.inputs("eu").insecure = true),
  ),
  bad("a Magnum template with TLS disabled is rejected", [P.templateTls], (s) =>
    s.add("k8s-template", "openstack:containerinfra/clusterTemplate:ClusterTemplate", {
      coe: "kubernetes",
      image: "fcos",
      floatingIpEnabled: false,
      tlsDisabled: true,
    }),
  ),

  // --- exposure -------------------------------------------------------------------------------
  bad("a floating IP outside any bastion is rejected", [P.fip], (s) =>
    s.add("db-ip", "openstack:networking/floatingIp:FloatingIp", { pool: "Ext-Net" }),
  ),
  good("a floating IP named as a bastion's passes", (s) =>
    s.add("bastion-2-ip", "openstack:networking/floatingIp:FloatingIp", { pool: "Ext-Net" }),
  ),
  bad("a floating IP association to a worker is rejected", [P.fip], (s) =>
    s.add("worker-ip-assoc", "openstack:compute/floatingIpAssociate:FloatingIpAssociate", {
      floatingIp: unknown,
      instanceId: unknown,
    }),
  ),
  bad("a port forwarding from a floating IP is rejected", [P.fip], (s) =>
    s.add("fwd", "openstack:networking/portForwardingV2:PortForwardingV2", {
      floatingipId: unknown,
      externalPort: 2222,
      internalPort: 22,
      protocol: "tcp",
      internalIpAddress: "10.0.0.5",
      internalPortId: unknown,
    }),
  ),
  bad(
    "an instance plugged into Ext-Net is rejected",
    [P.publicNet],
    (s) => (s.inputs("worker").networks = [{ name: "Ext-Net" }]),
  ),
  good("a bastion instance plugged into Ext-Net passes", (s) =>
    s.add(
      "jump",
      "openstack:compute/instance:Instance",
      { ...s.inputs("worker"), networks: [{ name: "Ext-Net" }] },
      { parents: bastion },
    ),
  ),
  bad("a port on the external network is rejected", [P.publicNet], (s) =>
    s.add("db-port", "openstack:networking/port:Port", { networkId: "ext-net" }),
  ),
  bad(
    "a Magnum template leaving floatingIpEnabled to its true default is rejected",
    [P.magnumPublic],
    (s) =>
      s.add("k8s-template", "openstack:containerinfra/clusterTemplate:ClusterTemplate", {
        coe: "kubernetes",
        image: "fcos",
      }),
  ),
  good("a Magnum template with floatingIpEnabled false passes", (s) =>
    s.add("k8s-template", "openstack:containerinfra/clusterTemplate:ClusterTemplate", {
      coe: "kubernetes",
      image: "fcos",
      floatingIpEnabled: false,
      labels: { master_lb_floating_ip_enabled: "false" },
    }),
  ),
  bad("a Magnum cluster putting its API on a public IP is rejected", [P.magnumPublic], (s) =>
    s.add("k8s", "openstack:containerinfra/cluster:Cluster", {
      clusterTemplateId: unknown,
      labels: { master_lb_floating_ip_enabled: "true" },
    }),
  ),
  bad(
    "HTTPS open to 0.0.0.0/0 on a non-bastion is rejected",
    [P.internet],
    (s) => (s.inputs("https-in").remoteIpPrefix = "0.0.0.0/0"),
  ),
  good(
    "HTTPS open to 0.0.0.0/0 on a bastion configured as a public port passes",
    (s) =>
      rule(
        s,
        "bastion-web",
        { protocol: "tcp", portRangeMin: 443, portRangeMax: 443, remoteIpPrefix: "0.0.0.0/0" },
        bastion,
      ),
    { settings: { bastionPublicPorts: [443] } },
  ),
  good("egress to 0.0.0.0/0 is not an ingress exposure", (s) =>
    rule(s, "out", {
      direction: "egress",
      protocol: "tcp",
      portRangeMin: 443,
      portRangeMax: 443,
      remoteIpPrefix: "0.0.0.0/0",
    }),
  ),
  bad("SSH open to ::/0 (IPv6) is rejected", [P.internet, P.sensitive], (s) =>
    rule(s, "ssh6", {
      ethertype: "IPv6",
      protocol: "tcp",
      portRangeMin: 22,
      portRangeMax: 22,
      remoteIpPrefix: "::/0",
    }),
  ),
  bad(
    "SSH open to 0.0.0.0/0 even on a bastion is rejected",
    [P.internet, P.sensitive],
    (s) => (s.inputs("ssh-admin").remoteIpPrefix = "0.0.0.0/0"),
  ),
  bad("SSH from the admin range on a non-bastion is rejected", [P.sensitive], (s) =>
    rule(s, "worker-ssh", {
      protocol: "tcp",
      portRangeMin: 22,
      portRangeMax: 22,
      remoteIpPrefix: "203.0.113.0/24",
    }),
  ),
  good("SSH from a private range on a non-bastion passes", (s) =>
    rule(s, "worker-ssh", {
      protocol: "tcp",
      portRangeMin: 22,
      portRangeMax: 22,
      remoteIpPrefix: "10.42.0.0/24",
    }),
  ),
  bad(
    "RDP with protocol spelt 'TCP' from the internet is rejected",
    [P.internet, P.sensitive],
    (s) =>
      rule(s, "rdp", {
        protocol: "TCP",
        portRangeMin: 3389,
        portRangeMax: 3389,
        remoteIpPrefix: "0.0.0.0/0",
      }),
  ),
  bad(
    "PostgreSQL with neither remote prefix nor group (anyone) is rejected",
    [P.internet, P.sensitive],
    (s) => rule(s, "pg", { protocol: "tcp", portRangeMin: 5432, portRangeMax: 5432 }),
  ),
  good("PostgreSQL from a peer security group passes", (s) =>
    rule(s, "pg", {
      protocol: "tcp",
      portRangeMin: 5432,
      portRangeMax: 5432,
      remoteGroupId: unknown,
    }),
  ),
  bad("the Kubernetes API open to a public /24 is rejected", [P.sensitive], (s) =>
    rule(s, "kapi", {
      protocol: "6",
      portRangeMin: 6443,
      portRangeMax: 6443,
      remoteIpPrefix: "198.51.100.0/24",
    }),
  ),
  bad(
    "a range of half the IPv4 space (0.0.0.0/1) counts as the internet",
    [P.internet],
    (s) => (s.inputs("https-in").remoteIpPrefix = "0.0.0.0/1"),
  ),
  bad("a rule opening every port from a private range is rejected as too wide", [P.wide], (s) =>
    rule(s, "all-tcp", {
      protocol: "tcp",
      portRangeMin: 1,
      portRangeMax: 65535,
      remoteIpPrefix: "10.0.0.0/8",
    }),
  ),
  bad(
    "a rule with no protocol from a private range opens everything and is rejected",
    [P.wide],
    (s) => rule(s, "any", { remoteIpPrefix: "10.42.0.0/16" }),
  ),
  good("a narrow port range from a private range passes", (s) =>
    rule(s, "app", {
      protocol: "tcp",
      portRangeMin: 8000,
      portRangeMax: 8010,
      remoteIpPrefix: "10.42.0.0/16",
    }),
  ),
  good("ICMP from a private range passes (no ports)", (s) =>
    rule(s, "ping", { protocol: "icmp", remoteIpPrefix: "10.42.0.0/16" }),
  ),
  bad(
    "a legacy Nova security group with SSH from 0.0.0.0/0 is rejected",
    [P.internet, P.sensitive],
    (s) =>
      s.add("legacy-sg", "openstack:compute/secGroup:SecGroup", {
        description: "legacy",
        rules: [{ ipProtocol: "tcp", fromPort: 22, toPort: 22, cidr: "0.0.0.0/0" }],
      }),
  ),
  bad(
    "a rule whose source is unknown during preview is named by the twin, not reported",
    [unknownOf(P.internet)],
    (s) => (s.inputs("https-in").remoteIpPrefix = unknown),
  ),
  bad("a public LoadBalancer Service is rejected", [P.lbService], (s) =>
    s.add("portal-lb", "kubernetes:core/v1:Service", {
      metadata: { name: "portal", namespace: "platform" },
      spec: { type: "LoadBalancer", ports: [{ port: 443 }] },
    }),
  ),
  good("an internal LoadBalancer Service outside workspaces passes", (s) =>
    s.add("portal-lb", "kubernetes:core/v1:Service", {
      metadata: {
        name: "portal",
        namespace: "platform",
        annotations: { "service.beta.kubernetes.io/openstack-internal-load-balancer": "true" },
      },
      spec: { type: "LoadBalancer", ports: [{ port: 443 }] },
    }),
  ),
  bad(
    "a public LoadBalancer Service as the second item of a ServiceList is rejected",
    [P.lbService],
    (s) =>
      s.add("portal-lbs", "kubernetes:core/v1:ServiceList", {
        items: [
          { metadata: { name: "internal", namespace: "platform" }, spec: { type: "ClusterIP" } },
          { metadata: { name: "portal", namespace: "platform" }, spec: { type: "LoadBalancer" } },
        ],
      }),
  ),
  bad("a ServiceList item with externalIPs is rejected", [P.lbService], (s) =>
    s.add("portal-lbs", "kubernetes:core/v1:ServiceList", {
      items: [
        {
          metadata: { name: "portal", namespace: "platform" },
          spec: { type: "ClusterIP", externalIPs: ["198.51.100.7"] },
        },
      ],
    }),
  ),
  good("a ServiceList of an internal LoadBalancer passes", (s) =>
    s.add("portal-lbs", "kubernetes:core/v1:ServiceList", {
      items: [
        {
          metadata: {
            name: "portal",
            namespace: "platform",
            annotations: { "service.beta.kubernetes.io/openstack-internal-load-balancer": "true" },
          },
          spec: { type: "LoadBalancer" },
        },
      ],
    }),
  ),
  bad(
    "a NodePort Service in a workspace is rejected",
    [P.wsExposure, "kubernetes-core-service-no-node-port"],
    (s) => (obj(s.inputs("ws-cardio-svc").spec).type = "NodePort"),
  ),
  bad("an Ingress into a workspace is rejected", [P.wsExposure], (s) =>
    s.add("ws-ingress", "kubernetes:networking.k8s.io/v1:Ingress", {
      metadata: { name: "nb", namespace: "ws-cardio" },
      spec: {
        tls: [{ hosts: ["nb.example.fr"], secretName: "t" }],
        rules: [{ host: "nb.example.fr" }],
      },
    }),
  ),
  bad("a Gateway API HTTPRoute in a workspace namespace is rejected", [P.wsExposure], (s) =>
    s.add("ws-route", "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute", {
      metadata: { name: "notebook", namespace: "ws-cardio" },
      spec: {
        parentRefs: [{ name: "edge", namespace: "gateway" }],
        hostnames: ["nb.example.fr"],
        rules: [{ backendRefs: [{ name: "jupyter", port: 8888 }] }],
      },
    }),
  ),
  bad(
    "a TCPRoute elsewhere whose backend is a workspace's Service is rejected",
    [P.wsExposure],
    (s) =>
      s.add("db-route", "kubernetes:gateway.networking.k8s.io/v1alpha2:TCPRoute", {
        metadata: { name: "db", namespace: "gateway" },
        spec: {
          parentRefs: [{ name: "edge" }],
          rules: [{ backendRefs: [{ name: "postgres", namespace: "ws-cardio", port: 5432 }] }],
        },
      }),
  ),
  bad("an IngressList item into a workspace is rejected", [P.wsExposure], (s) =>
    s.add("ingresses", "kubernetes:networking.k8s.io/v1:IngressList", {
      items: [
        {
          metadata: { name: "portal", namespace: "platform" },
          spec: {
            tls: [{ hosts: ["p.example.fr"], secretName: "t" }],
            rules: [{ host: "p.example.fr" }],
          },
        },
        {
          metadata: { name: "nb", namespace: "ws-cardio" },
          spec: {
            tls: [{ hosts: ["nb.example.fr"], secretName: "t" }],
            rules: [{ host: "nb.example.fr" }],
          },
        },
      ],
    }),
  ),
  good("an IngressList whose only item is in the platform namespace passes", (s) =>
    s.add("ingresses", "kubernetes:networking.k8s.io/v1:IngressList", {
      items: [
        {
          metadata: { name: "portal", namespace: "platform" },
          spec: {
            tls: [{ hosts: ["p.example.fr"], secretName: "t" }],
            rules: [{ host: "p.example.fr" }],
          },
        },
      ],
    }),
  ),
  bad("an HTTPRouteList item in a workspace namespace is rejected", [P.wsExposure], (s) =>
    s.add("routes", "kubernetes:gateway.networking.k8s.io/v1:HTTPRouteList", {
      items: [
        {
          metadata: { name: "notebook", namespace: "ws-cardio" },
          spec: {
            parentRefs: [{ name: "edge", namespace: "gateway" }],
            rules: [{ backendRefs: [{ name: "jupyter", port: 8888 }] }],
          },
        },
      ],
    }),
  ),
  good("an HTTPRoute of a platform Service, outside every workspace, passes", (s) =>
    s.add("portal-route", "kubernetes:gateway.networking.k8s.io/v1:HTTPRoute", {
      metadata: { name: "portal", namespace: "platform" },
      spec: {
        parentRefs: [{ name: "edge", namespace: "gateway" }],
        rules: [{ backendRefs: [{ name: "portal", port: 443 }] }],
      },
    }),
  ),

  // --- Kubernetes workloads -------------------------------------------------------------------
  bad("a privileged container is rejected", [P.privileged], (s) => (mainSc(s).privileged = true)),
  bad("a privileged init container in a Job is rejected", [P.privileged], (s) => {
    const spec = hardenedPodSpec();
    const init = {
      ...spec.containers[0],
      name: "init",
      securityContext: { ...spec.containers[0].securityContext, privileged: true },
    };
    workload(s, "migrate", "kubernetes:batch/v1:Job", {
      template: { spec: { ...spec, initContainers: [init] } },
    });
  }),
  bad("a privileged container in a CronJob's nested template is rejected", [P.privileged], (s) => {
    const spec = hardenedPodSpec();
    (spec.containers[0].securityContext as Json).privileged = true;
    workload(s, "nightly", "kubernetes:batch/v1:CronJob", {
      schedule: "@daily",
      jobTemplate: { spec: { template: { spec } } },
    });
  }),
  bad(
    "a container without allowPrivilegeEscalation: false is rejected",
    [P.escalation],
    (s) => delete mainSc(s).allowPrivilegeEscalation,
  ),
  bad("hostNetwork in a DaemonSet is rejected", [P.hostNs], (s) =>
    workload(s, "agent", "kubernetes:apps/v1:DaemonSet", {
      selector: {},
      template: { spec: { ...hardenedPodSpec(), hostNetwork: true } },
    }),
  ),
  bad("hostPID on a bare Pod is rejected", [P.hostNs], (s) =>
    s.add("debug", "kubernetes:core/v1:Pod", {
      metadata: { name: "debug", namespace: "platform" },
      spec: { ...hardenedPodSpec(), hostPID: true },
    }),
  ),
  bad("a hostPath volume in a StatefulSet is rejected", [P.hostPath], (s) =>
    workload(s, "logs", "kubernetes:apps/v1:StatefulSet", {
      serviceName: "logs",
      selector: {},
      template: {
        spec: {
          ...hardenedPodSpec(),
          volumes: [{ name: "varlog", hostPath: { path: "/var/log" } }],
        },
      },
    }),
  ),
  bad("a gitRepo volume, cloned by the kubelet on the node, is rejected", [P.hostPath], (s) =>
    workload(s, "notebooks", "kubernetes:apps/v1:Deployment", {
      selector: {},
      template: {
        spec: {
          ...hardenedPodSpec(),
          volumes: [{ name: "src", gitRepo: { repository: "https://git.example.fr/team/nb.git" } }],
        },
      },
    }),
  ),
  good("an emptyDir volume an init container clones into passes", (s) =>
    workload(s, "notebooks", "kubernetes:apps/v1:Deployment", {
      selector: {},
      template: {
        spec: { ...hardenedPodSpec(), volumes: [{ name: "src", emptyDir: {} }] },
      },
    }),
  ),
  bad(
    "a host port is rejected",
    [P.hostPorts],
    (s) => (main(s).ports = [{ containerPort: 8888, hostPort: 8888 }]),
  ),
  bad(
    "a container running as UID 0 is rejected (and flagged below the high-UID threshold)",
    [P.nonRoot, "kubernetes-core-pod-run-as-high-uid"],
    (s) => (mainSc(s).runAsUser = 0),
  ),
  bad(
    "a pod without runAsNonRoot is rejected",
    [P.nonRoot],
    (s) => delete obj(pod(s).securityContext).runAsNonRoot,
  ),
  good("runAsNonRoot set on the container instead of the pod passes", (s) => {
    delete obj(pod(s).securityContext).runAsNonRoot;
    mainSc(s).runAsNonRoot = true;
  }),
  bad(
    "a container adding SYS_ADMIN is rejected",
    [P.caps],
    (s) => (mainSc(s).capabilities = { drop: ["ALL"], add: ["SYS_ADMIN"] }),
  ),
  bad(
    "a container not dropping ALL capabilities is rejected",
    [P.caps],
    (s) => (mainSc(s).capabilities = { drop: ["NET_RAW"] }),
  ),
  good(
    "adding only NET_BIND_SERVICE passes",
    (s) => (mainSc(s).capabilities = { drop: ["all"], add: ["NET_BIND_SERVICE"] }),
  ),
  bad(
    "a writable root filesystem is flagged (advisory)",
    [P.readOnly],
    (s) => (mainSc(s).readOnlyRootFilesystem = false),
  ),
  bad(
    "a container without memory limit is rejected",
    [P.limits],
    (s) => delete obj(obj(main(s).resources).limits).memory,
  ),
  bad("a ReplicaSet container without any limits is rejected", [P.limits], (s) => {
    const spec = hardenedPodSpec();
    delete (spec.containers[0] as Json).resources;
    workload(s, "rs", "kubernetes:apps/v1:ReplicaSet", { selector: {}, template: { spec } });
  }),
  bad(
    "an Unconfined seccomp profile on the container overrides the pod's and is rejected",
    [P.seccomp],
    (s) => (mainSc(s).seccompProfile = { type: "Unconfined" }),
  ),
  bad(
    "a pod mounting the default service account's token is flagged, and rejected as the default account in use",
    [P.token, "kubernetes-core-pod-no-default-service-account"],
    (s) => delete pod(s).automountServiceAccountToken,
  ),
  bad(
    "an image tagged latest is rejected",
    [P.immutable],
    (s) => (main(s).image = "registry.hdh-sovereign.example.fr/hdh/jupyter:latest"),
  ),
  bad(
    "an image without tag is rejected",
    [P.immutable],
    (s) => (main(s).image = "registry.hdh-sovereign.example.fr/hdh/jupyter"),
  ),
  good(
    "a version-tagged image passes outside production",
    (s) => (main(s).image = "registry.hdh-sovereign.example.fr/hdh/jupyter:4.1.0"),
  ),
  bad(
    "a version-tagged image without digest is rejected in production",
    [P.immutable],
    (s) => {
      for (const r of s.list()) r.protect = true;
      main(s).image = "registry.hdh-sovereign.example.fr/hdh/jupyter:4.1.0";
    },
    { stack: "prod" },
  ),
  bad(
    "an image unknown during preview is reported only as unknown, by each rule judging images and the Service selecting the pod",
    [
      unknownOf("kubernetes-core-pod-no-dashboard-or-tiller"),
      unknownOf(P.registry),
      unknownOf(P.immutable),
      unknownOf("kubernetes-core-service-no-tiller"),
    ],
    (s) => (main(s).image = unknown),
  ),

  // --- stack level ----------------------------------------------------------------------------
  bad(
    "a workspace namespace denying only ingress is rejected",
    [P.defaultDeny],
    (s) => (obj(s.inputs("ws-cardio-deny").spec).policyTypes = ["Ingress"]),
  ),
  bad(
    "a workspace namespace whose only NetworkPolicy selects some pods is rejected",
    [P.defaultDeny],
    (s) => (obj(s.inputs("ws-cardio-deny").spec).podSelector = { matchLabels: { app: "x" } }),
  ),
  good(
    "a deny-all NetworkPolicy linked to its namespace by dependency (name unknown) passes",
    (s) => {
      obj(s.inputs("ws-cardio-deny").metadata).namespace = unknown;
      s.get("ws-cardio-deny").dependencies = [s.get("ws-cardio").urn];
    },
  ),
  good("separate ingress and egress deny-all policies pass", (s) => {
    obj(s.inputs("ws-cardio-deny").spec).policyTypes = ["Ingress"];
    s.add("ws-cardio-deny-out", "kubernetes:networking.k8s.io/v1:NetworkPolicy", {
      metadata: { name: "deny-out", namespace: "ws-cardio" },
      spec: { podSelector: {}, policyTypes: ["Egress"] },
    });
  }),
  bad("a workspace named ws-* without any NetworkPolicy is rejected", [P.defaultDeny], (s) =>
    s.add("ws-diabetes", "kubernetes:core/v1:Namespace", {
      metadata: {
        name: "ws-diabetes",
        labels: {
          "pod-security.kubernetes.io/enforce": "restricted",
          ...(s.inputs("data").metadata as Json),
        },
      },
    }),
  ),
  bad(
    "a workspace namespace enforcing only baseline is rejected",
    [P.pss],
    (s) =>
      (obj(obj(s.inputs("ws-cardio").metadata).labels)["pod-security.kubernetes.io/enforce"] =
        "baseline"),
  ),
  bad("a volume attached from outside the stack is rejected", [P.attached], (s) => {
    s.get("data-attach").dependencies = [];
    s.get("data-attach").propertyDependencies = {};
    s.inputs("data-attach").volumeId = "2b8e0f4a-external";
  }),
  bad(
    "an instance booting from an existing unencrypted volume is rejected",
    [P.volume, P.attached],
    (s) => {
      s.inputs("data").volumeType = "classic";
      s.inputs("worker").blockDevices = [
        { sourceType: "volume", destinationType: "volume", bootIndex: 0, uuid: unknown },
      ];
      s.get("worker").dependencies = [s.get("data").urn];
      s.get("data-attach").dependencies = [];
      s.get("data-attach").propertyDependencies = {};
      s.inputs("data-attach").volumeId = unknown;
    },
  ),
  bad(
    "a key nothing uses is rejected",
    [P.keyConsumer],
    (s) => (s.get("airlock").dependencies = []),
  ),
  bad(
    "an unprotected volume in production is rejected",
    [P.protect],
    (s) => {
      for (const r of s.list())
        if (r.type !== "openstack:blockstorage/volume:Volume") r.protect = true;
    },
    { stack: "prod" },
  ),
  good(
    "protected data stores in production pass",
    (s) => {
      for (const r of s.list()) r.protect = true;
      main(s).image =
        "registry.hdh-sovereign.example.fr/hdh/jupyter:4.1.0@sha256:" + "a".repeat(64);
    },
    { stack: "prod" },
  ),
  bad(
    "an unprotected PVC in a production-named stack (prod-eu) is rejected",
    [P.protect],
    (s) => {
      for (const r of s.list()) r.protect = r.type !== "kubernetes:core/v1:PersistentVolumeClaim";
    },
    { stack: "prod-eu" },
  ),
  good("unprotected data stores outside production pass", () => {}, { stack: "staging" }),
  bad(
    "a force-destroy container in production is rejected",
    [P.forceDestroy],
    (s) => {
      for (const r of s.list()) r.protect = true;
      s.inputs("airlock").forceDestroy = true;
    },
    { stack: "production" },
  ),
  good("a force-destroy container in dev passes", (s) => (s.inputs("airlock").forceDestroy = true)),
  bad(
    "a volume without ownership metadata is rejected",
    [P.labels],
    (s) => (s.inputs("data").metadata = {}),
  ),
  bad(
    "a namespace with an unknown classification is rejected",
    [P.labels],
    (s) =>
      (obj(obj(s.inputs("ws-cardio").metadata).labels)["hdh.health/classification"] = "secret"),
  ),
  good(
    "ownership labels unknown during preview are not reported",
    (s) => (s.inputs("data").metadata = unknown),
  ),
];

/** Every case: the pack's first families above, then one file per family added since. */
export const corpus: Case[] = [
  ...ownCases,
  ...rbacCases,
  ...workloadCases,
  ...podUnknownCases,
  ...listAndPatchCases,
  ...objectStorageCases,
  ...endpointCases,
  ...helmCases,
  ...instanceCases,
  ...kernelConfinementCases,
  ...inTransitCases,
  ...networkCases,
  ...namespaceCases,
  ...consoleCases,
  ...hygieneCases,
  ...heldOutCases,
  ...ovhHeldOutCases,
  ...kubernetesHeldOutCases,
];
