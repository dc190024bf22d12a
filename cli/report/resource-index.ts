/**
 * Groupings every report shares, computed once per result in linear time: each resource's
 * owning component (the nearest `hdh:` ancestor), the workspaces and what belongs to them.
 */
import { setOwnKey } from "../../policies/lib/prototype-keys";
import type { NormalizedResource } from "../../offline/resource-model";
import type { EvaluatedResult, Finding } from "../evaluated-result";

export interface ComponentGroup {
  /** `hdh:network:Network main` style label; "(stack)" for resources outside any component. */
  label: string;
  count: number;
  byType: Map<string, number>;
}

export interface WorkspaceSummary {
  name: string;
  urn: string;
  resources: number;
  mandatory: number;
  advisory: number;
  /** Labels of the workspace's namespace (project, tier, authorisation, expiry), when present. */
  labels: Record<string, string>;
}

export interface ResourceIndex {
  components: ComponentGroup[];
  byType: Map<string, number>;
  workspaces: WorkspaceSummary[];
}

export const isWorkspaceType = (type: string): boolean => /^hdh:[^:]+:Workspace$/.test(type);

export function indexResources(result: EvaluatedResult): ResourceIndex {
  const byUrn = new Map(result.resources.map((r) => [r.urn, r]));
  const owner = new Map<string, NormalizedResource | undefined>();
  // Nearest hdh: ancestor, memoised, so the walk is linear over the whole list.
  const ownerOf = (r: NormalizedResource): NormalizedResource | undefined => {
    if (owner.has(r.urn)) return owner.get(r.urn);
    owner.set(r.urn, undefined); // cycle guard for malformed artifacts
    const parent = r.parent ? byUrn.get(r.parent) : undefined;
    const found = !parent ? undefined : parent.type.startsWith("hdh:") ? parent : ownerOf(parent);
    owner.set(r.urn, found);
    return found;
  };
  const workspaceOf = new Map<string, string>();
  const workspaceAncestor = (r: NormalizedResource): string | undefined => {
    if (workspaceOf.has(r.urn)) return workspaceOf.get(r.urn) || undefined;
    workspaceOf.set(r.urn, "");
    const parent = r.parent ? byUrn.get(r.parent) : undefined;
    const ws = !parent
      ? undefined
      : isWorkspaceType(parent.type)
        ? parent.urn
        : workspaceAncestor(parent);
    workspaceOf.set(r.urn, ws ?? "");
    return ws;
  };

  const groups = new Map<string, ComponentGroup>();
  const byType = new Map<string, number>();
  const workspaces = new Map<string, WorkspaceSummary>();
  for (const r of result.resources) {
    if (isWorkspaceType(r.type)) {
      workspaces.set(r.urn, {
        name: r.name,
        urn: r.urn,
        resources: 0,
        mandatory: 0,
        advisory: 0,
        labels: {},
      });
    }
  }
  for (const r of result.resources) {
    byType.set(r.type, (byType.get(r.type) ?? 0) + 1);
    if (r.type === "pulumi:pulumi:Stack") continue;
    const top = topComponent(r, ownerOf);
    const label = top ? `${top.type} ${top.name}` : "(stack)";
    const group = groups.get(label) ?? { label, count: 0, byType: new Map() };
    group.count++;
    group.byType.set(r.type, (group.byType.get(r.type) ?? 0) + 1);
    groups.set(label, group);
    const ws = workspaceAncestor(r);
    if (ws && workspaces.has(ws)) {
      const summary = workspaces.get(ws)!;
      summary.resources++;
      if (r.type === "kubernetes:core/v1:Namespace")
        Object.assign(summary.labels, namespaceLabels(r));
    }
  }
  for (const f of result.findings) {
    const r = f.urn ? byUrn.get(f.urn) : undefined;
    const ws = r ? (isWorkspaceType(r.type) ? r.urn : workspaceAncestor(r)) : undefined;
    const summary = ws ? workspaces.get(ws) : undefined;
    if (summary) summary[f.enforcement]++;
  }
  return {
    components: [...groups.values()].sort((a, b) => a.label.localeCompare(b.label)),
    byType,
    workspaces: [...workspaces.values()].sort((a, b) => a.name.localeCompare(b.name)),
  };
}

/** The outermost hdh: component a resource belongs to (Platform's children, not Platform). */
function topComponent(
  r: NormalizedResource,
  ownerOf: (r: NormalizedResource) => NormalizedResource | undefined,
): NormalizedResource | undefined {
  const chain: NormalizedResource[] = [];
  if (r.type.startsWith("hdh:")) chain.push(r);
  for (let o = ownerOf(r); o; o = ownerOf(o)) chain.push(o);
  // The root component (Platform) holds everything; group by the level just below it.
  if (chain.length >= 2) return chain[chain.length - 2];
  return chain[0];
}

function namespaceLabels(r: NormalizedResource): Record<string, string> {
  const metadata = r.inputs.metadata as { labels?: Record<string, unknown> } | undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(metadata?.labels ?? {})) {
    if (typeof v === "string" && !k.startsWith("pod-security.kubernetes.io")) setOwnKey(out, k, v);
  }
  return out;
}

export function groupFindings(findings: readonly Finding[]): {
  mandatory: Finding[];
  advisory: Finding[];
} {
  const sorted = [...findings].sort(
    (a, b) => a.policy.localeCompare(b.policy) || (a.urn ?? "").localeCompare(b.urn ?? ""),
  );
  return {
    mandatory: sorted.filter((f) => f.enforcement === "mandatory"),
    advisory: sorted.filter((f) => f.enforcement === "advisory"),
  };
}

const severities = ["low", "medium", "high", "critical"] as const;

/** critical 4 ... low 1, unknown 0: most severe first. */
export function severityRank(severity: Finding["severity"]): number {
  return severity ? severities.indexOf(severity) + 1 : 0;
}
