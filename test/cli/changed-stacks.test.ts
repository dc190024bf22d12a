/**
 * `hdh changed-stacks`: which stacks CI previews for a change. Run on a real git repository
 * holding a copy of this project's program, stack files and pack (copied from the working tree),
 * with one commit per kind of change on a branch from the same base, so the selection comes from
 * `git diff` and the code's real import graph, not from a list of files written for the test.
 */
import { execFileSync } from "node:child_process";
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hdh, repoRoot } from "./run-cli";

/** Generated or installed, never in a commit: everything else of the project is copied. */
const notCopied = /^(\.git|node_modules|dist|policies[/\\]bin|reports|\.pulumi-state)$/;
const devStacks = ["dev", "dev.cardio-2026", "dev.diabetes-mr004"];
const prodStacks = [
  "prod",
  "prod.cardio-2026",
  "prod.covid-long",
  "prod.diabetes-mr004",
  "prod.oncology-cohort",
  "prod.open-indicators",
];

let repo: string;
const git = (...args: string[]): string =>
  execFileSync(
    "git",
    [
      "-c",
      "user.name=hdh test",
      "-c",
      "user.email=test@hdh.invalid",
      "-c",
      "commit.gpgsign=false",
      ...args,
    ],
    { cwd: repo, encoding: "utf8" },
  );

beforeAll(() => {
  repo = mkdtempSync(join(tmpdir(), "hdh-changed-"));
  cpSync(repoRoot, repo, {
    recursive: true,
    filter: (source) => !notCopied.test(relative(repoRoot, source)),
  });
  git("init", "-q", "-b", "main");
  git("add", "-A");
  git("commit", "-q", "-m", "base");
});

afterAll(() => rmSync(repo, { recursive: true, force: true }));

/** A branch from main with one commit made by `change`; returns the stacks selected. */
async function selected(change: () => void, extra: string[] = []): Promise<string[]> {
  git("checkout", "-q", "-B", "change", "main");
  change();
  git("add", "-A");
  git("commit", "-q", "--allow-empty", "-m", "change");
  const run = await hdh(["changed-stacks", "--since", "main", ...extra], { cwd: repo });
  expect(run.code, run.stderr).toBe(0);
  return run.stdout.split("\n").filter((line) => line.length > 0);
}

const edit =
  (path: string, text = "\n// changed\n") =>
  () =>
    appendFileSync(join(repo, path), text);

describe("hdh changed-stacks selects the stacks a change can affect", () => {
  it("a workspace stack's file: that stack and its platform, which serves it", async () => {
    expect(await selected(edit("stacks/Pulumi.dev.cardio-2026.yaml", "\n# changed\n"))).toEqual([
      "dev",
      "dev.cardio-2026",
    ]);
  });

  it("a new workspace stack file: the new stack and its platform", async () => {
    const add = () =>
      cpSync(
        join(repo, "stacks/Pulumi.prod.covid-long.yaml"),
        join(repo, "stacks/Pulumi.prod.new-study.yaml"),
      );
    expect(await selected(add)).toEqual(["prod", "prod.new-study"]);
  });

  it("a deleted workspace stack file: only its platform (the stack itself is gone)", async () => {
    const remove = () => unlinkSync(join(repo, "stacks/Pulumi.prod.covid-long.yaml"));
    const run = await selected(remove);
    expect(run).toEqual(["prod"]);
  });

  it("a platform stack's file: that platform and all its workspace stacks, no other hub", async () => {
    expect(await selected(edit("stacks/Pulumi.prod.yaml", "\n# changed\n"))).toEqual(prodStacks);
  });

  it("platform code only: the platform stacks", async () => {
    expect(await selected(edit("components/platform/foundation.ts"))).toEqual(["dev", "prod"]);
  });

  it("workspace program code only: the workspace stacks", async () => {
    expect(await selected(edit("stacks/workspace-program.ts"))).toEqual(
      [...devStacks, ...prodStacks].filter((s) => s.includes(".")),
    );
  });

  it("the platform contract, or a type it depends on: every stack", async () => {
    const all = [...devStacks, ...prodStacks];
    expect(await selected(edit("components/platform/platform-contract.ts"))).toEqual(all);
    expect(await selected(edit("components/workspace/images.ts"))).toEqual(all);
  });

  it("shared code (the lockfile, the pack): every stack; --stack keeps one hub", async () => {
    const all = [...devStacks, ...prodStacks];
    expect(await selected(edit("package-lock.json", "\n"))).toEqual(all);
    expect(await selected(edit("policies/all.ts"), ["--stack", "dev"])).toEqual(devStacks);
  });

  it("the selection's own code: every stack (a bug there could skip previews)", async () => {
    expect(await selected(edit("cli/changed/stacks-to-preview.ts"))).toEqual([
      ...devStacks,
      ...prodStacks,
    ]);
  });

  it("a code file no program imports (unknown reach): every stack, never none", async () => {
    const add = () => writeFileSync(join(repo, "components/orphan.ts"), "export const x = 1;\n");
    expect(await selected(add)).toEqual([...devStacks, ...prodStacks]);
  });

  it("docs, tests and hdh plan code: no stack; JSON for a CI matrix", async () => {
    const change = () => {
      edit("docs/ci.md", "\nchanged\n")();
      edit("cli/plan/plan-pool.ts")();
      mkdirSync(join(repo, "test"), { recursive: true });
      writeFileSync(join(repo, "test/new.test.ts"), "\n");
    };
    git("checkout", "-q", "-B", "change", "main");
    change();
    git("add", "-A");
    git("commit", "-q", "-m", "docs");
    const run = await hdh(["changed-stacks", "--since", "main", "--format", "json"], {
      cwd: repo,
    });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([]);
    expect(run.stderr).toMatch(/docs\/ci\.md -> no stack/);
  });

  it("an uncommitted edit counts too (a local run before committing)", async () => {
    git("checkout", "-q", "-B", "change", "main");
    edit("stacks/Pulumi.dev.diabetes-mr004.yaml", "\n# local\n")();
    const run = await hdh(["changed-stacks", "--since", "main"], { cwd: repo });
    expect(run.stdout).toBe("dev\ndev.diabetes-mr004\n");
    git("checkout", "-q", "--", ".");
  });

  it("a ref git does not know, or a workspace stack as --stack: exit 2 naming the option", async () => {
    const unknown = await hdh(["changed-stacks", "--since", "no-such-branch"], { cwd: repo });
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/--since no-such-branch names no commit[\s\S]*git fetch/);
    const workspace = await hdh(
      ["changed-stacks", "--since", "main", "--stack", "dev.cardio-2026"],
      { cwd: repo },
    );
    expect(workspace.code).toBe(2);
    expect(workspace.stderr).toMatch(/--stack dev\.cardio-2026 is not a platform stack/);
  });
});
