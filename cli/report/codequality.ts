/**
 * GitLab Code Quality report (the `artifacts:reports:codequality` format), which every GitLab
 * tier shows in the merge request widget; GitLab does not read SARIF itself. Same locations as
 * the SARIF report, same fingerprints, so an alert keeps its identity across pipelines.
 */
import { createHash } from "node:crypto";
import type { EvaluatedResult, Finding } from "../evaluated-result";
import type { RenderContext } from "./render-context";
import { describeLowered } from "../lowered-policies";

const severityOf: Record<NonNullable<Finding["severity"]>, string> = {
  critical: "blocker",
  high: "critical",
  medium: "major",
  low: "minor",
};

export function renderCodeQuality(result: EvaluatedResult, context: RenderContext): string {
  const issues = result.findings.map((f) => ({
    type: "issue",
    check_name: f.policy,
    description: f.urn ? `${f.message} (${f.resourceName ?? f.urn})` : f.message,
    categories: ["Security"],
    severity: f.severity
      ? severityOf[f.severity]
      : f.enforcement === "mandatory"
        ? "critical"
        : "minor",
    fingerprint: createHash("md5")
      .update(`${f.policy}\n${f.urn ?? f.location?.file ?? ""}\n${f.urn ? "" : f.message}`)
      .digest("hex"),
    location: {
      path: f.location?.file ?? context.defaultFile,
      lines: { begin: f.location?.line ?? (f.urn ? context.urnLines?.get(f.urn) : undefined) ?? 1 },
    },
  }));
  // A lowered policy is an issue of its own, pointing at the setting, so the merge request
  // widget shows what the policy config turned off.
  const loweredIssues = (result.lowered ?? []).map((l) => ({
    type: "issue",
    check_name: "hdh-policy-config-lowered",
    description: `Policy lowered: ${describeLowered(l)}`,
    categories: ["Security"],
    severity: l.from === "mandatory" && l.to === "disabled" ? "major" : "minor",
    fingerprint: createHash("md5").update(`lowered\n${l.policy}\n${l.setting}`).digest("hex"),
    location: { path: l.file, lines: { begin: 1 } },
  }));
  return JSON.stringify([...issues, ...loweredIssues], null, 2) + "\n";
}
