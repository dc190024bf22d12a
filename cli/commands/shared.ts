/** Plumbing `plan` and `check` share: options, the policy config file, writing the report. */
import { writeFileSync } from "node:fs";
import { resolve } from "node:path";
import type { CliIo } from "../cli-io";
import type { PolicyEvaluator } from "../policy-evaluation";
import { parseJsonFile } from "../artifact/read-artifact";
import { isObject } from "../normalize/property-values";
import { UserError } from "../user-error";
import { prototypeKeyPaths } from "../../policies/lib/prototype-keys";
import type { ReportFormat } from "../report/formats";

export interface CommandDeps {
  io: CliIo;
  evaluatePolicies: PolicyEvaluator;
  /** hdh's version, for reports. */
  version: string;
}

export interface ReportOptions {
  format: ReportFormat;
  out?: string;
  policyConfig?: string;
  progress?: boolean;
}

export function readPolicyConfig(file: string | undefined, cwd: string): Record<string, unknown> {
  if (!file) return {};
  const { document } = parseJsonFile(
    resolve(cwd, file),
    "policy config",
    "Write it as JSON, the file `pulumi preview --policy-pack-config` takes.",
  );
  if (!isObject(document)) {
    throw new UserError(
      `the policy config ${file} is not a JSON object.`,
      'Write it as `pulumi preview --policy-pack-config` takes it: {"<policy name>": {...}}.',
    );
  }
  const keys = prototypeKeyPaths(document);
  if (keys.length > 0) {
    throw new UserError(
      `the policy config ${file} has ${keys.map((k) => `"${k.join(".")}"`).join(", ")}: keys named __proto__, constructor or prototype are not settings and could change how the others are read.`,
      'Remove them; a policy is configured under its own name, the whole pack under "all".',
    );
  }
  return document;
}

/** Writes the report to `--out` (creating or replacing it) or to stdout. */
export function writeReport(io: CliIo, out: string | undefined, text: string): void {
  if (!out) {
    io.stdout(text);
    return;
  }
  try {
    writeFileSync(resolve(io.cwd, out), text);
  } catch (err) {
    throw new UserError(
      `cannot write the report to ${out} (${(err as NodeJS.ErrnoException).code ?? String(err)}).`,
      "Check that its directory exists and is writable.",
    );
  }
}

/** Stack names treated as production when nothing else says (the pack's default patterns). */
const productionPatterns = ["prod", "prod-*", "production", "production-*", "*-prod"];

export function looksLikeProduction(stack: string): boolean {
  return productionPatterns.some((p) =>
    new RegExp(
      `^${p
        .split("*")
        .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
        .join(".*")}$`,
    ).test(stack),
  );
}
