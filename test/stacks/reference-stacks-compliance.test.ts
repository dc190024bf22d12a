/**
 * The reference stacks must pass the policy pack with zero mandatory violations, with the
 * settings derived from their own configuration (what `hdh plan` and `hdh policy-config` use).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { runPlan, type PlanRun } from "../../cli/plan/run-plan";
import { findProject } from "../../cli/settings/project-files";
import { evaluatePolicies, type PolicyViolation } from "../../offline/evaluate-policies";
import { allPolicies } from "../../policies/all";
import { packConfigFromSettings } from "../../policies/config";
import { policySettingsFor } from "../../stacks/policy-settings";
import { listPlatformStacks } from "../../stacks/stack-file";

const today = new Date("2026-11-23T12:00:00Z");

describe.each(listPlatformStacks())("stack %s under the policy pack", (stack) => {
  let plan: PlanRun;
  let violations: PolicyViolation[];

  beforeAll(async () => {
    plan = await runPlan({ project: findProject(process.cwd()), stack, today });
    violations = await evaluatePolicies({
      resources: plan.resources,
      stackName: stack,
      hubStacks: plan.stacks.map((s) => s.stack),
      config: packConfigFromSettings(allPolicies, policySettingsFor(plan.config)),
    });
  });

  it("has no mandatory violation", () => {
    const mandatory = violations.filter((v) => v.enforcementLevel === "mandatory");
    expect(mandatory.map((v) => `${v.policyName} ${v.urn}`)).toEqual([]);
  });

  it("is still judged: the same plan with default settings flags the admin SSH entry", async () => {
    const strict = await evaluatePolicies({
      resources: plan.resources,
      stackName: stack,
      hubStacks: plan.stacks.map((s) => s.stack),
    });
    expect(strict.some((v) => v.policyName.includes("sensitive-port-from-internet"))).toBe(true);
  });

  it("narrows the allowed regions to the stack's own", () => {
    const settings = policySettingsFor(plan.config);
    expect(settings.allowedRegions).toContain(plan.config.cloud.primaryRegion.name);
    expect(settings.adminCidrs).toEqual(plan.config.bastion.adminCidrs);
  });
});
