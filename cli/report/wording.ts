/** Phrases several renderers share, so the text and Markdown reports say the same thing. */
import type { EvaluatedResult } from "../evaluated-result";

export function headline(result: EvaluatedResult): string {
  const env = result.production ? "production" : "non-production";
  return `hdh ${result.command} · stack ${result.stack} (${env}) · project ${result.project}`;
}

export function sourceLabel(result: EvaluatedResult): string {
  switch (result.source.kind) {
    case "plan":
      return "offline plan (the program under Pulumi's mocks, no cloud)";
    case "export":
      return `stack export ${result.source.file ?? ""}`.trim();
    case "preview":
      return `preview ${result.source.file ?? ""}`.trim();
  }
}
