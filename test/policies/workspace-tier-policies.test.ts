/**
 * The issue-8 stack policies: a workspace's egress stays within its tier, and an open
 * workspace's authorisation has not ended (mandatory) or is not about to (advisory). Each case is
 * the policy corpus's compliant baseline with one change; the workspace flows come from the
 * workspace component's own rule table, so the compliant case is what the platform deploys.
 */
import { describe, expect, it } from "vitest";
import { evaluatePolicies, type PolicyPackConfig } from "../../offline/evaluate-policies";
import { allPolicies } from "../../policies/all";
import { packConfigFromSettings } from "../../policies/config";
import { labelKeys } from "../../policies/catalog/labels";
import type { DataTier } from "../../policies/catalog/data-tiers";
import { workspaceFlows } from "../../components/workspace/network-rules";
import { reach } from "../components/workspace/fixtures";
import { baseline, corpusSettings, type Stack } from "./baseline";

const egress = "kubernetes-core-namespace-workspace-egress-within-tier";
const expired = "kubernetes-core-namespace-workspace-authorisation-expired";
const expiring = "kubernetes-core-namespace-workspace-authorisation-expiring";
const ours = [egress, expired, expiring];

const dayFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/** The baseline with its workspace at `tier`, its expiry, and the tier's allow policy. */
function stack(
  tier: DataTier,
  change: (s: Stack, rules: Record<string, unknown>[]) => void = () => {},
) {
  const s = baseline("dev");
  const labels = (s.inputs("ws-cardio").metadata as { labels: Record<string, string> }).labels;
  labels[labelKeys.classification] = String(tier);
  labels[labelKeys.expires] = dayFromNow(200);
  const rules = workspaceFlows(tier, reach, 8888).egress.map((r) => ({
    to: r.peers,
    ports: r.ports,
  }));
  change(s, rules);
  s.add("ws-cardio-allow", "kubernetes:networking.k8s.io/v1:NetworkPolicy", {
    metadata: { name: "allow", namespace: "ws-cardio" },
    spec: { podSelector: {}, policyTypes: ["Egress"], egress: rules },
  });
  return s;
}

async function findings(s: Stack) {
  const config = packConfigFromSettings(allPolicies, corpusSettings) as PolicyPackConfig;
  const all = await evaluatePolicies({ resources: s.list(), config, stackName: "dev" });
  return all
    .filter((f) => ours.includes(f.policyName))
    .map(
      // The evaluator prefixes the policy's description; keep the finding itself.
      (f) =>
        `${f.policyName.replace("kubernetes-core-namespace-workspace-", "")}: ${f.message.split("\n").at(-1)}`,
    );
}

