/**
 * The one evaluated result every report renders: the normalised resources, the policy findings
 * (from the pack and from the sovereignty settings), and what the run was about. Renderers are
 * pure functions of this object; adding a format touches one file under cli/report/.
 */
import type { NormalizedResource } from "../offline/resource-model";
import type { BaselineDiff } from "./baseline-diff";
import type { LoweredPolicy } from "./lowered-policies";
import type { StackExport } from "./plan/stack-export";

export type Enforcement = "mandatory" | "advisory";

export interface Finding {
  /** Policy name, `<provider>-<service>-<resource>-<rule>`. */
  policy: string;
  enforcement: Enforcement;
  /** What is wrong and how to fix it. */
  message: string;
  /** The policy's one-line description. */
  description?: string;
  /** The policy's severity, to order findings within an enforcement level. */
  severity?: "low" | "medium" | "high" | "critical";
  /** How to fix it in general (the rule's message says what is wrong in this case). */
  remediation?: string;
  /** Requirements it enforces (SecNumCloud section, HDS, Pod Security Standard...). */
  requirements: string[];
  /** The resource at fault; absent for stack-wide and settings findings. */
  urn?: string;
  resourceType?: string;
  resourceName?: string;
  /** For findings about a file (settings): where the deciding value is written. */
  location?: { file: string; line?: number };
}

/** A sovereignty setting outside the resource graph and how it was judged. */
export interface SettingJudgement {
  setting: "secrets provider" | "state backend";
  /** The value as configured (`passphrase`, `awskms://...`, `file://...`). */
  value: string;
  /** Where it was read (file, environment variable, flag, export section). */
  origin: string;
  compliant: boolean;
  reason: string;
}

import type { StackSummary } from "./plan/stack-summary";

export interface EvaluatedResult {
  command: "plan" | "check";
  stack: string;
  project: string;
  production: boolean;
  source: { kind: "plan" | "export" | "preview"; file?: string };
  resources: NormalizedResource[];
  findings: Finding[];
  settings: SettingJudgement[];
  /** The plan as a stack export (plan only); the JSON report carries it. */
  deployment?: StackExport;
  /** Changes against `--baseline`, when given. */
  diff?: BaselineDiff;
  /** Step counts per operation, for a preview. */
  operations?: Record<string, number>;
  /** Things the reader should know about the input (skipped resources, partial previews...). */
  notes: string[];
  /** Policies the `--policy-config` lowered or disabled, each with its setting: never silent. */
  lowered?: LoweredPolicy[];
  /** A hub's plan: each stack planned (platform, workspaces), filled in after evaluation. */
  stacks?: StackSummary[];
}

export function mandatoryCount(result: EvaluatedResult): number {
  return result.findings.filter((f) => f.enforcement === "mandatory").length;
}
