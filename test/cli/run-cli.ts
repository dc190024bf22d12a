/**
 * Runs `hdh` in-process with captured stdout/stderr, from the repository root, so each test costs
 * a function call rather than a Node start.
 */
import { join } from "node:path";
import { runCli } from "../../cli/main";
import type { PolicyEvaluator } from "../../cli/policy-evaluation";

export const repoRoot = join(__dirname, "..", "..");
export const samples = join(repoRoot, "samples");

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export async function hdh(
  argv: string[],
  options: {
    cwd?: string;
    env?: Record<string, string | undefined>;
    evaluatePolicies?: PolicyEvaluator;
    tty?: boolean;
  } = {},
): Promise<CliRun> {
  let stdout = "";
  let stderr = "";
  const code = await runCli(argv, {
    io: {
      stdout: (t) => void (stdout += t),
      stderr: (t) => void (stderr += t),
      stderrIsTty: options.tty ?? false,
      cwd: options.cwd ?? repoRoot,
      env: options.env ?? {},
    },
    evaluatePolicies: options.evaluatePolicies,
  });
  return { code, stdout, stderr };
}

/** An evaluator that finds nothing, for tests about plumbing rather than policies. */
export const noPolicyFindings: PolicyEvaluator = async () => [];
