/**
 * Edges of the workspace egress rule (policies/stack/workspace-egress-within-tier.ts) that
 * mutation testing showed open: port lists that open every port, peers that are not CIDRs,
 * namespace selectors by expression or unknown at preview, the cluster DNS and the package mirror
 * recognised only as the real ones, and workspaces whose tier cannot be read.
 * Each case is the compliant baseline plus one allow policy in the workspace.
 */
import { describe, expect, it } from "vitest";
import { labelKeys, mirrorRole, namespaceNameLabel } from "../../policies/catalog/labels";
import { baseline, unknown, type Stack } from "./baseline";
import { findings, renameWorkspaceResource, setTier, type Json } from "./mutation-stack-findings";

const egress = "kubernetes-core-namespace-workspace-egress-within-tier";

/** The baseline workspace at `tier`, with one allow policy holding `rules` as its egress. */
function withEgress(tier: string, rules: unknown, change: (s: Stack) => void = () => {}) {
  const s = baseline();
  setTier(s, tier);
  s.add("ws-cardio-allow", "kubernetes:networking.k8s.io/v1:NetworkPolicy", {
    metadata: { name: "allow", namespace: "ws-cardio" },
    spec: { podSelector: {}, policyTypes: ["Egress"], egress: rules },
  });
  change(s);
  return s;
}

const problem = (tier: string, text: string) =>
  `Workspace "ws-cardio" (tier ${tier}): NetworkPolicy "ws-cardio-allow" ${text}.`;

const toNamespace = (name: string, podLabels?: Record<string, string>): Json => ({
  namespaceSelector: { matchLabels: { [namespaceNameLabel]: name } },
  ...(podLabels ? { podSelector: { matchLabels: podLabels } } : {}),
});

const storage = { ipBlock: { cidr: "10.42.64.0/18" } };
const privateRange = (what: string) =>
  problem(
    "3",
    `reaches the platform's private range 10.42.64.0/18 on ${what}; only the workspace's object storage (HTTPS) is allowed`,
  );
const dns = toNamespace("kube-system", { "k8s-app": "kube-dns" });

describe("private ranges: only the object storage over HTTPS", () => {
  it.each<[string, unknown[], string]>([
    ["an empty ports list (every port)", [], "every port"],
    ["443 and 22", [{ port: 443 }, { port: 22 }], "ports other than TCP 443"],
    [
      "a port entry without a number (every TCP port)",
      [{ protocol: "TCP" }],
      "ports other than TCP 443",
    ],
  ])("a private range open on %s is flagged", async (_, ports, what) => {
    const s = withEgress("3", [{ to: [storage], ports }]);
    expect(await findings(egress, s)).toEqual([privateRange(what)]);
  });

  it("a private range on UDP 443 is not the object storage over HTTPS", async () => {
    const s = withEgress("3", [{ to: [storage], ports: [{ port: 443, protocol: "UDP" }] }]);
    expect(await findings(egress, s)).toEqual([privateRange("ports other than TCP 443")]);
  });

  it("the object storage on 443 with the protocol left to its default (TCP) passes", async () => {
    expect(
      await findings(egress, withEgress("3", [{ to: [storage], ports: [{ port: 443 }] }])),
    ).toEqual([]);
  });

  it.each<[string, unknown]>([
    ["the ports list", unknown],
    ["a ports entry", [unknown, { port: 443 }]],
    ["a port number", [{ port: unknown, protocol: "TCP" }]],
  ])("a private range whose %s is unknown at preview is not judged", async (_, ports) => {
    expect(await findings(egress, withEgress("3", [{ to: [storage], ports }]))).toEqual([]);
  });

  it("a port unknown at preview does not hide a known port other than 443", async () => {
    const s = withEgress("3", [{ to: [storage], ports: [unknown, { port: 22 }] }]);
    expect(await findings(egress, s)).toEqual([privateRange("ports other than TCP 443")]);
  });

  it("an empty (null) ports entry is not port 443", async () => {
    const s = withEgress("3", [{ to: [storage], ports: [null] }]);
    expect(await findings(egress, s)).toEqual([privateRange("ports other than TCP 443")]);
  });

  it("an ipBlock that is not a CIDR is flagged", async () => {
    const s = withEgress("3", [
      { to: [{ ipBlock: { cidr: "10.42.0.0/33" } }], ports: [{ port: 443 }] },
    ]);
    expect(await findings(egress, s)).toEqual([
      problem("3", 'ipBlock "10.42.0.0/33" is not a CIDR'),
    ]);
  });

  it("an ipBlock whose CIDR is unknown at preview is not judged", async () => {
    const s = withEgress("3", [{ to: [{ ipBlock: { cidr: unknown } }], ports: [{ port: 22 }] }]);
    expect(await findings(egress, s)).toEqual([]);
  });
});

