/**
 * The two CI templates users copy: valid against their platform's published schema, and
 * sovereign and pinned (docs/ci.md): images from the EU registry setting, the Pulumi toolchain
 * only from the checksum-pinned archive at the lockfile's versions, no plugin downloaded at run
 * time, and the supply-chain steps docs/supply-chain.md promises.
 *
 * Schemas: GitHub Actions through @action-validator/core, which checks a workflow against the
 * SchemaStore github-workflow schema (its README: "checking them against published JSON
 * schemas"); GitLab through gitlab-ci-local, which bundles GitLab's own CI schema
 * ($id https://gitlab.com/.gitlab-ci.yml, its src/schema/schema.json) and refuses a file that
 * does not validate before listing its jobs. gitlab-ci-local needs Node.js 22 or newer
 * (Set.prototype.union): on Node 20 the test runs it with the Node 24 that .ci/run installs
 * (HDH_NODE24), and says so as a skip where neither is at hand.
 */
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";

const root = join(__dirname, "..", "..");
const gitlabText = readFileSync(join(root, ".gitlab-ci.yml"), "utf8");
const githubText = readFileSync(join(root, ".github/workflows/preview.yml"), "utf8");
const gitlab = parse(gitlabText) as Record<string, GitlabJob & Record<string, unknown>>;
const github = parse(githubText) as {
  env: Record<string, string>;
  jobs: Record<string, GithubJob>;
};

interface GitlabJob {
  image?: string;
  script?: string[];
  variables?: Record<string, string>;
  rules?: { if?: string }[];
  artifacts?: { paths?: string[] };
}
interface GithubJob {
  container?: { image: string };
  env?: Record<string, string>;
  steps: { uses?: string; run?: string; with?: Record<string, string> }[];
}

/** A Node.js that runs gitlab-ci-local (22+), or undefined. */
function node22(): string | undefined {
  if (Number(process.versions.node.split(".")[0]) >= 22) return process.execPath;
  return process.env.HDH_NODE24 || undefined;
}

/** Lists the jobs of a .gitlab-ci.yml with gitlab-ci-local, in a throw-away repository. */
function gitlabCiLocal(node: string, text: string): { code: number; output: string } {
  const dir = mkdtempSync(join(tmpdir(), "hdh-gitlab-ci-"));
  writeFileSync(join(dir, ".gitlab-ci.yml"), text);
  spawnSync("git", ["init", "-q"], { cwd: dir });
  const cli = join(root, "node_modules/gitlab-ci-local/dist/index.js");
  const run = spawnSync(node, [cli, "--list"], { cwd: dir, encoding: "utf8", timeout: 60_000 });
  return { code: run.status ?? -1, output: `${run.stdout}${run.stderr}` };
}

if (!node22()) {
  console.warn(
    "templates.test.ts: GitLab schema checks SKIPPED: gitlab-ci-local needs Node.js 22+; set HDH_NODE24 (.ci/run does)",
  );
}

describe("the CI templates validate against their platforms' published schemas", () => {
  it("GitHub Actions: preview.yml has no schema error", () => {
    expect(validateWorkflow(githubText).errors).toEqual([]);
  });

  it("GitHub Actions: the validator does catch a misspelt key (runs_on)", () => {
    const broken = githubText.replace("runs-on: ubuntu-24.04\n", "runs_on: ubuntu-24.04\n");
    expect(JSON.stringify(validateWorkflow(broken).errors)).toContain(
      "Additional property 'runs_on' is not allowed",
    );
  });

  const node = node22();
  it.skipIf(!node)(
    `GitLab CI: .gitlab-ci.yml validates against GitLab's CI schema${node ? "" : " — SKIPPED: gitlab-ci-local needs Node.js 22+ and HDH_NODE24 is not set (.ci/run sets it)"}`,
    () => {
      const run = gitlabCiLocal(node!, gitlabText);
      expect(run.output).toMatch(/json schema validated/);
      expect(run.code, run.output).toBe(0);
      // Jobs whose rules need a merge request are not listed outside one.
      for (const job of ["test", "supply-chain"]) {
        expect(run.output).toMatch(new RegExp(`^${job}\\b`, "m"));
      }
    },
    60_000,
  );

  it.skipIf(!node)(
    `GitLab CI: the schema check does catch an unknown job key${node ? "" : " — SKIPPED: no Node.js 22+"}`,
    () => {
      const run = gitlabCiLocal(
        node!,
        gitlabText.replace("stage: test\n", "stage: test\n  imagez: x\n"),
      );
      expect(run.code).not.toBe(0);
      expect(run.output).toMatch(/'imagez' property is not expected to be here/);
    },
    60_000,
  );
});

