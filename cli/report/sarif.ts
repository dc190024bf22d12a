/**
 * SARIF 2.1.0 for GitHub code scanning (upload-sarif) and for GitLab (as an artifact, or
 * converted to its SAST report). Every result has a physical location, which GitHub requires:
 * the settings file and line for a settings finding, the line of the resource's URN in the
 * checked artifact, or the stack's settings file for a planned resource (whose config produced
 * it); the resource's URN is its logical location. Mandatory is `error`, advisory `warning`.
 */
import { createHash } from "node:crypto";
import type { EvaluatedResult, Finding } from "../evaluated-result";
import type { RenderContext } from "./render-context";
import { describeLowered } from "../lowered-policies";
import { isNotJudged } from "../../policies/lib/define";

export const sarifSchema = "https://json.schemastore.org/sarif-2.1.0.json";

export function renderSarif(result: EvaluatedResult, context: RenderContext): string {
  const ruleIds = [...new Set(result.findings.map((f) => f.policy))].sort();
  const ruleIndex = new Map(ruleIds.map((id, i) => [id, i]));
  // A rule's defaults come from one of its own findings: a finding of what it could not judge
  // (advisory, low, whatever the rule's level: policies/lib/define.ts) only if it has no other.
  const firstOf = new Map<string, Finding>();
  for (const f of result.findings)
    if (!firstOf.has(f.policy) && !isNotJudged(f)) firstOf.set(f.policy, f);
  for (const f of result.findings) if (!firstOf.has(f.policy)) firstOf.set(f.policy, f);

  const rules = ruleIds.map((id) => {
    const f = firstOf.get(id)!;
    return {
      id,
      name: pascal(id),
      shortDescription: { text: f.description ?? id },
      fullDescription: { text: f.description ?? id },
      help: {
        text: `${f.remediation ?? f.description ?? id}\nRequirement: ${f.requirements.join("; ") || "n/a"}`,
      },
      defaultConfiguration: { level: f.enforcement === "mandatory" ? "error" : "warning" },
      properties: {
        tags: ["security", "sovereignty", ...f.requirements.map((r) => r.split(" ")[0])].filter(
          unique,
        ),
        // GitHub grades alerts by this score: >= 9 critical, >= 7 high, >= 4 medium, else low.
        "security-severity": securityScore(f),
        precision: "high",
      },
    };
  });

  const results = result.findings.map((f) => {
    const location = physicalLocation(f, context);
    return {
      ruleId: f.policy,
      ruleIndex: ruleIndex.get(f.policy)!,
      level: f.enforcement === "mandatory" ? "error" : "warning",
      message: { text: f.urn ? `${f.message} (resource ${f.urn})` : f.message },
      locations: [
        {
          physicalLocation: location,
          ...(f.urn
            ? {
                logicalLocations: [
                  { fullyQualifiedName: f.urn, name: f.resourceName ?? f.urn, kind: "resource" },
                ],
              }
            : {}),
        },
      ],
      partialFingerprints: {
        // Stable across runs and line shifts: the same rule on the same resource is one alert.
        "hdhFinding/v1": createHash("sha256")
          .update(`${f.policy}\n${f.urn ?? f.location?.file ?? ""}\n${f.urn ? "" : f.message}`)
          .digest("hex"),
      },
    };
  });

  const sarif = {
    $schema: sarifSchema,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "hdh",
            fullName: "hdh-sovereign policy pack",
            version: context.version,
            rules,
          },
        },
        // SARIF 2.1.0 `invocation.ruleConfigurationOverrides` (configurationOverride objects,
        // https://docs.oasis-open.org/sarif/sarif/v2.1.0/sarif-v2.1.0.html): the levels the
        // policy config set at run time, with the setting and its justification as parameters.
        invocations: [
          {
            executionSuccessful: true,
            ruleConfigurationOverrides: (result.lowered ?? []).map((l) => ({
              descriptor: { id: l.policy },
              configuration: {
                enabled: l.to !== "disabled",
                level: l.to === "disabled" ? "none" : "warning",
                parameters: {
                  declaredLevel: l.from,
                  setting: l.setting,
                  file: l.file,
                  justification: l.justification ?? null,
                },
              },
            })),
            toolConfigurationNotifications: (result.lowered ?? []).map((l) => ({
              level: l.from === "mandatory" ? "warning" : "note",
              message: { text: `Policy lowered: ${describeLowered(l)}` },
              descriptor: { id: l.policy },
            })),
          },
        ],
        automationDetails: { id: `hdh/${result.command}/${result.stack}/` },
        columnKind: "utf16CodeUnits",
        results,
      },
    ],
  };
  return JSON.stringify(sarif, null, 2) + "\n";
}

function physicalLocation(f: Finding, context: RenderContext): Record<string, unknown> {
  const file = f.location?.file ?? context.defaultFile;
  const line = f.location?.line ?? (f.urn ? context.urnLines?.get(f.urn) : undefined) ?? 1;
  return {
    artifactLocation: { uri: toUri(file) },
    region: { startLine: line },
  };
}

/** Repository-relative, forward slashes, percent-encoded where URIs need it. */
function toUri(file: string): string {
  return file
    .split(/[\\/]/)
    .filter((p) => p !== "" && p !== ".")
    .map(encodeURIComponent)
    .join("/");
}

const scores = { critical: "9.5", high: "8.0", medium: "5.5", low: "3.0" } as const;

function securityScore(f: Finding): string {
  if (f.severity) return scores[f.severity];
  return f.enforcement === "mandatory" ? scores.high : scores.medium;
}

function pascal(id: string): string {
  return id
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join("");
}

function unique<T>(v: T, i: number, all: T[]): boolean {
  return all.indexOf(v) === i;
}
