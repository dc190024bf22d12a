/**
 * Edges of the stack rules on stored data and its transport (attached volumes, claim classes,
 * ownership labels, HTTP listeners) that mutation testing showed the corpus leaves open: which
 * dependency names the volume, the cluster's default StorageClass, values unknown at preview,
 * and what counts as a redirect to HTTPS. Each case is the compliant baseline with one change.
 */
import { describe, expect, it } from "vitest";
import { labelKeys } from "../../policies/catalog/labels";
import { baseline, ownership, unknown, type Stack } from "./baseline";
import { findings, type Json } from "./mutation-stack-findings";
import { unknownOf } from "./corpus/case";

const P = {
  attached: "openstack-compute-instance-attached-volume-encrypted",
  pvc: "kubernetes-core-persistentvolumeclaim-encrypted-class",
  labels: "hdh-all-datastore-ownership-labels",
  redirect: "openstack-loadbalancer-listener-http-redirect-only",
};

const volumeType = "openstack:blockstorage/volume:Volume";

/** An unencrypted volume of the stack, for rules to pick by mistake. */
const scratch = (s: Stack) =>
  s.add("scratch", volumeType, { size: 10, volumeType: "classic", metadata: { ...ownership } });

describe("volumes attached to instances", () => {
  const worker = (s: Stack) => s.inputs("worker");

  it("an instance's volumes entry from outside the stack is flagged", async () => {
    const s = baseline();
    worker(s).volumes = [{ volumeId: "2b8e0f4a-external" }];
    expect(await findings(P.attached, s)).toEqual([
      'worker volumes[0] attaches volume "2b8e0f4a-external" that is not managed in this stack: its encryption cannot be proven.',
    ]);
  });

  it("an instance's volumes entry on an unencrypted stack volume is flagged", async () => {
    const s = baseline();
    const v = scratch(s);
    worker(s).volumes = [{ volumeId: unknown }];
    s.get("worker").propertyDependencies = { volumes: [v.urn] };
    expect(await findings(P.attached, s)).toEqual([
      'worker volumes[0] attaches volume "scratch" of type "classic", which is not encrypted.',
    ]);
  });

  it("a volumes entry that names no volume is flagged as unmanaged", async () => {
    const s = baseline();
    worker(s).volumes = [{ device: "/dev/vdb" }];
    expect(await findings(P.attached, s)).toEqual([
      'worker volumes[0] attaches volume "?" that is not managed in this stack: its encryption cannot be proven.',
    ]);
  });

  it("with several volumes, an unencrypted one is flagged even when another comes first", async () => {
    const s = baseline();
    const v = scratch(s);
    worker(s).volumes = [{ volumeId: unknown }, { volumeId: unknown }];
    s.get("worker").propertyDependencies = { volumes: [s.get("data").urn, v.urn] };
    expect(await findings(P.attached, s)).toEqual([
      'worker volumes attaches volume "scratch" of type "classic", which is not encrypted.',
    ]);
  });

  it("with several volumes, an entry beyond the stack's volumes is flagged as unmanaged", async () => {
    const s = baseline();
    worker(s).volumes = [{ volumeId: unknown }, { volumeId: "2b8e0f4a-external" }];
    s.get("worker").propertyDependencies = { volumes: [s.get("data").urn] };
    expect(await findings(P.attached, s)).toEqual([
      'worker volumes[1] attaches volume "2b8e0f4a-external" that is not managed in this stack: its encryption cannot be proven.',
    ]);
  });

  it("an entry whose id is already known (an update) is matched by its stack volume, not called unmanaged", async () => {
    const s = baseline();
    worker(s).volumes = [{ volumeId: "5f0c1d2e-data" }];
    s.get("worker").propertyDependencies = { volumes: [s.get("data").urn] };
    expect(await findings(P.attached, s)).toEqual([]);
  });

  it("an entry unknown at preview still takes one of the stack's volumes: the known one beyond is unmanaged", async () => {
    const s = baseline();
    worker(s).volumes = [unknown, { volumeId: "2b8e0f4a-external" }];
    s.get("worker").propertyDependencies = { volumes: [s.get("data").urn] };
    expect(await findings(P.attached, s)).toEqual([
      'worker volumes[1] attaches volume "2b8e0f4a-external" that is not managed in this stack: its encryption cannot be proven.',
    ]);
  });

  it("a dependency outside the resources analysed (a preview sends only what changes) is skipped", async () => {
    const s = baseline();
    worker(s).volumes = [{ volumeId: unknown }];
    s.get("worker").propertyDependencies = {
      volumes: [
        "urn:pulumi:dev::hdh::openstack:blockstorage/volume:Volume::unchanged",
        s.get("data").urn,
      ],
    };
    expect(await findings(P.attached, s)).toEqual([]);
  });

  it("a block device that names no source is not an attached volume", async () => {
    const s = baseline();
    worker(s).blockDevices = [{ destinationType: "volume", uuid: "2b8e0f4a-external" }];
    expect(await findings(P.attached, s)).toEqual([]);
  });

  it("a dependency that is not a volume is not taken for one", async () => {
    const s = baseline();
    worker(s).volumes = [{ volumeId: unknown }];
    s.get("worker").dependencies = [s.get("https-in").urn, s.get("data").urn];
    expect(await findings(P.attached, s)).toEqual([]);
  });

  it("a volumes entry unknown at preview is not judged", async () => {
    const s = baseline();
    worker(s).volumes = [unknown];
    expect(await findings(P.attached, s)).toEqual([]);
  });

  it("an attachment is judged by the volume its volumeId comes from, not one it waits for", async () => {
    const s = baseline();
    const attach = s.get("data-attach");
    attach.dependencies = [scratch(s).urn, ...attach.dependencies];
    expect(await findings(P.attached, s)).toEqual([]);
  });

  it("a boot volume is judged by the volume its blockDevices come from, not one it waits for", async () => {
    const s = baseline();
    worker(s).blockDevices = [{ sourceType: "volume", destinationType: "volume", uuid: unknown }];
    s.get("worker").dependencies = [scratch(s).urn];
    s.get("worker").propertyDependencies = { blockDevices: [s.get("data").urn] };
    expect(await findings(P.attached, s)).toEqual([]);
  });

  it("an instance's volumes entry is judged by the volume it comes from, not one it waits for", async () => {
    const s = baseline();
    worker(s).volumes = [{ volumeId: unknown }];
    s.get("worker").dependencies = [scratch(s).urn];
    s.get("worker").propertyDependencies = { volumes: [s.get("data").urn] };
    expect(await findings(P.attached, s)).toEqual([]);
  });

  it("a volume found through plain dependencies is found past the instance listed first", async () => {
    const s = baseline();
    s.get("data-attach").propertyDependencies = {};
    expect(await findings(P.attached, s)).toEqual([]);
    s.inputs("data").volumeType = "classic";
    expect(await findings(P.attached, s)).toEqual([
      'data-attach attaches volume "data" of type "classic", which is not encrypted.',
    ]);
  });
});

