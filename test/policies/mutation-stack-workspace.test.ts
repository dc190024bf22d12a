/**
 * Edges of the workspace namespace rules (default deny, Pod Security, no exposure, authorisation
 * expiry) that mutation testing showed the corpus leaves open: Kubernetes defaults when a field is
 * left out, values unknown at preview, boundaries of the expiry dates, and findings naming the
 * namespace as kubectl knows it. Each case is the compliant baseline with one change.
 */
import { describe, expect, it } from "vitest";
import { labelKeys, podSecurityLabels } from "../../policies/catalog/labels";
import { baseline, unknown, type Stack } from "./baseline";
import {
  findings,
  renameWorkspaceResource,
  workspaceLabels,
  type Json,
} from "./mutation-stack-findings";

const P = {
  defaultDeny: "kubernetes-core-namespace-workspace-default-deny",
  pss: "kubernetes-core-namespace-workspace-pod-security",
  exposure: "kubernetes-core-namespace-workspace-no-exposure",
  expired: "kubernetes-core-namespace-workspace-authorisation-expired",
  expiring: "kubernetes-core-namespace-workspace-authorisation-expiring",
};

/** The baseline with its deny-all policy's spec replaced. */
function denySpec(spec: unknown): Stack {
  const s = baseline();
  s.inputs("ws-cardio-deny").spec = spec;
  return s;
}

const noDenyFor = (directions: string) =>
  `Workspace namespace "ws-cardio" has no default-deny NetworkPolicy for ${directions}. ` +
  "Add one with `podSelector: {}`, `policyTypes: [Ingress, Egress]` and no rules.";

describe("workspace default deny", () => {
  it.each<[string, unknown, string[]]>([
    [
      "a policy selecting pods by expression is not a deny-all",
      {
        podSelector: { matchExpressions: [{ key: "app", operator: "Exists" }] },
        policyTypes: ["Ingress", "Egress"],
      },
      [noDenyFor("Ingress and Egress")],
    ],
    [
      "a policy with ingress rules leaves ingress open",
      {
        podSelector: {},
        policyTypes: ["Ingress", "Egress"],
        ingress: [{ from: [{ podSelector: {} }] }],
      },
      [noDenyFor("Ingress")],
    ],
    [
      "a policy with egress rules leaves egress open",
      {
        podSelector: {},
        policyTypes: ["Ingress", "Egress"],
        egress: [{ to: [{ podSelector: {} }] }],
      },
      [noDenyFor("Egress")],
    ],
    [
      "a policy of type Egress only leaves ingress open",
      { podSelector: {}, policyTypes: ["Egress"] },
      [noDenyFor("Ingress")],
    ],
    [
      "without policyTypes and without an egress section, a policy denies ingress only",
      { podSelector: {} },
      [noDenyFor("Egress")],
    ],
  ])("%s", async (_, spec, expected) => {
    expect(await findings(P.defaultDeny, denySpec(spec))).toEqual(expected);
  });

  it.each<[string, unknown]>([
    // Kubernetes: without policyTypes, a policy with an egress section also governs egress.
    [
      "without policyTypes, an empty egress section denies egress too",
      { podSelector: {}, egress: [] },
    ],
    [
      "policyTypes with a null entry are read without it",
      { podSelector: {}, policyTypes: ["Ingress", null, "Egress"] },
    ],
    ["policyTypes in lower case count", { podSelector: {}, policyTypes: ["ingress", "egress"] }],
  ])("%s", async (_, spec) => {
    expect(await findings(P.defaultDeny, denySpec(spec))).toEqual([]);
  });

  it.each<[string, unknown]>([
    ["its whole spec", unknown],
    [
      "its podSelector (the policy names only ingress)",
      { podSelector: unknown, policyTypes: ["Ingress"] },
    ],
    ["its policyTypes", { podSelector: {}, policyTypes: unknown }],
  ])("a deny-all whose %s is unknown at preview is not judged", async (_, spec) => {
    expect(await findings(P.defaultDeny, denySpec(spec))).toEqual([]);
  });

  it("the finding names the namespace by its Kubernetes name", async () => {
    const s = baseline();
    renameWorkspaceResource(s);
    s.resources.delete("ws-cardio-deny");
    expect(await findings(P.defaultDeny, s)).toEqual([noDenyFor("Ingress and Egress")]);
  });
});

describe("workspace Pod Security", () => {
  it("a workspace namespace without an enforce label is flagged as enforcing nothing", async () => {
    const s = baseline();
    delete workspaceLabels(s)[podSecurityLabels.enforce];
    expect(await findings(P.pss, s)).toEqual([
      'Workspace namespace "ws-cardio" enforces no Pod Security level. Label it pod-security.kubernetes.io/enforce: restricted.',
    ]);
  });

  it("the finding names the namespace by its Kubernetes name", async () => {
    const s = baseline();
    workspaceLabels(s)[podSecurityLabels.enforce] = "privileged";
    renameWorkspaceResource(s);
    expect(await findings(P.pss, s)).toEqual([
      'Workspace namespace "ws-cardio" enforces "privileged". Label it pod-security.kubernetes.io/enforce: restricted.',
    ]);
  });
});

