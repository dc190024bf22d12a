/**
 * Edges of the location, jurisdiction and encryption rules that mutation testing showed the
 * corpus leaves open: values unknown at preview are never judged, comparisons ignore case,
 * wildcard TLS hosts cover one label only, weak key parameters are named. Each case is the
 * compliant baseline with one change, as in the corpus.
 */
import { describe, expect, it } from "vitest";
import { baseline, unknown, type Stack } from "./baseline";
import { messagesAfter } from "./rule-messages";

type Json = Record<string, unknown>;

const messages = messagesAfter;

const P = {
  container: "openstack-objectstorage-container-encrypted",
  volume: "openstack-blockstorage-volume-encrypted-type",
  boot: "openstack-compute-instance-boot-volume-encrypted",
  order: "openstack-keymanager-order-strong-key",
  secret: "openstack-keymanager-secret-server-side-key",
  listener: "openstack-loadbalancer-listener-tls",
  ingress: "kubernetes-networking-ingress-tls",
  providerTls: "openstack-provider-config-tls-endpoint",
  template: "openstack-containerinfra-clustertemplate-tls",
  region: "openstack-all-resource-eu-region",
  providerRegion: "openstack-provider-config-eu-region",
};

const device = (s: Stack) => (s.inputs("worker").blockDevices as Json[])[0];
const ingress =
  (spec: Json, annotations: Json = {}) =>
  (s: Stack) =>
    s.add("portal", "kubernetes:networking.k8s.io/v1:Ingress", {
      metadata: { name: "portal", namespace: "platform", annotations },
      spec,
    });

describe("values unknown at preview are not judged", () => {
  it.each([
    [
      "a container's region (its twin names it)",
      P.container,
      (s: Stack) => (s.inputs("airlock").region = unknown),
    ],
    ["a volume's type", P.volume, (s: Stack) => (s.inputs("data").volumeType = unknown)],
    [
      "an instance's block devices",
      P.boot,
      (s: Stack) => (s.inputs("worker").blockDevices = unknown),
    ],
    ["a block device's destination", P.boot, (s: Stack) => (device(s).destinationType = unknown)],
    ["a block device's source", P.boot, (s: Stack) => (device(s).sourceType = unknown)],
    ["a block device's volume type", P.boot, (s: Stack) => (device(s).volumeType = unknown)],
    [
      "an order's algorithm",
      P.order,
      (s: Stack) => ((s.inputs("workspace-key").meta as Json).algorithm = unknown),
    ],
    [
      "an order's key length",
      P.order,
      (s: Stack) => ((s.inputs("workspace-key").meta as Json).bitLength = unknown),
    ],
    [
      "a listener's protocol",
      P.listener,
      (s: Stack) => (s.inputs("portal-https").protocol = unknown),
    ],
    ["a provider's region", P.providerRegion, (s: Stack) => (s.inputs("eu").region = unknown)],
    ["an Ingress's TLS", P.ingress, ingress({ tls: unknown, rules: [{ host: "a.example.fr" }] })],
    ["an Ingress's rules", P.ingress, ingress({ tls: [], rules: unknown })],
    [
      "a secret's type",
      P.secret,
      (s: Stack) =>
        s.add("imported", "openstack:keymanager/secretV1:SecretV1", {
          payload: "x",
          secretType: unknown,
        }),
    ],
  ])("%s", async (_, policy, change) => {
    expect(await messages(policy, change)).toEqual([]);
  });
});

