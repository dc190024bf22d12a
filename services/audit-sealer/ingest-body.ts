/**
 * What the ingest endpoint accepts: the body of Fluent Bit's `http` output in `json_lines` format
 * (Content-Type application/x-ndjson, one JSON object per line) or `json` format
 * (application/json, an array of objects), each record a JSON object. The Fluent Bit tag arrives
 * in the `X-Hdh-Source` header (`header_tag`) and says which normaliser applies.
 *
 * Fluent Bit drops a chunk answered with a 4xx other than 408 and 429 (it retries 5xx), so a 4xx
 * here means "this sender is misconfigured", never "try later": anything Fluent Bit itself
 * serialises parses, and a record that parses but cannot be normalised is sealed as unparsed
 * (normalise.ts) rather than refused.
 */
import { tagHeader } from "../../components/audit/fluent-bit-config";
import { auditSources, type AuditSource } from "../../audit/record";

export class IngestError extends Error {
  constructor(
    readonly status: 400 | 405 | 411 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = "IngestError";
  }
}

export const sourceHeader = tagHeader.toLowerCase();

/** The source named by the tag header, or an IngestError naming the fix. */
export function sourceOf(header: string | string[] | undefined): AuditSource {
  const tag = Array.isArray(header) ? header[0] : header;
  if (tag === undefined || tag === "") {
    throw new IngestError(
      400,
      `missing ${tagHeader} header: set header_tag ${tagHeader} in the http output`,
    );
  }
  if (!auditSources.includes(tag as AuditSource)) {
    throw new IngestError(
      400,
      `${tagHeader} "${tag.slice(0, 64)}" is not an audit source; expected one of ${auditSources.join(", ")}`,
    );
  }
  return tag as AuditSource;
}

/** Parses a body into its records, or throws an IngestError naming the first bad line. */
export function parseBody(
  contentType: string | undefined,
  body: string,
): Record<string, unknown>[] {
  const type = (contentType ?? "").split(";")[0].trim().toLowerCase();
  if (type === "application/x-ndjson") return parseLines(body);
  if (type === "application/json") return parseArray(body);
  throw new IngestError(
    415,
    `Content-Type "${type || "(none)"}" is not accepted: use Format json_lines (application/x-ndjson) or json (application/json)`,
  );
}

function parseLines(body: string): Record<string, unknown>[] {
  const records: Record<string, unknown>[] = [];
  body.split("\n").forEach((line, i) => {
    if (line.trim() === "") return;
    let value: unknown;
    try {
      value = JSON.parse(line);
    } catch {
      throw new IngestError(400, `line ${i + 1} is not JSON`);
    }
    records.push(asObject(value, `line ${i + 1}`));
  });
  return records;
}

function parseArray(body: string): Record<string, unknown>[] {
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new IngestError(400, "body is not JSON");
  }
  if (!Array.isArray(value)) return [asObject(value, "body")];
  return value.map((item, i) => asObject(item, `element ${i}`));
}

function asObject(value: unknown, where: string): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new IngestError(400, `${where} is not a JSON object`);
  }
  return value as Record<string, unknown>;
}