describe("the CI templates are sovereign and pinned", () => {
  const texts = { gitlab: gitlabText, github: githubText };

  it.each(Object.entries(texts))(
    "%s: no installer piped to a shell, no Pulumi download host, no CLI version of its own",
    (_, text) => {
      expect(text).not.toMatch(/\|\s*(ba)?sh\b/);
      expect(text).not.toMatch(/get\.pulumi\.com|pulumi\.com\/releases|PULUMI_VERSION/);
      expect(text).not.toMatch(/actions\/setup-(node|go)/);
    },
  );

  it("GitLab: every image comes from the EU registry setting, Node.js 24", () => {
    const images = [gitlab.default?.image as unknown as string];
    for (const job of Object.values(gitlab))
      if (typeof job?.image === "string") images.push(job.image);
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(image).toMatch(/^\$\{HDH_REGISTRY\}\/node:24\.\d+\.\d+-/);
    expect((gitlab.variables as unknown as Record<string, string>).HDH_REGISTRY).toMatch(
      /^registry\.[a-z0-9.-]+\.(fr|eu|de)\//,
    );
  });

  it("GitHub: every job runs in the CI image from the EU registry variable", () => {
    for (const [name, job] of Object.entries(github.jobs)) {
      expect(job.container?.image, name).toMatch(/^\$\{\{ vars\.HDH_CI_IMAGE \|\| 'registry\./);
    }
  });

  it("both run npm run audit and npm run sbom, and keep the SBOM", () => {
    const script = (gitlab["supply-chain"].script ?? []).join("\n");
    expect(script).toMatch(/npm run audit[\s\S]*npm run sbom/);
    expect(gitlab["supply-chain"].artifacts?.paths).toContain("reports/sbom.cdx.json");
    const steps = github.jobs["supply-chain"].steps;
    expect(steps.map((s) => s.run)).toEqual(
      expect.arrayContaining(["npm run audit", "npm run sbom"]),
    );
    expect(steps.find((s) => s.uses?.startsWith("actions/upload-artifact"))?.with?.path).toBe(
      "reports/sbom.cdx.json",
    );
  });

  it("the preview gets its toolchain from the pinned archive and never acquires a plugin", () => {
    const gl = gitlab["pulumi-preview"];
    expect(gl.variables?.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION).toBe("true");
    expect(gl.script?.join("\n")).toMatch(
      /scripts\/pulumi-toolchain\.sh install "\$HDH_PULUMI_TOOLCHAIN_URL" "\$HDH_PULUMI_TOOLCHAIN_SHA256"/,
    );
    expect(gl.rules?.[0].if).toMatch(/\$HDH_PULUMI_TOOLCHAIN_URL/);
    const gh = github.jobs.preview;
    expect(gh.env?.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION).toBe("true");
    expect(gh.steps.map((s) => s.run ?? "").join("\n")).toMatch(
      /scripts\/pulumi-toolchain\.sh install "\$HDH_PULUMI_TOOLCHAIN_URL" "\$HDH_PULUMI_TOOLCHAIN_SHA256"/,
    );
  });

  it("both preview only the stacks hdh changed-stacks selects, from the request's base commit", () => {
    const gl = gitlab["pulumi-preview"];
    const glScript = gl.script?.join("\n") ?? "";
    // The merge request's base must be in the clone for git diff.
    expect(gl.variables?.GIT_DEPTH).toBe("0");
    expect(glScript).toMatch(
      /npx hdh changed-stacks --since "\$CI_MERGE_REQUEST_DIFF_BASE_SHA" --stack "\$STACK" --out changed-stacks\.txt/,
    );
    const gh = github.jobs.preview;
    const checkout = gh.steps.find((s) => s.uses?.startsWith("actions/checkout"));
    expect(String(checkout?.with?.["fetch-depth"])).toBe("0");
    const changed = gh.steps.find((s) => s.run?.includes("hdh changed-stacks")) as {
      run: string;
      env?: Record<string, string>;
    };
    expect(changed.env?.BASE_SHA).toBe("${{ github.event.pull_request.base.sha }}");
    expect(changed.run).toMatch(/--since "\$BASE_SHA" --stack "\$STACK" --out changed-stacks\.txt/);
    const ghScript = gh.steps.map((s) => s.run ?? "").join("\n");
    // Each selected stack in turn (not the hub's name), a workspace with its platform's contract.
    for (const script of [glScript, ghScript]) {
      expect(script).toMatch(/done < changed-stacks\.txt/);
      expect(script).toMatch(/pulumi preview --stack "\$stack"/);
      expect(script).not.toMatch(/pulumi preview --stack "\$STACK"/);
      expect(script).toMatch(
        /pulumi stack output platformContract --stack "\$\{stack%%\.\*\}" --json[\s\S]*hdh policy-config --stack "\$stack" \$contract_args/,
      );
    }
  });
  it("both preview every listed stack and report each that fails at any step, not only the last", () => {
    const glLoop = gitlab["pulumi-preview"].script?.find((s) => s.includes("while read -r stack"));
    const ghLoop = github.jobs.preview.steps.find((s) =>
      s.run?.includes("while read -r stack"),
    )?.run;
    for (const [name, loop] of [
      ["GitLab", glLoop],
      ["GitHub", ghLoop],
    ] as const) {
      expect(loop, name).toBeDefined();
      const dir = mkdtempSync(join(tmpdir(), "hdh-ci-loop-"));
      const bin = join(dir, "bin");
      mkdirSync(bin);
      // Stand-ins that log their arguments and read stdin (as a prompt would); hdh policy-config
      // fails for one workspace stack, whose preview must then not run and which must be named.
      const stub = (file: string, body: string) => {
        writeFileSync(
          join(bin, file),
          `#!/bin/sh\ncat >/dev/null\necho "${file} $*" >> "${dir}/log"\n${body}\n`,
        );
        chmodSync(join(bin, file), 0o755);
      };
      stub("pulumi", "exit 0");
      stub("npx", 'case "$*" in *dev.cardio-2026*) exit 2 ;; esac');
      writeFileSync(join(dir, "changed-stacks.txt"), "dev\ndev.cardio-2026\ndev.diabetes-mr004\n");
      // Both platforms run scripts under bash -eo pipefail.
      const run = spawnSync("bash", ["-eo", "pipefail", "-c", loop!], {
        cwd: dir,
        encoding: "utf8",
        env: { ...process.env, PATH: `${bin}:${process.env.PATH}` },
      });
      expect(run.status, name).toBe(1);
      expect(run.stdout, name).toMatch(/failed for: dev\.cardio-2026$/m);
      const log = readFileSync(join(dir, "log"), "utf8");
      expect(log, name).toMatch(/pulumi preview --stack dev\.diabetes-mr004 /);
      expect(log, name).toMatch(/pulumi preview --stack dev /);
      expect(log, name).not.toMatch(/pulumi preview --stack dev\.cardio-2026 /);
    }
  });
});
