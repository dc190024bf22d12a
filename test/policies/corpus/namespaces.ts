/**
 * Namespaces and egress: every namespace holding a workload (not only workspaces) is isolated
 * both ways and enforces Pod Security `restricted` with a version; beside a default deny, no
 * NetworkPolicy opens egress to the internet, nor ingress to every source. Namespaces shaped as
 * another team would write them.
 */
import { unknown, type Stack } from "../baseline";
import { bad, good, unknownOf, type Case } from "./case";
import { deployment, isolatedNamespace, teamNamespace } from "./shapes";

export const namespacePolicies = {
  isolation: "kubernetes-core-namespace-workload-isolation",
  egress: "kubernetes-networking-networkpolicy-no-internet-egress",
  ingress: "kubernetes-networking-networkpolicy-no-open-ingress",
  labels: "hdh-all-datastore-ownership-labels",
} as const;
const P = namespacePolicies;

const npType = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const nsPatchType = "kubernetes:core/v1:NamespacePatch";
const enforce = "pod-security.kubernetes.io/enforce";
const version = "pod-security.kubernetes.io/enforce-version";
const workspacePodSecurity = "kubernetes-core-namespace-workspace-pod-security";
const labelsOfWorkspace = (s: Stack) =>
  (s.inputs("ws-cardio").metadata as { labels: Record<string, string> }).labels;
const labelsOf = (s: Stack, ns: string) =>
  (s.inputs(`ns-${ns}`).metadata as { labels: Record<string, string> }).labels;
/** An allowance of ingress, in its own policy, as a chart or another team would add it. */
const admit = (s: Stack, ns: string, ingress: unknown) =>
  s.add(`${ns}-admit`, npType, {
    metadata: { name: "allow-in", namespace: ns },
    spec: { podSelector: { matchLabels: { app: `${ns}-app` } }, policyTypes: ["Ingress"], ingress },
  });
const allow = (s: Stack, ns: string, egress: unknown[]) =>
  s.add(`${ns}-allow`, npType, {
    metadata: { name: "allow-out", namespace: ns },
    spec: { podSelector: { matchLabels: { app: `${ns}-app` } }, policyTypes: ["Egress"], egress },
  });

/**
 * A workload in namespace `batch`, isolated by a default deny, whose namespace the stack only
 * patches, to the Pod Security level given (with a version).
 */
const workloadInNamespacePatchedTo = (level: string) => (s: Stack) => {
  deployment(s, "etl", "batch");
  s.add("batch-deny", npType, {
    metadata: { name: "default-deny", namespace: "batch" },
    spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
  });
  s.add("ns-batch-patch", nsPatchType, {
    metadata: { name: "batch", labels: { [enforce]: level, [version]: "latest" } },
  });
};

