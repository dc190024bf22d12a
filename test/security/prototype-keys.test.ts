/**
 * Keys that reach a JavaScript prototype (`__proto__`, `constructor`, `prototype`), at every door
 * outside data comes in by: the stack file (offline and under the real CLI), a `--policy-config`,
 * an artifact given to `hdh check`, the policy pack over the Analyzer gRPC protocol, and audit
 * batches. None may hide a value from a check, inject one, or be silently accepted.
 */
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyChain } from "../../audit/verify-chain";
import { prototypeKeyPaths, setOwnKey } from "../../policies/lib/prototype-keys";
import { ConfigError, parsePlatformConfig } from "../../stacks/config";
import { readStackFile } from "../../stacks/stack-file";
import { hdh, repoRoot } from "../cli/run-cli";
import { AnalyzerHarness } from "../harness/analyzer-client";
import { baseline, hardenedPodSpec } from "../policies/baseline";
import type { NormalizedResource } from "../../offline/resource-model";
import { sealedChain } from "../audit/chain-fixtures";

const today = new Date("2026-11-23T12:00:00Z");
const dir = mkdtempSync(join(tmpdir(), "hdh-proto-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** JSON text where the placeholder key becomes `__proto__` (a JS literal cannot write one). */
const protoKey = "__hdh_proto_key__";
const withProtoKeys = (value: unknown) =>
  JSON.stringify(value).replaceAll(JSON.stringify(protoKey), '"__proto__"');

function expectPrototypeClean(): void {
  const probe = {} as Record<string, unknown>;
  for (const key of ["polluted", "securityContext", "volumeType", "environment"]) {
    expect(probe[key], `Object.prototype.${key}`).toBeUndefined();
  }
}

describe("the prototype-key helpers", () => {
  it("setOwnKey keeps __proto__ as data; plain assignment would replace the prototype", () => {
    const copied: Record<string, unknown> = {};
    setOwnKey(copied, "__proto__", { volumeType: "classic-luks" });
    expect(copied.volumeType).toBeUndefined();
    expect(Object.keys(copied)).toEqual(["__proto__"]);
  });

  it("finds own prototype keys and prototypes a copy already consumed, at any depth", () => {
    const consumed: Record<string, unknown> = {};
    consumed["__proto__"] = { x: 1 }; // what protobuf's Struct.toJavaScript does
    const parsed = JSON.parse('{"a":[{"b":{"__proto__":{}}}],"constructor":1,"c":{"prototype":2}}');
    expect(prototypeKeyPaths({ top: consumed })).toEqual([["top", "__proto__"]]);
    expect(prototypeKeyPaths(parsed).map((p) => p.join("."))).toEqual(
      expect.arrayContaining(["a.0.b.__proto__", "constructor", "c.prototype"]),
    );
  });
});

describe("stack configuration", () => {
  const devText = readFileSync(join(repoRoot, "stacks/Pulumi.dev.yaml"), "utf8");

  function stackWith(name: string, extra: string, replace?: [string, string]): string {
    const stacks = join(dir, `stacks-${name}`);
    mkdirSync(stacks, { recursive: true });
    let text = devText;
    if (replace) text = text.replace(replace[0], replace[1]);
    writeFileSync(join(stacks, `Pulumi.${name}.yaml`), `${text}${extra}`);
    return stacks;
  }

  function problemsOf(raw: unknown, stack = "dev"): { key: string; message: string }[] {
    try {
      parsePlatformConfig(raw, { stack, today });
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      return error.problems.map((p) => ({ key: ConfigError.key(p.path), message: p.message }));
    }
    return [];
  }

  it("hdh:__proto__ is refused by name, never honoured as the environment", () => {
    const stacks = stackWith("proto", "  hdh:__proto__:\n    environment: prod\n", [
      "  hdh:environment: dev\n",
      "",
    ]);
    const file = readStackFile("proto", stacks);
    const problems = problemsOf(file.hdh);
    expect(problems.map((p) => p.key)).toContain("hdh:__proto__");
    // environment is missing, and says so, rather than read through the prototype.
    expect(problems.map((p) => p.key)).toContain("hdh:environment");
    expectPrototypeClean();
  });

  it("hdh:__proto__ beside the real keys is still an error naming it", () => {
    const stacks = stackWith("beside", "  hdh:__proto__:\n    environment: prod\n");
    const problems = problemsOf(readStackFile("beside", stacks).hdh);
    expect(problems).toEqual([
      { key: "hdh:__proto__", message: expect.stringMatching(/__proto__.*remove it/) },
    ]);
  });

  it.each(["__proto__", "constructor", "prototype"])(
    "a nested %s key is refused with its full key path",
    (key) => {
      const stacks = stackWith(`nested-${key.replace(/_/g, "")}`, "", [
        "    externalNetwork: Ext-Net\n",
        `    externalNetwork: Ext-Net\n    ${key}:\n      recoveryRegion: SBG5\n`,
      ]);
      const problems = problemsOf(readStackFile(`nested-${key.replace(/_/g, "")}`, stacks).hdh);
      expect(problems.map((p) => p.key)).toEqual([`hdh:cloud.${key}`]);
    },
  );

  it("the real CLI's door (pulumi.runtime config) refuses hdh:__proto__ too", async () => {
    const { loadPlatformConfig } = await import("../../stacks/pulumi-config");
    const file = readStackFile("dev");
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(file.hdh)) {
      if (key !== "environment") config[`hdh:${key}`] = JSON.stringify(value);
    }
    config["hdh:__proto__"] = JSON.stringify({ environment: "prod" });
    await pulumi.runtime.setMocks(
      { newResource: () => ({ id: "x", state: {} }), call: () => ({}) },
      "hdh-sovereign",
      "dev",
      true,
    );
    pulumi.runtime.setAllConfig(config, []);
    let thrown: unknown;
    try {
      loadPlatformConfig(today);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConfigError);
    const keys = (thrown as ConfigError).problems.map((p) => ConfigError.key(p.path));
    expect(keys).toContain("hdh:__proto__");
    expect(keys).toContain("hdh:environment");
  });

  it("hdh plan refuses it with exit 2 and the key, before anything is planned", async () => {
    const project = join(dir, "project-plan");
    mkdirSync(join(project, "stacks"), { recursive: true });
    writeFileSync(join(project, "Pulumi.yaml"), "name: hdh-sovereign\nstackConfigDir: stacks\n");
    writeFileSync(
      join(project, "stacks", "Pulumi.dev.yaml"),
      `${devText}  hdh:__proto__:\n    environment: prod\n`,
    );
    const run = await hdh(["plan", "--stack", "dev"], { cwd: project });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/hdh:__proto__/);
    expect(run.stderr).not.toMatch(/internal error/);
  });
});

