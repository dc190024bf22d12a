import { describe, expect, it } from "vitest";
import * as k8s from "@pulumi/kubernetes";
import * as openstack from "@pulumi/openstack";
import { parse } from "yaml";
import { runUnderMocks, type PlannedResource } from "../../offline/mock-run";
import { platformArgs } from "../../stacks/component-args";
import { Platform } from "../../components/platform/platform";
import { labelKeys } from "../../policies/catalog/labels";
import { parseStack } from "../components/plan-helpers";
import {
  AuditLog,
  auditNamespace,
  shipperName,
  shipperNamespace,
  type AuditLogArgs,
} from "../../components/audit/audit-log";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type Overrides = Partial<Omit<AuditLogArgs, "openstackProvider" | "kubernetesProvider">>;

const registry = "registry.hdh-sovereign.example.fr/hdh";

async function plan(overrides: Overrides = {}): Promise<PlannedResource[]> {
  const { resources } = await runUnderMocks(
    () => {
      new AuditLog("audit", {
        stack: "dev",
        production: false,
        dedicatedProject: true,
        openstackProvider: new openstack.Provider("audit-project", {
          authUrl: "https://auth.cloud.ovh.net/v3",
          region: "GRA11",
        }),
        kubernetesProvider: new k8s.Provider("cluster", { kubeconfig: "mock" }),
        region: { name: "GRA11", country: "FR" },
        registry,
        authUrl: "https://auth.cloud.ovh.net/v3",
        bastionCidrs: ["10.42.0.0/24"],
        apiEgressCidrs: ["10.42.8.0/22"],
        ...overrides,
      });
    },
    { project: "hdh", stack: "dev" },
  );
  return resources;
}

const ofType = (resources: PlannedResource[], type: string) =>
  resources.filter((r) => r.type === type);
const one = (resources: PlannedResource[], type: string, name?: string) => {
  const found = ofType(resources, type).filter((r) => !name || r.name === name);
  expect(found, `${type} ${name ?? ""}`).toHaveLength(1);
  return found[0];
};

