/**
 * A hub is a platform stack plus one stack per workspace (docs/hub-stacks.md). These tests plan
 * the real dev hub under mocks and check both sides of the platform contract, the clear refusal
 * of a workspace stack whose platform output is missing or of another version, and the hub-wide
 * rules judged over the union of the stacks.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { parse, stringify } from "yaml";
import { planHubInWorkers, planWorkspaceStacks } from "../../cli/plan/plan-pool";
import { referencedStack, runPlan, type PlanRun } from "../../cli/plan/run-plan";
import { findProject } from "../../cli/settings/project-files";
import {
  contractOutputs,
  platformContractVersion,
  type PlatformContract,
} from "../../components/platform/platform-contract";
import { runUnderMocks } from "../../offline/mock-run";
import { evaluatePolicies } from "../../offline/evaluate-policies";
import { normalizePlan } from "../../cli/normalize/from-plan";
import { ConfigError } from "../../stacks/config-error";
import { checkContract } from "../../stacks/platform-reference";
import { workspaceProgram } from "../../stacks/workspace-program";
import { hdh, repoRoot } from "../cli/run-cli";
import { today } from "../components/plan-helpers";

const project = findProject(repoRoot);
let hub: PlanRun;

beforeAll(async () => {
  hub = await runPlan({ project, stack: "dev", today });
});

/** A copy of the project's Pulumi.yaml and stack files (not the code) to edit, in a temp dir. */
const projectCopy = (): string => {
  const root = mkdtempSync(join(tmpdir(), "hdh-hub-"));
  cpSync(join(repoRoot, "Pulumi.yaml"), join(root, "Pulumi.yaml"));
  cpSync(join(repoRoot, "stacks"), join(root, "stacks"), {
    recursive: true,
    filter: (src) => !src.endsWith(".ts"),
  });
  return root;
};

const contractOf = (run: PlanRun) =>
  run.stacks[0].outputs[contractOutputs.contract] as PlatformContract;

describe("the dev hub: a platform stack and one stack per workspace", () => {
  it("plans the platform first, then each workspace in its own stack", () => {
    expect(hub.stacks.map((s) => [s.stack, s.kind])).toEqual([
      ["dev", "platform"],
      ["dev.cardio-2026", "workspace"],
      ["dev.diabetes-mr004", "workspace"],
    ]);
    for (const stack of hub.stacks) {
      const foreign = stack.planned.filter((r) => !r.urn.startsWith(`urn:pulumi:${stack.stack}::`));
      expect(foreign, stack.stack).toEqual([]);
    }
  });

  it("keeps each workspace's resources out of the platform stack, which still serves it", () => {
    const [platform, cardio] = hub.stacks;
    expect(platform.planned.filter((r) => r.type === "hdh:workspace:Workspace")).toEqual([]);
    const workspace = cardio.planned.filter((r) => r.type === "hdh:workspace:Workspace");
    expect(workspace.map((r) => r.name)).toEqual(["hdh-dev-ws-cardio-2026"]);
    // Served: its gateway connection and airlock project stay in the platform stack.
    const served = platform.planned.filter((r) => JSON.stringify(r.inputs).includes("cardio-2026"));
    expect(served.length).toBeGreaterThan(0);
  });

  it("the platform exports the contract version this code reads, and each workspace accepts it", () => {
    const contract = contractOf(hub);
    expect(contract.contractVersion).toBe(platformContractVersion);
    expect(contract.servedWorkspaces).toEqual(["cardio-2026", "diabetes-mr004"]);
    // The kubeconfig output stays a secret in the platform stack's outputs.
    expect(referencedStack(hub.stacks[0].outputs).secretOutputNames).toEqual([
      contractOutputs.kubeconfig,
    ]);
    for (const stack of hub.config.workspaceStacks) {
      expect(
        checkContract(contract, {
          stack: stack.stack,
          workspaceId: stack.id,
          platformReference: stack.platformReference,
        }),
      ).toEqual(contract);
    }
  });

  it("a workspace stack builds on what the contract says: region, storage class, providers", () => {
    const cardio = hub.stacks[1].planned;
    const contract = contractOf(hub);
    const openstackProvider = cardio.find((r) => r.type === "pulumi:providers:openstack");
    expect(openstackProvider?.inputs).toMatchObject({
      region: contract.region.name,
      authUrl: contract.authUrl,
    });
    const claim = cardio.find((r) => r.type === "kubernetes:core/v1:PersistentVolumeClaim");
    expect((claim?.inputs.spec as { storageClassName: string }).storageClassName).toBe(
      contract.encryptedStorageClass,
    );
    // The kubeconfig comes through the StackReference and stays secret.
    const k8sProvider = cardio.find((r) => r.type === "pulumi:providers:kubernetes");
    expect(JSON.stringify(k8sProvider?.inputs.kubeconfig)).toContain(
      "1b47061264138c4ac30d75fd1eb44270",
    );
  });
});