describe("encryption at rest", () => {
  it("an attested region matches whatever its case; the storage policy plays no part", async () => {
    expect(await messages(P.container, (s) => (s.inputs("airlock").region = "gra11"))).toEqual([]);
    expect(
      await messages(P.container, (s) => (s.inputs("airlock").storagePolicy = "gold")),
    ).toEqual([]);
  });

  it("a container and a volume without encryption say what to do", async () => {
    expect(await messages(P.container, (s) => (s.inputs("airlock").region = "SBG5"))).toEqual([
      'Region "SBG5" has no operator attestation of encryption at rest (Swift encrypts at rest only in the operator\'s proxy: no storage policy selects it and the API does not show it). Declare where the operator attests it for this region in `objectStorageEncryptionAttestations` (declared: GRA11), or encrypt the data before upload.',
    ]);
    expect(
      await messages(P.container, (s) => (s.inputs("airlock").region = "SBG5"), {
        objectStorageEncryptionAttestations: [],
      }),
    ).toEqual([
      'Region "SBG5" has no operator attestation of encryption at rest (Swift encrypts at rest only in the operator\'s proxy: no storage policy selects it and the API does not show it). Declare where the operator attests it for this region in `objectStorageEncryptionAttestations`, or encrypt the data before upload.',
    ]);
    const [noType] = await messages(P.volume, (s) => delete s.inputs("data").volumeType);
    expect(noType).toMatch(
      /^No `volumeType`: the cloud's default type does not encrypt\. Use one of: .*classic-luks, /,
    );
  });

  it("a local disk is named boot disk only for boot index 0", async () => {
    const local = (index: number) => (s: Stack) =>
      Object.assign(device(s), { destinationType: "local", bootIndex: index });
    expect((await messages(P.boot, local(0)))[0]).toMatch(
      /^blockDevices\[0\]: boot disk on the hypervisor's local ephemeral storage/,
    );
    expect((await messages(P.boot, local(1)))[0]).toMatch(
      /^blockDevices\[0\]: disk on the hypervisor's local ephemeral storage/,
    );
  });

  it("a block device that names no destination is read as the local disk (the reading that cannot hide one)", async () => {
    expect(
      await messages(P.boot, (s) => {
        delete device(s).destinationType;
        device(s).bootIndex = 0;
      }),
    ).toEqual([
      expect.stringMatching(
        /^blockDevices\[0\]: boot disk on the hypervisor's local ephemeral storage/,
      ),
    ]);
  });

  it("a block device entry that is not an object is skipped, the others still judged", async () => {
    expect(
      await messages(P.boot, (s) => {
        const devices = s.inputs("worker").blockDevices as unknown[];
        devices.unshift("oops");
        (devices[1] as Json).volumeType = "classic";
      }),
    ).toEqual([expect.stringMatching(/^blockDevices\[1\]: new volume of type "classic"/)]);
  });

  it("a new boot volume names its type or its missing type, and the encrypted types", async () => {
    expect((await messages(P.boot, (s) => (device(s).volumeType = "classic")))[0]).toMatch(
      /^blockDevices\[0\]: new volume of type "classic" is not encrypted.*Set `volumeType` to one of: .*classic-luks, /s,
    );
    expect((await messages(P.boot, (s) => delete device(s).volumeType))[0]).toMatch(
      /^blockDevices\[0\]: new volume without a `volumeType` is not encrypted/,
    );
  });
});

describe("keys", () => {
  const meta = (change: Json) => (s: Stack) =>
    Object.assign(s.inputs("workspace-key").meta as Json, change);

  it("ECB mode is refused whatever its case; XTS is fine", async () => {
    expect(await messages(P.order, meta({ mode: "ECB" }))).toEqual([
      "ECB mode leaks data patterns. Use xts, gcm or cbc.",
    ]);
    expect(await messages(P.order, meta({ mode: "XTS" }))).toEqual([]);
  });

  it("a short or missing key length names the algorithm, the length and the minimum", async () => {
    expect((await messages(P.order, meta({ bitLength: 128 })))[0]).toMatch(
      /^AES key of 128 bits is below the 256 bits/,
    );
    expect((await messages(P.order, meta({ bitLength: undefined })))[0]).toMatch(
      /^AES key of unspecified bits is below the 256 bits/,
    );
    expect(await messages(P.order, meta({ bitLength: 256 }))).toEqual([]);
  });

  it("an algorithm ANSSI does not recommend is named; none at all too", async () => {
    expect((await messages(P.order, meta({ algorithm: "DES" })))[0]).toMatch(
      /^Algorithm "des" is not one ANSSI recommends/,
    );
    expect((await messages(P.order, meta({ algorithm: "" })))[0]).toMatch(
      /^Algorithm "\(none\)" is not one ANSSI recommends/,
    );
  });

  it("a secret without payload is not an imported key; with one, its type is named", async () => {
    const secret = (inputs: Json) => (s: Stack) =>
      s.add("imported", "openstack:keymanager/secretV1:SecretV1", inputs);
    for (const payload of [undefined, null, ""]) {
      expect(await messages(P.secret, secret({ payload, secretType: "symmetric" }))).toEqual([]);
    }
    expect((await messages(P.secret, secret({ payload: "k" })))[0]).toMatch(
      /^A SecretV1 of type "opaque" is created from a payload/,
    );
    expect(
      (await messages(P.secret, secret({ payload: "k", secretType: "SYMMETRIC" })))[0],
    ).toMatch(/of type "symmetric"/);
  });
});

