/**
 * Values a user writes that the components would refuse after the configuration was accepted:
 * each must be refused by the config layer instead, with its `hdh:` key (exit 2), never reach a
 * component's own check (which the CLI would report as "internal error, please report it").
 */
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { afterAll, describe, expect, it } from "vitest";
import { toUserError } from "../../cli/config-errors";
import { rebuilt } from "../../cli/plan/plan-pool";
import { toWorkerError } from "../../cli/plan/plan-worker";
import { ConfigError, parsePlatformConfig } from "../../stacks/config";
import { readStackFile } from "../../stacks/stack-file";
import { throwIfInvalid } from "../../components/shared/validation";
import { hdh, repoRoot } from "../cli/run-cli";

const today = new Date("2026-11-23T12:00:00Z");
const dir = mkdtempSync(join(tmpdir(), "hdh-user-values-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RawConfig = Record<string, any>;
const dev = (): RawConfig => structuredClone(readStackFile("dev").hdh) as RawConfig;

function keysRefused(raw: unknown, stack = "dev"): string[] {
  try {
    parsePlatformConfig(raw, { stack, today });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => ConfigError.key(p.path));
  }
  return [];
}

describe("reserved groups", () => {
  it.each(["hdh-airlock-reviewers", "hdh-data-stewards", "hdh-platform-operators"])(
    "a workspace owned by %s is refused at hdh:workspaces[1].ownerGroup",
    (group) => {
      const raw = dev();
      raw.workspaces[1].ownerGroup = group;
      expect(keysRefused(raw)).toEqual(["hdh:workspaces[1].ownerGroup"]);
    },
  );

  it("hdh plan says so with exit 2, not an internal error", async () => {
    const project = join(dir, "reserved");
    mkdirSync(join(project, "stacks"), { recursive: true });
    writeFileSync(join(project, "Pulumi.yaml"), "name: hdh-sovereign\nstackConfigDir: stacks\n");
    for (const file of ["Pulumi.dev.yaml", "Pulumi.dev.diabetes-mr004.yaml"]) {
      copyFileSync(join(repoRoot, "stacks", file), join(project, "stacks", file));
    }
    const text = readFileSync(join(repoRoot, "stacks/Pulumi.dev.cardio-2026.yaml"), "utf8").replace(
      "ownerGroup: hdh-researchers-cardio",
      "ownerGroup: hdh-airlock-reviewers",
    );
    writeFileSync(join(project, "stacks", "Pulumi.dev.cardio-2026.yaml"), text);
    const run = await hdh(["plan", "--stack", "dev"], { cwd: project });
    expect(run.stderr).not.toMatch(/internal error/);
    expect(run.code).toBe(2);
    // Named in the workspace stack's own file, where the user fixes it.
    expect(run.stderr).toMatch(
      /hdh:workspace\.ownerGroup \(stacks\/Pulumi\.dev\.cardio-2026\.yaml\)/,
    );
  });
});

describe("stack names", () => {
  it.each(["Dev", "my_stack", "dev.eu", "a".repeat(40)])(
    "stack %s, valid for Pulumi but not for the resource names built from it, is refused by name",
    (stack) => {
      expect(keysRefused(dev(), stack)).toEqual(["hdh"]);
    },
  );
});

describe("a component's refusal, if one is still reached, is bad input", () => {
  it("an InputPropertiesError (which names itself only by a marker) becomes exit 2", () => {
    let thrown: unknown;
    try {
      throwIfInvalid("hdh:test:Thing", [{ propertyPath: "x", reason: "expected y" }]);
    } catch (error) {
      thrown = error;
    }
    expect(pulumi.InputPropertiesError.isInstance(thrown)).toBe(true);
    expect(toUserError(thrown)?.describe()).toMatch(/hdh:test:Thing: x: expected y/);
  });

  it("and stays exit 2 when a plan worker reports it (its marker crosses the process boundary)", () => {
    const thrown = new pulumi.InputPropertiesError({
      message: "hdh:test:Thing: x: expected y",
      errors: [{ propertyPath: "x", reason: "expected y" }],
    });
    const received = rebuilt("dev", structuredClone(toWorkerError(thrown)));
    expect(toUserError(received)?.describe()).toMatch(/dev: hdh:test:Thing: x: expected y/);
    expect(toUserError(rebuilt("dev", toWorkerError(new Error("bug"))))).toBeUndefined();
  });
});
