/**
 * The backup component under the mock engine: what it would create in which region, how it is
 * protected and encrypted, how hardened the scheduled job is, and the restore path.
 */
import * as k8s from "@pulumi/kubernetes";
import * as openstack from "@pulumi/openstack";
import { describe, expect, it } from "vitest";
import { Backup, type BackupArgs } from "../../../components/backup/backup";
import { backupRunnerImage } from "../../../components/backup/runner-image";
import { runUnderMocks, type PlannedResource } from "../../../offline/mock-run";

const secretSig = "4dabf18193072939515e22adb298388d";
const backupId = "6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f";

type TestArgs = Omit<BackupArgs, "primaryProvider" | "recoveryProvider" | "kubernetesProvider">;

const baseArgs: TestArgs = {
  namePrefix: "hdh-prod",
  ownership: { project: "platform", classification: "4", ownerGroup: "hdh-platform-operators" },
  primaryRegion: "GRA11",
  recoveryRegion: "SBG5",
  volumes: [{ key: "workspace-cardio-2026", volumeId: "vol-cardio" }],
  containers: [
    { key: "audit", name: "hdh-prod-audit" },
    {
      key: "cardio-2026-egress",
      name: "hdh-prod-cardio-2026-egress",
      ownership: {
        project: "cardio-2026",
        classification: "3",
        ownerGroup: "hdh-researchers-cardio",
      },
    },
  ],
  encryptedVolumeType: "high-speed-gen2-luks",
  registry: "registry.hdh-sovereign.example.fr/hdh",
  authUrl: "https://auth.cloud.ovh.net/v3",
  apiCidrs: ["192.0.2.0/24"],
  production: true,
};

async function plan(args: Partial<TestArgs> = {}, stack = "prod"): Promise<PlannedResource[]> {
  const { resources } = await runUnderMocks(
    () => {
      const primaryProvider = new openstack.Provider("primary", { region: "GRA11" });
      const recoveryProvider = new openstack.Provider("recovery", { region: "SBG5" });
      const kubernetesProvider = new k8s.Provider("cluster", { kubeconfig: "{}" });
      new Backup("backup", {
        ...baseArgs,
        ...args,
        primaryProvider,
        recoveryProvider,
        kubernetesProvider,
      });
    },
    { project: "hdh-sovereign", stack },
  );
  return resources;
}

const byType = (resources: PlannedResource[], type: string) =>
  resources.filter((r) => r.type === type);
interface PlannedPod {
  automountServiceAccountToken?: boolean;
  securityContext?: Record<string, unknown>;
  containers: {
    image: string;
    env: { name: string; value?: string; valueFrom?: unknown }[];
    securityContext: Record<string, unknown>;
  }[];
}

const providerName = (r: PlannedResource) => /::([^:]+)::[^:]+$/.exec(r.provider ?? "")?.[1];

