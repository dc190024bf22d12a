import { beforeAll, describe, expect, it } from "vitest";
import type { PlannedResource } from "../../../offline/mock-run";
import { labelKeys, mirrorRole } from "../../../policies/catalog/labels";
import { tierControls, type DataTier } from "../../../policies/catalog/data-tiers";
import { workspaceNamespace } from "../../../components/workspace/names";
import { forbiddenResearcherResources } from "../../../components/workspace/researcher-role";
import { workspaceImages } from "../../../components/workspace/images";
import {
  encryptedClass,
  type Obj,
  inNamespace,
  meta,
  namespaces,
  objectStorageCidr,
  ofType,
  peerReachesNamespace,
  peers,
  planWorkspaces,
  reach,
  registry,
  spec,
  workspaceConfig,
} from "./fixtures";

const NetworkPolicy = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const Deployment = "kubernetes:apps/v1:Deployment";

const cardio = workspaceConfig();
const diabetes = workspaceConfig({
  id: "diabetes-mr004",
  ownerGroup: "hdh-researchers-diabetes",
  tier: 2 as DataTier,
  authorisation: { kind: "reference-methodology", reference: "MR-004" },
  expires: "2027-03-31",
  tool: "rstudio",
  storageGiB: 10,
});

let planned: PlannedResource[];
beforeAll(async () => {
  planned = await planWorkspaces([cardio, diabetes]);
});

describe("workspace namespace", () => {
  it("carries project, classification, authorisation and expiry labels", () => {
    const labels = namespaces(planned).get(workspaceNamespace("cardio-2026"))!;
    expect(labels).toMatchObject({
      [labelKeys.role]: "workspace",
      [labelKeys.project]: "cardio-2026",
      [labelKeys.classification]: "3",
      [labelKeys.authorisationKind]: "cnil-decision",
      [labelKeys.authorisation]: "DR-2026-0412",
      [labelKeys.expires]: "2027-09-30",
      [labelKeys.ownerGroup]: "hdh-researchers-cardio",
    });
  });

  it("enforces, audits and warns on Pod Security restricted", () => {
    for (const labels of namespaces(planned).values()) {
      for (const mode of ["enforce", "audit", "warn"]) {
        expect(labels[`pod-security.kubernetes.io/${mode}`]).toBe("restricted");
      }
    }
  });

  it("has a quota without load balancers or node ports, and a limit range", () => {
    for (const ns of namespaces(planned).keys()) {
      const [quota] = inNamespace(planned, "kubernetes:core/v1:ResourceQuota", ns);
      expect(spec(quota).hard).toMatchObject({
        "services.loadbalancers": "0",
        "services.nodeports": "0",
        persistentvolumeclaims: "1",
      });
      expect(inNamespace(planned, "kubernetes:core/v1:LimitRange", ns)).toHaveLength(1);
    }
  });
});

describe("workspace network isolation", () => {
  it("every workspace namespace denies ingress and egress by default", () => {
    for (const ns of namespaces(planned).keys()) {
      const denyAll = inNamespace(planned, NetworkPolicy, ns).filter((p) => {
        const s = spec(p);
        return (
          Object.keys(s.podSelector ?? {}).length === 0 &&
          s.policyTypes?.includes("Ingress") &&
          s.policyTypes?.includes("Egress") &&
          (s.ingress ?? []).length === 0 &&
          (s.egress ?? []).length === 0
        );
      });
      expect(denyAll, ns).toHaveLength(1);
    }
  });

  it("no workspace can reach another, whatever the tiers: egress never selects it, ingress never admits it", async () => {
    const oneOfEachTier = ([0, 1, 2, 3, 4] as DataTier[]).map((tier) =>
      workspaceConfig({ id: `tier${tier}-project`, tier }),
    );
    const resources = await planWorkspaces([cardio, diabetes, ...oneOfEachTier]);
    const all = namespaces(resources);
    expect(all.size).toBe(7);
    for (const [source, sourceLabels] of all) {
      for (const [target, targetLabels] of all) {
        if (source === target) continue;
        const outbound = peers(resources, source, "egress").filter((p) =>
          peerReachesNamespace(p, targetLabels),
        );
        const inbound = peers(resources, target, "ingress").filter((p) =>
          peerReachesNamespace(p, sourceLabels),
        );
        expect(outbound, `${source} -> ${target}`).toEqual([]);
        expect(inbound, `${target} <- ${source}`).toEqual([]);
      }
    }
  });

  it("admits ingress only from the gateway, on the tool's port", () => {
    const ns = workspaceNamespace("diabetes-mr004");
    const ingress = inNamespace(planned, NetworkPolicy, ns).flatMap((p) => spec(p).ingress ?? []);
    expect(ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": "hdh-gateway" } },
            podSelector: { matchLabels: { app: "gateway" } },
          },
        ],
        ports: [{ protocol: "TCP", port: workspaceImages.rstudio.port }],
      },
    ]);
  });
});

