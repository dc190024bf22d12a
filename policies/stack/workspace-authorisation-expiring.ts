import { stackPolicy } from "../lib/define";
import { req } from "../requirements";
import { expiryNoticeDays, openWorkspaces } from "./workspace-authorisation-expired";

/** Announces an authorisation ending within 30 days, while there is time to renew or close. */
export function workspaceAuthorisationExpiring() {
  return stackPolicy({
    name: "kubernetes-core-namespace-workspace-authorisation-expiring",
    description: `An open workspace's authorisation ends within ${expiryNoticeDays} days.`,
    enforcementLevel: "advisory",
    meta: {
      area: "stack",
      severity: "medium",
      requirements: [req.gdprSecurity],
      remediation:
        "Ask the project to renew its authorisation, or plan the closing and archive (docs/workspace-lifecycle.md).",
      settings: ["workspaceComponentTypes", "workspaceNamespacePattern"],
    },
    validate: (args, settings, report) => {
      for (const w of openWorkspaces(args, settings)) {
        // Written so an unreadable end (NaN, the mandatory rule's finding) is not announced.
        if (!(w.daysLeft > 0 && w.daysLeft <= expiryNoticeDays)) continue;
        report(
          `Workspace "${w.name}": its authorisation ends on ${w.expires}, in ${w.daysLeft} day${w.daysLeft === 1 ? "" : "s"}. Renew it or prepare the closing.`,
          w.ns.resource.urn,
        );
      }
    },
  });
}