describe("AuditLog store", () => {
  it("keeps the records in a versioned, encrypted container in the EU region, never force-destroyed", async () => {
    const resources = await plan();
    const container = one(resources, "openstack:objectstorage/container:Container");
    expect(container.inputs).toMatchObject({
      name: "hdh-dev-audit",
      region: "GRA11",
      versioning: true,
      forceDestroy: false,
    });
    // Roles of the audit project only: auditors read; the sealer writes. No role may delete:
    // the retention job is the account's operator, held by its access rules (below).
    expect(container.inputs.containerRead).toBe("hdh-audit-reader,hdh-audit-writer");
    expect(container.inputs.containerWrite).toBe("hdh-audit-writer");
    const order = one(resources, "openstack:keymanager/orderV1:OrderV1");
    expect(order.inputs).toMatchObject({ type: "key", region: "GRA11" });
    expect((order.inputs.meta as Obj).bitLength).toBe(256);
    // The container records its own key, as the key manager returned it.
    expect((container.inputs.metadata as Obj)["kms-key"]).toMatch(/^https:\/\/barbican/);
    expect((container.inputs.metadata as Obj)["retention-days"]).toBe("365");
  });

  it("gives the sealer a credential that can add and read objects and its key, but never delete", async () => {
    const resources = await plan();
    const cred = one(
      resources,
      "openstack:identity/applicationCredential:ApplicationCredential",
      "audit-writer",
    );
    expect(cred.inputs.unrestricted).toBe(false);
    expect(cred.additionalSecretOutputs).toContain("secret");
    const rules = cred.inputs.accessRules as { service: string; method: string; path: string }[];
    expect(rules.map((r) => r.method).sort()).toEqual(["GET", "GET", "GET", "HEAD", "PUT"]);
    expect(rules.some((r) => r.method === "DELETE" || r.method === "POST")).toBe(false);
    for (const rule of rules.filter((r) => r.service === "object-store")) {
      expect(rule.path).toMatch(/^\/v1\/\*\/hdh-dev-audit(\/\*\*)?$/);
    }
    const keyRule = rules.find((r) => r.service === "key-manager");
    expect(keyRule?.path).toBe("/v1/secrets/audit-key-order/payload");
  });

  it("runs a daily retention job whose operator credential may only list the container and delete in it", async () => {
    const resources = await plan({ retentionDays: 400 });
    const cred = one(
      resources,
      "openstack:identity/applicationCredential:ApplicationCredential",
      "audit-retention",
    );
    expect(cred.inputs).toMatchObject({
      name: "hdh-dev-audit-retention",
      roles: ["swiftoperator"],
      unrestricted: false,
    });
    expect(cred.additionalSecretOutputs).toContain("secret");
    expect(cred.inputs.accessRules).toEqual([
      { service: "object-store", method: "GET", path: "/v1/*/hdh-dev-audit" },
      { service: "object-store", method: "DELETE", path: "/v1/*/hdh-dev-audit/**" },
    ]);
    const job = one(resources, "kubernetes:batch/v1:CronJob");
    const spec = job.inputs.spec as Obj;
    expect(spec).toMatchObject({ schedule: "17 3 * * *", concurrencyPolicy: "Forbid" });
    const pod = spec.jobTemplate.spec.template.spec as Obj;
    expect(pod.automountServiceAccountToken).toBe(false);
    const container = (pod.containers as Obj[])[0];
    expect(container.command).toEqual(["node", "services/audit-sealer/retention-main.js"]);
    expect(container.image).toMatch(/audit-sealer.*@sha256:[0-9a-f]{64}$/);
    expect(container.env).toContainEqual({ name: "HDH_AUDIT_RETENTION_DAYS", value: "400" });
    expect(container.envFrom).toEqual([{ secretRef: { name: "hdh-audit-retention" } }]);
    expect(JSON.stringify(pod)).not.toMatch(/APPLICATION_CREDENTIAL_SECRET/);
    const policy = ofType(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy").find(
      (p) => (p.inputs.metadata as Obj).name === "hdh-audit-retention",
    )!;
    expect((policy.inputs.spec as Obj).ingress).toEqual([]);
    const destinations = ((policy.inputs.spec as Obj).egress as Obj[]).flatMap(
      (rule) => (rule.to as Obj[]) ?? [],
    );
    expect(destinations).toContainEqual({ ipBlock: { cidr: "10.42.8.0/22" } });
  });

  it("sets the retention from its argument and refuses one outside 6 months to 3 years", async () => {
    const resources = await plan({ retentionDays: 730 });
    const container = one(resources, "openstack:objectstorage/container:Container");
    expect((container.inputs.metadata as Obj)["retention-days"]).toBe("730");
    const sealer = one(resources, "kubernetes:apps/v1:Deployment");
    const env = (sealer.inputs.spec as Obj).template.spec.containers[0].env as Obj[];
    expect(env).toContainEqual({ name: "HDH_AUDIT_RETENTION_DAYS", value: "730" });
    await expect(plan({ retentionDays: 30 })).rejects.toThrow(/retentionDays: 30 must be/);
    await expect(plan({ retentionDays: 4000 })).rejects.toThrow(/retentionDays/);
  });

  it("protects the store and its key in production and retains them on delete", async () => {
    const resources = await plan({ production: true });
    for (const type of [
      "openstack:objectstorage/container:Container",
      "openstack:keymanager/orderV1:OrderV1",
    ]) {
      const r = one(resources, type);
      expect([r.name, r.protect, r.retainOnDelete]).toEqual([r.name, true, true]);
    }
  });

  it("refuses a non-EU region and a production store in a shared project, listing both", async () => {
    const error = plan({
      production: true,
      dedicatedProject: false,
      region: { name: "UK1", country: "GB" },
    });
    await expect(error).rejects.toThrow(/region: UK1 is in "GB".*dedicatedProject/s);
  });

  it("refuses an image pinned by tag instead of digest", async () => {
    await expect(
      plan({
        images: {
          fluentBit: { repository: "fluent/fluent-bit", tag: "3.2.10", digest: "3.2.10" },
          sealer: {
            repository: "hdh/audit-sealer",
            tag: "0.1.0",
            digest: `sha256:${"a".repeat(64)}`,
          },
        },
      }),
    ).rejects.toThrow(/images\.fluentBit\.digest/);
  });
});