export const namespaceCases: Case[] = [
  good("another team's isolated namespace holding a workload passes", (s) =>
    teamNamespace(s, "analytics"),
  ),
  bad(
    "a namespace holding a workload without Pod Security labels is rejected",
    [P.isolation],
    (s) => {
      teamNamespace(s, "analytics");
      delete labelsOf(s, "analytics")["pod-security.kubernetes.io/enforce"];
    },
  ),
  bad("a namespace enforcing baseline is rejected", [P.isolation], (s) => {
    teamNamespace(s, "analytics");
    labelsOf(s, "analytics")["pod-security.kubernetes.io/enforce"] = "baseline";
  }),
  bad("a namespace enforcing restricted without a version is rejected", [P.isolation], (s) => {
    teamNamespace(s, "analytics");
    delete labelsOf(s, "analytics")["pod-security.kubernetes.io/enforce-version"];
  }),
  bad("a namespace isolated for ingress only is rejected", [P.isolation], (s) => {
    teamNamespace(s, "analytics");
    (s.inputs("ns-analytics-deny").spec as { policyTypes: string[] }).policyTypes = ["Ingress"];
  }),
  good("one policy isolating both ways with a DNS allowance is a default deny and passes", (s) => {
    teamNamespace(s, "analytics");
    s.inputs("ns-analytics-deny").spec = {
      podSelector: {},
      policyTypes: ["Ingress", "Egress"],
      egress: [{ to: [{ namespaceSelector: {} }], ports: [{ protocol: "UDP", port: 53 }] }],
    };
  }),
  bad(
    "a workload in the default namespace, undeclared and without policies, is rejected and its labels named unknown",
    [P.isolation, unknownOf(P.isolation), unknownOf("kubernetes-core-no-default-namespace")],
    (s) =>
      s.add("stray", "kubernetes:apps/v1:Deployment", {
        metadata: { name: "stray" },
        spec: (s.inputs("ws-cardio-jupyter") as { spec: unknown }).spec,
      }),
  ),
  bad(
    "a namespace not declared in the stack, with its deny policy, is reported as unknown",
    [unknownOf(P.isolation)],
    (s) => {
      deployment(s, "etl", "elsewhere");
      s.add("elsewhere-deny", npType, {
        metadata: { name: "deny", namespace: "elsewhere" },
        spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
      });
    },
  ),

  bad(
    "egress to 0.0.0.0/0 (private ranges excepted) beside a default deny is rejected",
    [P.egress],
    (s) => {
      teamNamespace(s, "analytics");
      allow(s, "analytics", [
        { to: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8", "192.168.0.0/16"] } }] },
      ]);
    },
  ),
  bad("egress to ::/0 beside a default deny is rejected", [P.egress], (s) => {
    teamNamespace(s, "analytics");
    allow(s, "analytics", [{ to: [{ ipBlock: { cidr: "::/0" } }], ports: [{ port: 443 }] }]);
  }),
  bad(
    "egress to ::ffff:0.0.0.0/96 (the IPv4 internet written as IPv4-mapped IPv6) is rejected",
    [P.egress],
    (s) => {
      teamNamespace(s, "analytics");
      allow(s, "analytics", [{ to: [{ ipBlock: { cidr: "::ffff:0.0.0.0/96" } }] }]);
    },
  ),
  bad(
    "egress to the NAT64 prefix 64:ff9b::/96 (the IPv4 internet) is rejected",
    [P.egress],
    (s) => {
      teamNamespace(s, "analytics");
      allow(s, "analytics", [{ to: [{ ipBlock: { cidr: "64:ff9b::/96" } }] }]);
    },
  ),
  good("egress to one IPv4-mapped API range (::ffff:192.0.2.0/120) passes", (s) => {
    teamNamespace(s, "analytics");
    allow(s, "analytics", [{ to: [{ ipBlock: { cidr: "::ffff:192.0.2.0/120" } }] }]);
  }),
  bad("egress to half the internet (0.0.0.0/1) is rejected", [P.egress], (s) => {
    teamNamespace(s, "analytics");
    allow(s, "analytics", [
      { to: [{ ipBlock: { cidr: "0.0.0.0/1" } }, { ipBlock: { cidr: "128.0.0.0/1" } }] },
    ]);
  }),
  bad("an egress rule without `to` (every destination) is rejected", [P.egress], (s) => {
    teamNamespace(s, "analytics");
    allow(s, "analytics", [{ ports: [{ protocol: "TCP", port: 443 }] }]);
  }),
  good("egress to one API endpoint range on 443 passes", (s) => {
    teamNamespace(s, "analytics");
    allow(s, "analytics", [
      { to: [{ ipBlock: { cidr: "192.0.2.0/24" } }], ports: [{ port: 443 }] },
    ]);
  }),
  bad(
    "an egress peer whose ipBlock is unknown during preview is named unknown",
    [unknownOf(P.egress)],
    (s) => {
      teamNamespace(s, "analytics");
      allow(s, "analytics", [{ to: [{ ipBlock: { cidr: unknown } }], ports: [{ port: 443 }] }]);
    },
  ),
  bad(
    "egress to 0.0.0.0/0 from a policy whose namespace is unknown during preview is named, not skipped",
    [unknownOf(P.egress)],
    (s) => {
      teamNamespace(s, "analytics");
      allow(s, "analytics", [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }]);
      (s.inputs("analytics-allow").metadata as Record<string, unknown>).namespace = unknown;
    },
  ),
  good(
    "egress to one range from a policy whose namespace is unknown during preview passes",
    (s) => {
      teamNamespace(s, "analytics");
      allow(s, "analytics", [{ to: [{ ipBlock: { cidr: "192.0.2.0/24" } }] }]);
      (s.inputs("analytics-allow").metadata as Record<string, unknown>).namespace = unknown;
    },
  ),
  bad(
    "ingress from everywhere in a policy whose namespace is unknown during preview is named, not skipped",
    [unknownOf(P.ingress)],
    (s) => {
      teamNamespace(s, "analytics");
      admit(s, "analytics", [{ from: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }]);
      (s.inputs("analytics-admit").metadata as Record<string, unknown>).namespace = unknown;
    },
  ),
  bad(
    "ingress from everywhere in a policy whose whole metadata is unknown is named, not placed in 'default'",
    [unknownOf(P.ingress)],
    (s) => {
      teamNamespace(s, "analytics");
      admit(s, "analytics", [{ from: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }]);
      s.inputs("analytics-admit").metadata = unknown;
    },
  ),
  good("ingress from one pod in a policy whose namespace is unknown during preview passes", (s) => {
    teamNamespace(s, "analytics");
    admit(s, "analytics", [{ from: [{ podSelector: { matchLabels: { app: "portal" } } }] }]);
    (s.inputs("analytics-admit").metadata as Record<string, unknown>).namespace = unknown;
  }),
  bad(
    "an ingress rule without `from` (every source) beside a default deny is rejected",
    [P.ingress],
    (s) => {
      teamNamespace(s, "analytics");
      admit(s, "analytics", [{ ports: [{ protocol: "TCP", port: 8080 }] }]);
    },
  ),
  bad(
    "an empty ingress rule (`ingress: [{}]`) beside a default deny is rejected",
    [P.ingress],
    (s) => {
      teamNamespace(s, "analytics");
      admit(s, "analytics", [{}]);
    },
  ),
  bad("ingress from 0.0.0.0/0 beside a default deny is rejected", [P.ingress], (s) => {
    teamNamespace(s, "analytics");
    admit(s, "analytics", [{ from: [{ ipBlock: { cidr: "0.0.0.0/0", except: ["10.0.0.0/8"] } }] }]);
  }),
  bad(
    "ingress from ::ffff:0:0/96 (every IPv4 source, IPv4-mapped) is rejected",
    [P.ingress],
    (s) => {
      teamNamespace(s, "analytics");
      admit(s, "analytics", [{ from: [{ ipBlock: { cidr: "::ffff:0:0/96" } }] }]);
    },
  ),
  bad("ingress from ::/0, second peer of the rule, is rejected", [P.ingress], (s) => {
    teamNamespace(s, "analytics");
    admit(s, "analytics", [
      {
        from: [{ podSelector: { matchLabels: { app: "gateway" } } }, { ipBlock: { cidr: "::/0" } }],
      },
    ]);
  }),
  bad(
    "ingress from every pod of every namespace beside a workspace's default deny is rejected",
    [P.ingress],
    (s) => {
      s.add("ws-cardio-admit", npType, {
        metadata: { name: "allow-all-namespaces", namespace: "ws-cardio" },
        spec: { podSelector: {}, ingress: [{ from: [{ namespaceSelector: {} }] }] },
      });
    },
  ),
  good("ingress from one named namespace's pods passes", (s) => {
    teamNamespace(s, "analytics");
    admit(s, "analytics", [
      {
        from: [
          {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ingress-nginx" } },
            podSelector: { matchLabels: { "app.kubernetes.io/name": "ingress-nginx" } },
          },
        ],
        ports: [{ protocol: "TCP", port: 8080 }],
      },
    ]);
  }),
  good("ingress from the namespace's own pods and an administrators' /24 passes", (s) => {
    teamNamespace(s, "analytics");
    admit(s, "analytics", [
      { from: [{ podSelector: {} }, { ipBlock: { cidr: "203.0.113.0/24" } }] },
    ]);
  }),
  bad(
    "an ingress peer whose namespaceSelector is unknown during preview is named unknown",
    [unknownOf(P.ingress)],
    (s) => {
      teamNamespace(s, "analytics");
      admit(s, "analytics", [{ from: [{ namespaceSelector: { matchLabels: unknown } }] }]);
    },
  ),
  good("an isolated namespace without any workload passes", (s) =>
    isolatedNamespace(s, "empty-team"),
  ),
  // --- NetworkPolicy in its Patch and List forms ----------------------------------------------
  bad(
    "a NetworkPolicyPatch adding egress to 0.0.0.0/0 to a namespace's default deny is rejected",
    [P.egress],
    (s) => {
      teamNamespace(s, "analytics");
      s.add("deny-patch", `${npType}Patch`, {
        metadata: { name: "default-deny", namespace: "analytics" },
        spec: { egress: [{ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }] }] },
      });
    },
  ),
  good("a NetworkPolicyPatch adding egress to one range passes", (s) => {
    teamNamespace(s, "analytics");
    s.add("deny-patch", `${npType}Patch`, {
      metadata: { name: "default-deny", namespace: "analytics" },
      spec: { egress: [{ to: [{ ipBlock: { cidr: "192.0.2.0/24" } }], ports: [{ port: 443 }] }] },
    });
  }),
  bad(
    "a NetworkPolicyList item letting every source in beside a default deny is rejected",
    [P.ingress],
    (s) => {
      teamNamespace(s, "analytics");
      s.add("allow-list", `${npType}List`, {
        items: [
          {
            metadata: { name: "allow-all-in", namespace: "analytics" },
            spec: { podSelector: { matchLabels: { app: "analytics-app" } }, ingress: [{}] },
          },
        ],
      });
    },
  ),
  // --- Pod Security labels written by a Patch, a List, or unknown during preview ---------------
  bad(
    "a NamespacePatch lowering a namespace that holds a workload to privileged is rejected",
    [P.isolation],
    (s) => {
      teamNamespace(s, "analytics");
      s.add("ns-analytics-patch", nsPatchType, {
        metadata: { name: "analytics", labels: { [enforce]: "privileged" } },
      });
    },
  ),
  good(
    "a NamespacePatch setting only an owner annotation label keeps restricted and passes",
    (s) => {
      teamNamespace(s, "analytics");
      s.add("ns-analytics-patch", nsPatchType, {
        metadata: { name: "analytics", labels: { "team.example/cost-centre": "42" } },
      });
    },
  ),
  bad(
    "a namespace only patched in the stack, to baseline, holding a workload is rejected",
    [P.isolation],
    workloadInNamespacePatchedTo("baseline"),
  ),
  good(
    "a namespace only patched in the stack, to restricted with a version, holding a workload passes",
    workloadInNamespacePatchedTo("restricted"),
  ),
  bad(
    "a NamespaceList item enforcing privileged and holding a workload is rejected",
    [P.isolation],
    (s) => {
      teamNamespace(s, "analytics");
      const declared = s.inputs("ns-analytics");
      s.resources.delete("ns-analytics");
      const metadata = declared.metadata as { labels: Record<string, string> };
      metadata.labels[enforce] = "privileged";
      s.add("namespaces", "kubernetes:core/v1:NamespaceList", { items: [declared] });
    },
  ),
  good("a NamespaceList item enforcing restricted with a version and isolated passes", (s) => {
    teamNamespace(s, "analytics");
    const declared = s.inputs("ns-analytics");
    s.resources.delete("ns-analytics");
    s.add("namespaces", "kubernetes:core/v1:NamespaceList", { items: [declared] });
  }),
  bad(
    "a namespace holding a workload whose enforce label is unknown during preview is named, not rejected",
    [unknownOf(P.isolation)],
    (s) => {
      teamNamespace(s, "analytics");
      labelsOf(s, "analytics")[enforce] = unknown;
    },
  ),
  bad(
    "a NamespacePatch lowering a workspace namespace to baseline is rejected",
    [workspacePodSecurity],
    (s) =>
      s.add("ws-cardio-patch", nsPatchType, {
        metadata: { name: "ws-cardio", labels: { [enforce]: "baseline" } },
      }),
  ),
  good("a NamespacePatch keeping a workspace namespace restricted passes", (s) =>
    s.add("ws-cardio-patch", nsPatchType, {
      metadata: { name: "ws-cardio", labels: { [enforce]: "restricted" } },
    }),
  ),
  bad(
    "a workspace namespace whose labels are unknown during preview is named, not passed",
    [unknownOf(workspacePodSecurity)],
    (s) => {
      labelsOfWorkspace(s)[enforce] = unknown;
    },
  ),
  bad(
    "a NamespacePatch to privileged whose target namespace is unknown during preview is named, not passed",
    [unknownOf(P.isolation)],
    (s) => {
      teamNamespace(s, "analytics");
      s.add("ns-patch", nsPatchType, {
        metadata: { name: unknown, labels: { [enforce]: "privileged" } },
      });
    },
  ),
  good(
    "a NamespacePatch to restricted whose target namespace is unknown during preview passes",
    (s) => {
      teamNamespace(s, "analytics");
      s.add("ns-patch", nsPatchType, {
        metadata: { name: unknown, labels: { [enforce]: "restricted" } },
      });
    },
  ),
];
