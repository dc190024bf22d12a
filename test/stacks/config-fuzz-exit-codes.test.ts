/**
 * Generated stack files through the whole `hdh plan` door (stack file, config layer, the program
 * under mocks, the policy pack, the report): whatever a user writes, the answer is a verdict
 * (0 or 1) or bad input (2, naming an `hdh:` key or the stack), never exit 70 "internal error".
 *
 * The values are mostly well-formed (so they get past the schema and reach the components, where
 * a refusal the config layer missed would surface as an internal error): reserved group names,
 * stack names Pulumi accepts, bounds of every number, addresses of every kind, and the hostile
 * strings of config-fuzz.test.ts. Each accepted configuration costs a full plan, so the default
 * run is small; HDH_FUZZ_CONFIG_RUNS raises it.
 */
import fc from "fast-check";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { stringify } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { readStackFile } from "../../stacks/stack-file";
import { hdh } from "../cli/run-cli";

const runs = Number(process.env.HDH_FUZZ_CONFIG_RUNS ?? 24);
const project = mkdtempSync(join(tmpdir(), "hdh-fuzz-exit-"));
mkdirSync(join(project, "stacks"));
writeFileSync(join(project, "Pulumi.yaml"), "name: hdh-sovereign\nstackConfigDir: stacks\n");
afterAll(() => rmSync(project, { recursive: true, force: true }));

const baseline = readStackFile("dev").hdh;

/** Every path to a leaf or a list in the baseline. */
function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== "object") return [prefix];
  const inner = Object.entries(value as Record<string, unknown>).flatMap(([k, v]) =>
    pathsOf(v, [...prefix, k]),
  );
  return Array.isArray(value) ? [prefix, ...inner] : inner;
}
const baselinePaths = pathsOf(baseline).filter((p) => p.length > 0);

/** Well-formed values of every kind a field takes, plus what users get wrong. */
const plausibleValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(
    "hdh-airlock-reviewers",
    "hdh-data-stewards",
    "hdh-platform-operators",
    "prod",
    "staging",
    "GRA11",
    "SBG5",
    "US-EAST-VA-1",
    "10.42.0.0/24",
    "10.0.0.0/8",
    "192.0.2.0/24",
    "169.254.169.254/32",
    "0.0.0.0/0",
    "127.0.0.1",
    "9.9.9.9",
    "https://login.microsoftonline.com/tenant/v2.0",
    "https://sso.example.fr/realms/hdh",
    "https://a/b",
    "https://[::1]/x",
    "registry.example.fr/hdh",
    "docker.io/library",
    "cardio-2026",
    "a",
    "1.30",
    "2099-12-31",
    "2020-01-01",
    "DR-2026-1",
    "MR-004",
    "x".repeat(300),
  ),
  fc.constantFrom(0, 1, 2, 3, 5, 7, 10, 20, 64, 180, 500, 730, 1095, 2000, 10_000, 16_384),
  fc.boolean(),
  fc.constant([]),
  fc.constantFrom(["10.42.0.0/24"], ["192.0.2.0/24", "198.51.100.0/24"], ["nova", "nova"]),
  fc.string({ maxLength: 20 }),
);

/** Mostly stacks that plan (so values reach the program), sometimes names Pulumi accepts and we cannot. */
const stackName = fc.oneof(
  { arbitrary: fc.constantFrom("dev", "staging"), weight: 4 },
  {
    arbitrary: fc.constantFrom("prod", "Dev", "my_stack", "a.b", "x".repeat(31), "x".repeat(32)),
    weight: 1,
  },
);

function setAt(root: Record<string, unknown>, path: string[], value: unknown): void {
  let node: Record<string, unknown> = root;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (next === null || typeof next !== "object") return;
    node = next as Record<string, unknown>;
  }
  node[path[path.length - 1]] = value;
}

const generated = fc.record({
  stack: stackName,
  mutations: fc.array(
    fc.record({ path: fc.constantFrom(...baselinePaths), value: plausibleValue }),
    { minLength: 0, maxLength: 2 },
  ),
  dropGateway: fc.boolean(),
  // Aimed where a component's own check lives: the groups the platform itself uses.
  ownerGroup: fc.option(
    fc.record({
      workspace: fc.constantFrom(0, 1),
      group: fc.oneof(
        fc.constantFrom("hdh-airlock-reviewers", "hdh-data-stewards", "hdh-platform-operators"),
        fc.stringMatching(/^[A-Za-z0-9]([-A-Za-z0-9_.]{0,20}[A-Za-z0-9])?$/),
      ),
    }),
    { nil: undefined },
  ),
});

describe("hdh plan on generated stack files", () => {
  it(`${runs} generated stack files: a verdict or bad input naming its key, never exit 70`, async () => {
    const outcomes: Record<string, number> = {};
    await fc.assert(
      fc.asyncProperty(generated, async ({ stack, mutations, dropGateway, ownerGroup }) => {
        const config = structuredClone(baseline) as Record<string, unknown>;
        for (const { path, value } of mutations) setAt(config, path, value);
        if (dropGateway) delete config.gateway;
        // A mutation may have replaced the workspace list with anything: aim only at a real entry.
        const workspaces = config.workspaces;
        const target = Array.isArray(workspaces)
          ? workspaces[ownerGroup?.workspace ?? 0]
          : undefined;
        if (ownerGroup && typeof target === "object" && target !== null && !Array.isArray(target)) {
          (target as Record<string, unknown>).ownerGroup = ownerGroup.group;
        }
        const document = {
          config: Object.fromEntries(Object.entries(config).map(([k, v]) => [`hdh:${k}`, v])),
        };
        writeFileSync(join(project, "stacks", `Pulumi.${stack}.yaml`), stringify(document));
        const run = await hdh(["plan", "--stack", stack, "--format", "json"], { cwd: project });
        rmSync(join(project, "stacks", `Pulumi.${stack}.yaml`));
        outcomes[run.code] = (outcomes[run.code] ?? 0) + 1;
        const context = `${stack}: ${JSON.stringify({ mutations, ownerGroup }).slice(0, 400)}\n${run.stderr.slice(0, 1500)}`;
        expect(run.stderr, context).not.toMatch(/internal error/);
        expect([0, 1, 2], context).toContain(run.code);
        if (run.code === 2) {
          // Refused by the config layer, by key: a component's own refusal means the config
          // layer accepted something the program cannot build.
          // A dotted name is a workspace stack; its platform ("a" for "a.b") has no file here.
          expect(run.stderr, context).toMatch(
            stack.includes(".")
              ? /is a workspace stack of the platform stack "[^"]+", which has no settings file/
              : /Invalid configuration for stack .*\n\s+- hdh/,
          );
          expect(run.stderr, context).not.toMatch(/a component refused its inputs/);
        }
      }),
      { numRuns: runs },
    );
    console.info(
      `config-fuzz-exit-codes: ${runs} stack files, exit codes ${JSON.stringify(outcomes)}`,
    );
  }, 900_000);
});
