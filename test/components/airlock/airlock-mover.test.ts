import { readFileSync } from "node:fs";
import { join } from "node:path";
import * as k8s from "@pulumi/kubernetes";
import * as openstack from "@pulumi/openstack";
import { beforeAll, describe, expect, it } from "vitest";
import { runUnderMocks, type PlannedResource } from "../../../offline/mock-run";
import { AirlockMover, type AirlockMoverArgs } from "../../../components/airlock/airlock-mover";
import { meta, namespaces, ofType, spec, type Obj } from "../workspace/fixtures";

const registry = "registry.hdh-sovereign.example.fr/hdh";

async function plan(overrides: Partial<AirlockMoverArgs> = {}): Promise<PlannedResource[]> {
  const { resources } = await runUnderMocks(
    () => {
      const kubernetesProvider = new k8s.Provider("cluster", { kubeconfig: "mock" });
      new AirlockMover("airlock", {
        kubernetesProvider,
        registry,
        projects: [
          { projectId: "cardio-2026", tier: 3, ownerGroup: "hdh-researchers-cardio" },
          { projectId: "diabetes-mr004", tier: 2, ownerGroup: "hdh-researchers-diabetes" },
        ],
        authUrl: "https://auth.cloud.ovh.net/v3",
        region: "GRA11",
        objectStorageCidrs: ["10.42.8.0/22"],
        identityCidrs: ["10.42.0.10/32"],
        ...overrides,
      });
    },
    { project: "hdh", stack: "test" },
  );
  return resources;
}

let planned: PlannedResource[];
beforeAll(async () => {
  planned = await plan();
});

