/**
 * Operator jurisdiction beyond region names (issue 13): who runs the endpoint a provider talks
 * to. OpenStack Keystone hosts, Kubernetes API servers of extra-EU managed clusters, OUTSCALE
 * regions, Cloud Temple's API and the gcp universe domain, in several shapes, each with a
 * compliant twin. A host the catalogue does not know fails closed unless declared in
 * `trustedEuEndpoints`; an endpoint unknown at preview or left to the environment goes to the
 * advisory twin, never to a pass.
 */
import { unknown, type Stack } from "../baseline";
import { bad, good, unknownOf, type Case } from "./case";

export const endpointPolicies = {
  endpoint: "pulumi-all-provider-endpoint-eu-operator",
  extraEuProvider: "pulumi-all-provider-extra-eu-jurisdiction",
} as const;
const P = endpointPolicies;

/** An OVHcloud Managed Kubernetes API server (OVH SAS), as the catalogue knows them. */
export const mksServer = "https://rhq5qw.c1.gra9.k8s.ovh.net";
const eksServer = "https://9F3E1C7A4B.gr7.eu-west-3.eks.amazonaws.com";
const aksServer = "https://hdh-dns-4k2j9x.hcp.francecentral.azmk8s.io:443";
const gkeServer = "https://gke-3b1c9e.europe-west9.gke.goog";

/** A YAML kubeconfig with the given clusters, one context per cluster, and a current context. */
const kubeconfig = (clusters: Record<string, string>, current?: string) =>
  [
    "apiVersion: v1",
    "kind: Config",
    "clusters:",
    ...Object.entries(clusters).flatMap(([name, server]) => [
      `  - name: ${name}`,
      "    cluster:",
      `      server: ${server}`,
      "      certificate-authority-data: LS0tLS1CRUdJTg==",
    ]),
    "contexts:",
    ...Object.keys(clusters).flatMap((name) => [
      `  - name: ${name}`,
      `    context: { cluster: ${name}, user: deployer }`,
    ]),
    ...(current ? [`current-context: ${current}`] : []),
    "users:",
    "  - name: deployer",
    "    user: { token: redacted }",
  ].join("\n");

/** A provider of package `pkg` declared by the program itself (no provider of its own). */
const providerOfPackage = (s: Stack, name: string, pkg: string, inputs: Record<string, unknown>) =>
  s.add(name, `pulumi:providers:${pkg}`, inputs, { providerUrn: undefined });

const k8sProvider = (s: Stack, inputs: Record<string, unknown>, name = "external-cluster") =>
  s.add(name, "pulumi:providers:kubernetes", inputs, { providerUrn: undefined });

/** A ConfigMap managed through the given Kubernetes provider (a resource the rule leaves to it). */
const configMapThrough = (s: Stack, provider: string) =>
  s.add(
    "through-provider",
    "kubernetes:core/v1:ConfigMap",
    { metadata: { name: "settings", namespace: "ws-cardio" }, data: {} },
    { providerUrn: s.urn("pulumi:providers:kubernetes", provider) },
  );

const openstackProvider = (s: Stack, inputs: Record<string, unknown>, name = "second-cloud") =>
  s.add(
    name,
    "pulumi:providers:openstack",
    { region: "GRA11", ...inputs },
    { providerUrn: undefined },
  );

/** An OUTSCALE provider and one VM through it (the bridged Terraform provider's type tokens). */
const outscale = (s: Stack, inputs: Record<string, unknown>) => {
  s.add("osc", "pulumi:providers:outscale", inputs, { providerUrn: undefined });
  s.add(
    "osc-vm",
    "outscale:index/vm:Vm",
    { imageId: "ami-0b5d1f5e", vmType: "tinav5.c2r4p2" },
    { providerUrn: s.urn("pulumi:providers:outscale", "osc") },
  );
};

const cloudTemple = (s: Stack, inputs: Record<string, unknown>) => {
  s.add("ct", "pulumi:providers:cloudtemple", inputs, { providerUrn: undefined });
  s.add(
    "ct-vm",
    "cloudtemple:index/computeVirtualMachine:ComputeVirtualMachine",
    { name: "analysis-01" },
    { providerUrn: s.urn("pulumi:providers:cloudtemple", "ct") },
  );
};

const privateKeystone = "https://keystone.private-cloud.hdh.test/v3";
const trustedPrivateCloud = {
  trustedEuEndpoints: [
    {
      host: "keystone.private-cloud.hdh.test",
      operator: "Hôpitaux Publics SAS",
      jurisdiction: "FR",
      reason: "the hospital group's own OpenStack, contract HP-2026-04",
    },
  ],
};

