/** Plain-text report for a terminal or a CI log: settings, resources, workspaces, findings. */
import { mandatoryCount, type EvaluatedResult, type Finding } from "../evaluated-result";
import { groupFindings, indexResources } from "./resource-index";
import { headline, sourceLabel } from "./wording";
import { describeLowered } from "../lowered-policies";
import { stackSummaryLines } from "../plan/stack-summary";

export function renderText(result: EvaluatedResult): string {
  const index = indexResources(result);
  const out: string[] = [];
  out.push(headline(result), `Source: ${sourceLabel(result)}`, "");

  out.push("Sovereignty settings");
  if (result.settings.length === 0) out.push("  (not judged: see notes)");
  for (const s of result.settings) {
    out.push(
      `  ${s.compliant ? "[ok]  " : "[FAIL]"} ${s.setting}: ${s.value}`,
      `         from ${s.origin}: ${s.reason}`,
    );
  }
  out.push("");

  const lowered = result.lowered ?? [];
  if (lowered.length > 0) {
    out.push(`Policies lowered by the policy config (${lowered.length})`);
    for (const l of lowered) out.push(`  [LOWERED] ${describeLowered(l)}`);
    out.push("");
  }

  if (result.stacks) {
    out.push(`Stacks (${result.stacks.length})`);
    for (const line of stackSummaryLines(result.stacks)) out.push(`  ${line}`);
    out.push("");
  }

  out.push(`Resources by component (${result.resources.length} in all)`);
  for (const g of index.components) {
    out.push(`  ${pad(g.label, 48)} ${String(g.count).padStart(5)}`);
    const types = [...g.byType.entries()].sort((a, b) => b[1] - a[1]);
    for (const [type, n] of types) out.push(`      ${pad(type, 58)} ${String(n).padStart(5)}`);
  }
  out.push("");

  if (index.workspaces.length > 0) {
    out.push(`Workspaces (${index.workspaces.length})`);
    for (const w of index.workspaces) {
      const labels = Object.entries(w.labels)
        .map(([k, v]) => `${k.split("/").pop()}=${v}`)
        .join(" ");
      out.push(
        `  ${pad(w.name, 30)} ${String(w.resources).padStart(4)} resources  ${w.mandatory} mandatory, ${w.advisory} advisory  ${labels}`.trimEnd(),
      );
    }
    out.push("");
  }

  if (result.operations) {
    out.push(
      `Preview steps: ${Object.entries(result.operations)
        .map(([op, n]) => `${op} ${n}`)
        .join(", ")}`,
      "",
    );
  }

  if (result.diff) {
    const d = result.diff;
    out.push(
      `Changes against ${d.baselineFile}: ${d.added.length} added, ${d.changed.length} changed, ${d.removed.length} removed, ${d.unchanged} unchanged${notCompared(d.secretsNotCompared)}`,
    );
    for (const a of d.added) out.push(`  + ${a.urn}`);
    for (const c of d.changed) out.push(`  ~ ${c.urn}  (${c.keys.join(", ")})`);
    for (const r of d.removed) out.push(`  - ${r.urn}`);
    out.push("");
  }

  const groups = groupFindings(result.findings);
  out.push("Policy results");
  for (const [title, list] of [
    ["MANDATORY", groups.mandatory],
    ["ADVISORY", groups.advisory],
  ] as const) {
    out.push(`  ${title} (${list.length})`);
    for (const f of list) out.push(...findingLines(f));
  }
  out.push("");

  for (const note of result.notes) out.push(`Note: ${note}`);
  if (result.notes.length > 0) out.push("");

  const mandatory = mandatoryCount(result);
  out.push(
    mandatory === 0
      ? `Result: compliant (${groups.advisory.length} advisory finding${groups.advisory.length === 1 ? "" : "s"}).`
      : `Result: ${mandatory} mandatory violation${mandatory === 1 ? "" : "s"}: not compliant.`,
  );
  return out.join("\n") + "\n";
}

function findingLines(f: Finding): string[] {
  const where = f.urn
    ? `${f.resourceName ?? f.urn} (${f.resourceType ?? "resource"})`
    : f.location
      ? `${f.location.file}${f.location.line ? `:${f.location.line}` : ""}`
      : "stack";
  const severity = f.severity ? ` [${f.severity}]` : "";
  const lines = [
    `    - ${f.policy}${severity}  ${where}`,
    `        ${f.message.replace(/\n/g, "\n        ")}`,
  ];
  if (f.remediation) lines.push(`        Fix: ${f.remediation}`);
  if (f.requirements.length > 0) lines.push(`        Requirement: ${f.requirements.join("; ")}`);
  return lines;
}

function pad(text: string, width: number): string {
  return text.length >= width ? text : text + " ".repeat(width - text.length);
}

/** Secrets `--baseline` could not compare (no digest under a common key) are said, not guessed. */
export function notCompared(count: number | undefined): string {
  return count ? `; ${count} secret value(s) not compared (no keyed digest on both sides)` : "";
}