/** A v3 stack export of normalised resources, as `pulumi stack export` writes it. */
function exportOf(resources: readonly NormalizedResource[]): Record<string, unknown> {
  return {
    version: 3,
    deployment: {
      manifest: { time: "2026-11-23T12:00:00Z", magic: "", version: "test" },
      resources: resources.map((r) => ({
        urn: r.urn,
        custom: r.custom,
        type: r.type,
        inputs: r.inputs,
        ...(r.parent ? { parent: r.parent } : {}),
        ...(r.providerUrn ? { provider: `${r.providerUrn}::provider-id` } : {}),
      })),
    },
  };
}

async function checkFindings(text: string, name: string): Promise<string[]> {
  const file = join(dir, `${name}.json`);
  writeFileSync(file, text);
  const run = await hdh(["check", file, "--format", "json"]);
  expect(run.stderr).not.toMatch(/internal error/);
  const report = JSON.parse(run.stdout) as {
    hdh: { findings: { policy: string; urn?: string; enforcement: string }[] };
  };
  return report.hdh.findings.map((f) => `${f.enforcement} ${f.policy} ${f.urn ?? ""}`).sort();
}

/** The baseline stack with its workload's pod spec replaced. */
function stackWithPod(spec: Record<string, unknown>) {
  const s = baseline("dev");
  const deployment = s.inputs("ws-cardio-jupyter") as { spec: { template: { spec: unknown } } };
  deployment.spec.template.spec = spec;
  return s;
}

const hardened = hardenedPodSpec();
const container = hardened.containers[0];
/** The pod with nothing but its container's name and image: no hardening at all. */
const barePod = { containers: [{ name: container.name, image: container.image }] };
/** The same pod with all its hardening under `__proto__` keys. */
const hiddenHardening = {
  [protoKey]: {
    automountServiceAccountToken: false,
    securityContext: hardened.securityContext,
  },
  containers: [
    {
      name: container.name,
      image: container.image,
      [protoKey]: { securityContext: container.securityContext, resources: container.resources },
    },
  ],
};

