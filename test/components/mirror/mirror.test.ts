import * as k8s from "@pulumi/kubernetes";
import { beforeAll, describe, expect, it } from "vitest";
import { runUnderMocks, type PlannedResource } from "../../../offline/mock-run";
import { PackageMirror, type PackageMirrorArgs } from "../../../components/mirror/mirror";
import { Workspace } from "../../../components/workspace/workspace";
import { workspaceNamespace } from "../../../components/workspace/names";
import { labelKeys } from "../../../policies/catalog/labels";
import type { DataTier } from "../../../policies/catalog/data-tiers";
import * as openstack from "@pulumi/openstack";
import {
  inNamespace,
  namespaces,
  ofType,
  reach,
  registry,
  spec,
  meta,
  workspaceArgs,
  workspaceConfig,
  type Obj,
} from "../workspace/fixtures";

const upstreamCidrs = ["151.101.0.0/16", "193.51.0.0/24"];
const NetworkPolicy = "kubernetes:networking.k8s.io/v1:NetworkPolicy";

type MirrorOverrides = Partial<Omit<PackageMirrorArgs, "kubernetesProvider">>;

/** The mirror, and one workspace per tier wired to the mirror's own destination. */
async function plan(overrides: MirrorOverrides = {}): Promise<PlannedResource[]> {
  const { resources } = await runUnderMocks(
    () => {
      const kubernetesProvider = new k8s.Provider("cluster", { kubeconfig: "mock" });
      const openstackProvider = new openstack.Provider("gra11", { region: "GRA11" });
      const mirror = new PackageMirror("mirror", {
        kubernetesProvider,
        registry,
        upstreamCidrs,
        ...overrides,
      });
      for (const tier of [0, 1, 2, 3, 4] as DataTier[]) {
        const config = workspaceConfig({ id: `tier${tier}`, tier });
        new Workspace(
          `ws-${config.id}`,
          workspaceArgs(
            config,
            { kubernetesProvider, openstackProvider },
            { reach: { ...reach, packageMirror: mirror.destination } },
          ),
        );
      }
    },
    { project: "hdh", stack: "test" },
  );
  return resources;
}

let planned: PlannedResource[];
beforeAll(async () => {
  planned = await plan();
});

const matchesSelector = (selector: Obj | undefined, labels: Record<string, string>) =>
  Object.entries((selector?.matchLabels ?? {}) as Record<string, string>).every(
    ([k, v]) => labels[k] === v,
  ) &&
  ((selector?.matchExpressions ?? []) as Obj[]).every((e) =>
    e.operator === "In" ? (e.values as string[]).includes(labels[e.key]) : false,
  );

/** Proxy access labels ("full", "allowlist") a workspace namespace can actually talk to. */
function proxiesReachable(ns: string): string[] {
  const all = namespaces(planned);
  const wsLabels = all.get(ns)!;
  const mirrorLabels = all.get("hdh-mirror")!;
  const proxies = ofType(planned, "kubernetes:apps/v1:Deployment").filter(
    (d) => meta(d).namespace === "hdh-mirror",
  );
  return proxies
    .filter((proxy) => {
      const podLabels = spec(proxy).template.metadata.labels as Record<string, string>;
      // The workspace's egress must select the proxy pod...
      const out = inNamespace(planned, NetworkPolicy, ns)
        .flatMap((p) => (spec(p).egress ?? []) as Obj[])
        .some((rule) =>
          (rule.to as Obj[]).some(
            (peer) =>
              peer.namespaceSelector &&
              matchesSelector(peer.namespaceSelector, mirrorLabels) &&
              matchesSelector(peer.podSelector, podLabels),
          ),
        );
      // ...and one of the mirror's ingress policies selecting that pod must admit the workspace.
      const inbound = inNamespace(planned, NetworkPolicy, "hdh-mirror")
        .filter((p) => matchesSelector(spec(p).podSelector, podLabels))
        .flatMap((p) => (spec(p).ingress ?? []) as Obj[])
        .some((rule) =>
          (rule.from as Obj[]).some((peer) => matchesSelector(peer.namespaceSelector, wsLabels)),
        );
      return out && inbound;
    })
    .map(
      (proxy) =>
        (spec(proxy).template.metadata.labels as Record<string, string>)[labelKeys.mirrorAccess],
    )
    .sort();
}

