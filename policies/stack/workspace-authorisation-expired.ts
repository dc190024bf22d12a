import { labelKeys } from "../catalog/labels";
import { stackPolicy } from "../lib/define";
import { StackIndex, workspaceNamespaces, type NamespaceInfo } from "../lib/stack-index";
import type { PolicySettings } from "../config";
import type { StackValidationArgs } from "@pulumi/policy";
import { req } from "../requirements";

/** Days before the end of an authorisation from which it is announced. */
export const expiryNoticeDays = 30;

export interface OpenWorkspace {
  readonly ns: NamespaceInfo;
  readonly name: string;
  readonly expires: string;
  /** Days from today to the expiry day (negative once past); NaN when the label is not a date. */
  readonly daysLeft: number;
}

/**
 * Open workspaces (lifecycle not closing or archived) with an expiry label. A closing workspace
 * has no access left, so its past expiry is what closing resolves, not a violation.
 */
export function openWorkspaces(
  args: StackValidationArgs,
  settings: PolicySettings,
  today: Date = new Date(),
): OpenWorkspace[] {
  const day = today.toISOString().slice(0, 10);
  return workspaceNamespaces(StackIndex.of(args.resources), settings)
    .filter((ns) => !["closing", "archived"].includes(ns.labels[labelKeys.lifecycle] ?? ""))
    .flatMap((ns) => {
      const expires = ns.labels[labelKeys.expires];
      if (!expires) return [];
      const end = calendarDay(expires);
      const daysLeft = Math.round((end - Date.parse(`${day}T00:00:00Z`)) / 86_400_000);
      return [{ ns, name: ns.name ?? ns.resource.name, expires, daysLeft }];
    });
}

/**
 * Midnight UTC of a YYYY-MM-DD day, in milliseconds; NaN for anything else, including days the
 * calendar does not have ("2026-02-30"), which Date.parse would roll over into March.
 */
function calendarDay(text: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return NaN;
  const time = Date.parse(`${text}T00:00:00Z`);
  return !Number.isNaN(time) && new Date(time).toISOString().startsWith(text) ? time : NaN;
}

/** A workspace whose authorisation has ended may not stay open. */
export function workspaceAuthorisationExpired() {
  return stackPolicy({
    name: "kubernetes-core-namespace-workspace-authorisation-expired",
    description:
      "An open workspace's authorisation (hdh.health/expires) has not ended: processing stops with the authorisation.",
    enforcementLevel: "mandatory",
    meta: {
      area: "stack",
      severity: "critical",
      requirements: [req.gdprSecurity, req.hdsConfidentiality],
      remediation:
        "Renew the authorisation and write its new end date in hdh:workspaces[].expires, or close the workspace (docs/workspace-lifecycle.md).",
      settings: ["workspaceComponentTypes", "workspaceNamespacePattern"],
    },
    validate: (args, settings, report) => {
      for (const w of openWorkspaces(args, settings)) {
        // An end that cannot be read cannot show the authorisation is still in force.
        if (Number.isNaN(w.daysLeft)) {
          report(
            `Workspace "${w.name}" is open but its authorisation end "${w.expires}" is not a date (YYYY-MM-DD). Write the end date, or close the workspace.`,
            w.ns.resource.urn,
          );
          continue;
        }
        if (w.daysLeft > 0) continue;
        report(
          `Workspace "${w.name}" is open but its authorisation ended on ${w.expires}. Renew it or close the workspace.`,
          w.ns.resource.urn,
        );
      }
    },
  });
}
