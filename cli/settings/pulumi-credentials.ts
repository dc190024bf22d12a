/**
 * The Pulumi CLI's current login, as it records it: `credentials.json` (fields `current`,
 * `accessTokens`, `accounts`; sdk/go/common/workspace/creds.go `Credentials`, v3.248.0) in the
 * folder named by PULUMI_CREDENTIALS_PATH, else PULUMI_HOME, else ~/.pulumi. Only `current` is
 * read; the tokens never are.
 */
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

export interface CurrentLogin {
  /** The backend URL the CLI is logged in to; undefined when logged out or unreadable. */
  url?: string;
  /** The credentials file consulted, for the report. */
  file: string;
}

export function currentLogin(env: Readonly<Record<string, string | undefined>>): CurrentLogin {
  const folder = env.PULUMI_CREDENTIALS_PATH || env.PULUMI_HOME || join(homedir(), ".pulumi");
  const file = join(folder, "credentials.json");
  let document: unknown;
  try {
    document = JSON.parse(readFileSync(file, "utf8"));
  } catch {
    return { file }; // no file, or not JSON: the CLI would treat it as logged out
  }
  const current = (document as { current?: unknown } | null)?.current;
  return typeof current === "string" && current.trim() !== ""
    ? { url: current.trim(), file }
    : { file };
}