describe("a workspace stack whose platform output is missing or of another version", () => {
  const plan = (outputs: Record<string, unknown>) => {
    const stack = hub.config.workspaceStacks[0];
    let registered = 0;
    return runUnderMocks(() => workspaceProgram(hub.config, stack), {
      project: project.name,
      stack: stack.stack,
      stackReferences: { [stack.platformReference]: referencedStack(outputs) },
      onResource: (n) => (registered = n),
    }).then(
      () => ({ error: undefined as unknown, registered }),
      (error: unknown) => ({ error, registered }),
    );
  };

  it("no platformContract output: refused by hdh:platformStack, nothing registered but the stack", async () => {
    const { error, registered } = await plan({});
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toMatch(
      /hdh:platformStack: platform stack "dev" has no "platformContract" output: deploy \(pulumi up\) the platform stack first/,
    );
    expect(registered).toBe(1); // the root stack only
  });

  it("another contract version: refused by name, with the versions", async () => {
    const outputs = { ...hub.stacks[0].outputs };
    outputs[contractOutputs.contract] = { ...contractOf(hub), contractVersion: 0 };
    const { error } = await plan(outputs);
    expect((error as ConfigError).problems).toEqual([
      {
        path: ["platformStack"],
        message: expect.stringContaining(
          `exports contract version 0, this program reads version ${platformContractVersion}`,
        ),
      },
    ]);
  });

  it("a platform that does not serve the workspace yet, or lacks the kubeconfig: refused", async () => {
    const notServed = { ...hub.stacks[0].outputs };
    notServed[contractOutputs.contract] = { ...contractOf(hub), servedWorkspaces: [] };
    expect(String((await plan(notServed)).error)).toMatch(/does not serve workspace "cardio-2026"/);
    const noKube = { ...hub.stacks[0].outputs };
    delete noKube[contractOutputs.kubeconfig];
    expect(String((await plan(noKube)).error)).toMatch(/has no "kubeconfig" output/);
  });

  it("the CLI exits 2 with the keyed message, never 70", async () => {
    const root = projectCopy();
    const file = join(root, "stacks", "Pulumi.dev.cardio-2026.yaml");
    const doc = parse(readFileSync(file, "utf8"));
    doc.config["hdh:platformStack"] = "organization/hdh-sovereign/elsewhere";
    writeFileSync(file, stringify(doc));
    const run = await hdh(["plan", "--stack", "dev", "--workspace", "cardio-2026"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /hdh:platformStack: platform stack "organization\/hdh-sovereign\/elsewhere" has no "platformContract" output/,
    );
  });
});

describe("hub-wide rules are judged over the union of the stacks", () => {
  it("a workspace's egress into another workspace's stack is caught only with both in view", async () => {
    const [platform, cardio, diabetes] = hub.stacks;
    const policy = cardio.planned.find(
      (r) =>
        r.type === "kubernetes:networking.k8s.io/v1:NetworkPolicy" &&
        (r.inputs.metadata as { name: string }).name.startsWith("allow-tier"),
    );
    expect(policy).toBeDefined();
    const spec = structuredClone(policy!.inputs.spec) as { egress: unknown[] };
    spec.egress.push({
      to: [
        {
          namespaceSelector: {
            matchLabels: { "kubernetes.io/metadata.name": "ws-diabetes-mr004" },
          },
        },
      ],
      ports: [{ port: 8787, protocol: "TCP" }],
    });
    const changed = cardio.planned.map((r) =>
      r === policy ? { ...r, inputs: { ...r.inputs, spec } } : r,
    );
    const judge = (planned: typeof changed, stacks: string[]) =>
      evaluatePolicies({
        resources: normalizePlan(planned),
        stackName: stacks[0],
        hubStacks: stacks,
        phases: ["stack"],
      });
    const union = await judge(
      [...platform.planned, ...changed, ...diabetes.planned],
      ["dev", "dev.cardio-2026", "dev.diabetes-mr004"],
    );
    const egress = union.filter(
      (v) => v.policyName === "kubernetes-core-namespace-workspace-egress-within-tier",
    );
    expect(egress.map((v) => [v.urn, v.enforcementLevel])).toEqual([[policy!.urn, "mandatory"]]);
    expect(egress[0].message).toMatch(/ws-diabetes-mr004/);
  });

  it("two workspace stacks owned by one group are refused in the second one's own file", async () => {
    const root = projectCopy();
    const file = join(root, "stacks", "Pulumi.dev.diabetes-mr004.yaml");
    const doc = parse(readFileSync(file, "utf8"));
    doc.config["hdh:workspace"].ownerGroup = "hdh-researchers-cardio";
    writeFileSync(file, stringify(doc));
    const run = await hdh(["plan", "--stack", "dev"], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /hdh:workspace\.ownerGroup \(stacks\/Pulumi\.dev\.diabetes-mr004\.yaml\): "hdh-researchers-cardio" already owns hdh:workspace of stack dev\.cardio-2026/,
    );
  });
});

/**
 * A dynamic provider's serialised code is the transpiler's text of it (tsx in a worker, vitest's
 * transform here): compared by its presence, everything else as is. Order by URN: the SDK
 * registers a dynamic resource once its code is serialised, later the first time.
 */
const comparable = (planned: readonly { urn: string }[]) =>
  JSON.parse(
    JSON.stringify([...planned].sort((a, b) => a.urn.localeCompare(b.urn))),
    (key, value) => (key === "__provider" ? typeof value : value),
  );

describe("the plan pool and a new workspace stack", () => {
  it("worker processes plan each workspace stack exactly as this process does", async () => {
    const references = Object.fromEntries(
      hub.config.workspaceStacks.map((w) => [
        w.platformReference,
        referencedStack(hub.stacks[0].outputs),
      ]),
    );
    const pooled = await planWorkspaceStacks(
      { project: project.name, config: hub.config, references },
      hub.config.workspaceStacks,
      { workers: 2, minStacksForWorkers: 0 },
    );
    expect(pooled.map((s) => s.stack)).toEqual(hub.stacks.slice(1).map((s) => s.stack));
    pooled.forEach((stack, i) =>
      expect(comparable(stack.planned)).toEqual(comparable(hub.stacks[i + 1].planned)),
    );
  });

  it("a hub in the pool: the platform planned in a worker equals this process's, and its outputs feed the workspace stacks", async () => {
    const pooled = await planHubInWorkers(
      { project: project.name, config: hub.config },
      {
        stack: "dev",
        referencesFor: (outputs) =>
          Object.fromEntries(
            hub.config.workspaceStacks.map((w) => [w.platformReference, referencedStack(outputs)]),
          ),
      },
      hub.config.workspaceStacks,
      { workers: 2, minStacksForWorkers: 0 },
    );
    expect(pooled.platform.stack).toBe("dev");
    expect(comparable(pooled.platform.planned)).toEqual(comparable(hub.stacks[0].planned));
    expect(pooled.platform.outputs[contractOutputs.contract]).toEqual(contractOf(hub));
    expect(pooled.workspaces.map((s) => s.stack)).toEqual(hub.stacks.slice(1).map((s) => s.stack));
    pooled.workspaces.forEach((stack, i) =>
      expect(comparable(stack.planned)).toEqual(comparable(hub.stacks[i + 1].planned)),
    );
  });

  it("hdh workspace new writes a stack file the hub plans; a refused entry writes nothing", async () => {
    const root = projectCopy();
    const args = (tier: string) => [
      "workspace",
      "new",
      "--stack",
      "dev",
      "--id",
      "asthma-2027",
      "--owner-group",
      "hdh-researchers-asthma",
      "--tier",
      tier,
      "--authorisation",
      "MR-004",
      "--expires",
      "2099-12-31",
    ];
    const refused = await hdh(args("9"), { cwd: root });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(
      /hdh:workspace\.tier \(stacks\/Pulumi\.dev\.asthma-2027\.yaml\)/,
    );
    const file = join(root, "stacks", "Pulumi.dev.asthma-2027.yaml");
    expect(() => readFileSync(file)).toThrow();

    const written = await hdh(args("2"), { cwd: root });
    expect(written.code, written.stderr).toBe(0);
    const doc = parse(readFileSync(file, "utf8"));
    expect(doc.secretsprovider).toBe("passphrase");
    expect(Object.keys(doc.config["hdh:workspace"])).toEqual([
      "id",
      "ownerGroup",
      "tier",
      "authorisation",
      "expires",
      "tool",
      "storageGiB",
      "cpu",
      "memoryGiB",
    ]);
    const plan = await hdh(["plan", "--stack", "dev", "--workspace", "asthma-2027"], { cwd: root });
    expect(plan.code, plan.stderr).toBe(0);
    expect(plan.stdout).toMatch(/workspace stack dev\.asthma-2027: \d+ resources, 0 mandatory/);
  });
});

describe("hdh policy-config for a workspace stack's real preview", () => {
  it("is the hub's settings plus the platform's encrypted StorageClass, read from its contract", async () => {
    const contractFile = join(mkdtempSync(join(tmpdir(), "hdh-contract-")), "contract.json");
    writeFileSync(contractFile, JSON.stringify(contractOf(hub)));
    const run = await hdh([
      "policy-config",
      ...["--stack", "dev.cardio-2026", "--platform-contract", contractFile],
    ]);
    expect(run.code, run.stderr).toBe(0);
    const platform = await hdh(["policy-config", "--stack", "dev"]);
    const [workspaceConfig, platformConfig] = [JSON.parse(run.stdout), JSON.parse(platform.stdout)];
    const storageClasses = Object.entries(workspaceConfig).filter(
      ([, entry]) => (entry as { encryptedStorageClasses?: string[] }).encryptedStorageClasses,
    );
    expect(storageClasses.length).toBeGreaterThan(0);
    for (const [name, entry] of storageClasses) {
      expect(
        (entry as { encryptedStorageClasses: string[] }).encryptedStorageClasses,
        name,
      ).toEqual([contractOf(hub).encryptedStorageClass]);
      // Everything else is the platform's own settings.
      expect({ ...(entry as object), encryptedStorageClasses: null }).toEqual({
        ...platformConfig[name],
        encryptedStorageClasses: null,
      });
    }
  });

  it("without the contract, or with one that does not serve the workspace: exit 2 saying how to get it", async () => {
    const missing = await hdh(["policy-config", "--stack", "dev.cardio-2026"]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(
      /--platform-contract is needed[\s\S]*pulumi stack output platformContract --stack dev --json/,
    );
    const contractFile = join(mkdtempSync(join(tmpdir(), "hdh-contract-")), "contract.json");
    writeFileSync(contractFile, JSON.stringify({ ...contractOf(hub), servedWorkspaces: [] }));
    const unserved = await hdh([
      "policy-config",
      ...["--stack", "dev.cardio-2026", "--platform-contract", contractFile],
    ]);
    expect(unserved.code).toBe(2);
    expect(unserved.stderr).toMatch(/hdh:platformStack: .*does not serve workspace "cardio-2026"/);
    const notAContract = join(mkdtempSync(join(tmpdir(), "hdh-contract-")), "package.json");
    writeFileSync(notAContract, JSON.stringify({ name: "not-a-contract" }));
    const wrongFile = await hdh([
      "policy-config",
      ...["--stack", "dev.cardio-2026", "--platform-contract", notAContract],
    ]);
    expect(wrongFile.code).toBe(2);
    expect(wrongFile.stderr).toMatch(
      /--platform-contract \S+package\.json is not a platform contract[\s\S]*contract version null[\s\S]*pulumi stack output platformContract --stack dev --json/,
    );
  });
});
