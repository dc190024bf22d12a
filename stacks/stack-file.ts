/**
 * Reads `stacks/Pulumi.<stack>.yaml` without the Pulumi CLI, for the offline plan and the tests.
 * The real `pulumi up` reads the same file itself and hands the values to stacks/pulumi-config.ts;
 * both end in `parsePlatformConfig`, so there is one validation.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { parse as parseYaml } from "yaml";
import { ConfigError, type ConfigProblem } from "./config-error";
import { setOwnKey } from "../policies/lib/prototype-keys";

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

export function readStackFile(stack: string, dir: string = stacksDir): StackFile {
  const fail = (message: string): never => {
    throw new ConfigError(stack, [{ path: [], message }]);
  };
  if (!stackNamePattern.test(stack)) {
    fail(`"${stack}" is not a stack name; use letters, digits, '-', '_' or '.'`);
  }
  const file = path.join(dir, `Pulumi.${stack}.yaml`);
  if (!fs.existsSync(file)) {
    const known = listStacks(dir);
    fail(`no stack file ${file}; known stacks: ${known.join(", ") || "none"}`);
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
