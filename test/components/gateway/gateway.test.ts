import { beforeAll, describe, expect, it } from "vitest";
import type { PlannedResource } from "../../../offline/mock-run";
import { kioskLabels } from "../../../components/gateway/connections";
import { edgeComponentType } from "../../../components/gateway/edge";
import { workspaceImages } from "../../../components/workspace/images";
import { workspaceNamespace } from "../../../components/workspace/names";
import { tierControls } from "../../../policies/catalog/data-tiers";
import { evaluatePolicies } from "../../../offline/evaluate-policies";
import { normalizePlan } from "../../../cli/normalize/from-plan";
import { toEngineUrns } from "../../../cli/plan/engine-urns";
import { allPolicies } from "../../../policies/all";
import { defaultSettings, packConfigFromSettings } from "../../../policies/config";
import { isInside } from "../plan-helpers";
import {
  inNamespace,
  meta,
  namespaces,
  ofType,
  registry,
  spec,
  type Obj,
} from "../workspace/fixtures";
import {
  appliedConnections,
  certificateRef,
  gatewayNamespace,
  hostname,
  planGateway,
  platformZone,
  researcherCidrs,
  tierWorkspaces,
} from "./fixtures";

const T = {
  lb: "openstack:loadbalancer/loadBalancer:LoadBalancer",
  listener: "openstack:loadbalancer/listener:Listener",
  pool: "openstack:loadbalancer/pool:Pool",
  member: "openstack:loadbalancer/member:Member",
  l7: "openstack:loadbalancer/l7PolicyV2:L7PolicyV2",
  fip: "openstack:networking/floatingIp:FloatingIp",
  sg: "openstack:networking/secGroup:SecGroup",
  rule: "openstack:networking/secGroupRule:SecGroupRule",
  netpol: "kubernetes:networking.k8s.io/v1:NetworkPolicy",
  deployment: "kubernetes:apps/v1:Deployment",
  service: "kubernetes:core/v1:Service",
  configMap: "kubernetes:core/v1:ConfigMap",
  pvc: "kubernetes:core/v1:PersistentVolumeClaim",
};

let planned: PlannedResource[];
let connections: ReturnType<typeof appliedConnections>;
beforeAll(async () => {
  planned = await planGateway();
  const [sqlMap] = inNamespace(planned, T.configMap, gatewayNamespace);
  connections = appliedConnections((sqlMap.inputs.data as Obj)["connections.sql"]);
});

const labelsMatch = (selector: Record<string, string>, labels: Record<string, string>) =>
  Object.entries(selector).every(([k, v]) => labels[k] === v);