describe("workspace exposure", () => {
  const serviceSpec = (s: Stack) => s.inputs("ws-cardio-svc").spec as Json;

  it("a ClusterIP Service with externalIPs exposes the workspace", async () => {
    const s = baseline();
    serviceSpec(s).externalIPs = ["192.0.2.10"];
    expect(await findings(P.exposure, s)).toEqual([
      'Service "ws-cardio-svc" has externalIPs exposing workspace "ws-cardio". Remove them.',
    ]);
  });

  it("a ServicePatch that turns a workspace's Service into a NodePort exposes the workspace", async () => {
    const s = baseline();
    s.add("ws-cardio-svc-patch", "kubernetes:core/v1:ServicePatch", {
      metadata: { name: "jupyter", namespace: "ws-cardio" },
      spec: { type: "NodePort" },
    });
    expect(await findings(P.exposure, s)).toEqual([
      'Service "ws-cardio-svc-patch" of type NodePort exposes workspace "ws-cardio" outside the cluster. Use ClusterIP.',
    ]);
  });

  it("an IngressPatch in a workspace namespace exposes the workspace", async () => {
    const s = baseline();
    s.add("ws-cardio-ingress-patch", "kubernetes:networking.k8s.io/v1:IngressPatch", {
      metadata: { name: "portal", namespace: "ws-cardio" },
      spec: { rules: [{ host: "cardio.example.fr" }] },
    });
    expect(await findings(P.exposure, s)).toEqual([
      'Ingress "ws-cardio-ingress-patch" exposes workspace "ws-cardio". Remove it.',
    ]);
  });

  it("a Service without a type (ClusterIP by default) passes", async () => {
    const s = baseline();
    delete serviceSpec(s).type;
    expect(await findings(P.exposure, s)).toEqual([]);
  });

  it("a Service whose spec is unknown at preview is not judged", async () => {
    const s = baseline();
    s.inputs("ws-cardio-svc").spec = unknown;
    expect(await findings(P.exposure, s)).toEqual([]);
  });

  it("the finding names the workspace by its Kubernetes name", async () => {
    const s = baseline();
    serviceSpec(s).type = "NodePort";
    renameWorkspaceResource(s);
    expect(await findings(P.exposure, s)).toEqual([
      'Service "ws-cardio-svc" of type NodePort exposes workspace "ws-cardio" outside the cluster. Use ClusterIP.',
    ]);
  });
});

describe("workspace authorisation expiry", () => {
  const day = (offset: number) =>
    new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
  const expiringOn = (expires: string) => {
    const s = baseline();
    workspaceLabels(s)[labelKeys.expires] = expires;
    return s;
  };

  it("an authorisation ending today has ended: mandatory, and not announced as coming", async () => {
    const s = expiringOn(day(0));
    expect(await findings(P.expired, s)).toEqual([
      `Workspace "ws-cardio" is open but its authorisation ended on ${day(0)}. Renew it or close the workspace.`,
    ]);
    expect(await findings(P.expiring, s)).toEqual([]);
  });

  it("an authorisation ending tomorrow is announced as 1 day away, and has not ended", async () => {
    const s = expiringOn(day(1));
    expect(await findings(P.expiring, s)).toEqual([
      `Workspace "ws-cardio": its authorisation ends on ${day(1)}, in 1 day. Renew it or prepare the closing.`,
    ]);
    expect(await findings(P.expired, s)).toEqual([]);
  });

  it("an authorisation ending in exactly 30 days is announced", async () => {
    expect(await findings(P.expiring, expiringOn(day(30)))).toEqual([
      `Workspace "ws-cardio": its authorisation ends on ${day(30)}, in 30 days. Renew it or prepare the closing.`,
    ]);
  });

  it.each([
    ["a day in another format", "31/12/2099"],
    ["a timestamp rather than a day", "2099-12-31T00:00"],
    ["a day with a prefix", "x2099-12-31"],
    ["a month that does not exist", "2099-13-01"],
    ["an ISO expanded year", "+002099-12-31"],
    ["a day the calendar does not have", "2099-02-30"],
  ])("an end that is %s cannot be read: mandatory, and never announced", async (_, expires) => {
    const s = expiringOn(expires);
    expect(await findings(P.expired, s)).toEqual([
      `Workspace "ws-cardio" is open but its authorisation end "${expires}" is not a date (YYYY-MM-DD). Write the end date, or close the workspace.`,
    ]);
    expect(await findings(P.expiring, s)).toEqual([]);
  });

  it("an archived workspace past its end is not reported", async () => {
    const s = expiringOn(day(-40));
    workspaceLabels(s)[labelKeys.lifecycle] = "archived";
    expect(await findings(P.expired, s)).toEqual([]);
  });

  it("the finding names the workspace by its Kubernetes name", async () => {
    const s = expiringOn(day(-1));
    renameWorkspaceResource(s);
    expect(await findings(P.expired, s)).toEqual([
      `Workspace "ws-cardio" is open but its authorisation ended on ${day(-1)}. Renew it or close the workspace.`,
    ]);
  });
});
