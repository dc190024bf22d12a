/**
 * Markdown for a merge-request or pull-request comment: verdict first, then findings with their
 * fix, then the details folded away. A hidden marker per stack lets CI update its own comment
 * instead of adding a new one on every push. Long lists are cut to stay under the forges'
 * comment size limits (GitHub: 65,536 characters).
 */
import { stackSummaryLines } from "../plan/stack-summary";
import { mandatoryCount, type EvaluatedResult, type Finding } from "../evaluated-result";
import { groupFindings, indexResources } from "./resource-index";
import { headline, sourceLabel } from "./wording";
import { notCompared } from "./text";

const maxFindingRows = 150;
const maxDiffRows = 100;

export function commentMarker(result: EvaluatedResult): string {
  return `<!-- hdh-report:${result.command}:${result.stack} -->`;
}

export function renderMarkdown(result: EvaluatedResult): string {
  const index = indexResources(result);
  const groups = groupFindings(result.findings);
  const mandatory = mandatoryCount(result);
  const out: string[] = [commentMarker(result)];
  out.push(`### ${mandatory === 0 ? "✅" : "❌"} ${escape(headline(result))}`, "");
  out.push(
    mandatory === 0
      ? `**Compliant**: no mandatory violation, ${groups.advisory.length} advisory finding${groups.advisory.length === 1 ? "" : "s"}.`
      : `**Not compliant**: ${mandatory} mandatory violation${mandatory === 1 ? "" : "s"}, ${groups.advisory.length} advisory.`,
    "",
    `| Resources | Workspaces | Mandatory | Advisory | Source |`,
    `|---:|---:|---:|---:|---|`,
    `| ${result.resources.length} | ${index.workspaces.length} | ${mandatory} | ${groups.advisory.length} | ${escape(sourceLabel(result))} |`,
    "",
  );

  if (result.diff) {
    const d = result.diff;
    out.push(
      `**Changes against the baseline**: ${d.added.length} added, ${d.changed.length} changed, ${d.removed.length} removed (${d.unchanged} unchanged${notCompared(d.secretsNotCompared)}).`,
      "",
    );
    const rows = [
      ...d.added.map((a) => `| ➕ added | \`${escape(a.type)}\` | \`${escape(short(a.urn))}\` | |`),
      ...d.changed.map(
        (c) =>
          `| ✏️ changed | \`${escape(c.type)}\` | \`${escape(short(c.urn))}\` | ${escape(c.keys.join(", "))} |`,
      ),
      ...d.removed.map(
        (r) => `| ➖ removed | \`${escape(r.type)}\` | \`${escape(short(r.urn))}\` | |`,
      ),
    ];
    if (rows.length > 0) {
      out.push(
        "<details><summary>Changed resources</summary>",
        "",
        "| Change | Type | Resource | Keys |",
        "|---|---|---|---|",
      );
      out.push(...rows.slice(0, maxDiffRows));
      if (rows.length > maxDiffRows) out.push(`| … | ${rows.length - maxDiffRows} more | | |`);
      out.push("", "</details>", "");
    }
  }

  const lowered = result.lowered ?? [];
  if (lowered.length > 0) {
    out.push(
      `#### ⚠️ Policies lowered by the policy config (${lowered.length})`,
      "",
      "| Policy | Area | Level | Setting | Justification |",
      "|---|---|---|---|---|",
    );
    for (const l of lowered.slice(0, maxFindingRows)) {
      out.push(
        `| \`${escape(l.policy)}\` | ${l.area} | ${l.from} → **${l.to}** | \`${escape(l.setting)}\` in \`${escape(l.file)}\` | ${l.justification ? escape(l.justification) : "none given"} |`,
      );
    }
    if (lowered.length > maxFindingRows)
      out.push(`| … | ${lowered.length - maxFindingRows} more: see the JSON report | | | |`);
    out.push("");
  }

  out.push("#### Sovereignty settings", "", "| | Setting | Value | Why |", "|---|---|---|---|");
  for (const s of result.settings) {
    out.push(
      `| ${s.compliant ? "✅" : "❌"} | ${s.setting} | \`${escape(s.value)}\` | ${escape(s.reason)} (${escape(s.origin)}) |`,
    );
  }
  if (result.settings.length === 0) out.push("| ➖ | not judged | | see notes |");
  out.push("");

  for (const [title, list] of [
    ["Mandatory violations", groups.mandatory],
    ["Advisory findings", groups.advisory],
  ] as const) {
    if (list.length === 0) continue;
    out.push(
      `#### ${title} (${list.length})`,
      "",
      "| Policy | Resource | What to fix | Requirement |",
      "|---|---|---|---|",
    );
    out.push(...list.slice(0, maxFindingRows).map(findingRow));
    if (list.length > maxFindingRows)
      out.push(`| … | ${list.length - maxFindingRows} more: see the SARIF or text report | | |`);
    out.push("");
  }

  if (index.workspaces.length > 0) {
    out.push(
      `<details><summary>Workspaces (${index.workspaces.length})</summary>`,
      "",
      "| Workspace | Resources | Mandatory | Advisory | Labels |",
      "|---|---:|---:|---:|---|",
    );
    for (const w of index.workspaces.slice(0, maxFindingRows)) {
      const labels = Object.entries(w.labels)
        .map(([k, v]) => `${k.split("/").pop()}=${v}`)
        .join(", ");
      out.push(
        `| ${escape(w.name)} | ${w.resources} | ${w.mandatory} | ${w.advisory} | ${escape(labels)} |`,
      );
    }
    if (index.workspaces.length > maxFindingRows)
      out.push(`| … ${index.workspaces.length - maxFindingRows} more | | | | |`);
    out.push("", "</details>", "");
  }

  out.push(
    "<details><summary>Resources by component</summary>",
    "",
    "| Component | Resources | Types |",
    "|---|---:|---|",
  );
  for (const g of index.components) {
    const types = [...g.byType.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([t, n]) => `${t} ×${n}`)
      .join(", ");
    out.push(`| ${escape(g.label)} | ${g.count} | ${escape(types)} |`);
  }
  out.push("", "</details>", "");

  if (result.stacks) {
    out.push("**Stacks**", "");
    for (const line of stackSummaryLines(result.stacks)) out.push(`- ${escape(line)}`);
    out.push("");
  }
  for (const note of result.notes) out.push(`> ${escape(note)}`, "");
  return out.join("\n");
}

function findingRow(f: Finding): string {
  const where = f.urn
    ? `\`${escape(f.resourceName ?? short(f.urn))}\`<br>${escape(f.resourceType ?? "")}`
    : f.location
      ? `\`${escape(f.location.file)}${f.location.line ? `:${f.location.line}` : ""}\``
      : "stack";
  const fix = f.remediation ? `<br>**Fix:** ${escape(f.remediation)}` : "";
  const severity = f.severity ? `<br>${f.severity}` : "";
  return `| \`${escape(f.policy)}\`${severity} | ${where} | ${escape(f.message)}${fix} | ${escape(f.requirements.join("; "))} |`;
}

/** The URN without its `urn:pulumi:stack::project::` prefix, which every row would repeat. */
function short(urn: string): string {
  return urn.split("::").slice(2).join("::");
}

/** Table-safe: no pipes, no line breaks, no HTML the forge would interpret. */
function escape(text: string): string {
  return text
    .replace(/\\/g, "\\\\")
    .replace(/\|/g, "\\|")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r?\n/g, " ");
}
