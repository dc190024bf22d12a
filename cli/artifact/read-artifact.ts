/**
 * Reads a Pulumi artifact given to `hdh check` (or `--baseline`) and says what it is: a
 * `pulumi stack export` (UntypedDeployment v3, which `hdh plan --format json` also writes), a
 * file-backend checkpoint (`.pulumi/stacks/<project>/<stack>.json`), or a `pulumi preview --json`
 * digest. Anything else is refused with a UserError that names the problem and the fix.
 */
import { readFileSync } from "node:fs";
import { UserError } from "../user-error";
import { maxNestingDepth, nestingDepth } from "./nesting-depth";
import { isObject } from "../normalize/property-values";

export type Artifact = (
  | { kind: "export"; deployment: Record<string, unknown>; document: Record<string, unknown> }
  | { kind: "preview"; digest: Record<string, unknown> }
) & {
  file: string;
  /** The file's text, to point SARIF results at the line of each URN. */
  text: string;
};

const exportFix =
  "Give `hdh check` the output of `pulumi stack export --file state.json`, of `pulumi preview --json > preview.json`, or of `hdh plan --format json`.";

export function readArtifact(file: string): Artifact {
  const { text, document } = parseJsonFile(file, "artifact");
  return { ...classify(file, document), file, text };
}

/** Reads and parses a JSON file, turning every way it can fail into a UserError. */
export function parseJsonFile(
  file: string,
  what: string,
  fix: string = exportFix,
): { text: string; document: unknown } {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const reason =
      code === "ENOENT"
        ? "does not exist"
        : code === "EISDIR"
          ? "is a directory"
          : code === "EACCES"
            ? "is not readable (permission denied)"
            : `cannot be read (${code ?? String(err)})`;
    throw new UserError(`the ${what} ${file} ${reason}.`, `Check the path. ${fix}`);
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (text.trim() === "") {
    throw new UserError(
      `the ${what} ${file} is empty.`,
      `The command that wrote it probably failed. ${fix}`,
    );
  }
  if (nestingDepth(text) > maxNestingDepth) {
    throw new UserError(
      `the ${what} ${file} nests values more than ${maxNestingDepth} levels deep, which no Pulumi artifact does.`,
      `It was generated or edited by something else. ${fix}`,
    );
  }
  try {
    return { text, document: JSON.parse(text) };
  } catch (err) {
    const detail = (err as Error).message;
    // JSON.parse reports the position it stopped at; at the very end means the text stops early.
    const at = /position (\d+)/.exec(detail);
    const truncated =
      /end of (JSON|data)|Unterminated/i.test(detail) ||
      (at !== null && Number(at[1]) >= text.trimEnd().length);
    throw new UserError(
      `the ${what} ${file} is not valid JSON (${detail})${truncated ? "; it looks truncated" : ""}.`,
      truncated
        ? "The file was cut short (a full disk or an interrupted command?): write it again in full."
        : `It may be the CLI's human-readable output rather than JSON. ${fix}`,
    );
  }
}

type Classified =
  | { kind: "export"; deployment: Record<string, unknown>; document: Record<string, unknown> }
  | { kind: "preview"; digest: Record<string, unknown> };

function classify(file: string, document: unknown): Classified {
  if (!isObject(document)) {
    throw new UserError(`${file} holds JSON but not an object (${describe(document)}).`, exportFix);
  }
  if ("deployment" in document || ("version" in document && "checkpoint" in document)) {
    return { kind: "export", deployment: deploymentOf(file, document), document };
  }
  if ("steps" in document || "changeSummary" in document) {
    return { kind: "preview", digest: document };
  }
  if ("type" in document && "sequence" in document) {
    throw new UserError(
      `${file} holds streaming engine events, not a preview digest.`,
      "Run `pulumi preview --json` without PULUMI_ENABLE_STREAMING_JSON_PREVIEW so it writes one JSON document.",
    );
  }
  if ("hdh" in document) {
    throw new UserError(`${file} is an hdh check report, not a Pulumi artifact.`, exportFix);
  }
  throw new UserError(
    `${file} is neither a stack export (no "deployment") nor a preview digest (no "steps").`,
    exportFix,
  );
}

function deploymentOf(file: string, document: Record<string, unknown>): Record<string, unknown> {
  const version = document.version;
  if (version !== 3) {
    const older = typeof version === "number" && version < 3;
    throw new UserError(
      `${file} is a version ${typeof version === "number" ? version : describe(version)} deployment; hdh reads version 3, what every Pulumi CLI since 2019 writes.`,
      older
        ? "Run `pulumi stack export` with a current Pulumi CLI to upgrade it."
        : "This deployment is newer than hdh understands, or not a deployment at all; " + exportFix,
    );
  }
  // A file-backend checkpoint wraps the deployment as `checkpoint.latest`.
  const checkpoint = document.checkpoint;
  const deployment = isObject(checkpoint) ? (checkpoint.latest ?? {}) : document.deployment;
  if (!isObject(deployment)) {
    throw new UserError(
      `${file}: "deployment" is ${describe(deployment)}, not an object.`,
      exportFix,
    );
  }
  return deployment;
}

export function describe(v: unknown): string {
  if (v === null) return "null";
  if (Array.isArray(v)) return "an array";
  return typeof v === "object" ? "an object" : `a ${typeof v}`;
}

/** Line (1-based) of the first `"urn": "<urn>"` of each resource in the artifact's text. */
export function urnLines(text: string): Map<string, number> {
  const lines = new Map<string, number>();
  const pattern = /"urn"\s*:\s*"((?:[^"\\]|\\.)*)"/g;
  let line = 1;
  let last = 0;
  for (const m of text.matchAll(pattern)) {
    for (let i = last; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    last = m.index;
    let urn: string;
    try {
      urn = JSON.parse(`"${m[1]}"`) as string;
    } catch {
      continue;
    }
    if (!lines.has(urn)) lines.set(urn, line);
  }
  return lines;
}
