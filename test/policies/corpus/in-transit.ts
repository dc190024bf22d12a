/**
 * In transit: TLS versions below 1.2 and weak ciphers on listeners and pools, HTTP health checks
 * of TLS pools, redirects that send clients to http://, Gateway API listeners and Ingresses in
 * clear or unknown, and providers that skip certificate
 * verification (kubeconfig, provider flags).
 */
import { unknown, type Stack } from "../baseline";
import { bad, good, unknownOf, type Case } from "./case";
import { endpointPolicies, mksServer } from "./endpoints";

export const inTransitPolicies = {
  version: "openstack-loadbalancer-listener-pool-tls-min-version",
  ciphers: "openstack-loadbalancer-listener-pool-tls-strong-ciphers",
  monitor: "openstack-loadbalancer-monitor-tls",
  verify: "pulumi-all-provider-tls-verify",
  poolClear: "openstack-loadbalancer-pool-tls-to-members",
  credentials: "openstack-provider-config-no-credentials",
  redirect: "openstack-loadbalancer-listener-http-redirect-only",
  listenerTls: "openstack-loadbalancer-listener-tls",
  providerTls: "openstack-provider-config-tls-endpoint",
  internet: "openstack-networking-secgroup-rule-no-internet-ingress",
  sensitive: "openstack-networking-secgroup-rule-no-sensitive-port-from-internet",
  gateway: "kubernetes-gateway-listener-tls",
  ingress: "kubernetes-networking-ingress-tls",
} as const;
const P = inTransitPolicies;

const listener = (s: Stack) => s.inputs("portal-https");
const poolType = "openstack:loadbalancer/pool:Pool";
const pool = (s: Stack, inputs: Record<string, unknown>) =>
  s.add("portal-pool", poolType, {
    protocol: "HTTP",
    lbMethod: "ROUND_ROBIN",
    listenerId: unknown,
    ...inputs,
  });
const monitor = (s: Stack, type: string) =>
  s.add(
    "portal-monitor",
    "openstack:loadbalancer/monitor:Monitor",
    { poolId: unknown, type, delay: 10, timeout: 5, maxRetries: 3 },
    {
      dependencies: [s.urn(poolType, "portal-pool")],
      propertyDependencies: { poolId: [s.urn(poolType, "portal-pool")] },
    },
  );
const secGroupRule = (s: Stack, inputs: Record<string, unknown>) =>
  s.add("db-in", "openstack:networking/secGroupRule:SecGroupRule", {
    direction: "ingress",
    ethertype: "IPv4",
    protocol: "tcp",
    securityGroupId: unknown,
    description: "database",
    ...inputs,
  });
const gatewayApi = "kubernetes:gateway.networking.k8s.io/v1";
const gateway = (s: Stack, listeners: unknown[]) =>
  s.add("edge", `${gatewayApi}:Gateway`, {
    metadata: { name: "edge", namespace: "gateway" },
    spec: { gatewayClassName: "octavia", listeners },
  });
/** The usual pair: plain HTTP on 80 (to redirect) and HTTPS on 443 with a certificate. */
const httpAndHttpsListeners = [
  { name: "web", protocol: "HTTP", port: 80 },
  { name: "websecure", protocol: "HTTPS", port: 443, tls: { certificateRefs: [{ name: "c" }] } },
];
const httpRoute = (
  s: Stack,
  name: string,
  parent: Record<string, unknown>,
  rules: Record<string, unknown>[],
) =>
  s.add(name, `${gatewayApi}:HTTPRoute`, {
    metadata: { name, namespace: "gateway" },
    spec: { parentRefs: [{ name: "edge", ...parent }], rules },
  });
const k8sProvider = (s: Stack, kubeconfig: unknown) =>
  s.add("k8s", "pulumi:providers:kubernetes", { kubeconfig }, { providerUrn: undefined });

const kubeconfigYaml = (cluster: string) => `apiVersion: v1
kind: Config
clusters:
  - name: hdh
    cluster:
${cluster}
contexts:
  - name: hdh
    context: { cluster: hdh, user: admin }
current-context: hdh
users:
  - name: admin
    user: { token: redacted }
`;