describe("Backup: copies in the recovery region", () => {
  it("the recovery copies live in the recovery region, through its provider, encrypted", async () => {
    const resources = await plan();
    const containers = byType(resources, "openstack:objectstorage/container:Container");
    const inRecovery = containers.filter((c) => c.inputs.region === "SBG5");
    expect(inRecovery.map((c) => c.inputs.name).sort()).toEqual([
      "hdh-prod-replica-audit",
      "hdh-prod-replica-cardio-2026-egress",
      "hdh-prod-volume-backups",
    ]);
    for (const c of inRecovery) expect(providerName(c)).toBe("recovery");
    for (const c of containers) {
      // No storage policy pretends to encrypt: at rest is the operator's proxy, judged per region.
      expect(c.inputs.storagePolicy).toBeUndefined();
      expect(c.inputs.region).toMatch(/^(GRA11|SBG5)$/);
      expect(c.inputs.forceDestroy).toBe(false);
    }
  });

  it("each replica carries its source's owner and classification; platform copies the platform's", async () => {
    const containers = byType(await plan(), "openstack:objectstorage/container:Container");
    const metadata = (name: string) =>
      containers.find((c) => c.inputs.name === name)?.inputs.metadata;
    expect(metadata("hdh-prod-replica-cardio-2026-egress")).toEqual({
      "hdh.health/project": "cardio-2026",
      "hdh.health/classification": "3",
      "hdh.health/owner-group": "hdh-researchers-cardio",
      "hdh.health/role": "backup",
    });
    expect(metadata("hdh-prod-volume-backups")).toMatchObject({
      "hdh.health/project": "platform",
      "hdh.health/classification": "4",
    });
  });

  it("the primary region's Cinder backup container is created encrypted, not left to Cinder", async () => {
    const resources = await plan();
    const primary = byType(resources, "openstack:objectstorage/container:Container").filter(
      (c) => c.inputs.region === "GRA11",
    );
    expect(primary).toHaveLength(1);
    expect(primary[0].inputs).toMatchObject({
      name: "hdh-prod-volume-backups",
    });
    expect(providerName(primary[0])).toBe("primary");
  });

  it("in production every container is protected and retained on delete", async () => {
    const containers = byType(await plan(), "openstack:objectstorage/container:Container");
    expect(containers.length).toBe(4);
    for (const c of containers) expect([c.protect, c.retainOnDelete]).toEqual([true, true]);
  });

  it("outside production nothing is protected, so dev stacks can be torn down", async () => {
    const containers = byType(
      await plan({ production: false }, "dev"),
      "openstack:objectstorage/container:Container",
    );
    for (const c of containers) expect([c.protect, c.retainOnDelete]).toEqual([false, false]);
  });
});

describe("Backup: restore path", () => {
  const restores = [{ key: "cardio", backupId, sizeGiB: 200 }];

  it("a restore creates a volume from the backup in the recovery region, with the encrypted type", async () => {
    const resources = await plan({ restores });
    const volumes = byType(resources, "openstack:blockstorage/volume:Volume");
    expect(volumes).toHaveLength(1);
    expect(volumes[0].inputs).toMatchObject({
      backupId,
      region: "SBG5",
      size: 200,
      volumeType: "high-speed-gen2-luks",
      name: "hdh-prod-restored-cardio",
    });
    expect(providerName(volumes[0])).toBe("recovery");
    expect([volumes[0].protect, volumes[0].retainOnDelete]).toEqual([true, true]);
  });

  it("a restore needs nothing else to back up, for a recovery stack", async () => {
    const resources = await plan({ restores, volumes: [], containers: [] });
    expect(byType(resources, "openstack:blockstorage/volume:Volume")).toHaveLength(1);
  });

  it("no restore, no volume: the backup never creates data by itself", async () => {
    expect(byType(await plan(), "openstack:blockstorage/volume:Volume")).toEqual([]);
  });
});

