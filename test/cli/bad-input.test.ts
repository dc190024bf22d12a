/**
 * Every way an artifact or an option can be wrong ends in exit 2 and one paragraph that names the
 * problem and the fix, never a stack trace.
 */
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { hdh, noPolicyFindings, samples } from "./run-cli";

const dir = mkdtempSync(join(tmpdir(), "hdh-bad-"));
const write = (name: string, text: string): string => {
  const file = join(dir, name);
  writeFileSync(file, text);
  return file;
};
const exportText = readFileSync(join(samples, "openstack-prod.stack-export.json"), "utf8");
const previewText = readFileSync(join(samples, "workspace-dev.preview.json"), "utf8");

async function expectBadInput(argv: string[], problem: RegExp): Promise<string> {
  const run = await hdh(argv, { evaluatePolicies: noPolicyFindings });
  expect(run.code).toBe(2);
  expect(run.stdout).toBe("");
  expect(run.stderr).toMatch(problem);
  expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/); // no stack trace
  return run.stderr;
}

describe("hdh check refuses bad artifacts with exit 2", () => {
  it("a file that does not exist", () =>
    expectBadInput(["check", join(dir, "nope.json")], /does not exist/));

  it("a directory", () => {
    mkdirSync(join(dir, "a-dir"), { recursive: true });
    return expectBadInput(["check", join(dir, "a-dir")], /is a directory/);
  });

  it("an empty file", () => expectBadInput(["check", write("empty.json", "  \n")], /is empty/));

  it("an export truncated half way", async () => {
    const stderr = await expectBadInput(
      ["check", write("cut.json", exportText.slice(0, exportText.length / 2))],
      /not valid JSON.*truncated/s,
    );
    expect(stderr).toMatch(/write it again in full/);
  });

  it("a preview truncated by one byte", () =>
    expectBadInput(
      ["check", write("cut-preview.json", previewText.trimEnd().slice(0, -1))],
      /truncated/,
    ));

  it("the CLI's human-readable output instead of JSON", () =>
    expectBadInput(
      [
        "check",
        write("human.txt", "Previewing update (dev)\n\n +  pulumi:pulumi:Stack hdh-dev create\n"),
      ],
      /not valid JSON/,
    ));

  it("JSON that is not an object", () =>
    expectBadInput(["check", write("array.json", "[1,2]")], /not an object \(an array\)/));

  it("an object that is neither an export nor a preview", () =>
    expectBadInput(
      ["check", write("other.json", '{"name":"x"}')],
      /neither a stack export.*nor a preview digest/s,
    ));

  it("a version 2 deployment", () =>
    expectBadInput(
      ["check", write("v2.json", '{"version":2,"deployment":{"resources":[]}}')],
      /version 2 deployment.*current Pulumi CLI/s,
    ));

  it("resources that are not a list", () =>
    expectBadInput(
      ["check", write("res.json", '{"version":3,"deployment":{"resources":{}}}')],
      /"deployment.resources" is not a list/,
    ));

  it("a resource without a URN", () =>
    expectBadInput(
      ["check", write("nourn.json", '{"version":3,"deployment":{"resources":[{"type":"x:y:Z"}]}}')],
      /resources\[0\] has no valid "urn"/,
    ));

  it("a resource without a type", () =>
    expectBadInput(
      [
        "check",
        write(
          "notype.json",
          '{"version":3,"deployment":{"resources":[{"urn":"urn:pulumi:a::b::c::d"}]}}',
        ),
      ],
      /has no "type"/,
    ));

  it("inputs that are not a map", () =>
    expectBadInput(
      [
        "check",
        write(
          "inputs.json",
          '{"version":3,"deployment":{"resources":[{"urn":"urn:pulumi:a::b::c:d:E::f","type":"c:d:E","inputs":[1]}]}}',
        ),
      ],
      /"inputs" is an array/,
    ));

  it("a preview step without op", () =>
    expectBadInput(
      ["check", write("step.json", '{"steps":[{"urn":"x"}]}')],
      /steps\[0\] has no "op" and "urn"/,
    ));

  it("streaming engine events rather than a digest", () =>
    expectBadInput(
      ["check", write("events.json", '{"sequence":0,"timestamp":1,"type":"preludeEvent"}')],
      /streaming engine events/,
    ));

  it("an unknown format", () =>
    expectBadInput(
      ["check", join(samples, "workspace-dev.preview.json"), "--format", "html"],
      /Allowed choices are text, json, markdown, sarif, codequality/,
    ));

  it("a missing argument", () => expectBadInput(["check"], /missing required argument 'file'/));

  it("an unknown --format to changed-stacks or workspaces: the option and its choices", async () => {
    await expectBadInput(
      ["changed-stacks", "--since", "HEAD", "--format", "xml"],
      /option '-f, --format <format>' argument 'xml' is invalid\. Allowed choices are lines, json/,
    );
    await expectBadInput(
      ["workspaces", "--stack", "dev", "--format", "csv"],
      /option '-f, --format <format>' argument 'csv' is invalid\. Allowed choices are text, json/,
    );
  });

  it("a workspace stack to workspaces: the platform stack whose register holds it", () =>
    expectBadInput(
      ["workspaces", "--stack", "dev.cardio-2026"],
      /--stack dev\.cardio-2026 is a workspace stack.*\nRun hdh workspaces --stack dev\./,
    ));

  it("an unknown command", () => expectBadInput(["deploy"], /unknown command 'deploy'/));

  it("a policy config that is not JSON", () =>
    expectBadInput(
      [
        "check",
        join(samples, "workspace-dev.preview.json"),
        "--policy-config",
        write("pc.json", "all: advisory"),
      ],
      /policy config .* is not valid JSON/,
    ));

  it("a bad enforcement level for a settings rule", () =>
    expectBadInput(
      [
        "check",
        join(samples, "workspace-dev.preview.json"),
        "--policy-config",
        write("pc2.json", '{"pulumi-project-state-backend-eu":{"enforcementLevel":"off"}}'),
      ],
      /enforcementLevel is "off"/,
    ));

  it("a baseline that is not an artifact", () =>
    expectBadInput(
      ["check", join(samples, "workspace-dev.preview.json"), "--baseline", write("b.json", "{}")],
      /neither a stack export/,
    ));

  it("a report that cannot be written", () =>
    expectBadInput(
      [
        "check",
        join(samples, "workspace-dev.preview.json"),
        "--out",
        join(dir, "no", "such", "dir", "r.txt"),
      ],
      /cannot write the report/,
    ));
});