describe("TLS", () => {
  const covered = async (tlsHosts: string[] | undefined, host: string) =>
    (
      await messages(
        P.ingress,
        ingress({ tls: [{ hosts: tlsHosts, secretName: "t" }], rules: [{ host }] }),
      )
    ).length === 0;

  it("a wildcard TLS host covers exactly one label", async () => {
    expect(await covered(["*.example.fr"], "a.example.fr")).toBe(true);
    expect(await covered(["*.example.fr"], "A.Example.FR")).toBe(true);
    expect(await covered(["*.example.fr"], "a.b.example.fr")).toBe(false);
    expect(await covered(["*.example.fr"], "example.fr")).toBe(false);
    expect(await covered(["portal.example.fr"], "api.example.fr")).toBe(false);
  });

  it("a TLS entry without hosts covers every host; an entry among several need only cover one", async () => {
    expect(await covered(undefined, "anything.example.fr")).toBe(true);
    expect(
      (
        await messages(
          P.ingress,
          ingress({
            tls: [{ hosts: ["a.example.fr"] }, { hosts: ["b.example.fr"] }],
            rules: [{ host: "b.example.fr" }],
          }),
        )
      ).length,
    ).toBe(0);
  });

  it("an uncovered host and a disabled SSL redirect are named", async () => {
    expect(
      (
        await messages(
          P.ingress,
          ingress({ tls: [{ hosts: ["a.example.fr"] }], rules: [{ host: "b.example.fr" }] }),
        )
      )[0],
    ).toMatch(/^Host "b\.example\.fr" is routed but not listed in any `spec\.tls\[\]\.hosts`/);
    const redirectOff = await messages(
      P.ingress,
      ingress(
        { tls: [{}], rules: [{ host: "a.example.fr" }] },
        { "nginx.ingress.kubernetes.io/ssl-redirect": "FALSE" },
      ),
    );
    expect(redirectOff).toEqual([
      'Annotation nginx.ingress.kubernetes.io/ssl-redirect: "false" lets clients use plain HTTP. Remove it.',
    ]);
  });

  it("a host-less TLS entry covers every host even next to entries that name hosts", async () => {
    expect(
      await messages(
        P.ingress,
        ingress({
          tls: [{ hosts: ["a.example.fr"], secretName: "a" }, { secretName: "wildcard" }],
          rules: [{ host: "b.example.fr" }],
        }),
      ),
    ).toEqual([]);
  });

  it("TLS entries or hosts that are not what they should be are skipped, not trusted or fatal", async () => {
    expect(
      await messages(P.ingress, ingress({ tls: ["oops"], rules: [{ host: "a.example.fr" }] })),
    ).toEqual([
      "The Ingress has no `spec.tls`: it serves plain HTTP. Add a TLS entry with a certificate for its hosts.",
    ]);
    expect(
      await messages(
        P.ingress,
        ingress({ tls: [{ hosts: [42, "a.example.fr"] }], rules: [{ host: "a.example.fr" }] }),
      ),
    ).toEqual([]);
  });

  it("an Ingress without metadata is judged on its TLS alone", async () => {
    const change = (s: Stack) => {
      ingress({ tls: [{ hosts: ["a.example.fr"] }], rules: [{ host: "a.example.fr" }] })(s);
      delete s.inputs("portal").metadata;
    };
    expect(await messages(P.ingress, change)).toEqual([]);
  });

  it("an Ingress without TLS says so", async () => {
    expect((await messages(P.ingress, ingress({ rules: [{ host: "a.example.fr" }] })))[0]).toMatch(
      /^The Ingress has no `spec\.tls`/,
    );
  });

  it("listeners: a plain HTTP listener with an empty pool is not forwarding; no protocol is named", async () => {
    const http = (extra: Json) => (s: Stack) =>
      Object.assign(s.inputs("portal-https"), {
        protocol: "HTTP",
        defaultTlsContainerRef: undefined,
        ...extra,
      });
    const withPool = await messages(P.listener, http({ defaultPoolId: "pool-1" }));
    expect(withPool[0]).toMatch(/^Plain HTTP listener forwards traffic to a pool unencrypted/);
    for (const defaultPoolId of ["", null]) {
      expect(await messages(P.listener, http({ defaultPoolId }))).not.toContainEqual(
        expect.stringMatching(/forwards traffic/),
      );
    }
    const [none] = await messages(P.listener, (s) => delete s.inputs("portal-https").protocol);
    expect(none).toMatch(/^Listener protocol "\(none\)" cannot be shown to carry TLS/);
    const [noCert] = await messages(
      P.listener,
      (s) => delete s.inputs("portal-https").defaultTlsContainerRef,
    );
    expect(noCert).toMatch(/^TERMINATED_HTTPS listener without `defaultTlsContainerRef`/);
    expect(
      await messages(P.listener, (s) => {
        delete s.inputs("portal-https").defaultTlsContainerRef;
        s.inputs("portal-https").sniContainerRefs = ["https://kms.example/v1/containers/2"];
      }),
    ).toEqual([]);
  });

  it("provider endpoints: an HTTP override is named by service, whatever its case", async () => {
    expect(
      await messages(
        P.providerTls,
        (s) =>
          (s.inputs("eu").endpointOverrides = {
            volumev3: "HTTP://cinder.internal/v3",
            image: "https://glance",
          }),
      ),
    ).toEqual(['Endpoint override for volumev3 ("HTTP://cinder.internal/v3") is not HTTPS.']);
    expect(
      (await messages(P.providerTls, (s) => (s.inputs("eu").authUrl = "http://auth/v3")))[0],
    ).toMatch(/^Keystone URL "http:\/\/auth\/v3" is not HTTPS/);
    expect((await messages(P.providerTls, (s) => (s.inputs("eu").insecure = true)))[0]).toMatch(
      /^`insecure: true` disables TLS certificate verification/,
    );
  });

  it("Magnum templates: an insecure registry is refused, an empty one is not", async () => {
    const template = (extra: Json) => (s: Stack) =>
      s.add("tpl", "openstack:containerinfra/clusterTemplate:ClusterTemplate", {
        coe: "kubernetes",
        image: "fcos",
        floatingIpEnabled: false,
        ...extra,
      });
    expect(
      (await messages(P.template, template({ insecureRegistry: "10.0.0.5:5000" })))[0],
    ).toMatch(/^`insecureRegistry: 10\.0\.0\.5:5000` lets nodes pull images over plain HTTP/);
    expect(await messages(P.template, template({ insecureRegistry: "" }))).toEqual([]);
    expect(await messages(P.template, template({ insecureRegistry: unknown }))).toEqual([]);
    expect((await messages(P.template, template({ tlsDisabled: true })))[0]).toMatch(
      /^`tlsDisabled: true` exposes the Kubernetes API/,
    );
  });
});