/** Egress destinations of a planned workspace, as comparable strings. */
function egressDestinations(resources: PlannedResource[], ns: string): string[] {
  return inNamespace(resources, NetworkPolicy, ns)
    .flatMap((p) => (spec(p).egress ?? []) as Obj[])
    .flatMap((rule) =>
      (rule.to as Obj[]).map((peer) => {
        const ports = (rule.ports as { protocol: string; port: number }[])
          .map((p) => `${p.protocol}/${p.port}`)
          .join(",");
        if (peer.ipBlock) {
          const except = peer.ipBlock.except ? ` except ${peer.ipBlock.except.length}` : "";
          return `${peer.ipBlock.cidr}${except} ${ports}`;
        }
        const namespace = peer.namespaceSelector.matchLabels["kubernetes.io/metadata.name"];
        const pods = JSON.stringify(
          Object.fromEntries(Object.entries(peer.podSelector?.matchLabels ?? {}).sort()),
        );
        return `${namespace} ${pods} ${ports}`;
      }),
    )
    .sort();
}

describe("egress per data tier", () => {
  const dns = `kube-system {"k8s-app":"kube-dns"} UDP/53,TCP/53`;
  const storage = `${objectStorageCidr} TCP/443`;
  const mirror = (access: string) =>
    `hdh-mirror {"${labelKeys.mirrorAccess}":"${access}","${labelKeys.role}":"${mirrorRole}"} TCP/8080`;

  const tiers: Record<DataTier, string[]> = {
    0: [dns, storage, mirror("full"), "0.0.0.0/0 except 5 TCP/443,TCP/80"],
    1: [dns, storage, mirror("full")],
    2: [dns, storage, mirror("full")],
    3: [dns, storage, mirror("allowlist")],
    4: [dns, storage],
  };

  for (const tier of [0, 1, 2, 3, 4] as DataTier[]) {
    it(`tier ${tier} reaches only ${tierControls[tier].internetEgress ? "DNS, its storage, the mirror and the web" : tierControls[tier].mirror === "none" ? "DNS and its storage" : `DNS, its storage and the ${tierControls[tier].mirror} mirror`}`, async () => {
      const resources = await planWorkspaces([workspaceConfig({ tier })]);
      expect(egressDestinations(resources, workspaceNamespace("cardio-2026"))).toEqual(
        [...tiers[tier]].sort(),
      );
    });
  }

  it("the mirror is reached through its per-tier proxy label, never the unrestricted one at tier 3", () => {
    const labels = peers(planned, workspaceNamespace("cardio-2026"), "egress")
      .filter(
        (p) => p.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"] === "hdh-mirror",
      )
      .map((p) => p.podSelector?.matchLabels?.[labelKeys.mirrorAccess]);
    expect(labels).toEqual(["allowlist"]);
    expect(mirrorRole).toBe("package-mirror");
  });
});