describe("the public edge", () => {
  it("serves TLS only: one TERMINATED_HTTPS listener with the configured Barbican certificate, forwarding to the pool", () => {
    const listeners = ofType(planned, T.listener);
    const https = listeners.filter((l) => l.inputs.protocol === "TERMINATED_HTTPS");
    expect(https).toHaveLength(1);
    expect(https[0].inputs).toMatchObject({
      protocolPort: 443,
      defaultTlsContainerRef: certificateRef,
    });
    const [pool] = ofType(planned, T.pool);
    expect(pool.inputs.listenerId).toBe(https[0].id);
    // Nothing else but the redirect listener.
    expect(listeners.filter((l) => l !== https[0]).map((l) => l.inputs.protocol)).toEqual(["HTTP"]);
  });

  it("the plain HTTP listener has no pool and only redirects to https://<hostname>/", () => {
    const http = ofType(planned, T.listener).find((l) => l.inputs.protocol === "HTTP")!;
    expect(http.inputs.protocolPort).toBe(80);
    expect(http.inputs.defaultPoolId).toBeUndefined();
    expect(ofType(planned, T.pool).some((p) => p.inputs.listenerId === http.id)).toBe(false);
    const redirects = ofType(planned, T.l7).filter((p) => p.inputs.listenerId === http.id);
    expect(redirects).toHaveLength(1);
    expect(redirects[0].inputs).toMatchObject({
      action: "REDIRECT_TO_URL",
      redirectUrl: `https://${hostname}/`,
    });
  });

  it("the only floating IP is the gateway load balancer's, marked as a bastion", () => {
    const fips = ofType(planned, T.fip);
    expect(fips).toHaveLength(1);
    const [lb] = ofType(planned, T.lb);
    expect(fips[0].inputs.portId).toBe(lb.outputs.vipPortId);
    expect(fips[0].inputs.portId).toBeTruthy();
    expect(isInside(fips[0], edgeComponentType)).toBe(true);
    expect(fips[0].inputs.tags).toContain("hdh.health/role=bastion");
    // The VIP itself is private: a bastion-zone subnet, never the external network.
    expect(lb.inputs.vipSubnetId).toBe("bastion-subnet");
    expect(lb.inputs.vipNetworkId).toBeUndefined();
  });

  it("the security group admits only 443 and 80 from the researchers' networks and sends only to the internal balancer", () => {
    const [group] = ofType(planned, T.sg);
    expect(group.inputs.deleteDefaultRules).toBe(true);
    const [lb] = ofType(planned, T.lb);
    expect(lb.inputs.securityGroupIds).toEqual([group.id]);
    const rules = ofType(planned, T.rule);
    const ingress = rules.filter((r) => r.inputs.direction === "ingress");
    expect(
      ingress.map((r) => `${r.inputs.remoteIpPrefix}:${r.inputs.portRangeMin}`).sort(),
    ).toEqual(researcherCidrs.flatMap((c) => [`${c}:443`, `${c}:80`]).sort());
    for (const rule of rules) {
      expect(rule.inputs.portRangeMin, rule.name).toBe(rule.inputs.portRangeMax);
      expect(rule.inputs.protocol, rule.name).toBe("tcp");
      expect((rule.inputs.description as string).length, rule.name).toBeGreaterThan(10);
      expect(rule.inputs.securityGroupId).toBe(group.id);
    }
    const egress = rules.filter((r) => r.inputs.direction === "egress");
    expect(egress.map((r) => [r.inputs.remoteIpPrefix, r.inputs.portRangeMin])).toEqual([
      [platformZone, 80],
    ]);
    // Octavia enforces the same sources on the listeners.
    for (const listener of ofType(planned, T.listener))
      expect(listener.inputs.allowedCidrs).toEqual(researcherCidrs);
  });

  it("forwards to the cluster's internal load balancer, which has no public address", () => {
    const web = inNamespace(planned, T.service, gatewayNamespace).find(
      (s) => meta(s).name === "guacamole",
    )!;
    expect(spec(web).type).toBe("LoadBalancer");
    expect(meta(web).annotations).toEqual({
      "service.beta.kubernetes.io/openstack-internal-load-balancer": "true",
    });
    const [member] = ofType(planned, T.member);
    expect(member.inputs.address).toBe((web.outputs.status as Obj).loadBalancer.ingress[0].ip);
    expect(member.inputs.protocolPort).toBe(80);
  });

  it("the policy pack finds nothing mandatory on the gateway, with the edge known as a bastion", async () => {
    const violations = await evaluatePolicies({
      resources: normalizePlan(toEngineUrns(planned)),
      stackName: "test",
      config: packConfigFromSettings(allPolicies, {
        bastionComponentTypes: [...defaultSettings.bastionComponentTypes, edgeComponentType],
        registries: [registry],
        // The cluster component declares this class in a real stack; here it stands alone.
        encryptedStorageClasses: ["cinder-luks"],
      }),
    });
    const mandatory = violations.filter(
      (v) => v.enforcementLevel === "mandatory" && (v.urn ?? "").includes("hdh:gateway:"),
    );
    expect(mandatory.map((v) => `${v.policyName}: ${v.urn}: ${v.message}`)).toEqual([]);
  });
});