describe("help and version", () => {
  it("--help lists the three commands and exits 0", async () => {
    const run = await hdh(["--help"]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /plan \[options\][\s\S]*check \[options\] <file>[\s\S]*diagram \[options\]/,
    );
  });

  it("--version prints the package version and exits 0", async () => {
    const run = await hdh(["--version"]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe("hdh plan and diagram refuse bad stacks with exit 2", () => {
  it("an unknown stack names the known ones", async () => {
    const stderr = await expectBadInput(["plan", "--stack", "staging"], /unknown stack "staging"/);
    expect(stderr).toMatch(/known stacks: dev, prod \(and \d+ workspace stacks/);
    expect(stderr).toMatch(/Pass one of the known stacks with --stack/);
  });

  it("a stack name that is a path", () =>
    expectBadInput(
      ["plan", "--stack", "../etc/passwd"],
      /"\.\.\/etc\/passwd" is not a stack name/,
    ));

  it("a plan without --stack", () =>
    expectBadInput(["plan"], /required option '-s, --stack <name>' not specified/));

  it("a workspace stack whose platform stack has no file names the platform", async () => {
    // A project holding only the workspace stack's file: its platform's file is missing.
    const project = mkdtempSync(join(tmpdir(), "hdh-orphan-"));
    mkdirSync(join(project, "stacks"));
    writeFileSync(join(project, "Pulumi.yaml"), "name: hdh-sovereign\nstackConfigDir: stacks\n");
    writeFileSync(
      join(project, "stacks", "Pulumi.staging.cardio-2026.yaml"),
      "config:\n  hdh:workspace:\n    id: cardio-2026\n",
    );
    const run = await hdh(["plan", "--stack", "staging.cardio-2026"], {
      cwd: project,
      evaluatePolicies: noPolicyFindings,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(
      /"staging\.cardio-2026" is a workspace stack of the platform stack "staging", which has no settings file \(.*Pulumi\.staging\.yaml\)/,
    );
    expect(run.stderr).not.toMatch(/\n\s+at .+:\d+:\d+/);
  });

  it("an unknown stack for a diagram", () =>
    expectBadInput(["diagram", "--stack", "nope"], /unknown stack "nope"/));

  it("a workspace count that is not a positive number", () =>
    expectBadInput(
      ["plan", "--stack", "dev", "--workspaces", "0"],
      /expected a whole number of workspaces/,
    ));

  it("no Pulumi.yaml above the working directory", async () => {
    const run = await hdh(["plan", "--stack", "dev"], {
      cwd: tmpdir(),
      evaluatePolicies: noPolicyFindings,
    });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/no Pulumi.yaml/);
  });
});