describe("analysis deployment", () => {
  const deployments = () => ofType(planned, Deployment);

  it("runs as non-root, without privilege escalation or capabilities, under RuntimeDefault seccomp", () => {
    expect(deployments()).toHaveLength(2);
    for (const d of deployments()) {
      const pod = spec(d).template.spec;
      expect(pod.securityContext).toMatchObject({
        runAsNonRoot: true,
        seccompProfile: { type: "RuntimeDefault" },
      });
      expect(pod.securityContext.runAsUser).toBeGreaterThan(0);
      expect(pod.automountServiceAccountToken).toBe(false);
      expect(pod.hostNetwork).toBe(false);
      for (const c of pod.containers) {
        expect(c.securityContext).toMatchObject({
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          privileged: false,
          capabilities: { drop: ["ALL"] },
        });
        expect(c.securityContext.capabilities.add).toBeUndefined();
      }
    }
  });

  it("Jupyter runs with a read-only root filesystem", () => {
    const jupyter = deployments().find((d) => meta(d).name === "jupyter")!;
    expect(spec(jupyter).template.spec.containers[0].securityContext.readOnlyRootFilesystem).toBe(
      true,
    );
  });

  it("sets CPU and memory limits from the workspace config", () => {
    const rstudio = deployments().find((d) => meta(d).namespace === "ws-diabetes-mr004")!;
    const [container] = spec(rstudio).template.spec.containers;
    expect(container.resources.limits).toEqual({ cpu: "2", memory: "8Gi" });
    expect(container.resources.requests).toEqual({ cpu: "2", memory: "8Gi" });
  });

  it("pulls images only from the EU registry, pinned by digest", () => {
    for (const d of deployments()) {
      for (const c of spec(d).template.spec.containers) {
        expect(c.image.startsWith(`${registry}/`)).toBe(true);
        expect(c.image).toMatch(/@sha256:[0-9a-f]{64}$/);
      }
    }
  });
});

describe("workspace storage and key", () => {
  it("the work volume uses the encrypted storage class", () => {
    const claims = ofType(planned, "kubernetes:core/v1:PersistentVolumeClaim");
    expect(claims).toHaveLength(2);
    for (const claim of claims) expect(spec(claim).storageClassName).toBe(encryptedClass);
  });

  it("each workspace orders its own AES-256 key and tags its container with it", () => {
    const orders = ofType(planned, "openstack:keymanager/orderV1:OrderV1");
    expect(orders.map((o) => (o.inputs.meta as { name: string }).name).sort()).toEqual([
      "hdh-ws-cardio-2026",
      "hdh-ws-diabetes-mr004",
    ]);
    for (const order of orders) {
      expect(order.inputs.meta).toMatchObject({ algorithm: "aes", bitLength: 256 });
      expect(order.inputs.region).toBe("GRA11");
    }
    const containers = ofType(planned, "openstack:objectstorage/container:Container");
    const cardioContainers = containers.filter((c) =>
      String(c.inputs.name).startsWith("hdh-ws-cardio-2026-"),
    );
    expect(cardioContainers).toHaveLength(6);
    const cardioOrder = orders.find(
      (o) => (o.inputs.meta as { name: string }).name === "hdh-ws-cardio-2026",
    )!;
    for (const container of cardioContainers) {
      expect((container.inputs.metadata as Record<string, string>)["kms-key"]).toBe(
        cardioOrder.outputs.secretRef,
      );
      expect(container.inputs).toMatchObject({
        region: "GRA11",
        forceDestroy: false,
      });
      // At-rest encryption is the operator's proxy setting, judged by region, not a storage policy.
      expect(container.inputs.storagePolicy).toBeUndefined();
    }
  });

  it("in development, stateful resources are neither protected nor retained", () => {
    const claim = ofType(planned, "kubernetes:core/v1:PersistentVolumeClaim")[0];
    expect(claim.protect).toBe(false);
  });

  it("in production, namespace, volume, container and key are protected and retained", async () => {
    const resources = await planWorkspaces([cardio], { production: true });
    const stateful = resources.filter((r) =>
      [
        "kubernetes:core/v1:Namespace",
        "kubernetes:core/v1:PersistentVolumeClaim",
        "openstack:objectstorage/container:Container",
        "openstack:keymanager/orderV1:OrderV1",
      ].includes(r.type),
    );
    expect(stateful.length).toBeGreaterThanOrEqual(4);
    for (const r of stateful) {
      expect({ name: r.name, protect: r.protect, retain: r.retainOnDelete }).toEqual({
        name: r.name,
        protect: true,
        retain: true,
      });
    }
  });
});