describe("the internet opt-out", () => {
  let open: PlannedResource[];
  beforeAll(async () => {
    open = await planGateway({ allowInternetResearchers: true }, tierWorkspaces.slice(0, 1));
  });

  it("opens 443 alone to every network; the HTTP redirect stays with the researchers' networks", () => {
    const internet = ofType(open, T.rule).filter((r) => r.inputs.remoteIpPrefix === "0.0.0.0/0");
    expect(internet.map((r) => [r.inputs.direction, r.inputs.portRangeMin])).toEqual([
      ["ingress", 443],
    ]);
    expect(internet[0].inputs.description).toContain("allowInternetResearchers");
    const http = ofType(open, T.listener).find((l) => l.inputs.protocol === "HTTP")!;
    expect(http.inputs.allowedCidrs).toEqual(researcherCidrs);
  });

  it("is judged by the pack: mandatory unless 443 is a named bastion public port", async () => {
    const judge = (bastionPublicPorts: number[]) =>
      evaluatePolicies({
        resources: normalizePlan(toEngineUrns(open)),
        stackName: "test",
        config: packConfigFromSettings(allPolicies, {
          bastionComponentTypes: [...defaultSettings.bastionComponentTypes, edgeComponentType],
          bastionPublicPorts,
          registries: [registry],
        }),
      }).then((vs) =>
        vs.filter((v) => v.policyName === "openstack-networking-secgroup-rule-no-internet-ingress"),
      );
    expect(await judge([])).toHaveLength(1);
    expect(await judge([443])).toEqual([]);
  });
});

describe("connections", () => {
  it("one connection per workspace, granted to its owner group and nobody else", () => {
    expect([...connections.keys()].sort()).toEqual(
      tierWorkspaces.map((w) => `hdh-ws-${w.id}`).sort(),
    );
    for (const w of tierWorkspaces) {
      expect(connections.get(`hdh-ws-${w.id}`)!.grantedTo, w.id).toEqual([w.ownerGroup]);
    }
  });

  it("the clipboard follows the tier table: off both ways from tier 2, on at tiers 0 and 1", () => {
    for (const w of tierWorkspaces) {
      const p = connections.get(`hdh-ws-${w.id}`)!.parameters;
      const off = String(!tierControls[w.tier].clipboard);
      expect([p["disable-copy"], p["disable-paste"]], `tier ${w.tier}`).toEqual([off, off]);
      if (w.tier >= 2) expect(p["disable-copy"]).toBe("true");
    }
  });

  it("no file transfer: SFTP off, no drive, no audio channel", () => {
    for (const [name, { parameters: p }] of connections) {
      expect(p["enable-sftp"], name).toBe("false");
      expect(p["sftp-disable-download"], name).toBe("true");
      expect(p["sftp-disable-upload"], name).toBe("true");
      expect(p["enable-drive"], name).toBeUndefined();
      expect(p["enable-audio"], name).toBe("false");
    }
  });

  it("each connection opens its own workspace's kiosk, and sessions are recorded naming the person", () => {
    for (const w of tierWorkspaces) {
      const p = connections.get(`hdh-ws-${w.id}`)!.parameters;
      expect(p.hostname).toBe(`kiosk-${w.id}.${gatewayNamespace}.svc.cluster.local`);
      expect(p["recording-path"]).toBe("/recordings");
      expect(p["recording-name"]).toContain("${GUAC_USERNAME}");
    }
  });

  it("the recordings go to an encrypted volume mounted by guacd only", () => {
    const claim = inNamespace(planned, T.pvc, gatewayNamespace).find(
      (c) => meta(c).name === "recordings",
    )!;
    expect(spec(claim).storageClassName).toBe("cinder-luks");
    const mounting = inNamespace(planned, T.deployment, gatewayNamespace).filter((d) =>
      ((spec(d).template.spec.volumes ?? []) as Obj[]).some(
        (v) => v.persistentVolumeClaim?.claimName === "recordings",
      ),
    );
    expect(mounting.map((d) => meta(d).name)).toEqual(["guacd"]);
  });
});

