/**
 * The airlock's reviewers against the workspaces they serve (docs/airlock.md).
 *
 * - One Keystone user, one reviewer: the mover takes a review's author from the container it lies
 *   in (components/airlock/reviewer-containers.ts), so two entries naming the same Keystone user
 *   would let that one person write two containers and count as two distinct approvals.
 * - An open workspace whose tier needs N distinct approvals (policies/catalog/data-tiers.ts) with
 *   fewer than N reviewers listed can never export anything: refused here rather than discovered
 *   by a researcher whose request waits forever ("an airlock that never opens pushes researchers
 *   to work around it", issue 15). A reviewer in the project's own group does not count at run
 *   time either; that membership lives in the identity provider, not in this file.
 */
import { tierControls, type DataTier } from "../policies/catalog/data-tiers";
import type { ConfigProblem } from "./config-error";
import type { RawPlatformConfig } from "./config-schema";

export function airlockProblems(config: RawPlatformConfig): ConfigProblem[] {
  const reviewers = config.airlock?.reviewers ?? [];
  const problems: ConfigProblem[] = [];
  const firstOf = (field: "key" | "person" | "keystoneUserId") => {
    const first = new Map<string, number>();
    reviewers.forEach((reviewer, index) => {
      const value = reviewer[field];
      const earlier = first.get(value);
      if (earlier === undefined) first.set(value, index);
      else {
        problems.push({
          path: ["airlock", "reviewers", String(index), field],
          message: `"${value}" is already hdh:airlock.reviewers[${earlier}].${field}; each reviewer is one person with their own Keystone user (one user listed twice would count as two approvals)`,
        });
      }
    });
  };
  firstOf("key");
  firstOf("person");
  firstOf("keystoneUserId");

  const short = config.workspaces
    .filter((w) => w.closure === undefined)
    .map((w) => ({
      id: w.id,
      tier: w.tier,
      needs: tierControls[w.tier as DataTier].exportReviewers,
    }))
    .filter((w) => w.needs > reviewers.length)
    .sort((a, b) => b.needs - a.needs);
  if (short.length > 0) {
    const most = short[0];
    const listed =
      config.airlock === undefined ? "no hdh:airlock section" : `${reviewers.length} listed`;
    problems.push({
      path: config.airlock === undefined ? ["airlock"] : ["airlock", "reviewers"],
      message: `workspace "${most.id}" is tier ${most.tier}, whose exports need ${most.needs} distinct reviewers outside the project (${listed}${short.length > 1 ? `; ${short.length - 1} more workspace(s) short` : ""}); list at least ${most.needs} reviewers with their Keystone user ids (docs/airlock.md), or its exports are never approved`,
    });
  }
  return problems;
}