describe("persistent volume claims", () => {
  const claim = (s: Stack) => s.inputs("ws-cardio-home").spec as Json;
  const makeDefault = (s: Stack, key: string) =>
    ((s.inputs(key).metadata as Json).annotations = {
      "storageclass.kubernetes.io/is-default-class": "true",
    });

  it.each<[string, unknown]>([
    ["leaves storageClassName out", undefined],
    ["sets storageClassName: null", null],
  ])(
    "a claim that %s uses the stack's default class: an encrypted one passes",
    async (_, value) => {
      const s = baseline();
      makeDefault(s, "encrypted-cinder");
      claim(s).storageClassName = value;
      expect(await findings(P.pvc, s)).toEqual([]);
    },
  );

  it("a claim without storageClassName on an unencrypted default class is flagged", async () => {
    const s = baseline();
    s.add("plain", "kubernetes:storage.k8s.io/v1:StorageClass", {
      metadata: { name: "plain" },
      provisioner: "cinder.csi.openstack.org",
      parameters: { type: "classic" },
    });
    makeDefault(s, "plain");
    delete claim(s).storageClassName;
    expect(await findings(P.pvc, s)).toEqual([
      expect.stringMatching(
        /^PersistentVolumeClaim "ws-cardio-home" uses StorageClass "plain", which does not encrypt \(its Cinder volume type "classic" is not an encrypted type/,
      ),
    ]);
  });

  it("a claim with storageClassName: null and no default class in the stack is flagged", async () => {
    const s = baseline();
    claim(s).storageClassName = null;
    expect(await findings(P.pvc, s)).toEqual([
      'PersistentVolumeClaim "ws-cardio-home" names no storageClassName: the cluster\'s default class is not known to encrypt. Name an encrypted class.',
    ]);
  });

  it("an empty storageClassName (static binding to any volume) is flagged", async () => {
    const s = baseline();
    claim(s).storageClassName = "";
    expect(await findings(P.pvc, s)).toEqual([
      'PersistentVolumeClaim "ws-cardio-home" sets storageClassName "" (static binding to an unchecked volume). Name an encrypted class.',
    ]);
  });

  it.each<[string, (s: Stack) => void]>([
    ["its storageClassName", (s) => (claim(s).storageClassName = unknown)],
    ["its spec", (s) => (s.inputs("ws-cardio-home").spec = unknown)],
    ["its class's parameters", (s) => (s.inputs("encrypted-cinder").parameters = unknown)],
  ])("a claim with %s unknown at preview is not judged", async (_, change) => {
    const s = baseline();
    change(s);
    expect(await findings(P.pvc, s)).toEqual([]);
  });

  it("a StorageClass is known by its Kubernetes name, not its program name", async () => {
    const s = baseline();
    const inputs = s.inputs("encrypted-cinder");
    s.resources.delete("encrypted-cinder");
    s.add("sc-encrypted", "kubernetes:storage.k8s.io/v1:StorageClass", inputs);
    expect(await findings(P.pvc, s)).toEqual([]);
  });

  it("a StorageClass whose metadata is unknown at preview is known by its program name", async () => {
    const s = baseline();
    s.inputs("encrypted-cinder").metadata = unknown;
    expect(await findings(P.pvc, s)).toEqual([]);
  });

  it.each<[string, unknown]>([
    ["spec", unknown],
    ["claim template", { volumeClaimTemplates: [unknown] }],
  ])("a StatefulSet whose %s is unknown at preview is not judged", async (_, spec) => {
    const s = baseline();
    s.add("db", "kubernetes:apps/v1:StatefulSet", {
      metadata: { name: "db", namespace: "platform" },
      spec,
    });
    expect(await findings(P.pvc, s)).toEqual([]);
  });
});

describe("ownership labels", () => {
  const volumeMetadata = (s: Stack) => s.inputs("data").metadata as Json;

  it.each([
    ["a claim's", "ws-cardio-home"],
    ["a namespace's", "ws-cardio"],
  ])("%s metadata unknown at preview is not judged", async (_, key) => {
    const s = baseline();
    s.inputs(key).metadata = unknown;
    expect(await findings(P.labels, s)).toEqual([]);
  });

  it("a classification unknown at preview is not judged; the other labels still are", async () => {
    const s = baseline();
    volumeMetadata(s)[labelKeys.classification] = unknown;
    delete volumeMetadata(s)[labelKeys.ownerGroup];
    expect(await findings(P.labels, s)).toEqual([
      '"data" (Volume): missing hdh.health/owner-group.',
    ]);
  });

  it("a blank owner group is missing", async () => {
    const s = baseline();
    volumeMetadata(s)[labelKeys.ownerGroup] = "  ";
    expect(await findings(P.labels, s)).toEqual([
      '"data" (Volume): missing hdh.health/owner-group.',
    ]);
  });

  it("a claim without metadata is missing every label", async () => {
    const s = baseline();
    delete s.inputs("ws-cardio-home").metadata;
    expect(await findings(P.labels, s)).toEqual([
      '"ws-cardio-home" (PersistentVolumeClaim): missing hdh.health/project; missing hdh.health/classification; missing hdh.health/owner-group.',
    ]);
  });
});

describe("plain HTTP listeners redirect to HTTPS", () => {
  const flagged = [
    'HTTP listener "web" has no L7 policy redirecting to https://: it serves plain HTTP. Add the redirect or remove the listener.',
  ];

  /** An HTTP listener and an L7 policy on it (linked by dependency unless `linked` is false). */
  function listenerWith(policy: Json, listener: Json = {}, linked = true): Stack {
    const s = baseline();
    const l = s.add("web", "openstack:loadbalancer/listener:Listener", {
      protocol: "HTTP",
      protocolPort: 80,
      loadbalancerId: unknown,
      ...listener,
    });
    s.add(
      "web-redirect",
      "openstack:loadbalancer/l7PolicyV2:L7PolicyV2",
      { listenerId: unknown, ...policy },
      linked ? { dependencies: [l.urn], propertyDependencies: { listenerId: [l.urn] } } : {},
    );
    return s;
  }

  it("a listener that names no protocol is not taken for plain HTTP (the TLS rule judges it)", async () => {
    const s = baseline();
    s.add("web", "openstack:loadbalancer/listener:Listener", { protocolPort: 80 });
    expect(await findings(P.redirect, s)).toEqual([]);
  });

  it.each<[string, Json]>([
    ["an L7 policy without action", { redirectUrl: "https://portal.example.fr" }],
    [
      "an L7 policy forwarding to a pool, whatever URL it carries",
      {
        action: "REDIRECT_TO_POOL",
        redirectPoolId: unknown,
        redirectUrl: "https://portal.example.fr",
      },
    ],
    ["a redirect without a target", { action: "REDIRECT_TO_URL" }],
  ])("%s does not make an HTTP listener compliant", async (_, policy) => {
    expect(await findings(P.redirect, listenerWith(policy))).toEqual(flagged);
  });

  it("a redirect to http:// leaves the listener in clear and is itself a finding", async () => {
    const s = listenerWith({ action: "REDIRECT_TO_URL", redirectUrl: "HTTP://portal.example.fr" });
    expect(await findings(P.redirect, s)).toEqual([
      'L7 policy "web-redirect" redirects clients to plain http://: they, and what they send next, leave TLS. Redirect to https://.',
      ...flagged,
    ]);
  });

  it("a TLS listener's redirect to http:// is a finding: it downgrades its clients", async () => {
    const s = listenerWith(
      { action: "REDIRECT_PREFIX", redirectPrefix: "http://legacy.example.fr" },
      { protocol: "TERMINATED_HTTPS", protocolPort: 443 },
    );
    expect(await findings(P.redirect, s)).toEqual([
      'L7 policy "web-redirect" redirects clients to plain http://: they, and what they send next, leave TLS. Redirect to https://.',
    ]);
  });

  it("a redirect whose target is unknown during preview is named by the twin, not taken as https://", async () => {
    const s = listenerWith({ action: "REDIRECT_TO_URL", redirectUrl: unknown });
    expect(await findings(P.redirect, s)).toEqual([]);
    expect(await findings(unknownOf(P.redirect), s)).toEqual([
      `HTTP listener "web": its L7 redirect's target is unknown during preview, so whether it leads to https:// cannot be told.`,
    ]);
  });

  it("a prefix redirect to https:// passes", async () => {
    const s = listenerWith({
      action: "REDIRECT_PREFIX",
      redirectPrefix: "https://portal.example.fr",
    });
    expect(await findings(P.redirect, s)).toEqual([]);
  });

  it("a redirect naming the listener by its known id passes; naming another does not", async () => {
    const redirect = { action: "REDIRECT_TO_URL", redirectUrl: "https://portal.example.fr" };
    const known = listenerWith({ ...redirect, listenerId: "lst-1" }, { id: "lst-1" }, false);
    expect(await findings(P.redirect, known)).toEqual([]);
    const other = listenerWith({ ...redirect, listenerId: "lst-2" }, { id: "lst-1" }, false);
    expect(await findings(P.redirect, other)).toEqual(flagged);
  });
});
