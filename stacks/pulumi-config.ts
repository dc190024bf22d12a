/**
 * The real path's config reader: under `pulumi preview`/`up` the CLI has already decrypted the
 * stack file and hands every value to the program. We collect the `hdh:*` ones and validate them
 * with the same `parsePlatformConfig` the offline plan uses. This is the only module that touches
 * `pulumi.Config`-level APIs.
 */
import * as pulumi from "@pulumi/pulumi";
import { ConfigError, parsePlatformConfig, type PlatformConfig } from "./config";
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
  return parsePlatformConfig(raw, { stack, today, securePaths });
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