describe("the open-data internet allowance", () => {
  it("an except entry that is not a CIDR excepts nothing", async () => {
    const except = [
      "10.0.0.0/8",
      "172.16.0.0/12",
      "192.168.0.0/16",
      "100.64.0.0/10-typo",
      "169.254.0.0/16",
    ];
    const s = withEgress("0", [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except } }] }]);
    expect(await findings(egress, s)).toEqual([
      problem(
        "0",
        "internet allowance 0.0.0.0/0 does not except 100.64.0.0/10: it would reach other workspaces, the platform or the cloud's metadata service",
      ),
    ]);
  });
});

describe("namespace peers", () => {
  it("a podSelector alone stays in the workspace and passes", async () => {
    const s = withEgress("3", [{ to: [{ podSelector: { matchLabels: { app: "db" } } }] }]);
    expect(await findings(egress, s)).toEqual([]);
  });

  it("a namespace selector unknown at preview is not judged", async () => {
    const s = withEgress("3", [{ to: [{ namespaceSelector: { matchLabels: unknown } }] }]);
    expect(await findings(egress, s)).toEqual([]);
  });

  it("a rule whose destinations are unknown at preview is not judged", async () => {
    expect(
      await findings(egress, withEgress("3", [{ to: unknown, ports: [{ port: 22 }] }])),
    ).toEqual([]);
  });

  it("a policy whose spec is unknown at preview is not judged", async () => {
    const s = withEgress("3", [], (t) => (t.inputs("ws-cardio-allow").spec = unknown));
    expect(await findings(egress, s)).toEqual([]);
  });

  it("a namespace selected by expression is flagged, even if the expression names one", async () => {
    const byExpression = {
      namespaceSelector: {
        matchExpressions: [{ key: namespaceNameLabel, operator: "In", values: ["kube-system"] }],
      },
    };
    expect(await findings(egress, withEgress("3", [{ to: [byExpression] }]))).toEqual([
      problem("3", "selects namespaces by expression; name the destination namespace"),
    ]);
  });

  it("the cluster DNS on a port other than 53 is flagged", async () => {
    const s = withEgress("3", [{ to: [dns], ports: [{ port: 80 }] }]);
    expect(await findings(egress, s)).toEqual([
      problem("3", "reaches the cluster DNS on ports other than 53"),
    ]);
  });

  it("kube-system pods other than kube-dns are not the cluster DNS, even on 53", async () => {
    const s = withEgress("4", [{ to: [toNamespace("kube-system")], ports: [{ port: 53 }] }]);
    expect(await findings(egress, s)).toEqual([
      problem(
        "4",
        'reaches namespace "kube-system", which is neither the cluster DNS nor the package mirror',
      ),
    ]);
  });

  it("pods labelled kube-dns outside kube-system are not the cluster DNS", async () => {
    const s = withEgress("3", [
      { to: [toNamespace("hdh-tools", { "k8s-app": "kube-dns" })], ports: [{ port: 53 }] },
    ]);
    expect(await findings(egress, s)).toEqual([
      problem(
        "3",
        'reaches namespace "hdh-tools", which is neither the cluster DNS nor the package mirror',
      ),
    ]);
  });

  it("a platform namespace that is not the mirror is flagged as such", async () => {
    const s = withEgress("3", [{ to: [toNamespace("hdh-monitoring")], ports: [{ port: 9090 }] }]);
    expect(await findings(egress, s)).toEqual([
      problem(
        "3",
        'reaches namespace "hdh-monitoring", which is neither the cluster DNS nor the package mirror',
      ),
    ]);
  });
});

