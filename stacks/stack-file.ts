/**
 * Reads `stacks/Pulumi.<stack>.yaml` without the Pulumi CLI, for the offline plan and the tests.
 * The real `pulumi up` reads the same file itself and hands the values to stacks/pulumi-config.ts;
 * both end in `parsePlatformConfig`, so there is one validation.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { ConfigError, UnknownStackError, type ConfigProblem } from "./config-error";
import { setOwnKey } from "../policies/lib/prototype-keys";
import { isWorkspaceStack, platformOf } from "./stack-names";

/** The directory holding Pulumi.yaml, found from this file whether it runs from source or dist/. */
export function projectRoot(start: string = __dirname): string {
  let dir = start;
  while (!fs.existsSync(path.join(dir, "Pulumi.yaml"))) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`no Pulumi.yaml above ${start}: run hdh from the project`);
    dir = parent;
  }
  return dir;
}

/** Where the stack files live (`stackConfigDir: stacks` in Pulumi.yaml). */
export const stacksDir = path.join(projectRoot(), "stacks");

/** Stands for a `secure:` value, which only the Pulumi CLI can decrypt. */
export const encryptedPlaceholder = "[secret: decrypted by the Pulumi CLI at deploy time]";

export interface StackFile {
  stack: string;
  /** Absolute path of the file read. */
  file: string;
  /** `secretsprovider:` as written (undefined means Pulumi Cloud's default, a US service). */
  secretsProvider?: string;
  /** Values under the `hdh:` namespace, keys without the prefix; `secure:` values replaced. */
  hdh: Record<string, unknown>;
  /** Config paths (below hdh) that were given as `secure:` values, e.g. ["cluster", "kubeconfig"]. */
  securePaths: string[][];
  /**
   * For a platform stack: its workspace stacks (`Pulumi.<stack>.<id>.yaml`), whose
   * `hdh:workspace` entries are appended to `hdh.workspaces` so the hub is read, validated and
   * planned as one (docs/hub-stacks.md). Empty for a workspace stack.
   */
  workspaceStacks: WorkspaceStackEntry[];
}

/** Where a workspace stack's entry sits in its platform's assembled `hdh.workspaces`. */
export interface WorkspaceStackEntry {
  /** The workspace stack's name, `<platform>.<id>`. */
  stack: string;
  /** Absolute path of its file. */
  file: string;
  /** Index of its `hdh:workspace` in the platform's `hdh.workspaces`. */
  index: number;
  /** Its `hdh:platformStack` (the StackReference name of its platform), when given. */
  platformStack?: string;
}

/** The platform stacks (dev, prod): each with its workspace stacks is a hub. */
export function listPlatformStacks(dir: string = stacksDir): string[] {
  return listStacks(dir).filter((name) => !isWorkspaceStack(name));
}

/** The workspace stacks of a platform stack, by name, sorted. */
export function workspaceStacksOf(platform: string, dir: string = stacksDir): string[] {
  return listStacks(dir).filter((name) => isWorkspaceStack(name) && platformOf(name) === platform);
}

/** Stack names are file-name safe, as Pulumi requires. */
const stackNamePattern = /^[A-Za-z0-9_.-]{1,100}$/;

export function listStacks(dir: string = stacksDir): string[] {
  return fs
    .readdirSync(dir)
    .map((file) => /^Pulumi\.(.+)\.yaml$/.exec(file)?.[1])
    .filter((name): name is string => name !== undefined)
    .sort();
}

/**
 * Reads one stack's file. For a platform stack, the `hdh:workspace` of each of its workspace
 * stacks is appended to `hdh.workspaces` (after any written inline), so the whole hub is validated
 * at once; `workspaceStacks` says which entry came from which file.
 */
export function readStackFile(stack: string, dir: string = stacksDir): StackFile {
  const file = readOneStackFile(stack, dir);
  return isWorkspaceStack(stack) ? file : withWorkspaceStacks(file, dir);
}

/**
 * Appends the platform's workspace stacks (`Pulumi.<stack>.<id>.yaml` in `dir`) to `file`'s
 * `hdh.workspaces`, recording in `workspaceStacks` where each came from. Used on the offline
 * path and on the real one (stacks/pulumi-config.ts), where the CLI gave the platform's values.
 */
