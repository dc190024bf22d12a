/**
 * Values the engine sends as secrets (a kubeconfig read from a cluster's secret output, user data
 * built from a generated password, any input marked `secret`) reach the pack over gRPC wrapped in
 * Pulumi's secret signature. The pack must judge them exactly as the same values sent plain, and
 * its messages must not copy a secret's content out of its wrapper. In-process, the evaluator
 * receives plain values (secretness is a path list there), so only the wire can show this.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluatePolicies, type PolicyPackConfig } from "../../offline/evaluate-policies";
import { allPolicies } from "../../policies/all";
import { packConfigFromSettings } from "../../policies/config";
import { AnalyzerHarness, type Diagnostic } from "../harness/analyzer-client";
import { baseline, corpusSettings, type Stack } from "./baseline";

const secret = (value: unknown) => ({
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  value,
});
/** A credential no message may repeat. */
const canary = "canary-token-5f1d2c0e9b";
const insecureKubeconfig = [
  "apiVersion: v1",
  "clusters:",
  "- cluster:",
  "    server: https://abc.c1.gra.k8s.ovh.net",
  "    insecure-skip-tls-verify: true",
  "  name: mks",
  "contexts:",
  "- context: {cluster: mks, user: ops}",
  "  name: ops",
  "current-context: ops",
  "users:",
  "- name: ops",
  `  user: {token: ${canary}}`,
  "",
].join("\n");

/** The same faults, with the faulty inputs plain or wrapped as secrets. */
function faults(wrap: (value: unknown) => unknown): Stack {
  const s = baseline("dev");
  s.add(
    "mks",
    "pulumi:providers:kubernetes",
    { kubeconfig: wrap(insecureKubeconfig) },
    { providerUrn: undefined },
  );
  s.inputs("worker").userData = wrap(`#cloud-config\nssh_pwauth: true\npassword: ${canary}\n`);
  s.inputs("airlock").containerRead = wrap(".r:*");
  s.add(
    "ops-port",
    "kubernetes:core/v1:Service",
    {
      metadata: { name: "ops", namespace: "platform" },
      spec: wrap({ type: "NodePort", ports: [{ port: 22 }], selector: { app: "ops" } }),
    },
    { providerUrn: s.urn("pulumi:providers:kubernetes", "mks") },
  );
  return s;
}

describe("secret inputs over the Analyzer gRPC protocol", () => {
  let pack: AnalyzerHarness;
  const config = packConfigFromSettings(allPolicies, corpusSettings) as PolicyPackConfig;

  beforeAll(async () => {
    pack = await AnalyzerHarness.start();
    const info = await pack.getAnalyzerInfo();
    await pack.configure(config, new Map(info.policies.map((p) => [p.name, p.enforcementLevel])));
  });
  afterAll(async () => {
    await pack?.close();
  });

  const key = (f: { policyName: string; urn?: string; message: string }) =>
    `${f.policyName}|${f.urn}|${f.message}`;

  it("are judged as the same values sent plain, and no message repeats one", async () => {
    const wrapped = faults(secret).list();
    const all = new Map(wrapped.map((r) => [r.urn, r]));
    const remote: Diagnostic[] = (
      await Promise.all(
        wrapped.map(async (r) =>
          (await pack.analyze(r, all)).map((d) => ({ ...d, urn: d.urn || r.urn })),
        ),
      )
    ).flat();
    // Analyze runs the resource policies; the stack policies' findings are not part of this.
    const resourcePolicies = new Set(
      allPolicies.filter((p) => "validateResource" in p).map((p) => p.name),
    );
    const local = (await evaluatePolicies({ resources: faults((v) => v).list(), config })).filter(
      (f) => resourcePolicies.has(f.policyName),
    );
    expect(remote.map(key).sort()).toEqual(local.map(key).sort());
    expect(new Set(remote.map((d) => d.policyName))).toEqual(
      new Set([
        "pulumi-all-provider-tls-verify",
        "openstack-compute-instance-no-password-login",
        "openstack-objectstorage-container-no-public-acl",
        "kubernetes-core-service-no-node-port",
      ]),
    );
    for (const d of remote) expect(d.message).not.toContain(canary);
  }, 60_000);
});
