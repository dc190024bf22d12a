/**
 * What the Workspace refuses before it creates anything: every problem with its arguments at
 * once, each with the argument's path and what to give instead.
 */
import { tierControls } from "../../policies/catalog/data-tiers";
import type { ArgProblem } from "../shared/validation";
import { imageProblems, workspaceImages } from "./images";
import { reachProblems } from "./network-rules";
import type { WorkspaceArgs } from "./workspace-args";

import { defaultAirlockGroups } from "../shared/reserved-groups";

export { defaultAirlockGroups };

/** Every problem with `args`; empty when the workspace can be built. */
export function workspaceArgProblems(args: WorkspaceArgs): ArgProblem[] {
  const config = args.config;
  const problems: ArgProblem[] = [];
  if (!tierControls[config.tier]) {
    problems.push({ propertyPath: "config.tier", reason: `${config.tier} is not a tier 0-4` });
  }
  if (!args.region) {
    problems.push({ propertyPath: "region", reason: "name the OpenStack region of the data" });
  }
  if (
    !args.registry ||
    args.registry.includes("@") ||
    /:[^/]*$/.test(args.registry.split("/").pop() ?? "")
  ) {
    problems.push({
      propertyPath: "registry",
      reason: `"${args.registry}" must be the EU registry host and path only; images add their own digest`,
    });
  }
  const pin = (args.images ?? workspaceImages)[config.tool];
  if (pin === undefined) {
    problems.push({ propertyPath: `images.${config.tool}`, reason: "pin an image for this tool" });
  } else {
    problems.push(...imageProblems(config.tool, pin));
  }
  problems.push(...reachProblems(args.reach));
  const groups = { ...defaultAirlockGroups, ...(args.airlockGroups ?? {}) };
  for (const role of ["stewards", "reviewers"] as const) {
    if (groups[role] === config.ownerGroup) {
      problems.push({
        propertyPath: "config.ownerGroup",
        reason: `"${config.ownerGroup}" is also the airlock's ${role} group; a project's researchers never ${role === "reviewers" ? "review their own exports" : "deposit their own extracts"}: give the project its own OIDC group`,
      });
    }
  }
  if (args.gateway && !args.gateway.namespace) {
    problems.push({ propertyPath: "gateway.namespace", reason: "name the gateway's namespace" });
  }
  return problems;
}
