import { describe, expect, it } from "vitest";
import type { PlannedResource } from "../../../offline/mock-run";
import { inNamespace, ofType, planWorkspaces, spec, workspaceConfig } from "./fixtures";
import type { WorkspaceConfig } from "../../../stacks/config";

const ns = "ws-cardio-2026";
const closing = workspaceConfig({
  closure: { requestedOn: "2026-11-01", archive: { status: "pending" } },
} as Partial<WorkspaceConfig>);
const archived = workspaceConfig({
  closure: {
    requestedOn: "2026-11-01",
    archive: { status: "done", completedOn: "2026-11-18", manifestSha256: "a".repeat(64) },
    key: { fate: "retained", destroyAfter: "2031-11-17" },
  },
} as Partial<WorkspaceConfig>);

const containers = (resources: PlannedResource[]) =>
  ofType(resources, "openstack:objectstorage/container:Container");
const byArea = (resources: PlannedResource[], area: string) =>
  containers(resources).find((c) => c.inputs.name === `hdh-ws-cardio-2026-${area}`)!;
const keyResources = (resources: PlannedResource[]) =>
  resources.filter((r) => r.type.startsWith("openstack:keymanager/"));

describe("closing a workspace revokes access everywhere", () => {
  it("no researcher binding, no analysis pod or service, no allowed flow: only the default deny", async () => {
    const resources = await planWorkspaces([closing]);
    expect(
      inNamespace(resources, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding", ns),
    ).toEqual([]);
    expect(inNamespace(resources, "kubernetes:apps/v1:Deployment", ns)).toEqual([]);
    expect(inNamespace(resources, "kubernetes:core/v1:Service", ns)).toEqual([]);
    const policies = inNamespace(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy", ns);
    expect(policies).toHaveLength(1);
    expect(spec(policies[0]).egress ?? []).toEqual([]);
    expect(spec(policies[0]).ingress ?? []).toEqual([]);
  });

  it("only the archivist can read or write any storage area", async () => {
    const resources = await planWorkspaces([closing]);
    expect(containers(resources)).toHaveLength(6);
    for (const c of containers(resources)) {
      expect([c.inputs.containerRead, c.inputs.containerWrite]).toEqual([
        "hdh-archivist",
        "hdh-archivist",
      ]);
    }
  });

  it("while archiving, data, volume and key are protected even in development", async () => {
    const resources = await planWorkspaces([closing]);
    const stateful = [
      ...containers(resources),
      ...keyResources(resources),
      ...ofType(resources, "kubernetes:core/v1:PersistentVolumeClaim"),
      ...ofType(resources, "kubernetes:core/v1:Namespace"),
    ];
    expect(stateful.filter((r) => !r.protect || !r.retainOnDelete).map((r) => r.name)).toEqual([]);
  });
});

describe("an archived workspace", () => {
  it("is released for removal, but its archive and key are retained on delete", async () => {
    const resources = await planWorkspaces([archived]);
    const all = [...containers(resources), ...keyResources(resources)];
    expect(all.filter((r) => r.protect).map((r) => r.name)).toEqual([]);
    expect(byArea(resources, "archive").retainOnDelete).toBe(true);
    for (const key of keyResources(resources)) expect(key.retainOnDelete).toBe(true);
    for (const area of ["data", "ingress", "egress", "review", "outbox"]) {
      expect({ area, retained: byArea(resources, area).retainOnDelete }).toEqual({
        area,
        retained: false,
      });
    }
  });
});

describe("an open workspace", () => {
  it("has its own key from the first deployment", async () => {
    const resources = await planWorkspaces([workspaceConfig()]);
    const orders = ofType(resources, "openstack:keymanager/orderV1:OrderV1");
    expect(orders.map((o) => (o.inputs.meta as { name: string }).name)).toEqual([
      "hdh-ws-cardio-2026",
    ]);
  });
});