describe("location", () => {
  it("the message says whether the region came from the resource or its provider", async () => {
    expect(
      (await messages(P.region, (s) => (s.inputs("data").region = "US-EAST-VA-1")))[0],
    ).toMatch(
      /^Region "US-EAST-VA-1" \(from its `region`\) is not an allowed EU region\. Use one of: .*GRA11, /,
    );
    expect((await messages(P.region, (s) => (s.inputs("eu").region = "US-EAST-VA-1")))[0]).toMatch(
      /^Region "US-EAST-VA-1" \(from its provider's `region`\) is not an allowed EU region/,
    );
    expect(
      (await messages(P.providerRegion, (s) => (s.inputs("eu").region = "US-EAST-VA-1")))[0],
    ).toMatch(
      /^Provider default region "US-EAST-VA-1" is not an allowed EU region\. Use one of: .*GRA11, /,
    );
  });

  it("a region unknown at preview is not judged; providers themselves are judged by their own policy", async () => {
    expect(await messages(P.region, (s) => (s.inputs("data").region = unknown))).toEqual([]);
    const openstackResources = baseline("dev")
      .list()
      .filter((r) => r.type.startsWith("openstack:")).length;
    const reported = await messages(P.region, (s) => (s.inputs("eu").region = "US-EAST-VA-1"));
    expect(reported).toHaveLength(openstackResources);
  });
});