describe("airlock mover", () => {
  it("runs in a Pod Security restricted namespace where no Role or binding exists", () => {
    expect(namespaces(planned).get("hdh-airlock")!["pod-security.kubernetes.io/enforce"]).toBe(
      "restricted",
    );
    expect(
      planned.filter((r) => r.type.startsWith("kubernetes:rbac.authorization.k8s.io")),
    ).toEqual([]);
  });

  it("admits nothing and reaches only DNS, the object storage and identity on 443", () => {
    const policies = ofType(planned, "kubernetes:networking.k8s.io/v1:NetworkPolicy");
    expect(policies.flatMap((p) => spec(p).ingress ?? [])).toEqual([]);
    const egress = policies.flatMap((p) => (spec(p).egress ?? []) as Obj[]);
    const blocks = egress.flatMap((r) =>
      (r.to as Obj[])
        .filter((p) => p.ipBlock)
        .map(
          (p) => `${p.ipBlock.cidr} ${(r.ports as Obj[]).map((x) => `${x.protocol}/${x.port}`)}`,
        ),
    );
    expect(blocks).toEqual(["10.42.8.0/22 TCP/443", "10.42.0.10/32 TCP/443"]);
    const inCluster = egress.flatMap((r) => (r.to as Obj[]).filter((p) => p.namespaceSelector));
    expect(
      inCluster.map((p) => p.namespaceSelector.matchLabels["kubernetes.io/metadata.name"]),
    ).toEqual(["kube-system"]);
  });

  it("takes its credential from an operator-made Secret: none is planned, none in a ConfigMap", () => {
    expect(ofType(planned, "kubernetes:core/v1:Secret")).toEqual([]);
    const [job] = ofType(planned, "kubernetes:batch/v1:CronJob");
    const pod = spec(job).jobTemplate.spec.template.spec;
    const env = pod.containers[0].env as Obj[];
    const fromSecret = env.filter((e) => e.valueFrom?.secretKeyRef).map((e) => e.name);
    expect(fromSecret).toEqual([
      "OS_APPLICATION_CREDENTIAL_ID",
      "OS_APPLICATION_CREDENTIAL_SECRET",
    ]);
    for (const e of env) expect(String(e.value ?? "")).not.toMatch(/secret/i);
    const configMaps = ofType(planned, "kubernetes:core/v1:ConfigMap");
    expect(JSON.stringify(configMaps)).not.toMatch(/application_credential|password/i);
  });

  it("runs one pass at a time, restricted, read-only, from the EU registry by digest", () => {
    const [job] = ofType(planned, "kubernetes:batch/v1:CronJob");
    expect(spec(job).concurrencyPolicy).toBe("Forbid");
    const pod = spec(job).jobTemplate.spec.template.spec;
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      seccompProfile: { type: "RuntimeDefault" },
    });
    const [container] = pod.containers;
    expect(container.image).toMatch(
      new RegExp(`^${registry}/hdh/airlock-mover@sha256:[0-9a-f]{64}$`),
    );
    expect(container.securityContext).toMatchObject({
      readOnlyRootFilesystem: true,
      allowPrivilegeEscalation: false,
      capabilities: { drop: ["ALL"] },
    });
    expect(container.resources.limits).toBeDefined();
  });

  it("runs as the user its image declares, with the image's own entry point", () => {
    const dockerfile = readFileSync(
      join(__dirname, "../../../services/airlock-mover/Dockerfile"),
      "utf8",
    );
    const [job] = ofType(planned, "kubernetes:batch/v1:CronJob");
    const pod = spec(job).jobTemplate.spec.template.spec;
    const user = /^USER (\d+):(\d+)$/m.exec(dockerfile)!;
    expect([pod.securityContext.runAsUser, pod.securityContext.runAsGroup]).toEqual([
      Number(user[1]),
      Number(user[2]),
    ]);
    expect(pod.containers[0].command ?? pod.containers[0].args).toBeUndefined();
    expect(dockerfile).toMatch(/^ENTRYPOINT \["node", "airlock\/run\.js"\]$/m);
  });

  it("serves each project with its tier and owner group", () => {
    const [projects] = ofType(planned, "kubernetes:core/v1:ConfigMap").filter(
      (c) => meta(c).name === "airlock-projects",
    );
    expect(JSON.parse((projects.inputs.data as Record<string, string>)["projects.json"])).toEqual([
      { projectId: "cardio-2026", tier: 3, ownerGroup: "hdh-researchers-cardio" },
      { projectId: "diabetes-mr004", tier: 2, ownerGroup: "hdh-researchers-diabetes" },
    ]);
  });

  it("an internet-wide storage range and a plain-http Keystone are refused together", async () => {
    await expect(
      plan({ objectStorageCidrs: ["0.0.0.0/0"], authUrl: "http://keystone" }),
    ).rejects.toThrow(
      /objectStorageCidrs\[0\].*a large share of the internet.*authUrl: use the https/,
    );
  });

  it("gives each reviewer, in each project, a container only their Keystone user writes", async () => {
    const platformProjectId = "a".repeat(32);
    const reviewers = [
      { key: "rita", person: "rita@hdh.example.fr", keystoneUserId: "1".repeat(32) },
      { key: "remy", person: "remy@hdh.example.fr", keystoneUserId: "2".repeat(32) },
    ];
    const resources = await runUnderMocks(
      () => {
        new AirlockMover("airlock", {
          kubernetesProvider: new k8s.Provider("cluster", { kubeconfig: "mock" }),
          openstackProvider: new openstack.Provider("platform", {}),
          platformProjectId,
          reviewers,
          registry,
          projects: [{ projectId: "cardio-2026", tier: 3, ownerGroup: "hdh-researchers-cardio" }],
          authUrl: "https://auth.cloud.ovh.net/v3",
          region: "GRA11",
          objectStorageCidrs: ["10.42.8.0/22"],
          identityCidrs: ["10.42.0.10/32"],
        });
      },
      { project: "hdh", stack: "test" },
    ).then((r) => r.resources);
    const containers = ofType(resources, "openstack:objectstorage/container:Container").map((c) => [
      c.inputs.name,
      c.inputs.containerWrite,
      c.inputs.containerRead,
    ]);
    // Written out by hand: the write ACL is the reviewer alone, as <project id>:<user id>.
    expect(containers).toEqual([
      [
        "hdh-ws-cardio-2026-review-rita",
        `${platformProjectId}:${"1".repeat(32)}`,
        `${platformProjectId}:${"1".repeat(32)},hdh-airlock-mover`,
      ],
      [
        "hdh-ws-cardio-2026-review-remy",
        `${platformProjectId}:${"2".repeat(32)}`,
        `${platformProjectId}:${"2".repeat(32)},hdh-airlock-mover`,
      ],
    ]);
    const [config] = ofType(resources, "kubernetes:core/v1:ConfigMap");
    expect(JSON.parse((config.inputs.data as Record<string, string>)["reviewers.json"])).toEqual(
      reviewers,
    );
  });

  it("reviewers without the provider and project that hold their containers are refused", async () => {
    await expect(
      plan({ reviewers: [{ key: "Rita!", person: "rita@hdh.example.fr", keystoneUserId: "x" }] }),
    ).rejects.toThrow(
      /reviewers\[0\]\.key.*reviewers\[0\]\.keystoneUserId.*openstackProvider.*platformProjectId/s,
    );
  });
});
