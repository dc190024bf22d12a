/**
 * An export request: the list of result files a researcher asks to take out of the workspace,
 * each with its SHA-256, written as `<requestId>/manifest.json` in the workspace's egress area
 * beside the files (`<requestId>/files/<path>`). A request holds as many files as needed.
 *
 * Reviewers approve the manifest's hash, not a folder: a file changed or added after review no
 * longer matches and is never exported.
 */
import { sha256Canonical } from "../audit/canonical-json";

export interface RequestedFile {
  /** Path under the request's `files/` folder: relative, no `..`, no leading `/`. */
  readonly path: string;
  /** SHA-256 of the file's bytes, lower-case hex. */
  readonly sha256: string;
  /** Size in bytes. */
  readonly bytes: number;
}

export interface ExportRequest {
  readonly v: 1;
  /** Unique per project: letters, digits, '-' (e.g. 2026-05-04-table-2). */
  readonly requestId: string;
  /** The workspace (research project id) the files come from. */
  readonly projectId: string;
  /** OIDC identity of the researcher asking. */
  readonly requestedBy: string;
  /** RFC 3339 UTC time of the request. */
  readonly createdAt: string;
  /** Why these outputs may leave (aggregation level, small-cell suppression done...). */
  readonly justification: string;
  readonly files: readonly RequestedFile[];
}

/** The hash reviewers approve: SHA-256 of the manifest's canonical JSON. */
export function manifestHash(request: ExportRequest): string {
  return sha256Canonical(request);
}

const requestIdPattern = /^[A-Za-z0-9][A-Za-z0-9-]{0,79}$/;
const sha256Pattern = /^[0-9a-f]{64}$/;

/** Shape problems of a manifest, each naming its field; empty when it is well formed. */
export function requestProblems(value: unknown): string[] {
  if (typeof value !== "object" || value === null) return ["manifest: expected an object"];
  const r = value as Record<string, unknown>;
  const problems: string[] = [];
  if (r.v !== 1) problems.push("v: expected 1");
  if (typeof r.requestId !== "string" || !requestIdPattern.test(r.requestId)) {
    problems.push("requestId: expected 1-80 letters, digits or '-'");
  }
  for (const key of ["projectId", "requestedBy", "createdAt", "justification"]) {
    if (typeof r[key] !== "string" || r[key] === "") problems.push(`${key}: expected a string`);
  }
  if (!Array.isArray(r.files) || r.files.length === 0) {
    problems.push("files: list at least one file");
    return problems;
  }
  const seen = new Set<string>();
  r.files.forEach((file: Record<string, unknown>, i: number) => {
    const path = file?.path;
    if (
      typeof path !== "string" ||
      path === "" ||
      path.startsWith("/") ||
      path.split("/").some((part) => part === ".." || part === "." || part === "")
    ) {
      problems.push(`files[${i}].path: expected a relative path without '..'`);
    } else if (seen.has(path)) {
      problems.push(`files[${i}].path: "${path}" is listed twice`);
    } else {
      seen.add(path);
    }
    if (typeof file?.sha256 !== "string" || !sha256Pattern.test(file.sha256)) {
      problems.push(`files[${i}].sha256: expected 64 lower-case hex characters`);
    }
    if (!Number.isInteger(file?.bytes) || (file.bytes as number) < 0) {
      problems.push(`files[${i}].bytes: expected a size in bytes`);
    }
  });
  return problems;
}