describe("AuditLog shipper", () => {
  it("runs Fluent Bit from the EU registry by digest, with no capability, no escalation and a read-only root", async () => {
    const resources = await plan();
    const ds = one(resources, "kubernetes:apps/v1:DaemonSet");
    expect((ds.inputs.metadata as Obj).namespace).toBe(shipperNamespace);
    const pod = (ds.inputs.spec as Obj).template.spec as Obj;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.hostNetwork ?? false).toBe(false);
    expect(pod.hostPID ?? false).toBe(false);
    const [container] = pod.containers as Obj[];
    expect(container.image).toMatch(
      new RegExp(`^${registry.replace(/\./g, "\\.")}/fluent/fluent-bit@sha256:[0-9a-f]{64}$`),
    );
    expect(container.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      privileged: false,
      capabilities: { drop: ["ALL"] },
    });
    expect(container.securityContext.capabilities.add).toBeUndefined();
  });

  it("mounts exactly one hostPath, /var/log, read-only", async () => {
    const resources = await plan();
    const pod = (one(resources, "kubernetes:apps/v1:DaemonSet").inputs.spec as Obj).template
      .spec as Obj;
    const hostVolumes = (pod.volumes as Obj[]).filter((v) => v.hostPath);
    expect(hostVolumes.map((v) => v.hostPath.path)).toEqual(["/var/log"]);
    const mounts = (pod.containers as Obj[]).flatMap((c) => c.volumeMounts as Obj[]);
    const hostMounts = mounts.filter((m) => m.name === hostVolumes[0].name);
    expect(hostMounts).toEqual([
      { name: hostVolumes[0].name, mountPath: "/var/log", readOnly: true },
    ]);
    // No other workload of the component touches the node.
    const others = ofType(resources, "kubernetes:apps/v1:Deployment");
    for (const d of others) {
      expect(((d.inputs.spec as Obj).template.spec.volumes as Obj[]).some((v) => v.hostPath)).toBe(
        false,
      );
    }
    expect((one(resources, "kubernetes:apps/v1:DaemonSet").inputs.metadata as Obj).name).toBe(
      shipperName,
    );
  });

  it("runs the sealer non-root in a restricted namespace, reachable only from the shipper and the bastions", async () => {
    const resources = await plan();
    const ns = ofType(resources, "kubernetes:core/v1:Namespace").find(
      (r) => (r.inputs.metadata as Obj).name === auditNamespace,
    );
    expect((ns?.inputs.metadata as Obj).labels["pod-security.kubernetes.io/enforce"]).toBe(
      "restricted",
    );
    const pod = (one(resources, "kubernetes:apps/v1:Deployment").inputs.spec as Obj).template
      .spec as Obj;
    expect(pod.securityContext.runAsNonRoot).toBe(true);
    for (const c of pod.containers as Obj[]) {
      expect(c.image).toMatch(/@sha256:[0-9a-f]{64}$/);
      expect(c.securityContext).toMatchObject({
        runAsNonRoot: true,
        readOnlyRootFilesystem: true,
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"] },
      });
    }
    const policies = ofType(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy");
    const policy = policies.find((p) => (p.inputs.metadata as Obj).name === "hdh-audit-sealer")!;
    const spec = policy.inputs.spec as Obj;
    expect(spec.policyTypes).toEqual(["Ingress", "Egress"]);
    const sources = (spec.ingress as Obj[]).flatMap((rule) => rule.from as Obj[]);
    expect(sources).toEqual([
      { namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": shipperNamespace } } },
      { ipBlock: { cidr: "10.42.0.0/24" } },
    ]);
    // The credential reaches the sealer only from a Secret, never as a literal in the pod spec.
    const sealer = (pod.containers as Obj[])[0];
    expect(sealer.envFrom).toEqual([{ secretRef: { name: "hdh-audit-writer" } }]);
    expect(JSON.stringify(pod)).not.toMatch(/APPLICATION_CREDENTIAL_SECRET/);
  });

  it("isolates the sealer's and the shipper's namespaces both ways; the shipper only sends to the sealer", async () => {
    const resources = await plan();
    const policies = ofType(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy").map(
      (p) => p.inputs as Obj,
    );
    for (const namespace of [auditNamespace, shipperNamespace]) {
      expect(
        policies.filter(
          (p) =>
            p.metadata.namespace === namespace &&
            JSON.stringify(p.spec) ===
              JSON.stringify({ podSelector: {}, policyTypes: ["Ingress", "Egress"] }),
        ),
        namespace,
      ).toHaveLength(1);
    }
    const shipper = policies.find(
      (p) => p.metadata.namespace === shipperNamespace && p.metadata.name === shipperName,
    )!;
    expect(shipper.spec.policyTypes).toEqual(["Egress"]);
    const destinations = (shipper.spec.egress as Obj[]).flatMap((rule) => rule.to as Obj[]);
    expect(destinations).toContainEqual({
      namespaceSelector: { matchLabels: { "kubernetes.io/metadata.name": auditNamespace } },
    });
    expect(JSON.stringify(destinations)).not.toMatch(/ipBlock/);
  });

  it("ships the API server's audit log and airlock lines to the sealer, never dropping a line", async () => {
    const resources = await plan({ airlockNamespaces: ["hdh-airlock", "hdh-review"] });
    const config = ofType(resources, "kubernetes:core/v1:ConfigMap").find(
      (r) => (r.inputs.metadata as Obj).namespace === shipperNamespace,
    );
    const text = (config?.inputs.data as Obj)["fluent-bit.conf"] as string;
    expect(text).toMatch(/Path\s+\/var\/log\/kubernetes\/audit\/\*\.log/);
    expect(text).toMatch(
      /Path\s+\/var\/log\/containers\/\*_hdh-airlock_\*\.log,\/var\/log\/containers\/\*_hdh-review_\*\.log/,
    );
    expect(text).toMatch(/Host\s+hdh-audit-sealer\.hdh-audit\.svc/);
    expect(text).toMatch(/Retry_Limit\s+no_limits/);
  });
});

