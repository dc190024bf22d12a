/**
 * Reads what the Pulumi CLI itself would read outside the program: the project file (Pulumi.yaml,
 * its `backend.url` and `stackConfigDir`) and a stack's settings file (Pulumi.<stack>.yaml, its
 * `secretsprovider` and `encryptionsalt`).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { parse } from "yaml";
import { UserError } from "../user-error";
import { unknownStack } from "../config-errors";
import { isWorkspaceStack } from "../../stacks/stack-names";
import { isObject } from "../normalize/property-values";

export interface ProjectFile {
  root: string;
  name: string;
  stackConfigDir: string;
  backendUrl?: string;
  backendLine?: number;
}

export interface StackFile {
  file: string;
  /** Path relative to the project root, for reports. */
  displayPath: string;
  secretsProvider?: string;
  secretsProviderLine?: number;
  hasEncryptionSalt: boolean;
  /** The `config:` map as written (keys with their namespace, e.g. `hdh:cloud`). */
  config: Record<string, unknown>;
}

/** Finds Pulumi.yaml in `cwd` or above, as the Pulumi CLI does. */
export function findProject(cwd: string): ProjectFile {
  for (let dir = cwd; ; dir = dirname(dir)) {
    const file = join(dir, "Pulumi.yaml");
    if (existsSync(file)) return readProject(dir, file);
    if (dirname(dir) === dir) break;
  }
  throw new UserError(
    `no Pulumi.yaml in ${cwd} or any directory above it.`,
    "Run hdh from the hdh-sovereign checkout (where Pulumi.yaml is).",
  );
}

function readProject(root: string, file: string): ProjectFile {
  const text = readFileSync(file, "utf8");
  const doc = parseYaml(text, file);
  const backend = isObject(doc.backend) ? doc.backend : {};
  const project: ProjectFile = {
    root,
    name: typeof doc.name === "string" ? doc.name : "project",
    stackConfigDir: typeof doc.stackConfigDir === "string" ? doc.stackConfigDir : ".",
  };
  if (typeof backend.url === "string") {
    project.backendUrl = backend.url;
    project.backendLine = lineOf(text, /^\s+url:/m);
  }
  return project;
}

export function stackNames(project: ProjectFile): string[] {
  const dir = join(project.root, project.stackConfigDir);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .map((f) => /^Pulumi\.(.+)\.ya?ml$/.exec(f)?.[1])
    .filter((s): s is string => Boolean(s))
    .sort();
}

export function readStackFile(project: ProjectFile, stack: string): StackFile {
  const dir = join(project.root, project.stackConfigDir);
  const file = [join(dir, `Pulumi.${stack}.yaml`), join(dir, `Pulumi.${stack}.yml`)].find((f) =>
    existsSync(f),
  );
  if (!/^[A-Za-z0-9_.-]{1,100}$/.test(stack)) {
    throw new UserError(
      `"${stack}" is not a stack name.`,
      "A stack name is letters, digits, '-', '_' or '.' (a workspace stack is <stack>.<workspace id>); pass one with --stack.",
    );
  }
  if (!file) {
    const known = stackNames(project);
    const platforms = known.filter((name) => !isWorkspaceStack(name));
    throw unknownStack(
      stack,
      join(project.stackConfigDir, `Pulumi.${stack}.yaml`),
      platforms,
      known.length - platforms.length,
    );
  }
  return readStackSettings(file, project.root);
}

/** Reads any Pulumi.<stack>.yaml (also for `hdh check --stack-config`). */
export function readStackSettings(file: string, root: string): StackFile {
  let text: string;
  try {
    text = readFileSync(file, "utf8");
  } catch (err) {
    throw new UserError(
      `the stack settings file ${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)}).`,
      "Check the path to Pulumi.<stack>.yaml.",
    );
  }
  const doc = parseYaml(text, file);
  const config = doc.config ?? {};
  if (!isObject(config)) {
    throw new UserError(
      `${file}: "config" is not a map of keys to values.`,
      "Write config as `config:` followed by `namespace:key: value` lines.",
    );
  }
  const stackFile: StackFile = {
    file,
    displayPath: relative(root, file) || file,
    hasEncryptionSalt: typeof doc.encryptionsalt === "string",
    config,
  };
  if (typeof doc.secretsprovider === "string") {
    stackFile.secretsProvider = doc.secretsprovider;
    stackFile.secretsProviderLine = lineOf(text, /^secretsprovider:/m);
  }
  return stackFile;
}

function parseYaml(text: string, file: string): Record<string, unknown> {
  let doc: unknown;
  try {
    doc = parse(text);
  } catch (err) {
    throw new UserError(
      `${file} is not valid YAML: ${(err as Error).message.split("\n")[0]}`,
      "Fix the YAML syntax at the line given.",
    );
  }
  if (doc === null || doc === undefined) return {};
  if (!isObject(doc))
    throw new UserError(
      `${file} is not a YAML map.`,
      "A Pulumi settings file is a map of keys such as `config:`.",
    );
  return doc;
}

function lineOf(text: string, pattern: RegExp): number | undefined {
  const m = pattern.exec(text);
  return m ? text.slice(0, m.index).split("\n").length : undefined;
}