describe("isolation", () => {
  it("the gateway namespace enforces Pod Security restricted and starts from default deny", () => {
    const labels = namespaces(planned).get(gatewayNamespace)!;
    expect(labels["pod-security.kubernetes.io/enforce"]).toBe("restricted");
    const deny = inNamespace(planned, T.netpol, gatewayNamespace).find(
      (p) => meta(p).name === "default-deny",
    )!;
    expect(spec(deny)).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"] });
  });

  it("each workspace admits only its own kiosk, from the gateway namespace, on its tool port", () => {
    for (const w of tierWorkspaces) {
      const policies = inNamespace(planned, T.netpol, workspaceNamespace(w.id));
      const rules = policies.flatMap((p) => (spec(p).ingress ?? []) as Obj[]);
      expect(rules, w.id).toEqual([
        {
          from: [
            {
              namespaceSelector: {
                matchLabels: { "kubernetes.io/metadata.name": gatewayNamespace },
              },
              podSelector: { matchLabels: kioskLabels(w.id) },
            },
          ],
          ports: [{ protocol: "TCP", port: workspaceImages[w.tool].port }],
        },
      ]);
    }
  });

  it("no workspace is reachable from another's kiosk: each kiosk sends only to its own workspace's tool port", () => {
    for (const w of tierWorkspaces) {
      const policy = inNamespace(planned, T.netpol, gatewayNamespace).find(
        (p) =>
          Object.keys(spec(p).podSelector.matchLabels ?? {}).length > 0 &&
          labelsMatch(spec(p).podSelector.matchLabels, kioskLabels(w.id)),
      )!;
      const targets = (spec(policy).egress as Obj[]).flatMap((rule) =>
        (rule.to as Obj[]).map((peer) => ({
          ns: peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"],
          ports: rule.ports,
        })),
      );
      const workspaceTargets = targets.filter((t) => t.ns?.startsWith("ws-"));
      expect(workspaceTargets, w.id).toEqual([
        {
          ns: workspaceNamespace(w.id),
          ports: [{ protocol: "TCP", port: workspaceImages[w.tool].port }],
        },
      ]);
      expect(targets.filter((t) => t.ns !== workspaceNamespace(w.id)).map((t) => t.ns)).toEqual([
        "kube-system",
      ]);
      // And another workspace's ingress selector never matches this kiosk's pods.
      for (const other of tierWorkspaces.filter((o) => o.id !== w.id)) {
        expect(labelsMatch(kioskLabels(other.id), kioskLabels(w.id))).toBe(false);
      }
    }
  });

  it("only kiosks reach workspaces: Guacamole, guacd and the database have no flow to any workspace", () => {
    for (const policy of inNamespace(planned, T.netpol, gatewayNamespace)) {
      const selector = (spec(policy).podSelector.matchLabels ?? {}) as Record<string, string>;
      if (selector["hdh.health/component"] === "gateway-kiosk") continue;
      const peers = ((spec(policy).egress ?? []) as Obj[]).flatMap((r) => r.to as Obj[]);
      for (const peer of peers) {
        const ns = peer.namespaceSelector?.matchLabels?.["kubernetes.io/metadata.name"];
        expect(ns === undefined || ns === "kube-system", meta(policy).name).toBe(true);
        if (peer.ipBlock) expect(peer.ipBlock.cidr, meta(policy).name).toBe("192.0.2.0/24");
      }
    }
  });

  it("every gateway image comes from the EU registry by digest, every container runs non-root with limits", () => {
    for (const d of inNamespace(planned, T.deployment, gatewayNamespace)) {
      const pod = spec(d).template.spec;
      expect(pod.automountServiceAccountToken, meta(d).name).toBe(false);
      for (const c of [...(pod.initContainers ?? []), ...pod.containers] as Obj[]) {
        expect(c.image, c.name).toMatch(
          new RegExp(`^${registry}/[a-z0-9/_.-]+@sha256:[0-9a-f]{64}$`),
        );
        expect(c.securityContext).toMatchObject({
          runAsNonRoot: true,
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ["ALL"] },
        });
        expect(c.resources.limits, c.name).toHaveProperty("memory");
      }
    }
  });
});
