/**
 * `hdh:airlock`: the reviewers a stack lists get their own review container in every open
 * workspace (components/airlock/reviewer-containers.ts) and reach the mover with the projects'
 * tiers; a malformed entry, one Keystone user listed twice, or fewer reviewers than a workspace's
 * tier needs is refused with its key path before anything is planned.
 */
import { describe, expect, it } from "vitest";
import { tierControls, type DataTier } from "../../policies/catalog/data-tiers";
import { ConfigError } from "../../stacks/config";
import { ofType, parseStack, planRaw, rawStack, type RawConfig } from "../components/plan-helpers";

const platformProjectId = "a".repeat(32);
const rita = { key: "rita", person: "rita@hdh.example.fr", keystoneUserId: "1".repeat(32) };
const remy = { key: "remy", person: "remy@hdh.example.fr", keystoneUserId: "2".repeat(32) };

function refusals(stack: string, raw: RawConfig): string[] {
  try {
    parseStack(stack, raw);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => `${ConfigError.key(p.path)}: ${p.message}`);
  }
  return [];
}

describe("hdh:airlock reviewers", () => {
  it("each listed reviewer gets a container in each open workspace, written by them alone", async () => {
    const raw = { ...rawStack("dev"), airlock: { platformProjectId, reviewers: [rita, remy] } };
    const open = parseStack("dev", raw).workspaces.filter((w) => !w.closure);
    const { resources } = await planRaw("dev", raw);
    const review = ofType(resources, "openstack:objectstorage/container:Container").filter((c) =>
      String(c.inputs.name).endsWith("-review-rita"),
    );
    expect(review.map((c) => c.inputs.name).sort()).toEqual(
      open.map((w) => `hdh-ws-${w.id}-review-rita`).sort(),
    );
    for (const c of review) {
      expect(c.inputs.containerWrite).toBe(`${platformProjectId}:${"1".repeat(32)}`);
    }
  });

  // The stacks in the repository: a deployed platform must be able to approve something.
  it.each(["dev", "prod"])(
    "the %s stack's mover gets its reviewers, and every open workspace's tier has enough of them",
    async (stack) => {
      const config = parseStack(stack);
      const reviewers = config.airlock?.reviewers ?? [];
      const { resources } = await planRaw(stack, rawStack(stack));
      const moverConfig = ofType(resources, "kubernetes:core/v1:ConfigMap").find(
        (c) => (c.inputs.metadata as { name?: string }).name === "airlock-projects",
      );
      const data = (moverConfig?.inputs.data ?? {}) as Record<string, string>;
      expect(JSON.parse(data["reviewers.json"])).toEqual(reviewers);
      const projects = JSON.parse(data["projects.json"]) as { projectId: string; tier: DataTier }[];
      const open = config.workspaces.filter((w) => !w.closure);
      expect(projects.map((p) => [p.projectId, p.tier])).toEqual(open.map((w) => [w.id, w.tier]));
      // At least one workspace needs two approvals, and the reviewers suffice for every one.
      const needs = projects.map((p) => tierControls[p.tier].exportReviewers);
      expect(Math.max(...needs)).toBe(2);
      expect(reviewers.length).toBeGreaterThanOrEqual(Math.max(...needs));
      // Each reviewer's container in each open workspace, and nobody else's.
      const reviewContainers = ofType(resources, "openstack:objectstorage/container:Container")
        .map((c) => String(c.inputs.name))
        .filter((n) => /-review-[a-z0-9-]+$/.test(n));
      expect(reviewContainers.sort()).toEqual(
        open.flatMap((w) => reviewers.map((r) => `hdh-ws-${w.id}-review-${r.key}`)).sort(),
      );
    },
  );

  it("a tier-3 workspace with one reviewer listed is refused: its exports could never leave", () => {
    const raw: RawConfig = {
      ...rawStack("dev"),
      airlock: { platformProjectId, reviewers: [rita] },
    };
    const tier3 = raw.workspaces.find((w: { tier: number }) => w.tier === 3);
    expect(refusals("dev", raw)).toEqual([
      `hdh:airlock.reviewers: workspace "${tier3.id}" is tier 3, whose exports need 2 distinct reviewers outside the project (1 listed); list at least 2 reviewers with their Keystone user ids (docs/airlock.md), or its exports are never approved`,
    ]);
  });

  it("no hdh:airlock at all is refused while a workspace's tier needs reviewers", () => {
    const raw = rawStack("dev");
    delete raw.airlock;
    const problems = refusals("dev", raw);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^hdh:airlock: workspace "[^"]+" is tier \d, .*\(no hdh:airlock section/,
    );
  });

  it("tier-0 workspaces alone need no reviewer", () => {
    const raw = rawStack("dev");
    delete raw.airlock;
    for (const w of raw.workspaces) w.tier = 0;
    expect(refusals("dev", raw)).toEqual([]);
  });

  it("one Keystone user listed as two reviewers is refused: it would count as two approvals", () => {
    const twin = { ...remy, keystoneUserId: rita.keystoneUserId };
    const raw = { ...rawStack("dev"), airlock: { platformProjectId, reviewers: [rita, twin] } };
    expect(refusals("dev", raw)).toEqual([
      `hdh:airlock.reviewers[1].keystoneUserId: "${rita.keystoneUserId}" is already hdh:airlock.reviewers[0].keystoneUserId; each reviewer is one person with their own Keystone user (one user listed twice would count as two approvals)`,
    ]);
  });

  it("a reviewer without a Keystone user id is refused, naming the key", () => {
    const raw = {
      ...rawStack("dev"),
      airlock: { platformProjectId, reviewers: [{ ...rita, keystoneUserId: "rita" }, remy] },
    };
    expect(refusals("dev", raw)).toEqual([
      "hdh:airlock.reviewers[0].keystoneUserId: expected a Keystone id (32 hexadecimal characters)",
    ]);
  });
});