describe("Backup: the scheduled job", () => {
  async function cronJob(args: Partial<TestArgs> = {}) {
    const resources = await plan(args);
    const [job] = byType(resources, "kubernetes:batch/v1:CronJob");
    const spec = job.inputs.spec as { jobTemplate: { spec: { template: { spec: PlannedPod } } } };
    return { resources, job, spec, pod: spec.jobTemplate.spec.template.spec };
  }

  it("runs on the schedule given, never two at once", async () => {
    const { spec } = await cronJob({ schedule: "0 3 * * 0" });
    expect(spec).toMatchObject({
      schedule: "0 3 * * 0",
      concurrencyPolicy: "Forbid",
      timeZone: "Etc/UTC",
    });
  });

  it("runs non-root, read-only, without capabilities, token or privilege escalation", async () => {
    const { pod } = await cronJob();
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.securityContext).toMatchObject({
      runAsNonRoot: true,
      runAsUser: backupRunnerImage.runAsUser,
      seccompProfile: { type: "RuntimeDefault" },
    });
    expect(pod.containers).toHaveLength(1);
    expect(pod.containers[0].securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      runAsNonRoot: true,
      privileged: false,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
  });

  it("pulls its image from the EU registry by digest", async () => {
    const { pod } = await cronJob();
    expect(pod.containers[0].image).toBe(
      `registry.hdh-sovereign.example.fr/hdh/platform/openstack-backup@${backupRunnerImage.digest}`,
    );
  });

  it("reads its credentials from the Secret, and the Secret holds them only as a Pulumi secret", async () => {
    const { resources, pod } = await cronJob();
    const env = pod.containers[0].env;
    const secretEnv = env.find((e) => e.name === "OS_APPLICATION_CREDENTIAL_SECRET");
    expect(secretEnv?.value).toBeUndefined();
    expect(secretEnv?.valueFrom).toMatchObject({
      secretKeyRef: { name: "openstack-credentials", key: "OS_APPLICATION_CREDENTIAL_SECRET" },
    });
    expect(env.find((e) => e.name === "OS_APPLICATION_CREDENTIAL_ID")?.value).toBe(
      "backup-credential-id",
    );
    const [secret] = byType(resources, "kubernetes:core/v1:Secret");
    expect((secret.inputs.stringData as Record<string, unknown>)[secretSig]).toBeDefined();
    const [credential] = byType(
      resources,
      "openstack:identity/applicationCredential:ApplicationCredential",
    );
    expect((credential.inputs.secret as Record<string, unknown>)[secretSig]).toBeDefined();
    expect(credential.inputs).toMatchObject({
      unrestricted: false,
      roles: ["member"],
      region: "GRA11",
    });
  });

  it("may reach DNS and the cloud API endpoints over HTTPS, nothing else, and accepts no ingress", async () => {
    const resources = await plan();
    const [policy] = byType(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy");
    const spec = policy.inputs.spec as {
      policyTypes: string[];
      ingress: unknown[];
      egress: unknown[];
    };
    expect(spec.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(spec.ingress).toEqual([]);
    expect(spec.egress[1]).toEqual({
      to: [{ ipBlock: { cidr: "192.0.2.0/24" } }],
      ports: [{ protocol: "TCP", port: 443 }],
    });
  });

  it("its namespace enforces the restricted Pod Security Standard", async () => {
    const [ns] = byType(await plan(), "kubernetes:core/v1:Namespace");
    expect(
      (ns.inputs.metadata as { labels: Record<string, string> }).labels[
        "pod-security.kubernetes.io/enforce"
      ],
    ).toBe("restricted");
  });

  it("is told which volumes and containers to copy, and where to", async () => {
    const resources = await plan();
    const [configMap] = byType(resources, "kubernetes:core/v1:ConfigMap");
    const data = configMap.inputs.data as Record<string, string>;
    expect(data.volumes).toBe("workspace-cardio-2026 vol-cardio\n");
    expect(data.containers).toBe(
      "hdh-prod-audit hdh-prod-replica-audit\nhdh-prod-cardio-2026-egress hdh-prod-replica-cardio-2026-egress\n",
    );
  });
});

describe("Backup: arguments refused before anything is created", () => {
  const refused = async (args: Partial<TestArgs>) => {
    const error = await plan(args).then(
      () => undefined,
      (e: Error) => e,
    );
    expect(error).toBeInstanceOf(Error);
    return error!.message;
  };

  it("a recovery region equal to the primary region is refused", async () => {
    expect(await refused({ recoveryRegion: "GRA11" })).toMatch(
      /recoveryRegion: "GRA11" is the primary region/,
    );
  });

  it("every problem is reported at once, each with its argument path", async () => {
    const message = await refused({
      schedule: "every night",
      retentionDays: 0,
      apiCidrs: ["0.0.0.0/0"],
      restores: [{ key: "x", backupId: "latest", sizeGiB: 0 }],
      credentialRoles: ["admin"],
    });
    for (const path of [
      "schedule",
      "retentionDays",
      "apiCidrs[0]",
      "restores[0].backupId",
      "restores[0].sizeGiB",
      "credentialRoles",
    ]) {
      expect(message).toContain(`${path}: `);
    }
  });

  it("an image not pinned by a sha256 digest is refused", async () => {
    expect(await refused({ image: { ...backupRunnerImage, digest: "latest" } })).toMatch(
      /image.digest/,
    );
  });

  it("nothing to back up or restore is refused as a wiring mistake", async () => {
    expect(await refused({ volumes: [], containers: [] })).toMatch(/nothing to back up/);
  });
});