describe("the package mirror", () => {
  /** The mirror's namespace, recognised by its own role label. */
  const mirrorNamespace = (s: Stack) =>
    s.add("mirror-ns", "kubernetes:core/v1:Namespace", {
      metadata: { name: "hdh-mirror", labels: { [labelKeys.role]: mirrorRole } },
    });

  it("a tier-4 workspace reaching the mirror's namespace (no pod labels) is flagged", async () => {
    const s = withEgress(
      "4",
      [{ to: [toNamespace("hdh-mirror")], ports: [{ port: 8080 }] }],
      mirrorNamespace,
    );
    expect(await findings(egress, s)).toEqual([
      problem("4", "reaches the package mirror but tier 4 has no mirror access"),
    ]);
  });

  it("a tier-3 workspace reaching every mirror proxy (no access label) is flagged", async () => {
    const s = withEgress(
      "3",
      [{ to: [toNamespace("hdh-mirror")], ports: [{ port: 8080 }] }],
      mirrorNamespace,
    );
    expect(await findings(egress, s)).toEqual([
      problem(
        "3",
        "reaches every package-mirror proxy but tier 3 may only use the allowlist proxy (hdh.health/mirror-access: allowlist)",
      ),
    ]);
  });

  it("a tier-2 workspace reaching the full mirror passes", async () => {
    const s = withEgress(
      "2",
      [{ to: [toNamespace("hdh-mirror")], ports: [{ port: 8080 }] }],
      mirrorNamespace,
    );
    expect(await findings(egress, s)).toEqual([]);
  });
});

describe("which namespaces are judged, at which tier", () => {
  const everywhere = [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }];

  it.each([
    ["without a classification", undefined],
    ["with a classification that is not a tier", "secret"],
  ])("a workspace %s is left to the ownership-labels rule", async (_, tier) => {
    expect(
      await findings(
        egress,
        withEgress("3", everywhere, (s) => setTier(s, tier)),
      ),
    ).toEqual([]);
  });

  it("a namespace that is not a workspace is not judged, whatever its classification", async () => {
    const s = withEgress("3", [{ to: [dns], ports: [{ port: 53 }] }], (t) => {
      t.add("etl-ns", "kubernetes:core/v1:Namespace", {
        metadata: { name: "etl", labels: { [labelKeys.classification]: "3" } },
      });
      t.add("etl-out", "kubernetes:networking.k8s.io/v1:NetworkPolicy", {
        metadata: { name: "out", namespace: "etl" },
        spec: { podSelector: {}, policyTypes: ["Egress"], egress: everywhere },
      });
    });
    expect(await findings(egress, s)).toEqual([]);
  });

  it("the finding names the workspace by its Kubernetes name", async () => {
    const s = withEgress("3", everywhere, renameWorkspaceResource);
    expect(await findings(egress, s)).toEqual([
      problem("3", "reaches the internet (0.0.0.0/0) but tier 3 allows no internet egress"),
    ]);
  });
});

describe("the cloud's metadata service", () => {
  it("an internet allowance that excepts every private range but not link-local is rejected", async () => {
    const except = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "100.64.0.0/10"];
    const s = withEgress("0", [{ to: [{ ipBlock: { cidr: "0.0.0.0/0", except } }] }]);
    expect(await findings(egress, s)).toEqual([
      problem(
        "0",
        "internet allowance 0.0.0.0/0 does not except 169.254.0.0/16: it would reach other workspaces, the platform or the cloud's metadata service",
      ),
    ]);
  });
});
