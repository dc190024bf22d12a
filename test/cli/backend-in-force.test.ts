/**
 * The state backend is judged from what the Pulumi CLI would really use, in its own order
 * (pkg/workspace/creds.go `GetCurrentCloudURL`, v3.248.0): PULUMI_BACKEND_URL, then the
 * project's `backend.url`, then the current login recorded in the credentials file
 * (`current` in $PULUMI_CREDENTIALS_PATH or $PULUMI_HOME or ~/.pulumi, `credentials.json`), never
 * from what the docs suggest. An S3 backend on an extra-EU operator's endpoint is refused even
 * when someone listed its host as EU.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { backendsOfProject, judgeSettings } from "../../cli/settings/judge-settings";
import { findProject } from "../../cli/settings/project-files";
import { judgeStateBackend } from "../../cli/settings/state-backend";
import { hdh, repoRoot } from "./run-cli";

const dir = mkdtempSync(join(tmpdir(), "hdh-backend-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A Pulumi home whose current login is `url`. */
function pulumiHome(name: string, url: string | undefined): string {
  const home = join(dir, name);
  mkdirSync(home, { recursive: true });
  writeFileSync(
    join(home, "credentials.json"),
    JSON.stringify({
      ...(url ? { current: url } : {}),
      accessTokens: url ? { [url]: "pul-0000" } : {},
      accounts: {},
    }),
  );
  return home;
}

/** A project (no backend.url) whose README documents an EU login. */
function project(name: string, pulumiYaml = "name: p\nruntime: nodejs\n"): string {
  const root = join(dir, name);
  mkdirSync(root, { recursive: true });
  writeFileSync(join(root, "Pulumi.yaml"), pulumiYaml);
  writeFileSync(join(root, "README.md"), "Run `pulumi login file://./.pulumi-state` first.\n");
  return root;
}

describe("the backend in force", () => {
  it("a US login in the credentials file is judged, not the EU login the README documents", () => {
    const home = pulumiHome("us-login", "https://api.pulumi.com");
    const backends = backendsOfProject(findProject(project("p1")), { PULUMI_HOME: home });
    expect(backends).toHaveLength(1);
    expect(backends[0].url).toBe("https://api.pulumi.com");
    expect(backends[0].origin).toMatch(/credentials\.json/);
    const outcome = judgeSettings({ backends, production: true, euHosts: [] });
    expect(outcome.findings.map((f) => f.enforcement)).toEqual(["mandatory"]);
  });

  it("PULUMI_CREDENTIALS_PATH is read before PULUMI_HOME, as the CLI does", () => {
    const us = pulumiHome("creds-us", "https://api.pulumi.com");
    const eu = pulumiHome("creds-eu", "file:///var/lib/pulumi");
    const backends = backendsOfProject(findProject(project("p2")), {
      PULUMI_CREDENTIALS_PATH: us,
      PULUMI_HOME: eu,
    });
    expect(backends[0].url).toBe("https://api.pulumi.com");
  });

  it("logged out, with nothing pinned, the CLI's default (Pulumi Cloud) is judged", () => {
    const home = pulumiHome("logged-out", undefined);
    const backends = backendsOfProject(findProject(project("p3")), { PULUMI_HOME: home });
    expect(backends.map((b) => b.url)).toEqual([undefined]);
  });

  it("the project's backend.url wins over the login, and PULUMI_BACKEND_URL over both", () => {
    const home = pulumiHome("us-login-2", "https://api.pulumi.com");
    const pinned = findProject(
      project("p4", "name: p\nruntime: nodejs\nbackend:\n  url: file://./.pulumi-state\n"),
    );
    expect(backendsOfProject(pinned, { PULUMI_HOME: home })[0].url).toBe("file://./.pulumi-state");
    expect(
      backendsOfProject(pinned, { PULUMI_HOME: home, PULUMI_BACKEND_URL: "s3://b?endpoint=x" })[0]
        .url,
    ).toBe("s3://b?endpoint=x");
  });

  it("hdh plan with a US login and nothing pinned fails the state backend setting", async () => {
    const home = pulumiHome("us-login-3", "https://app.pulumi.com");
    const root = project("p5", "name: hdh-sovereign\nstackConfigDir: stacks\n");
    mkdirSync(join(root, "stacks"));
    writeFileSync(
      join(root, "stacks", "Pulumi.dev.yaml"),
      readFileSync(join(repoRoot, "stacks", "Pulumi.dev.yaml")),
    );
    const run = await hdh(["plan", "--stack", "dev"], { cwd: root, env: { PULUMI_HOME: home } });
    expect(run.stdout).toMatch(/\[FAIL\] state backend: https:\/\/app\.pulumi\.com/);
    expect(run.stdout).not.toMatch(/\[ok\] {3}state backend/);
  }, 60_000);
});

describe("the repository pins an EU default", () => {
  it("Pulumi.yaml's backend.url is a local file backend, and it decides over any login", () => {
    const doc = parse(readFileSync(join(repoRoot, "Pulumi.yaml"), "utf8"));
    expect(doc.backend.url).toMatch(/^file:\/\//);
    const home = pulumiHome("us-login-4", "https://api.pulumi.com");
    const backends = backendsOfProject(findProject(repoRoot), { PULUMI_HOME: home });
    expect(backends[0].url).toBe(doc.backend.url);
    expect(judgeSettings({ backends, production: true, euHosts: [] }).findings).toEqual([]);
  });
});

describe("an S3 backend on an extra-EU operator's endpoint", () => {
  it.each([
    ["s3://state?endpoint=s3.eu-west-3.amazonaws.com&region=eu-west-3", /Amazon.*US/],
    ["s3://state?endpoint=https://storage.googleapis.com", /Google.*US/],
  ])("%s is refused, even when listed in euHosts", (url, operator) => {
    const { finding } = judgeStateBackend({
      url,
      origin: "test",
      production: true,
      euHosts: ["amazonaws.com", "googleapis.com"],
    });
    expect(finding?.enforcement).toBe("mandatory");
    expect(finding?.message).toMatch(operator);
  });
});