export function withWorkspaceStacks(file: StackFile, dir: string = stacksDir): StackFile {
  const stack = file.stack;
  const names = workspaceStacksOf(stack, dir);
  if (names.length === 0) return file;
  const inline = file.hdh.workspaces;
  const workspaces: unknown[] = Array.isArray(inline) ? [...inline] : [];
  const problems: ConfigProblem[] = [];
  for (const name of names) {
    let member: StackFile;
    try {
      member = readOneStackFile(name, dir);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      problems.push(...error.problems.map((p) => ({ ...p, stack: p.stack ?? name })));
      continue;
    }
    const { workspace, platformStack, ...others } = member.hdh;
    for (const key of Object.keys(others)) {
      problems.push({
        stack: name,
        path: [key],
        message: `a workspace stack holds only hdh:workspace (and optionally hdh:platformStack); platform settings belong in stacks/Pulumi.${stack}.yaml: move or remove it`,
      });
    }
    if (platformStack !== undefined && !isStackReferenceName(platformStack)) {
      problems.push({
        stack: name,
        path: ["platformStack"],
        message: `expected the platform stack's StackReference name, such as ${stack} or organization/hdh-sovereign/${stack}`,
      });
    }
    const id = (workspace as { id?: unknown } | undefined)?.id;
    const expectedId = name.slice(stack.length + 1);
    if (typeof id === "string" && id !== expectedId) {
      problems.push({
        stack: name,
        path: ["workspace", "id"],
        message: `the stack is named ${name}, so its workspace id must be "${expectedId}": rename the file to Pulumi.${stack}.${id}.yaml or write id: ${expectedId}`,
      });
    }
    if (workspace === undefined) {
      problems.push({
        stack: name,
        path: ["workspace"],
        message:
          "missing; a workspace stack declares its workspace here (hdh workspace new writes one)",
      });
      continue;
    }
    for (const secure of member.securePaths) {
      file.securePaths.push(["workspaces", String(workspaces.length), ...secure.slice(1)]);
    }
    file.workspaceStacks.push({
      stack: name,
      file: member.file,
      index: workspaces.length,
      platformStack: typeof platformStack === "string" ? platformStack : undefined,
    });
    workspaces.push(workspace);
  }
  if (problems.length > 0) throw new ConfigError(stack, problems);
  setOwnKey(file.hdh, "workspaces", workspaces);
  return file;
}

/** `stack` or `org/project/stack` (Pulumi's stack reference forms), each part file-name safe. */
function isStackReferenceName(value: unknown): value is string {
  return (
    typeof value === "string" && /^[A-Za-z0-9_.-]{1,100}(\/[A-Za-z0-9_.-]{1,100}){0,2}$/.test(value)
  );
}

function readOneStackFile(stack: string, dir: string): StackFile {
  const fail = (message: string): never => {
    throw new ConfigError(stack, [{ path: [], message }]);
  };
  if (!stackNamePattern.test(stack)) {
    fail(`"${stack}" is not a stack name; use letters, digits, '-', '_' or '.'`);
  }
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) {
    const known = listPlatformStacks(dir);
    throw new UnknownStackError(stack, file, known, listStacks(dir).length - known.length);
  }
  let document: unknown;
  try {
    document = parseYaml(fs.readFileSync(file, "utf8"));
  } catch (error) {
    fail(`${file} is not valid YAML: ${(error as Error).message.split("\n")[0]}`);
  }
  if (document === null || typeof document !== "object" || Array.isArray(document)) {
    fail(`${file} must be a YAML mapping with a "config:" section`);
  }
  const { secretsprovider, config, ...rest } = document as Record<string, unknown>;
  const problems: ConfigProblem[] = [];
  for (const key of Object.keys(rest)) {
    if (key !== "encryptionsalt" && key !== "encryptedkey") {
      problems.push({
        path: [],
        message: `unknown top-level key "${key}" in ${file}; expected secretsprovider, encryptionsalt or config`,
      });
    }
  }
  const hdh: Record<string, unknown> = {};
  const securePaths: string[][] = [];
  if (
    config !== undefined &&
    (config === null || typeof config !== "object" || Array.isArray(config))
  ) {
    problems.push({
      path: [],
      message: `"config:" in ${file} must be a mapping of namespaced keys such as hdh:environment`,
    });
  }
  for (const [key, value] of Object.entries((config ?? {}) as Record<string, unknown>)) {
    if (!key.startsWith("hdh:")) {
      problems.push({
        path: [],
        message: `"${key}" is not an hdh setting and would be ignored: the program builds explicit providers from hdh:cloud and reads credentials from OS_* variables or clouds.yaml; remove it`,
      });
      continue;
    }
    const name = key.slice("hdh:".length);
    // setOwnKey: `hdh:__proto__` stays a key that validation names, never hdh's prototype.
    setOwnKey(hdh, name, replaceSecure(value, [name], securePaths));
  }
  if (problems.length > 0) throw new ConfigError(stack, problems);
  return {
    stack,
    file,
    secretsProvider: typeof secretsprovider === "string" ? secretsprovider : undefined,
    hdh,
    securePaths,
    workspaceStacks: [],
  };
}

function replaceSecure(value: unknown, at: string[], found: string[][]): unknown {
  if (Array.isArray(value))
    return value.map((item, i) => replaceSecure(item, [...at, String(i)], found));
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 1 && entries[0][0] === "secure") {
      found.push(at);
      return encryptedPlaceholder;
    }
    return Object.fromEntries(entries.map(([k, v]) => [k, replaceSecure(v, [...at, k], found)]));
  }
  return value;
}