describe("package mirror", () => {
  it("each tier reaches exactly the proxy its tier table entry names, both policies agreeing", () => {
    expect(proxiesReachable(workspaceNamespace("tier0"))).toEqual(["full"]);
    expect(proxiesReachable(workspaceNamespace("tier1"))).toEqual(["full"]);
    expect(proxiesReachable(workspaceNamespace("tier2"))).toEqual(["full"]);
    expect(proxiesReachable(workspaceNamespace("tier3"))).toEqual(["allowlist"]);
    expect(proxiesReachable(workspaceNamespace("tier4"))).toEqual([]);
  });

  it("the allowlist proxy admits tier-3 workspaces only, the full proxy tiers 0 to 2", () => {
    const admitted = (access: string) =>
      inNamespace(planned, NetworkPolicy, "hdh-mirror")
        .filter((p) => spec(p).podSelector?.matchLabels?.[labelKeys.mirrorAccess] === access)
        .flatMap((p) => spec(p).ingress as Obj[])
        .flatMap((r) => r.from as Obj[])
        .map((peer) => peer.namespaceSelector.matchExpressions[0].values);
    expect(admitted("allowlist")).toEqual([["3"]]);
    expect(admitted("full")).toEqual([["0", "1", "2"]]);
  });

  it("denies by default and reaches only DNS and the upstream ranges on 443", () => {
    const policies = inNamespace(planned, NetworkPolicy, "hdh-mirror");
    expect(
      policies.filter(
        (p) =>
          Object.keys(spec(p).podSelector).length === 0 &&
          spec(p).policyTypes.length === 2 &&
          !spec(p).ingress &&
          !spec(p).egress,
      ),
    ).toHaveLength(1);
    const egress = policies.flatMap((p) => (spec(p).egress ?? []) as Obj[]);
    const cidrs = egress
      .flatMap((r) => (r.to as Obj[]).filter((p) => p.ipBlock))
      .map((p) => p.ipBlock.cidr);
    expect(cidrs).toEqual(upstreamCidrs);
    const ipPorts = egress
      .filter((r) => (r.to as Obj[]).some((p) => p.ipBlock))
      .flatMap((r) => r.ports);
    expect(ipPorts).toEqual([{ protocol: "TCP", port: 443 }]);
  });

  it("runs restricted, read-only, non-root proxies from the EU registry by digest", () => {
    const labels = namespaces(planned).get("hdh-mirror")!;
    expect(labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    const proxies = ofType(planned, "kubernetes:apps/v1:Deployment").filter(
      (d) => meta(d).namespace === "hdh-mirror",
    );
    expect(proxies).toHaveLength(2);
    for (const proxy of proxies) {
      const pod = spec(proxy).template.spec;
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.securityContext.runAsNonRoot).toBe(true);
      for (const c of pod.containers) {
        expect(c.image).toMatch(new RegExp(`^${registry}/.+@sha256:[0-9a-f]{64}$`));
        expect(c.securityContext).toMatchObject({
          readOnlyRootFilesystem: true,
          allowPrivilegeEscalation: false,
          capabilities: { drop: ["ALL"] },
        });
        expect(c.resources.limits).toBeDefined();
      }
    }
  });

  it("an upstream range wider than /8 and a bad package name are refused together", async () => {
    await expect(
      plan({
        upstreamCidrs: ["0.0.0.0/0"],
        allowlist: { pypi: ["numpy|.*"], cran: [], conda: [] },
      }),
    ).rejects.toThrow(
      /upstreamCidrs\[0\]: "0\.0\.0\.0\/0" opens the mirror.*allowlist: allowlist\.pypi\[0\]: "numpy\|\.\*" is not a valid pypi package name/,
    );
  });
});
