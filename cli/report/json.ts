/**
 * JSON report. For a plan it *is* a `pulumi stack export` document (version 3, deployment) so it
 * can be fed back to `hdh check` or used as a `--baseline`; the evaluation rides along under an
 * `hdh` key, which Pulumi's own readers ignore. For a check it is the `hdh` section alone.
 */
import { mandatoryCount, type EvaluatedResult } from "../evaluated-result";

export const reportSchema = "hdh-report/v1";

export function renderJson(result: EvaluatedResult): string {
  const hdh = {
    schema: reportSchema,
    command: result.command,
    stack: result.stack,
    project: result.project,
    production: result.production,
    source: result.source,
    summary: {
      resources: result.resources.length,
      mandatory: mandatoryCount(result),
      advisory: result.findings.length - mandatoryCount(result),
      compliant: mandatoryCount(result) === 0,
    },
    settings: result.settings,
    loweredPolicies: result.lowered ?? [],
    findings: result.findings,
    ...(result.diff ? { diff: result.diff } : {}),
    ...(result.operations ? { operations: result.operations } : {}),
    ...(result.stacks ? { stacks: result.stacks } : {}),
    notes: result.notes,
  };
  const document = result.deployment ? { ...result.deployment, hdh } : { hdh };
  return JSON.stringify(document, null, 2) + "\n";
}
