/**
 * Which endpoint a provider's inputs say it talks to: the kubeconfig cluster the Kubernetes
 * provider really uses, hosts read from URLs written with or without a scheme, and the
 * `trustedEuEndpoints` setting's accepted shapes.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { resolveSettings } from "../../../policies/config";
import { kubeconfigServers } from "../../../policies/lib/kubeconfig";
import { hostOfEndpoint, providerEndpoints } from "../../../policies/lib/provider-endpoints";

const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

const config = {
  clusters: [
    { name: "mks", cluster: { server: "https://abc.c1.gra9.k8s.ovh.net" } },
    { name: "eks", cluster: { server: "https://x.gr7.eu-west-3.eks.amazonaws.com" } },
  ],
  contexts: [
    { name: "ops", context: { cluster: "mks", user: "u" } },
    { name: "aws", context: { cluster: "eks", user: "u" } },
  ],
  "current-context": "ops",
};

describe("kubeconfigServers", () => {
  it("the current context's cluster only", () => {
    expect(kubeconfigServers(config)).toEqual({
      kind: "selected",
      servers: [{ cluster: "mks", server: "https://abc.c1.gra9.k8s.ovh.net" }],
    });
  });

  it("the provider's context input wins over current-context, its cluster input over both", () => {
    expect(kubeconfigServers(config, { context: "aws" })).toMatchObject({
      kind: "selected",
      servers: [{ cluster: "eks" }],
    });
    expect(kubeconfigServers(config, { context: "aws", cluster: "mks" })).toMatchObject({
      kind: "selected",
      servers: [{ cluster: "mks" }],
    });
  });

  it("every cluster when the choice cannot be made: no current context, a missing context, an unknown input", () => {
    const { "current-context": _, ...noCurrent } = config;
    for (const [value, choice] of [
      [noCurrent, {}],
      [{ ...config, "current-context": "nowhere" }, {}],
      [config, { context: unknown }],
    ] as const) {
      const read = kubeconfigServers(value, choice);
      expect(read.kind).toBe("all");
      expect(read.kind === "all" && read.servers.map((s) => s.cluster)).toEqual(["mks", "eks"]);
    }
  });

  it("reads YAML and JSON text alike", () => {
    const yaml = [
      "clusters:",
      "  - name: mks",
      "    cluster: { server: 'https://abc.c1.gra9.k8s.ovh.net' }",
      "contexts:",
      "  - { name: ops, context: { cluster: mks } }",
      "current-context: ops",
    ].join("\n");
    expect(kubeconfigServers(yaml)).toEqual(kubeconfigServers(JSON.stringify(config)));
  });

  it("tells a file path from content it cannot parse", () => {
    expect(kubeconfigServers("~/.kube/config")).toEqual({ kind: "path", path: "~/.kube/config" });
    expect(kubeconfigServers("C:\\Users\\ops\\.kube\\config").kind).toBe("path");
    expect(kubeconfigServers("clusters: [unclosed\n  - {").kind).toBe("unreadable");
  });
});

describe("hostOfEndpoint", () => {
  it("reads the host with or without scheme, port and path, lower-cased", () => {
    expect(hostOfEndpoint("https://Auth.Cloud.OVH.net/v3")).toBe("auth.cloud.ovh.net");
    expect(hostOfEndpoint("api.eu-west-2.outscale.com")).toBe("api.eu-west-2.outscale.com");
    expect(hostOfEndpoint("https://10.42.16.5:6443")).toBe("10.42.16.5");
    expect(hostOfEndpoint("https://[2001:db8::1]:6443")).toBe("2001:db8::1");
  });

  it("any DNS host name survives a round trip through a URL (a numeric last label is IPv4 to URL parsers)", () => {
    // Not an A-label: "xn--" (any "??--" prefix, RFC 5891 §4.2.3.1) announces Punycode, and an
    // invalid one ("xn--0") is refused by URL parsers, as it is by DNS.
    const label = fc
      .stringMatching(/^[a-z0-9]([-a-z0-9]{0,10}[a-z0-9])?$/)
      .filter((l) => l.slice(2, 4) !== "--");
    const topLabel = fc.stringMatching(/^[a-z][a-z0-9]{1,8}$/);
    fc.assert(
      fc.property(
        fc.array(label, { minLength: 1, maxLength: 4 }),
        topLabel,
        fc.nat(65535),
        (labels, top, port) => {
          const host = [...labels, top].join(".");
          expect(hostOfEndpoint(`https://${host}:${port}/v3`)).toBe(host);
          expect(hostOfEndpoint(`${host}:${port}`)).toBe(host);
        },
      ),
    );
  });
});

describe("providerEndpoints", () => {
  it("an absent endpoint names the environment the provider would read", () => {
    expect(providerEndpoints("openstack", {})).toEqual([
      {
        kind: "absent",
        field: "authUrl",
        fallback: "OS_AUTH_URL or the clouds.yaml entry named by `cloud`",
      },
    ]);
    expect(providerEndpoints("kubernetes", {})[0]).toMatchObject({ kind: "absent" });
    expect(providerEndpoints("outscale", {})[0]).toMatchObject({ kind: "absent", field: "region" });
  });

  it("OUTSCALE: an endpoint override wins over the region", () => {
    expect(
      providerEndpoints("outscale", {
        region: "eu-west-2",
        endpoints: [{ api: "api.us-east-2.outscale.com" }],
      }),
    ).toEqual([{ kind: "host", host: "api.us-east-2.outscale.com", field: "endpoints[0].api" }]);
    expect(providerEndpoints("outscale", { region: "EU-WEST-2" })).toEqual([
      { kind: "host", host: "api.eu-west-2.outscale.com", field: "region" },
    ]);
  });

  it("a value unknown during preview is named, never dropped for the known rest", () => {
    // An OUTSCALE endpoint entry unknown as a whole may override the region's host.
    expect(providerEndpoints("outscale", { region: "eu-west-2", endpoints: [unknown] })).toEqual([
      { kind: "computed", field: "endpoints[0]" },
    ]);
    // A kubeconfig object whose cluster entry or server is unknown: the known cluster beside it
    // is judged, the unknown one goes to the twin.
    const reads = providerEndpoints("kubernetes", {
      kubeconfig: {
        clusters: [
          unknown,
          { name: "late", cluster: { server: unknown } },
          { name: "mks", cluster: { server: "https://abc.c1.gra9.k8s.ovh.net" } },
        ],
      },
    });
    expect(reads.map((r) => [r.kind, r.field])).toEqual([
      ["computed", 'kubeconfig cluster "clusters[0]" server'],
      ["computed", 'kubeconfig cluster "late" server'],
      ["host", 'kubeconfig cluster "mks"'],
    ]);
    const selected = providerEndpoints("kubernetes", {
      kubeconfig: { ...config, clusters: [{ name: "mks", cluster: unknown }] },
    });
    expect(selected).toEqual([{ kind: "computed", field: 'kubeconfig cluster "mks" server' }]);
    expect(providerEndpoints("kubernetes", { kubeconfig: { clusters: unknown } })[0]).toMatchObject(
      { kind: "computed" },
    );
  });

  it("OpenStack: every endpoint override is read beside Keystone", () => {
    const reads = providerEndpoints("openstack", {
      authUrl: "https://auth.cloud.ovh.net/v3",
      endpointOverrides: { compute: unknown, "object-store": "https://storage.gra.cloud.ovh.net" },
    });
    expect(reads.map((r) => r.kind)).toEqual(["host", "computed", "host"]);
  });
});

describe("trustedEuEndpoints setting", () => {
  it("accepts hosts, *.domain, IP addresses and described objects", () => {
    const settings = resolveSettings({
      trustedEuEndpoints: [
        "keystone.example.fr",
        "*.k8s.example.fr",
        "10.0.0.5",
        "2001:db8::1",
        {
          host: "api.example.fr",
          operator: "Example SAS",
          jurisdiction: "FR",
          reason: "contract 42-2026",
        },
      ],
    });
    expect(settings.trustedEuEndpoints).toHaveLength(5);
  });

  it("refuses a bare TLD wildcard, a URL and a non-EU jurisdiction, naming the entry", () => {
    for (const bad of [
      "*.com",
      "https://keystone.example.fr/v3",
      {
        host: "api.example.us",
        operator: "Example Inc",
        jurisdiction: "US",
        reason: "a US company",
      },
    ])
      expect(() => resolveSettings({ trustedEuEndpoints: [bad] })).toThrow(/trustedEuEndpoints\.0/);
  });
});