describe("researcher RBAC", () => {
  it("binds only the project's OIDC group, to a Role in its own namespace", () => {
    for (const [ns, labels] of namespaces(planned)) {
      const bindings = inNamespace(
        planned,
        "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding",
        ns,
      );
      expect(bindings).toHaveLength(1);
      const binding = bindings[0].inputs as Obj;
      expect(binding.roleRef.kind).toBe("Role");
      expect(binding.subjects).toEqual([
        {
          apiGroup: "rbac.authorization.k8s.io",
          kind: "Group",
          name: `oidc:${labels[labelKeys.ownerGroup]}`,
        },
      ]);
      const [role] = inNamespace(planned, "kubernetes:rbac.authorization.k8s.io/v1:Role", ns);
      expect(meta(role).name).toBe(binding.roleRef.name);
    }
    expect(ofType(planned, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding")).toEqual(
      [],
    );
  });

  it("grants no secrets, exec, attach, port-forward, RBAC or wildcard", () => {
    for (const role of ofType(planned, "kubernetes:rbac.authorization.k8s.io/v1:Role")) {
      for (const rule of role.inputs.rules as {
        resources: string[];
        verbs: string[];
        apiGroups: string[];
      }[]) {
        for (const resource of rule.resources) {
          expect(forbiddenResearcherResources).not.toContain(resource);
        }
        expect(rule.verbs).not.toContain("*");
        expect(rule.verbs).not.toContain("create");
        expect(rule.verbs).not.toContain("delete");
        expect(rule.apiGroups).not.toContain("*");
      }
    }
  });
});

describe("workspace arguments", () => {
  it("a mirror open to the internet, a tag instead of a digest and a registry with a tag are all refused at once, registering nothing", async () => {
    // Baseline: what the fixture registers with no workspace (stack and providers).
    let baseline = 0;
    await planWorkspaces([], {}, (n) => (baseline = n));
    let registered = 0;
    let error: unknown;
    try {
      await planWorkspaces(
        [cardio],
        {
          reach: { ...reach, packageMirror: { cidrs: ["0.0.0.0/0"], ports: [{ port: 443 }] } },
          registry: "registry.hdh-sovereign.example.fr/hdh:latest",
          images: {
            ...workspaceImages,
            jupyter: { ...workspaceImages.jupyter, digest: "latest", tag: "latest" },
          },
        },
        (n) => (registered = n),
      );
    } catch (e) {
      error = e;
    }
    expect(baseline).toBeGreaterThan(0);
    expect(registered).toBe(baseline);
    const message = String((error as Error)?.message);
    expect(message).toMatch(/reach\.packageMirror\.cidrs\[0\]: "0\.0\.0\.0\/0" would open/);
    expect(message).toMatch(/images\.jupyter\.digest: "latest" is not a sha256 digest/);
    expect(message).toMatch(/images\.jupyter\.tag: .*never "latest"/);
    expect(message).toMatch(/registry: .* must be the EU registry host and path only/);
  });

  it("a destination with both a namespace and CIDRs is refused", async () => {
    await expect(
      planWorkspaces([cardio], {
        reach: {
          ...reach,
          dns: { namespace: "kube-system", cidrs: ["10.0.0.10/32"], ports: [{ port: 53 }] },
        },
      }),
    ).rejects.toThrow(/reach\.dns: give exactly one of namespace/);
  });
});
