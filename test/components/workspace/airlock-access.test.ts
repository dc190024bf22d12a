/**
 * Each airlock access rule, proven on the planned containers' ACLs and the planned Kubernetes
 * objects. The expected matrix is written out here by hand, not imported from the component's
 * table, so a wrong table fails.
 */
import { beforeAll, describe, expect, it } from "vitest";
import type { PlannedResource } from "../../../offline/mock-run";
import { ofType, planWorkspaces, workspaceConfig } from "./fixtures";
import { defaultAirlockGroups } from "../../../components/workspace/workspace";

type Access = "" | "r" | "w" | "rw";
const areas = ["data", "ingress", "egress", "review", "outbox", "archive"] as const;

/** Who may do what, per area, in the order of `areas`. */
const expected: Record<string, Access[]> = {
  "hdh-ws-cardio-2026-researcher": ["rw", "r", "rw", "r", "", ""],
  "hdh-ws-cardio-2026-owner": ["", "", "", "", "r", ""],
  "hdh-data-steward": ["", "rw", "", "", "", ""],
  "hdh-airlock-reviewer": ["", "", "r", "r", "", ""],
  "hdh-airlock-mover": ["", "", "rw", "rw", "w", ""],
  "hdh-archivist": ["", "", "", "", "", "rw"],
};

let planned: PlannedResource[];
const container = (area: string) =>
  ofType(planned, "openstack:objectstorage/container:Container").find(
    (c) => c.inputs.name === `hdh-ws-cardio-2026-${area}`,
  )!;
const acl = (value: unknown) => (typeof value === "string" && value ? value.split(",") : []);

beforeAll(async () => {
  planned = await planWorkspaces([
    workspaceConfig(),
    workspaceConfig({ id: "other-project", ownerGroup: "hdh-researchers-other" }),
  ]);
});

describe("airlock areas", () => {
  for (const [role, row] of Object.entries(expected)) {
    it(`${role} has exactly ${areas.map((a, i) => `${a}:${row[i] || "-"}`).join(" ")}`, () => {
      for (const [i, area] of areas.entries()) {
        const c = container(area);
        const can =
          (acl(c.inputs.containerRead).includes(role) ? "r" : "") +
          (acl(c.inputs.containerWrite).includes(role) ? "w" : "");
        expect({ area, can }).toEqual({ area, can: row[i] });
      }
    });
  }

  it("no role outside the matrix appears in any ACL, and no ACL is public (.r:*)", () => {
    const known = new Set(Object.keys(expected));
    for (const area of areas) {
      const c = container(area);
      for (const entry of [...acl(c.inputs.containerRead), ...acl(c.inputs.containerWrite)]) {
        expect(known.has(entry), `${area}: ${entry}`).toBe(true);
      }
    }
  });

  it("researchers of one project have no access to another project's areas", () => {
    for (const c of ofType(planned, "openstack:objectstorage/container:Container")) {
      if (!String(c.inputs.name).startsWith("hdh-ws-other-project-")) continue;
      const entries = [...acl(c.inputs.containerRead), ...acl(c.inputs.containerWrite)];
      expect(entries).not.toContain("hdh-ws-cardio-2026-researcher");
      expect(entries).not.toContain("hdh-ws-cardio-2026-owner");
    }
  });

  it("places no credential and no pre-signed link in the workspace", () => {
    expect(ofType(planned, "openstack:objectstorage/tempUrl:TempUrl")).toEqual([]);
    expect(ofType(planned, "kubernetes:core/v1:Secret")).toEqual([]);
    for (const c of ofType(planned, "openstack:objectstorage/container:Container")) {
      const keys = Object.keys((c.inputs.metadata ?? {}) as object).map((k) => k.toLowerCase());
      expect(keys.filter((k) => k.includes("temp-url") || k.includes("temp_url"))).toEqual([]);
    }
    for (const d of ofType(planned, "kubernetes:apps/v1:Deployment")) {
      const pod = (d.inputs.spec as { template: { spec: Record<string, unknown> } }).template.spec;
      expect(pod.automountServiceAccountToken).toBe(false);
      const containers = pod.containers as { env?: unknown[]; envFrom?: unknown[] }[];
      for (const c of containers) {
        expect(c.env ?? []).toEqual([]);
        expect(c.envFrom ?? []).toEqual([]);
      }
      const volumes = pod.volumes as Record<string, unknown>[];
      expect(volumes.filter((v) => v.secret || v.projected)).toEqual([]);
    }
  });

  it("reviewers and stewards get nothing in the workspace's Kubernetes namespace", () => {
    const subjects = ofType(planned, "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding").flatMap(
      (b) => (b.inputs.subjects as { name: string }[]).map((s) => s.name),
    );
    expect(subjects.some((s) => s.includes(defaultAirlockGroups.reviewers))).toBe(false);
    expect(subjects.some((s) => s.includes(defaultAirlockGroups.stewards))).toBe(false);
  });

  it("a project whose researchers are the reviewers' group is refused", async () => {
    await expect(
      planWorkspaces([workspaceConfig({ ownerGroup: defaultAirlockGroups.reviewers })]),
    ).rejects.toThrow(
      /config\.ownerGroup: "hdh-airlock-reviewers" is also the airlock's reviewers group/,
    );
  });
});
