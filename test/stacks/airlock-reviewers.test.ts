/**
 * `hdh:airlock`: the reviewers a stack lists get their own review container in every open
 * workspace (components/airlock/reviewer-containers.ts), and a malformed entry is refused with
 * its key path before anything is planned.
 */
import { describe, expect, it } from "vitest";
import { ConfigError } from "../../stacks/config";
import { ofType, parseStack, planRaw, rawStack } from "../components/plan-helpers";

const platformProjectId = "a".repeat(32);
const rita = { key: "rita", person: "rita@hdh.example.fr", keystoneUserId: "1".repeat(32) };

describe("hdh:airlock reviewers", () => {
  it("each listed reviewer gets a container in each open workspace, written by them alone", async () => {
    const raw = { ...rawStack("dev"), airlock: { platformProjectId, reviewers: [rita] } };
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

  it("a reviewer without a Keystone user id is refused, naming the key", () => {
    const raw = {
      ...rawStack("dev"),
      airlock: { platformProjectId, reviewers: [{ ...rita, keystoneUserId: "rita" }] },
    };
    let problems: string[] = [];
    try {
      parseStack("dev", raw);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems = error.problems.map((p) => `${ConfigError.key(p.path)}: ${p.message}`);
    }
    expect(problems).toEqual([
      "hdh:airlock.reviewers[0].keystoneUserId: expected a Keystone id (32 hexadecimal characters)",
    ]);
  });
});