export const inTransitCases: Case[] = [
  bad("a listener allowing TLS 1.1 is rejected", [P.version], (s) => {
    listener(s).tlsVersions = ["TLSv1.1", "TLSv1.2"];
  }),
  bad("a listener allowing SSLv3 is rejected", [P.version], (s) => {
    listener(s).tlsVersions = ["SSLv3"];
  }),
  bad("a re-encrypting pool allowing TLS 1.0 is rejected", [P.version], (s) =>
    pool(s, { tlsEnabled: true, tlsVersions: ["TLSv1", "TLSv1.2"] }),
  ),
  good("a listener with TLS 1.2 and 1.3 only passes", (s) => {
    listener(s).tlsVersions = ["TLSv1.2", "TLSv1.3"];
  }),
  bad(
    "TLS versions unknown during preview are reported as unknown, not compliant",
    [unknownOf(P.version)],
    (s) => {
      listener(s).tlsVersions = unknown;
    },
  ),
  bad("a listener admitting 3DES after a strong suite is rejected", [P.ciphers], (s) => {
    listener(s).tlsCiphers = "ECDHE-RSA-AES256-GCM-SHA384:DES-CBC3-SHA";
  }),
  bad("a pool admitting RC4 with MD5 is rejected", [P.ciphers], (s) =>
    pool(s, { tlsEnabled: true, tlsCiphers: "RC4-MD5" }),
  ),
  bad("a listener admitting ALL suites is rejected", [P.ciphers], (s) => {
    listener(s).tlsCiphers = "ALL";
  }),
  good("AEAD suites with RC4 and anonymous ones excluded pass", (s) => {
    listener(s).tlsCiphers =
      "ECDHE-ECDSA-AES256-GCM-SHA384:ECDHE-RSA-CHACHA20-POLY1305:!aNULL:!RC4";
  }),
  bad("an HTTP health check of an HTTPS pool is rejected", [P.monitor], (s) => {
    pool(s, { protocol: "HTTPS" });
    monitor(s, "HTTP");
  }),
  bad("an HTTP health check of a re-encrypting pool is rejected", [P.monitor], (s) => {
    pool(s, { tlsEnabled: true });
    monitor(s, "http");
  }),
  good("a TLS-HELLO health check of an HTTPS pool passes", (s) => {
    pool(s, { protocol: "HTTPS" });
    monitor(s, "TLS-HELLO");
  }),
  bad(
    "a monitor of a pool whose protocol is unknown during preview is reported as unknown",
    [unknownOf(P.monitor), unknownOf(P.poolClear)],
    (s) => {
      pool(s, { protocol: unknown });
      monitor(s, "HTTP");
    },
  ),
  bad(
    "an HTTP health check of a pool this stack does not declare is reported as unknown",
    [unknownOf(P.monitor)],
    (s) =>
      s.add("shared-monitor", "openstack:loadbalancer/monitor:Monitor", {
        poolId: "8f1e2d3c-0000-4000-8000-000000000001",
        type: "HTTP",
        delay: 10,
        timeout: 5,
        maxRetries: 3,
      }),
  ),
  good("a TLS-HELLO health check of a pool this stack does not declare passes", (s) =>
    s.add("shared-monitor", "openstack:loadbalancer/monitor:Monitor", {
      poolId: "8f1e2d3c-0000-4000-8000-000000000001",
      type: "TLS-HELLO",
      delay: 10,
      timeout: 5,
      maxRetries: 3,
    }),
  ),
  bad("an L7 redirect of the HTTPS listener to http:// is rejected", [P.redirect], (s) =>
    s.add(
      "legacy-redirect",
      "openstack:loadbalancer/l7PolicyV2:L7PolicyV2",
      {
        listenerId: unknown,
        action: "REDIRECT_PREFIX",
        redirectPrefix: "http://legacy.example.fr",
      },
      { dependencies: [s.get("portal-https").urn] },
    ),
  ),
  good("an L7 redirect of the HTTPS listener to another https:// site passes", (s) =>
    s.add(
      "moved-redirect",
      "openstack:loadbalancer/l7PolicyV2:L7PolicyV2",
      { listenerId: unknown, action: "REDIRECT_TO_URL", redirectUrl: "https://portal.example.fr/" },
      { dependencies: [s.get("portal-https").urn] },
    ),
  ),
  bad("a Gateway API Gateway with a plain HTTP listener is rejected", [P.gateway], (s) =>
    gateway(s, [{ name: "web", protocol: "HTTP", port: 80 }]),
  ),
  bad(
    "a Gateway's HTTP listener whose route serves a backend, not a redirect, is rejected",
    [P.gateway],
    (s) => {
      gateway(s, httpAndHttpsListeners);
      httpRoute(s, "app", { sectionName: "web" }, [
        { backendRefs: [{ name: "portal", port: 8080 }] },
      ]);
    },
  ),
  good("an HTTPS Gateway whose HTTP listener only redirects to https passes", (s) => {
    gateway(s, httpAndHttpsListeners);
    httpRoute(s, "to-https", { sectionName: "web" }, [
      {
        filters: [
          { type: "RequestRedirect", requestRedirect: { scheme: "https", statusCode: 301 } },
        ],
      },
    ]);
    httpRoute(s, "app", { sectionName: "websecure" }, [
      { backendRefs: [{ name: "portal", port: 8080 }] },
    ]);
  }),
  bad("a GatewayList item with a plain HTTP listener is rejected", [P.gateway], (s) =>
    s.add("edges", `${gatewayApi}:GatewayList`, {
      items: [
        {
          metadata: { name: "edge", namespace: "gateway" },
          spec: {
            gatewayClassName: "octavia",
            listeners: [{ name: "web", protocol: "HTTP", port: 80 }],
          },
        },
      ],
    }),
  ),
  good(
    "a GatewayList item whose HTTP listener an HTTPRouteList item only redirects to https passes",
    (s) => {
      s.add("edges", `${gatewayApi}:GatewayList`, {
        items: [
          {
            metadata: { name: "edge", namespace: "gateway" },
            spec: { gatewayClassName: "octavia", listeners: httpAndHttpsListeners },
          },
        ],
      });
      s.add("routes", `${gatewayApi}:HTTPRouteList`, {
        items: [
          {
            metadata: { name: "to-https", namespace: "gateway" },
            spec: {
              parentRefs: [{ name: "edge", sectionName: "web" }],
              rules: [
                {
                  filters: [
                    {
                      type: "RequestRedirect",
                      requestRedirect: { scheme: "https", statusCode: 301 },
                    },
                  ],
                },
              ],
            },
          },
        ],
      });
    },
  ),
  bad("a GatewayPatch turning a listener to plain HTTP is rejected", [P.gateway], (s) =>
    s.add("edge-patch", `${gatewayApi}:GatewayPatch`, {
      metadata: { name: "edge", namespace: "gateway" },
      spec: { listeners: [{ name: "web", protocol: "HTTP", port: 80 }] },
    }),
  ),
  bad(
    "a Gateway listener whose protocol is unknown during preview is reported as unknown",
    [unknownOf(P.gateway)],
    (s) => gateway(s, [{ name: "web", protocol: unknown, port: 443 }]),
  ),
  bad(
    "an Ingress whose TLS section is unknown during preview is reported as unknown, not taken for TLS",
    [unknownOf(P.ingress)],
    (s) =>
      s.add("portal", "kubernetes:networking.k8s.io/v1:Ingress", {
        metadata: { name: "portal", namespace: "platform" },
        spec: { tls: unknown, rules: [{ host: "portal.example.fr" }] },
      }),
  ),
  bad("a kubeconfig skipping TLS verification is rejected", [P.verify], (s) =>
    k8sProvider(
      s,
      kubeconfigYaml(`      server: ${mksServer}\n      insecure-skip-tls-verify: true`),
    ),
  ),
  bad(
    "a JSON kubeconfig on a plain http:// server is rejected",
    [P.verify],
    (s) =>
      k8sProvider(
        s,
        JSON.stringify({
          apiVersion: "v1",
          clusters: [{ name: "lab", cluster: { server: "http://10.0.0.5:8080" } }],
        }),
      ),
    // An on-premises lab cluster whose operator is declared: only its clear HTTP is at fault.
    { settings: { trustedEuEndpoints: ["10.0.0.5"] } },
  ),
  bad(
    "a provider's tlsInsecureSkipVerify flag is rejected",
    [P.verify],
    (s) =>
      s.add(
        "idp",
        "pulumi:providers:keycloak",
        { url: "https://sso.example.fr", tlsInsecureSkipVerify: "true" },
        { providerUrn: undefined },
      ),
    // keycloak is not in the provider catalogue: its operator is named as not judged.
    { settings: { trustedOperators: ["keycloak"] } },
  ),
  good("a kubeconfig with the cluster's CA passes", (s) =>
    k8sProvider(
      s,
      kubeconfigYaml(
        `      server: ${mksServer}\n      certificate-authority-data: LS0tLS1CRUdJTg==`,
      ),
    ),
  ),
  bad(
    "a kubeconfig unknown during preview is reported as unknown",
    [unknownOf(P.verify), unknownOf(endpointPolicies.endpoint)],
    (s) => k8sProvider(s, unknown),
  ),
  bad(
    "a kubeconfig that is neither YAML nor JSON is reported as not judged",
    [unknownOf(P.verify), unknownOf(endpointPolicies.endpoint)],
    (s) => k8sProvider(s, "clusters: [unclosed\n  - {"),
  ),

  // --- pools carrying data to their members in clear (advisory: see the rule) ------------------
  bad("an HTTP pool behind the TLS-terminating listener is flagged", [P.poolClear], (s) =>
    pool(s, {}),
  ),
  bad("a PROXY pool without re-encryption is flagged", [P.poolClear], (s) =>
    pool(s, { protocol: "proxy" }),
  ),
  good("an HTTPS passthrough pool passes", (s) => pool(s, { protocol: "HTTPS" })),
  good("an HTTP pool that re-encrypts to its members passes", (s) => pool(s, { tlsEnabled: true })),
  good("a TCP pool is left to its listener and passes", (s) => pool(s, { protocol: "TCP" })),
  bad(
    "a pool whose re-encryption is unknown during preview is reported as unknown",
    [unknownOf(P.poolClear)],
    (s) => pool(s, { tlsEnabled: unknown }),
  ),

  // --- credentials in the OpenStack provider's inputs --------------------------------------------
  bad("a password in the OpenStack provider is rejected", [P.credentials], (s) =>
    Object.assign(s.inputs("eu"), { userName: "deployer", password: "hunter2-but-longer" }),
  ),
  bad("an application credential secret in a second provider is rejected", [P.credentials], (s) =>
    s.add(
      "eu-recovery",
      "pulumi:providers:openstack",
      {
        region: "SBG5",
        authUrl: "https://auth.cloud.ovh.net/v3",
        applicationCredentialId: "0a1b2c",
        applicationCredentialSecret: "s3cr3t-value",
      },
      { providerUrn: undefined },
    ),
  ),
  bad("a client key given as content is rejected", [P.credentials], (s) =>
    Object.assign(s.inputs("eu"), {
      cert: "/etc/hdh/client.pem",
      key: "-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----",
    }),
  ),
  good("an application credential id and a client key file path pass", (s) =>
    Object.assign(s.inputs("eu"), {
      applicationCredentialId: "0a1b2c",
      cert: "/etc/hdh/client.pem",
      key: "/etc/hdh/client.key",
    }),
  ),
  bad(
    "a token from a value unknown during preview is reported as unknown",
    [unknownOf(P.credentials)],
    (s) => Object.assign(s.inputs("eu"), { token: unknown }),
  ),
  // --- values unknown during preview, named by the twins (never passed) -----------------------
  bad(
    "a listener whose protocol is unknown during preview is named, not passed",
    [unknownOf(P.listenerTls)],
    (s) => {
      listener(s).protocol = unknown;
    },
  ),
  bad(
    "a provider whose `insecure` flag is unknown during preview is named, not passed",
    [unknownOf(P.providerTls)],
    (s) => {
      s.inputs("eu").insecure = unknown;
    },
  ),
  bad(
    "a provider endpoint override unknown during preview is named, not passed",
    [unknownOf(P.providerTls), unknownOf(endpointPolicies.endpoint)],
    (s) => {
      s.inputs("eu").endpointOverrides = { network: unknown };
    },
  ),
  good("a provider with known HTTPS endpoint overrides passes", (s) => {
    s.inputs("eu").endpointOverrides = { network: "https://network.compute.gra11.cloud.ovh.net/" };
  }),
  bad(
    "PostgreSQL from a remote prefix unknown during preview is named by both twins, not passed",
    [unknownOf(P.internet), unknownOf(P.sensitive)],
    (s) => secGroupRule(s, { portRangeMin: 5432, portRangeMax: 5432, remoteIpPrefix: unknown }),
  ),
  good("PostgreSQL from a known private prefix passes", (s) =>
    secGroupRule(s, { portRangeMin: 5432, portRangeMax: 5432, remoteIpPrefix: "10.42.0.0/16" }),
  ),
  bad(
    "ingress from 0.0.0.0/0 on ports unknown during preview is rejected outside a bastion",
    [P.internet, unknownOf(P.sensitive)],
    (s) =>
      secGroupRule(s, {
        portRangeMin: unknown,
        portRangeMax: unknown,
        remoteIpPrefix: "0.0.0.0/0",
      }),
  ),
];
