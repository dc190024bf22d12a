/**
 * The real path's config reader: under `pulumi preview`/`up` the CLI has already decrypted the
 * stack file and hands every value to the program. We collect the `hdh:*` ones and validate them
 * with the same `parsePlatformConfig` the offline plan uses. This is the only module that touches
 * `pulumi.Config`-level APIs.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, parseStackFile, type PlatformConfig, type WorkspaceStack } from "./config";
import { readStackFile, stacksDir, withWorkspaceStacks } from "./stack-file";
import { platformOf } from "./stack-names";
import { setOwnKey } from "../policies/lib/prototype-keys";

export function loadPlatformConfig(today: Date = new Date()): PlatformConfig {
  const stack = pulumi.getStack();
  const raw: Record<string, unknown> = {};
  const foreign: string[] = [];
  const securePaths: string[][] = [];
  for (const [key, value] of Object.entries(pulumi.runtime.allConfig())) {
    if (!key.startsWith("hdh:")) {
      foreign.push(key);
      continue;
    }
    // setOwnKey: `hdh:__proto__` stays a key that validation names, never raw's prototype.
    setOwnKey(raw, key.slice("hdh:".length), parseValue(value));
    if (isConfigSecret(key)) securePaths.push([key.slice("hdh:".length)]);
  }
  if (foreign.length > 0) {
    throw new ConfigError(stack, [
      {
        path: [],
        message: `${foreign.join(", ")} would be ignored: the program builds explicit providers from hdh:cloud and reads credentials from OS_* variables or clouds.yaml; remove ${foreign.length > 1 ? "them" : "it"}`,
      },
    ]);
  }
  // A platform serves its workspace stacks (gateway, airlock, backups): their files are read
  // from stacks/ beside this stack's, as the offline plan reads them.
  const file = withWorkspaceStacks(
    { stack, file: "", hdh: raw, securePaths, workspaceStacks: [] },
    stacksDir,
  );
  return parseStackFile(file, today);
}

/**
 * Whether the CLI handed this key over as a secret. The SDK exports `isConfigSecret` from its
 * runtime but keeps it out of its typings, hence the narrow cast.
 */
function isConfigSecret(key: string): boolean {
  const runtimeConfig = pulumi.runtime as unknown as { isConfigSecret?: (k: string) => boolean };
  if (!runtimeConfig.isConfigSecret) {
    throw new Error("this @pulumi/pulumi version cannot tell secret config apart; upgrade it");
  }
  return runtimeConfig.isConfigSecret(key);
}

/** Structured values arrive as JSON text; plain strings stay strings. */
function parseValue(value: string): unknown {
  try {
    return JSON.parse(value);
  } catch {
    return value;
  }
}

/**
 * A workspace stack (`<platform>.<id>`) validates the hub it belongs to as the platform does, from
 * the stack files in stacks/ (its own among them), and builds its own entry.
 */
export function loadWorkspaceStackConfig(today: Date = new Date()): {
  config: PlatformConfig;
  stack: WorkspaceStack;
} {
  const name = pulumi.getStack();
  const config = parseStackFile(readStackFile(platformOf(name), stacksDir), today);
  const stack = config.workspaceStacks.find((w) => w.stack === name);
  if (!stack) {
    throw new ConfigError(name, [
      {
        path: [],
        message: `no stacks/Pulumi.${name}.yaml beside its platform's: create it with hdh workspace new`,
      },
    ]);
  }
  return { config, stack };
}
