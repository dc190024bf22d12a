/**
 * A rule and its advisory twin (policies/lib/define.ts `resourcePolicies`) run one after the
 * other on the same properties in one Analyze call; the twin replays what the rule's one run
 * found instead of judging the resource again (lib/turn-memo.ts). These tests hold the replay to
 * the answers two separate runs would give: only within one synchronous turn, only on the very
 * same properties object, only with equal settings, and never after the object changed.
 */
import type { ResourceValidationArgs } from "@pulumi/policy";
import { describe, expect, it } from "vitest";
import { resourcePolicies } from "../../../policies/lib/define";
import { req } from "../../../policies/requirements";

/** A rule that counts its runs and reports the image (known) or that it is unknown. */
function countingPair() {
  let runs = 0;
  const [rule, twin] = resourcePolicies({
    name: "test-image",
    description: "test",
    enforcementLevel: "mandatory",
    types: ["test:index:Thing"],
    meta: {
      area: "kubernetes",
      severity: "low",
      requirements: [req.anssiContainers],
      remediation: "none",
      settings: ["registries"],
    },
    validate: (args, settings, report, unknown) => {
      runs++;
      const image = (args.props as Record<string, unknown>).image;
      if (image === "?") unknown("image unknown");
      else report(`image ${String(image)} (${settings.registries.join(",")})`);
    },
  });
  return { rule, twin, runs: () => runs };
}

const argsOf = (props: object, config: object = {}): ResourceValidationArgs =>
  ({
    type: "test:index:Thing",
    props,
    urn: "urn:pulumi:dev::p::test:index:Thing::t",
    name: "t",
    getConfig: () => ({ ...config }),
  }) as unknown as ResourceValidationArgs;

const collect = (policy: { validateResource: unknown }, args: ResourceValidationArgs) => {
  const messages: string[] = [];
  (policy.validateResource as (a: unknown, r: (m: string) => void) => void)(args, (m) =>
    messages.push(m),
  );
  return messages;
};

describe("a rule and its twin in one turn", () => {
  it("judge the resource once and each reports its own channel", () => {
    const { rule, twin, runs } = countingPair();
    const props = { image: "?" };
    expect(collect(rule, argsOf(props))).toEqual([]);
    expect(collect(twin, argsOf(props))).toEqual(["image unknown"]);
    expect(runs()).toBe(1);
  });

  it("judge again a properties object changed in place after the turn", async () => {
    const { rule, twin, runs } = countingPair();
    const props = { image: "a/b:1" };
    expect(collect(rule, argsOf(props, { registries: ["a.example.eu"] }))).toEqual([
      "image a/b:1 (a.example.eu)",
    ]);
    await Promise.resolve();
    props.image = "?";
    expect(collect(twin, argsOf(props, { registries: ["a.example.eu"] }))).toEqual([
      "image unknown",
    ]);
    expect(runs()).toBe(2);
  });

  it("judge again another object with the same content", () => {
    const { rule, twin, runs } = countingPair();
    collect(rule, argsOf({ image: "?" }));
    expect(collect(twin, argsOf({ image: "?" }))).toEqual(["image unknown"]);
    expect(runs()).toBe(2);
  });

  it("judge again when the twin is configured apart", () => {
    const { rule, twin, runs } = countingPair();
    const props = { image: "x/y:1" };
    const ruleMessages = collect(rule, argsOf(props, { registries: ["a.example.eu"] }));
    expect(ruleMessages).toEqual(["image x/y:1 (a.example.eu)"]);
    // The twin reports only unknowns, so a replay would be invisible here: count the runs.
    collect(twin, argsOf(props, { registries: ["b.example.eu"] }));
    expect(runs()).toBe(2);
    // The rule configured like the twin replays the twin's run.
    expect(collect(rule, argsOf(props, { registries: ["b.example.eu"] }))).toEqual([
      "image x/y:1 (b.example.eu)",
    ]);
    expect(runs()).toBe(2);
  });
});
