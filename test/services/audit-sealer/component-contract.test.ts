/**
 * The AuditLog component and the sealer image must agree: every variable the component sets is
 * one the sealer reads (and together they are a valid configuration), the port, probe paths and
 * spool mount match, and the shippers send what the ingest endpoint accepts.
 */
import { describe, expect, it } from "vitest";
import * as k8s from "@pulumi/kubernetes";
import * as openstack from "@pulumi/openstack";
import { auditSources } from "../../../audit/record";
import { AuditLog } from "../../../components/audit/audit-log";
import { runUnderMocks } from "../../../offline/mock-run";
import { readFileSync } from "node:fs";
import { configFromEnv } from "../../../services/audit-sealer/config";
import { retentionConfigFromEnv } from "../../../services/audit-sealer/retention-main";
import { sourceHeader } from "../../../services/audit-sealer/ingest-body";
import { ingestPath } from "../../../services/audit-sealer/server";

type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

/** Pulumi's wire form: a secret is `{<sig>: ..., value}`, an object may arrive as JSON text. */
function unwrap(value: unknown): unknown {
  if (typeof value === "string") return unwrap(JSON.parse(value));
  if (value && typeof value === "object" && "value" in value) return unwrap((value as Obj).value);
  return value;
}

async function planned() {
  const { resources } = await runUnderMocks(
    () => {
      new AuditLog("audit", {
        stack: "dev",
        production: false,
        dedicatedProject: true,
        openstackProvider: new openstack.Provider("audit-project", { region: "GRA11" }),
        kubernetesProvider: new k8s.Provider("cluster", { kubeconfig: "mock" }),
        region: { name: "GRA11", country: "FR" },
        registry: "registry.hdh-sovereign.example.fr/hdh",
        authUrl: "https://auth.cloud.ovh.net/v3",
      });
    },
    // As an update, so the credential's outputs are known and the Secret's keys visible.
    { project: "hdh", stack: "dev", preview: false },
  );
  const deployment = resources.find((r) => r.type === "kubernetes:apps/v1:Deployment")!;
  const secrets = resources.filter((r) => r.type === "kubernetes:core/v1:Secret");
  const secretNamed = (name: string) =>
    secrets.find((r) => (r.inputs.metadata as Obj).name === name)!;
  const secret = secretNamed("hdh-audit-writer");
  const cronJob = resources.find(
    (r) =>
      r.type === "kubernetes:batch/v1:CronJob" &&
      (r.inputs.metadata as Obj).name === "hdh-audit-retention",
  )!;
  const configMaps = resources.filter((r) => r.type === "kubernetes:core/v1:ConfigMap");
  const pod = (deployment.inputs.spec as Obj).template.spec as Obj;
  const sealer = (pod.containers as Obj[]).find((c) => c.name === "sealer")!;
  const retention = (
    (cronJob.inputs.spec as Obj).jobTemplate.spec.template.spec.containers as Obj[]
  )[0];
  return { pod, sealer, secret, configMaps, retention, secretNamed };
}

describe("AuditLog component and sealer image agree", () => {
  it("sets exactly a valid sealer configuration: env plus the writer Secret", async () => {
    const { sealer, secret } = await planned();
    const env: Record<string, string> = Object.fromEntries(
      (sealer.env as Obj[]).map((e) => [e.name, String(e.value)]),
    );
    const stringData = unwrap(secret.inputs.stringData) as Record<string, string>;
    // The mock returns no generated credential secret, so that one key is absent here.
    expect(Object.keys(stringData).sort()).toEqual([
      "OS_APPLICATION_CREDENTIAL_ID",
      "OS_AUTH_URL",
      "OS_REGION_NAME",
    ]);
    const config = configFromEnv({
      ...env,
      ...stringData,
      OS_APPLICATION_CREDENTIAL_SECRET: "generated-by-keystone",
    });
    expect(config).toMatchObject({ chain: "hdh-dev", retentionDays: 365, region: "GRA11" });
    expect(Object.keys(env).every((name) => name.startsWith("HDH_AUDIT_"))).toBe(true);
  });

  it("sets exactly a valid retention job configuration, and runs an entry point the image builds", async () => {
    const { retention, secretNamed } = await planned();
    const env: Record<string, string> = Object.fromEntries(
      (retention.env as Obj[]).map((e) => [e.name, String(e.value)]),
    );
    const secretName = (retention.envFrom as Obj[])[0].secretRef.name as string;
    const stringData = unwrap(secretNamed(secretName).inputs.stringData) as Record<string, string>;
    const config = retentionConfigFromEnv({
      ...env,
      ...stringData,
      OS_APPLICATION_CREDENTIAL_SECRET: "generated-by-keystone",
    });
    expect(config).toMatchObject({ chain: "hdh-dev", retentionDays: 365, region: "GRA11" });
    // The CronJob's command runs a file the image compiles (services/audit-sealer/tsconfig.json).
    const [node, entry] = retention.command as string[];
    expect(node).toBe("node");
    const built = JSON.parse(readFileSync("services/audit-sealer/tsconfig.json", "utf8")) as {
      include: string[];
    };
    expect(
      built.include.map((f) => `services/audit-sealer/${f.replace(/\.ts$/, ".js")}`),
    ).toContain(entry);
  });

  it("probes and mounts what the sealer serves and writes", async () => {
    const { pod, sealer } = await planned();
    const config = configFromEnv({
      HDH_AUDIT_CHAIN: "c",
      HDH_AUDIT_CONTAINER: "c",
      HDH_AUDIT_KEY_REF: "https://kms/v1/secrets/x",
      HDH_AUDIT_RETENTION_DAYS: "365",
      OS_AUTH_URL: "https://k/v3",
      OS_REGION_NAME: "r",
      OS_APPLICATION_CREDENTIAL_ID: "i",
      OS_APPLICATION_CREDENTIAL_SECRET: "s",
    });
    expect(sealer.ports).toEqual([{ name: "ingest", containerPort: config.listenPort }]);
    expect(sealer.livenessProbe.httpGet).toEqual({ path: "/healthz", port: config.listenPort });
    expect(sealer.readinessProbe.httpGet).toEqual({ path: "/readyz", port: config.listenPort });
    const spool = (sealer.volumeMounts as Obj[]).find((m) => m.mountPath === config.spoolDir);
    expect(spool).toBeDefined();
    expect((pod.volumes as Obj[]).find((v) => v.name === spool!.name)?.emptyDir).toBeDefined();
    expect(sealer.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(pod.securityContext.runAsUser).toBe(65532); // the Dockerfile's USER
  });

  it("configures both Fluent Bit outputs to post what the ingest endpoint accepts", async () => {
    const { configMaps } = await planned();
    const texts = configMaps.map((c) => (c.inputs.data as Obj)["fluent-bit.conf"] as string);
    expect(texts).toHaveLength(2);
    for (const text of texts) {
      const output = text.slice(text.indexOf("[OUTPUT]"));
      expect(output).toMatch(new RegExp(`URI\\s+${ingestPath}\\n`));
      expect(output).toMatch(/Format\s+json_lines\n/);
      expect(output).toMatch(new RegExp(`header_tag\\s+${sourceHeader}\\n`, "i"));
      expect(output).not.toMatch(/compress/);
      const tags = [...text.matchAll(/Tag\s+(\S+)/g)].map((m) => m[1]);
      for (const tag of tags) expect(auditSources).toContain(tag);
    }
  });
});