export const endpointCases: Case[] = [
  // --- OpenStack: the Keystone host decides, whatever the region says --------------------------
  good("an OpenStack provider on OVHcloud's Keystone auth.cloud.ovh.net passes", (s) =>
    openstackProvider(s, { authUrl: "https://auth.cloud.ovh.net/v3" }),
  ),
  bad(
    "an OpenStack provider in region GRA11 whose Keystone is OVHcloud US (auth.cloud.ovh.us) is rejected",
    [P.endpoint],
    (s) => (s.inputs("eu").authUrl = "https://auth.cloud.ovh.us/v3"),
  ),
  bad("a default OpenStack provider configured on OVHcloud US is rejected", [P.endpoint], (s) =>
    openstackProvider(s, { authUrl: "https://auth.cloud.ovh.us/v3" }, "default_3_15_2"),
  ),
  bad(
    "an OpenStack provider on a Keystone the catalogue does not know fails closed",
    [P.endpoint],
    (s) => (s.inputs("eu").authUrl = privateKeystone),
  ),
  good(
    "the same Keystone passes once declared (host, operator, reason) in trustedEuEndpoints",
    (s) => (s.inputs("eu").authUrl = privateKeystone),
    { settings: trustedPrivateCloud },
  ),
  good(
    "a Keystone under a domain declared as *.domain in trustedEuEndpoints passes",
    (s) => (s.inputs("eu").authUrl = privateKeystone),
    { settings: { trustedEuEndpoints: ["*.private-cloud.hdh.test"] } },
  ),
  bad(
    "OVHcloud US's Keystone stays rejected even when declared in trustedEuEndpoints",
    [P.endpoint],
    (s) => (s.inputs("eu").authUrl = "https://auth.cloud.ovh.us/v3"),
    { settings: { trustedEuEndpoints: ["auth.cloud.ovh.us"] } },
  ),
  bad(
    "an endpoint override sending object storage to OVHcloud US is rejected",
    [P.endpoint],
    (s) =>
      (s.inputs("eu").endpointOverrides = {
        "object-store": "https://storage.us-east-va.cloud.ovh.us/v1/AUTH_0a1b",
      }),
  ),
  good("an endpoint override on OVHcloud Europe's own storage host passes", (s) => {
    s.inputs("eu").endpointOverrides = {
      "object-store": "https://storage.gra.cloud.ovh.net/v1/AUTH_0a1b",
    };
  }),
  bad(
    "an OpenStack provider with no authUrl (read from OS_AUTH_URL) is reported as not judged",
    [unknownOf(P.endpoint)],
    (s) => delete s.inputs("eu").authUrl,
  ),
  bad(
    "a Keystone URL unknown at preview is reported as unknown, not compliant",
    // Its operator, and whether it is HTTPS.
    [unknownOf(P.endpoint), unknownOf("openstack-provider-config-tls-endpoint")],
    (s) => (s.inputs("eu").authUrl = unknown),
  ),

  // --- Kubernetes: the API server's host of the cluster the provider uses ------------------------
  bad("a kubeconfig whose API server is an EKS cluster in Paris is rejected", [P.endpoint], (s) =>
    k8sProvider(s, { kubeconfig: kubeconfig({ eks: eksServer }, "eks") }),
  ),
  bad("a kubeconfig whose API server is an AKS cluster in France is rejected", [P.endpoint], (s) =>
    k8sProvider(s, { kubeconfig: kubeconfig({ aks: aksServer }, "aks") }),
  ),
  bad("a JSON kubeconfig whose API server is a GKE DNS endpoint is rejected", [P.endpoint], (s) =>
    k8sProvider(s, {
      kubeconfig: JSON.stringify({
        apiVersion: "v1",
        clusters: [{ name: "gke", cluster: { server: gkeServer } }],
        contexts: [{ name: "gke", context: { cluster: "gke", user: "u" } }],
        "current-context": "gke",
      }),
    }),
  ),
  good("a kubeconfig whose API server is OVHcloud Managed Kubernetes passes", (s) =>
    k8sProvider(s, { kubeconfig: kubeconfig({ mks: mksServer }, "mks") }),
  ),
  good(
    "a kubeconfig listing an EKS cluster beside the MKS one its current context uses passes",
    (s) => k8sProvider(s, { kubeconfig: kubeconfig({ eks: eksServer, mks: mksServer }, "mks") }),
  ),
  bad(
    "a kubeconfig whose current context uses the EKS cluster beside an MKS one is rejected",
    [P.endpoint],
    (s) => k8sProvider(s, { kubeconfig: kubeconfig({ mks: mksServer, eks: eksServer }, "eks") }),
  ),
  bad(
    "a provider whose context input picks the AKS cluster of its kubeconfig is rejected",
    [P.endpoint],
    (s) =>
      k8sProvider(s, {
        kubeconfig: kubeconfig({ mks: mksServer, aks: aksServer }, "mks"),
        context: "aks",
      }),
  ),
  bad(
    "a kubeconfig with no current context and an EKS cluster among its clusters is rejected",
    [P.endpoint],
    (s) => k8sProvider(s, { kubeconfig: kubeconfig({ mks: mksServer, eks: eksServer }) }),
  ),
  bad("a kubeconfig whose API server the catalogue does not know fails closed", [P.endpoint], (s) =>
    k8sProvider(s, { kubeconfig: kubeconfig({ lab: "https://k8s.lab.hdh.test:6443" }, "lab") }),
  ),
  good(
    "that API server passes once its domain is declared in trustedEuEndpoints",
    (s) =>
      k8sProvider(s, { kubeconfig: kubeconfig({ lab: "https://k8s.lab.hdh.test:6443" }, "lab") }),
    { settings: { trustedEuEndpoints: ["*.lab.hdh.test"] } },
  ),
  bad("a kubeconfig whose API server is a bare public IP address fails closed", [P.endpoint], (s) =>
    k8sProvider(s, { kubeconfig: kubeconfig({ ip: "https://34.155.20.7" }, "ip") }),
  ),
  good(
    "an on-premises API server at an IP address passes once declared in trustedEuEndpoints",
    (s) =>
      k8sProvider(s, { kubeconfig: kubeconfig({ onprem: "https://10.42.16.5:6443" }, "onprem") }),
    {
      settings: {
        trustedEuEndpoints: [
          {
            host: "10.42.16.5",
            operator: "Hôpitaux Publics SAS",
            jurisdiction: "FR",
            reason: "the hospital's own cluster, in its data centre in Lyon",
          },
        ],
      },
    },
  ),
  bad(
    "a Kubernetes provider without kubeconfig (the ambient one) is reported as not judged",
    [unknownOf(P.endpoint)],
    (s) => {
      k8sProvider(s, { namespace: "analysis" });
      configMapThrough(s, "external-cluster");
    },
  ),
  bad(
    "the engine's default Kubernetes provider, configured by nothing the pack sees, is reported as not judged",
    [unknownOf(P.endpoint)],
    (s) => k8sProvider(s, { version: "4.18.0" }, "default_4_18_0"),
  ),
  bad(
    "a kubeconfig given as a file path is reported as not judged (by both kubeconfig rules)",
    [unknownOf(P.endpoint), unknownOf("pulumi-all-provider-tls-verify")],
    (s) => k8sProvider(s, { kubeconfig: "~/.kube/eks-paris.yaml" }),
  ),
  good("a resource through an EU provider is judged once, on its provider", (s) => {
    k8sProvider(s, { kubeconfig: kubeconfig({ mks: mksServer }, "mks") });
    configMapThrough(s, "external-cluster");
  }),

  // --- gcp: the universe domain decides between S3NS and Google ---------------------------------
  good("a gcp bucket through a provider in S3NS's universe domain passes", (s) => {
    s.add(
      "s3ns",
      "pulumi:providers:gcp",
      { project: "hdh", region: "u-france-east1", universeDomain: "s3nsapis.fr" },
      { providerUrn: undefined },
    );
    s.add(
      "cohort-bucket",
      "gcp:storage/bucket:Bucket",
      { location: "u-france-east1" },
      { providerUrn: s.urn("pulumi:providers:gcp", "s3ns") },
    );
  }),
  bad(
    "a gcp bucket through a provider naming Google's own universe domain is rejected",
    [P.extraEuProvider],
    (s) => {
      s.add(
        "google",
        "pulumi:providers:gcp",
        { project: "hdh", region: "europe-west9", universeDomain: "googleapis.com" },
        { providerUrn: undefined },
      );
      s.add(
        "cohort-bucket",
        "gcp:storage/bucket:Bucket",
        { location: "europe-west9" },
        { providerUrn: s.urn("pulumi:providers:gcp", "google") },
      );
    },
  ),

  bad(
    "a gcp provider whose universe domain is unknown at preview is reported as unknown, not compliant",
    [unknownOf(P.extraEuProvider)],
    (s) =>
      s.add(
        "maybe-s3ns",
        "pulumi:providers:gcp",
        { project: "hdh", universeDomain: unknown },
        { providerUrn: undefined },
      ),
  ),
  bad(
    "an ovh provider without endpoint (read from OVH_ENDPOINT) is reported as not judged",
    [unknownOf(P.extraEuProvider)],
    (s) => s.add("ovh-env", "pulumi:providers:ovh", {}, { providerUrn: undefined }),
  ),
  bad(
    "an ovh provider whose endpoint is unknown at preview is reported as unknown",
    [unknownOf(P.extraEuProvider)],
    (s) =>
      s.add("ovh-late", "pulumi:providers:ovh", { endpoint: unknown }, { providerUrn: undefined }),
  ),

  // --- self-hosted software: judged by the server its endpoint input names --------------------
  bad(
    "a vault provider whose address is a load balancer in an extra-EU cloud is rejected",
    [P.extraEuProvider],
    (s) =>
      providerOfPackage(s, "vault", "vault", {
        address: "https://vault-1a2b.elb.eu-west-3.amazonaws.com:8200",
      }),
  ),
  bad(
    "the same vault provider stays rejected when the vault package is in trustedOperators",
    [P.extraEuProvider],
    (s) =>
      providerOfPackage(s, "vault", "vault", {
        address: "https://vault-1a2b.elb.eu-west-3.amazonaws.com:8200",
      }),
    { settings: { trustedOperators: ["vault"] } },
  ),
  bad(
    "a keycloak provider on a host the catalogue does not know is named as not judged",
    [unknownOf(P.extraEuProvider)],
    (s) =>
      providerOfPackage(s, "sso", "keycloak", {
        url: "https://sso.partner.example.com",
        clientId: "pulumi",
      }),
  ),
  good(
    "a keycloak provider on a host declared in trustedEuEndpoints passes",
    (s) =>
      providerOfPackage(s, "sso", "keycloak", {
        url: "https://sso.hdh.example.fr",
        clientId: "pulumi",
      }),
    { settings: { trustedEuEndpoints: ["*.hdh.example.fr"] } },
  ),
  bad(
    "a vault provider whose address is unknown at preview is named, not passed",
    [unknownOf(P.extraEuProvider)],
    (s) => providerOfPackage(s, "vault", "vault", { address: unknown }),
  ),
  good("a docker provider on the local daemon's socket passes", (s) =>
    providerOfPackage(s, "docker", "docker", { host: "unix:///var/run/docker.sock" }),
  ),
  bad(
    "a docker provider driving a daemon over SSH on an extra-EU cloud's VM is rejected",
    [P.extraEuProvider],
    (s) =>
      providerOfPackage(s, "docker", "docker", {
        host: "ssh://deploy@ec2-15-188-1-2.eu-west-3.compute.amazonaws.com",
      }),
  ),
  bad(
    "a docker provider naming a Docker context (which overrides host) is named as not judged",
    [unknownOf(P.extraEuProvider)],
    (s) =>
      providerOfPackage(s, "docker", "docker", {
        context: "build-farm",
        host: "unix:///var/run/docker.sock",
      }),
  ),

  // --- OUTSCALE: the region's API host, or an endpoint override ---------------------------------
  bad("an OUTSCALE provider in us-east-2 is rejected, once, on the provider", [P.endpoint], (s) =>
    outscale(s, { region: "us-east-2" }),
  ),
  good("an OUTSCALE provider in eu-west-2, and its VM, pass", (s) =>
    outscale(s, { region: "eu-west-2" }),
  ),
  good("an OUTSCALE provider in the SecNumCloud region cloudgouv-eu-west-1 passes", (s) =>
    outscale(s, { region: "cloudgouv-eu-west-1" }),
  ),
  bad(
    "an OUTSCALE provider in eu-west-2 whose API endpoint is overridden to its US region is rejected",
    [P.endpoint],
    (s) => outscale(s, { region: "eu-west-2", endpoints: [{ api: "api.us-east-2.outscale.com" }] }),
  ),
  bad(
    "an OUTSCALE endpoint entry unknown at preview is reported as unknown, not passed on its EU region",
    [unknownOf(P.endpoint)],
    (s) => outscale(s, { region: "eu-west-2", endpoints: [unknown] }),
  ),
  bad("an OUTSCALE region the catalogue does not know fails closed", [P.endpoint], (s) =>
    outscale(s, { region: "eu-north-7" }),
  ),
  bad(
    "an OUTSCALE provider without region (read from OUTSCALE_REGION) is reported as not judged",
    [unknownOf(P.endpoint)],
    (s) => outscale(s, {}),
  ),

  // --- Cloud Temple: its API host ----------------------------------------------------------------
  good("a Cloud Temple provider on its API shiva.cloud-temple.com, and its VM, pass", (s) =>
    cloudTemple(s, { clientId: "2f31d624", address: "shiva.cloud-temple.com" }),
  ),
  bad(
    "a Cloud Temple provider pointed at a host the catalogue does not know fails closed",
    [P.endpoint],
    (s) => cloudTemple(s, { address: "shiva.cloud-temple.example.org" }),
  ),
  bad(
    "a Cloud Temple provider without address (CLOUDTEMPLE_HTTP_ADDR or its default) is reported as not judged",
    [unknownOf(P.endpoint)],
    (s) => cloudTemple(s, { clientId: "2f31d624" }),
  ),
];