describe("hdh check: a __proto__ key hides nothing", () => {
  it("a pod whose hardening sits under __proto__ gets the findings of a bare pod", async () => {
    const bare = await checkFindings(
      JSON.stringify(exportOf(stackWithPod(barePod).list())),
      "bare",
    );
    const hidden = await checkFindings(
      withProtoKeys(exportOf(stackWithPod(hiddenHardening).list())),
      "hidden",
    );
    expect(bare.filter((f) => f.startsWith("mandatory")).length).toBeGreaterThanOrEqual(5);
    expect(hidden).toEqual(bare);
    expectPrototypeClean();
  });

  it("a volume whose volumeType sits under __proto__ gets the unencrypted-volume finding", async () => {
    const s = baseline("dev");
    const volume = s
      .list()
      .find((r) => r.type === "openstack:blockstorage/volume:Volume") as NormalizedResource;
    expect(volume).toBeDefined();
    const { volumeType, ...rest } = volume.inputs as { volumeType: string };
    expect(volumeType).toBeTruthy();
    volume.inputs = rest;
    const bare = await checkFindings(JSON.stringify(exportOf(s.list())), "volume-bare");
    volume.inputs = { ...rest, [protoKey]: { volumeType } };
    const hidden = await checkFindings(withProtoKeys(exportOf(s.list())), "volume-hidden");
    expect(bare.some((f) => /^mandatory openstack-blockstorage-volume/.test(f))).toBe(true);
    expect(hidden).toEqual(bare);
  });
});

describe("--policy-config: prototype keys are refused by name", () => {
  it.each([
    ['{"__proto__": {"all": "disabled"}}', "__proto__"],
    [
      '{"kubernetes-pod-no-privileged": {"__proto__": {"enforcementLevel": "disabled"}}}',
      "kubernetes-pod-no-privileged.__proto__",
    ],
    ['{"constructor": {"prototype": {"x": 1}}}', "constructor"],
  ])("%s", async (text, key) => {
    const file = join(dir, `policy-config-${key.length}-${text.length}.json`);
    writeFileSync(file, text);
    const sample = join(repoRoot, "samples/openstack-prod.stack-export.json");
    const run = await hdh(["check", sample, "--policy-config", file]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(key);
    expect(run.stderr).not.toMatch(/internal error/);
    expectPrototypeClean();
  });
});

describe("the policy pack over the Analyzer gRPC protocol", () => {
  let pack: AnalyzerHarness;
  beforeAll(async () => {
    pack = await AnalyzerHarness.start();
  }, 60_000);
  afterAll(async () => {
    await pack?.close();
  });

  async function diagnostics(resources: NormalizedResource[], config = {}): Promise<string[]> {
    const info = await pack.getAnalyzerInfo();
    await pack.configure(config, new Map(info.policies.map((p) => [p.name, p.enforcementLevel])));
    const all = new Map(resources.map((r) => [r.urn, r]));
    const found: string[] = [];
    for (const r of resources) {
      for (const d of await pack.analyze(r, all))
        found.push(`${d.enforcementLevel} ${d.policyName} ${d.urn || r.urn}`);
    }
    return found.sort();
  }

  it("a pod's hardening under __proto__ is not seen: the findings of a bare pod", async () => {
    const bare = await diagnostics(stackWithPod(barePod).list());
    const hidden = JSON.parse(withProtoKeys(stackWithPod(hiddenHardening).list()));
    expect(bare.filter((f) => f.startsWith("mandatory")).length).toBeGreaterThanOrEqual(5);
    expect(await diagnostics(hidden)).toEqual(bare);
  });

  it("settings under __proto__ in a policy's config are refused, not read through the prototype", async () => {
    const s = baseline("dev");
    const volume = s
      .list()
      .find((r) => r.type === "openstack:blockstorage/volume:Volume") as NormalizedResource;
    (volume.inputs as Record<string, unknown>).volumeType = "classic";
    const policy = "openstack-blockstorage-volume-encrypted-type";
    const config = JSON.parse(
      withProtoKeys({ [policy]: { [protoKey]: { encryptedVolumeTypes: ["classic"] } } }),
    );
    let outcome: string[] | Error;
    try {
      outcome = await diagnostics([volume], config);
    } catch (error) {
      outcome = error as Error;
    }
    // Either the pack refuses the config (an error naming the key) or it judges with its
    // defaults; what it must never do is take "classic" as an encrypted type.
    if (outcome instanceof Error) expect(outcome.message).toMatch(/__proto__/);
    else expect(outcome.some((f) => f.includes(policy))).toBe(true);
  });
});

describe("audit batches", () => {
  it("a batch whose chain fields sit under __proto__ is malformed, not verified", () => {
    const { stored } = sealedChain([2, 2]);
    const [first, second] = stored;
    const { seq, prev, ...rest } = second.content as Record<string, unknown>;
    const hidden = JSON.parse(withProtoKeys({ ...rest, [protoKey]: { seq, prev } }));
    const report = verifyChain([first, { name: second.name, content: hidden }]);
    expect(report.ok).toBe(false);
    expect(report.problems.map((p) => p.kind)).toContain("malformed-batch");
    expectPrototypeClean();
  });
});