describe("workspace egress within its tier", () => {
  for (const tier of [0, 1, 2, 3, 4] as DataTier[]) {
    it(`the flows the workspace component builds for tier ${tier} are compliant`, async () => {
      expect(await findings(stack(tier))).toEqual([]);
    });
  }

  it("a tier-3 workspace reaching the internet is rejected", async () => {
    const s = stack(3, (_, rules) =>
      rules.push({ to: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 443 }] }),
    );
    expect(await findings(s)).toEqual([
      'egress-within-tier: Workspace "ws-cardio" (tier 3): NetworkPolicy "ws-cardio-allow" reaches the internet (0.0.0.0/0) but tier 3 allows no internet egress.',
    ]);
  });

  it("a tier-0 internet allowance that does not except the internal ranges is rejected", async () => {
    const s = stack(0, (_, rules) => {
      const internet = rules.find((r) => JSON.stringify(r).includes("0.0.0.0/0"))!;
      (internet.to as { ipBlock: { except?: string[] } }[])[0].ipBlock.except = ["10.0.0.0/8"];
    });
    expect(await findings(s)).toEqual([
      'egress-within-tier: Workspace "ws-cardio" (tier 0): NetworkPolicy "ws-cardio-allow" internet allowance 0.0.0.0/0 does not except 172.16.0.0/12, 192.168.0.0/16, 100.64.0.0/10, 169.254.0.0/16: it would reach other workspaces, the platform or the cloud\'s metadata service.',
    ]);
  });

  it("a tier-4 workspace reaching the package mirror is rejected", async () => {
    const s = stack(4, (_, rules) =>
      rules.push({
        to: [
          {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "hdh-mirror" } },
            podSelector: { matchLabels: { [labelKeys.role]: "package-mirror" } },
          },
        ],
        ports: [{ port: 8080 }],
      }),
    );
    expect(await findings(s)).toEqual([
      'egress-within-tier: Workspace "ws-cardio" (tier 4): NetworkPolicy "ws-cardio-allow" reaches the package mirror but tier 4 has no mirror access.',
    ]);
  });

  it("a tier-3 workspace reaching the unrestricted mirror proxy is rejected", async () => {
    const s = stack(3, (_, rules) => {
      const mirror = rules.find((r) => JSON.stringify(r).includes("hdh-mirror"))!;
      const peer = (mirror.to as { podSelector: { matchLabels: Record<string, string> } }[])[0];
      peer.podSelector.matchLabels[labelKeys.mirrorAccess] = "full";
    });
    expect(await findings(s)).toEqual([
      'egress-within-tier: Workspace "ws-cardio" (tier 3): NetworkPolicy "ws-cardio-allow" reaches the "full" package-mirror proxy but tier 3 may only use the allowlist proxy (hdh.health/mirror-access: allowlist).',
    ]);
  });

  it("reaching another workspace, every namespace, or every destination is rejected", async () => {
    const s = stack(2, (t, rules) => {
      t.add("ws-other", "kubernetes:core/v1:Namespace", {
        metadata: {
          name: "ws-other",
          labels: {
            ...(t.inputs("ws-cardio").metadata as { labels: object }).labels,
            [labelKeys.project]: "other",
          },
        },
      });
      rules.push(
        {
          to: [
            { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "ws-other" } } },
          ],
        },
        { to: [{ namespaceSelector: {} }], ports: [{ port: 443 }] },
        { ports: [{ port: 22 }] },
      );
    });
    const messages = await findings(s);
    expect(messages.filter((m) => m.includes("ws-cardio-allow"))).toEqual([
      'egress-within-tier: Workspace "ws-cardio" (tier 2): NetworkPolicy "ws-cardio-allow" reaches workspace namespace "ws-other".',
      'egress-within-tier: Workspace "ws-cardio" (tier 2): NetworkPolicy "ws-cardio-allow" selects namespaces by label rather than by name; it may select other workspaces.',
      'egress-within-tier: Workspace "ws-cardio" (tier 2): NetworkPolicy "ws-cardio-allow" allows egress to every destination.',
    ]);
  });

  it("a private range open on every port is rejected; on 443 it is the object storage", async () => {
    const s = stack(3, (_, rules) => rules.push({ to: [{ ipBlock: { cidr: "10.42.64.0/18" } }] }));
    expect(await findings(s)).toEqual([
      'egress-within-tier: Workspace "ws-cardio" (tier 3): NetworkPolicy "ws-cardio-allow" reaches the platform\'s private range 10.42.64.0/18 on every port; only the workspace\'s object storage (HTTPS) is allowed.',
    ]);
  });
});

describe("workspace authorisation expiry", () => {
  const withExpiry = (expires: string, lifecycle?: string) => {
    const s = stack(3);
    const labels = (s.inputs("ws-cardio").metadata as { labels: Record<string, string> }).labels;
    labels[labelKeys.expires] = expires;
    if (lifecycle) labels[labelKeys.lifecycle] = lifecycle;
    return s;
  };

  it("an open workspace whose authorisation has ended is a mandatory violation", async () => {
    const ended = dayFromNow(-3);
    expect(await findings(withExpiry(ended))).toEqual([
      `authorisation-expired: Workspace "ws-cardio" is open but its authorisation ended on ${ended}. Renew it or close the workspace.`,
    ]);
    const config = packConfigFromSettings(allPolicies, corpusSettings) as PolicyPackConfig;
    const all = await evaluatePolicies({
      resources: withExpiry(ended).list(),
      config,
      stackName: "dev",
    });
    expect(all.find((f) => f.policyName === expired)?.enforcementLevel).toBe("mandatory");
  });

  it("an authorisation ending within 30 days is advisory", async () => {
    const soon = dayFromNow(12);
    expect(await findings(withExpiry(soon))).toEqual([
      `authorisation-expiring: Workspace "ws-cardio": its authorisation ends on ${soon}, in 12 days. Renew it or prepare the closing.`,
    ]);
    const config = packConfigFromSettings(allPolicies, corpusSettings) as PolicyPackConfig;
    const all = await evaluatePolicies({
      resources: withExpiry(soon).list(),
      config,
      stackName: "dev",
    });
    expect(all.find((f) => f.policyName === expiring)?.enforcementLevel).toBe("advisory");
  });

  it("an authorisation ending in 31 days, or a closing workspace past its end, is fine", async () => {
    expect(await findings(withExpiry(dayFromNow(31)))).toEqual([]);
    expect(await findings(withExpiry(dayFromNow(-10), "closing"))).toEqual([]);
  });
});
