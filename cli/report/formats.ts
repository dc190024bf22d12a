/**
 * The report formats `plan` and `check` accept. Adding a format is one renderer file and one
 * line here.
 */
import type { EvaluatedResult } from "../evaluated-result";
import type { RenderContext } from "./render-context";
import { renderCodeQuality } from "./codequality";
import { renderJson } from "./json";
import { renderMarkdown } from "./markdown";
import { renderSarif } from "./sarif";
import { renderText } from "./text";

export type Renderer = (result: EvaluatedResult, context: RenderContext) => string;

export const renderers = {
  text: renderText,
  json: renderJson,
  markdown: renderMarkdown,
  sarif: renderSarif,
  codequality: renderCodeQuality,
} satisfies Record<string, Renderer>;

export type ReportFormat = keyof typeof renderers;
export const reportFormats = Object.keys(renderers) as ReportFormat[];
