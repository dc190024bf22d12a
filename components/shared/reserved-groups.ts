/**
 * OIDC groups the platform itself grants roles to: the data stewards deposit extracts, the
 * output reviewers approve exports, the operators own the shared infrastructure. A research
 * project owned by one of them would review its own exports, deposit its own extracts or hold
 * the operators' rights, so no workspace may take one as its owner group.
 */
import { platformOperatorsGroup } from "./ownership";

/** Platform-wide airlock groups when the platform does not name its own. */
export const defaultAirlockGroups = {
  stewards: "hdh-data-stewards",
  reviewers: "hdh-airlock-reviewers",
} as const;

/** Every reserved group with the role it plays, for messages. */
export const reservedGroups: ReadonlyMap<string, string> = new Map([
  [defaultAirlockGroups.stewards, "the data stewards' group (they deposit the projects' extracts)"],
  [
    defaultAirlockGroups.reviewers,
    "the output reviewers' group (they approve the projects' exports)",
  ],
  [platformOperatorsGroup, "the platform operators' group (they own the shared infrastructure)"],
]);
