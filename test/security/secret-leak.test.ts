/**
 * No secret value appears outside a secret wrapper, anywhere in the planned state of any stack:
 * inputs and outputs of every resource, the stack's outputs, and the stack export `hdh plan
 * --format json` writes.
 *
 * The secrets searched for are every value found inside a secret wrapper anywhere in the plan
 * (generated passwords, the cluster's kubeconfig, the backup credential...), plus seeded ones:
 * a kubeconfig canary given as a `--secret` config value. A leak is any plain string, at any
 * depth, that contains one of them, so a secret copied into a ConfigMap, a label, cloud-init or a
 * connection string is caught, not only a verbatim copy.
 */
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../../cli/main";
import { runUnderMocks, type MockRunResult } from "../../offline/mock-run";
import { parsePlatformConfig } from "../../stacks/config";
import { platformProgram } from "../../stacks/program";
import { listPlatformStacks, readStackFile } from "../../stacks/stack-file";

const signatureKey = "4dabf18193072939515e22adb298388d";
const secretSignature = "1b47061264138c4ac30d75fd1eb44270";
const today = new Date("2026-06-01T00:00:00Z");
/** Shorter secret values would match by chance (e.g. "v1"); none of ours is that short. */
const minSecretLength = 8;

interface Walked {
  /** String leaves found inside a secret wrapper. */
  secrets: Set<string>;
  /** String leaves outside any secret wrapper, with where they are. */
  plain: { where: string; text: string }[];
}

function walk(value: unknown, where: string, inSecret: boolean, into: Walked): void {
  if (typeof value === "string") {
    if (inSecret) into.secrets.add(value);
    else into.plain.push({ where, text: value });
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${where}[${i}]`, inSecret, into));
    return;
  }
  if (value && typeof value === "object") {
    const record = value as Record<string, unknown>;
    if (record[signatureKey] === secretSignature) {
      // The wrapper's own marker is not data: only its value is secret.
      walk(record.value, where, true, into);
      return;
    }
    const secret = inSecret;
    for (const [key, v] of Object.entries(record)) {
      // Keys are property names chosen by the code, never data; they are still checked as text.
      if (!secret) into.plain.push({ where: `${where}.${key} (key)`, text: key });
      walk(v, `${where}.${key}`, secret, into);
    }
  }
}

function walkPlan(plan: MockRunResult): Walked {
  const walked: Walked = { secrets: new Set(), plain: [] };
  for (const r of plan.resources) {
    walk(r.inputs, `${r.urn} inputs`, false, walked);
    walk(r.outputs, `${r.urn} outputs`, false, walked);
  }
  walk(plan.outputs, "stack outputs", false, walked);
  return walked;
}

function leaks(walked: Walked, secrets: Iterable<string>): string[] {
  const searched = [...secrets].filter((s) => s.length >= minSecretLength);
  const found: string[] = [];
  for (const { where, text } of walked.plain) {
    for (const secret of searched) {
      if (text.includes(secret))
        found.push(`${where}: contains secret "${secret.slice(0, 24)}..."`);
    }
  }
  return found;
}

/** The plain values the mocks generate for secret outputs (offline/cloud-mocks.ts). */
function generatedSecrets(plan: MockRunResult): string[] {
  return plan.resources
    .filter((r) => r.type === "random:index/randomPassword:RandomPassword")
    .map((r) => `mock-password-${r.name}`);
}

const stacks = listPlatformStacks();

describe.each(stacks)("stack %s: no secret outside a secret wrapper", (stack) => {
  let plan: MockRunResult;
  let walked: Walked;

  beforeAll(async () => {
    const file = readStackFile(stack);
    const config = parsePlatformConfig(file.hdh, { stack, today, securePaths: file.securePaths });
    plan = await runUnderMocks(() => platformProgram(config), { project: "hdh-sovereign", stack });
    walked = walkPlan(plan);
  });

  it("the plan holds secrets to look for (generated passwords are wrapped as secrets)", () => {
    const generated = generatedSecrets(plan);
    expect(walked.secrets.size).toBeGreaterThan(0);
    for (const value of generated) expect(walked.secrets).toContain(value);
    if (plan.resources.some((r) => r.type === "openstack:containerinfra/cluster:Cluster")) {
      expect([...walked.secrets].some((s) => s.includes("# mock kubeconfig for"))).toBe(true);
    }
  });

  it("no resource input or output, nor stack output, carries a secret in plain text", () => {
    expect(leaks(walked, [...walked.secrets, ...generatedSecrets(plan)])).toEqual([]);
  });

  it("the stack export written by `hdh plan --format json` holds no secret value", async () => {
    let stdout = "";
    let stderr = "";
    await runCli(["plan", "--stack", stack, "--format", "json"], {
      io: {
        stdout: (t) => void (stdout += t),
        stderr: (t) => void (stderr += t),
        stderrIsTty: false,
        cwd: path.resolve(__dirname, "../.."),
        env: { SOURCE_DATE_EPOCH: "1780000000" },
      },
    });
    expect(stderr).not.toMatch(/internal error/);
    expect(() => JSON.parse(stdout)).not.toThrow();
    const searched = [...walked.secrets, ...generatedSecrets(plan)].filter(
      (s) => s.length >= minSecretLength,
    );
    expect(searched.filter((secret) => stdout.includes(secret) || stderr.includes(secret))).toEqual(
      [],
    );
  });
});

describe("a credential given with --secret stays wrapped end to end", () => {
  const canary = `apiVersion: v1\nkind: Config\n# canary-kubeconfig-${Math.random().toString(36).slice(2)}\n`;

  it("an existing cluster's kubeconfig never appears outside a secret wrapper", async () => {
    const stack = stacks.includes("dev") ? "dev" : stacks[0];
    const file = readStackFile(stack);
    const raw = structuredClone(file.hdh) as Record<string, unknown>;
    raw.cluster = {
      mode: "existing",
      kubeconfig: canary,
      apiEndpoint: "https://k8s.hdh.example.fr:6443",
    };
    const config = parsePlatformConfig(raw, {
      stack,
      today,
      securePaths: [...file.securePaths, ["cluster", "kubeconfig"]],
    });
    const plan = await runUnderMocks(() => platformProgram(config), {
      project: "hdh-sovereign",
      stack,
    });
    const walked = walkPlan(plan);
    expect(walked.secrets).toContain(canary);
    expect(leaks(walked, [canary, ...walked.secrets])).toEqual([]);
  });

  it("the walk finds a leak when there is one (the check can fail)", () => {
    const walked: Walked = { secrets: new Set(), plain: [] };
    walk(
      {
        password: { [signatureKey]: secretSignature, value: "s3cret-value-123" },
        userData: "#cloud-config\npassword: s3cret-value-123\n",
      },
      "resource",
      false,
      walked,
    );
    expect(leaks(walked, walked.secrets)).toEqual([
      'resource.userData: contains secret "s3cret-value-123..."',
    ]);
  });
});