describe("AuditLog outputs", () => {
  it("exposes a real API server audit policy", async () => {
    let policy = "";
    await runUnderMocks(
      () => {
        const log = new AuditLog("audit", {
          stack: "dev",
          production: false,
          dedicatedProject: false,
          openstackProvider: new openstack.Provider("p", { region: "GRA11" }),
          kubernetesProvider: new k8s.Provider("k", { kubeconfig: "mock" }),
          region: { name: "GRA11", country: "FR" },
          registry,
          authUrl: "https://auth.cloud.ovh.net/v3",
        });
        policy = log.kubeAuditPolicyYaml;
      },
      { project: "hdh", stack: "dev" },
    );
    expect(parse(policy)).toMatchObject({ apiVersion: "audit.k8s.io/v1", kind: "Policy" });
  });
});

describe("AuditLog ownership", () => {
  const owners = (resources: PlannedResource[]) => {
    const container = one(resources, "openstack:objectstorage/container:Container");
    const namespaces = ofType(resources, "kubernetes:core/v1:Namespace");
    return [
      container.inputs.metadata as Obj,
      ...namespaces.map((n) => (n.inputs.metadata as Obj).labels as Obj),
    ].map((labels) => [
      labels[labelKeys.project],
      labels[labelKeys.classification],
      labels[labelKeys.ownerGroup],
    ]);
  };

  it("a store or namespace without its owner is not planned: platform, tier 4, the operators by default", async () => {
    const resources = await plan();
    expect(ofType(resources, "kubernetes:core/v1:Namespace")).toHaveLength(2);
    expect(owners(resources)).toEqual(Array(3).fill(["platform", "4", "hdh-platform-operators"]));
  });

  it("the Platform's own owner (its operators group) is the audit trail's", async () => {
    const { resources } = await runUnderMocks(
      () => {
        new Platform("hdh-dev", {
          ...platformArgs(parseStack("dev")),
          operatorsGroup: "hdh-ops-x",
        });
      },
      { project: "hdh-sovereign", stack: "dev" },
    );
    const audit = resources.filter((r) => r.urn.includes("hdh:audit:AuditLog$"));
    expect(owners(audit)).toEqual(Array(3).fill(["platform", "4", "hdh-ops-x"]));
  });
});
