/**
 * The per-stack view of a hub's plan (docs/hub-stacks.md): for the platform stack and each
 * workspace stack, what it registers and which findings land on its resources; then the hub, whose
 * stack-level rules (egress within a tier, nothing shared between workspaces, gateway connections
 * only to open workspaces) were judged over the union of all of them.
 */
import type { Finding } from "../evaluated-result";

export interface StackSummary {
  stack: string;
  kind: "platform" | "workspace";
  resources: number;
  mandatory: number;
  advisory: number;
}

/** The stack a URN names (`urn:pulumi:<stack>::<project>::...`). */
function stackOf(urn: string): string | undefined {
  return /^urn:pulumi:([^:]+)::/.exec(urn)?.[1];
}

export function summariseStacks(
  stacks: readonly {
    stack: string;
    kind: StackSummary["kind"];
    planned: readonly unknown[];
  }[],
  findings: readonly Finding[],
): StackSummary[] {
  const summaries = new Map<string, StackSummary>();
  for (const s of stacks) {
    summaries.set(s.stack, {
      stack: s.stack,
      kind: s.kind,
      resources: s.planned.length,
      mandatory: 0,
      advisory: 0,
    });
  }
  for (const finding of findings) {
    const summary = finding.urn ? summaries.get(stackOf(finding.urn) ?? "") : undefined;
    if (summary) summary[finding.enforcement === "mandatory" ? "mandatory" : "advisory"]++;
  }
  return [...summaries.values()];
}

/** One line per stack, then the hub: for the text and Markdown reports. */
export function stackSummaryLines(summaries: readonly StackSummary[]): string[] {
  const total = summaries.reduce(
    (sum, s) => ({
      resources: sum.resources + s.resources,
      mandatory: sum.mandatory + s.mandatory,
      advisory: sum.advisory + s.advisory,
    }),
    { resources: 0, mandatory: 0, advisory: 0 },
  );
  const line = (name: string, s: Omit<StackSummary, "stack" | "kind">) =>
    `${name}: ${s.resources} resources, ${s.mandatory} mandatory, ${s.advisory} advisory`;
  const stacks = summaries.map((s) => `${s.kind} stack ${line(s.stack, s)}`);
  if (summaries.length < 2) return stacks;
  return [
    ...stacks,
    `hub (${summaries.length} stacks, hub-wide rules judged over their union) ${line("total", total)}`,
  ];
}
