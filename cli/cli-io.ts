/**
 * Where a command writes. Injected so tests run commands in-process with captured output, and so
 * progress goes to stderr only when a person is watching (a TTY) or when asked.
 */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** True when stderr is an interactive terminal. */
  stderrIsTty: boolean;
  /** Directory relative paths are resolved against (the project root for `--stack`). */
  cwd: string;
  /** Environment, for PULUMI_BACKEND_URL and HDH_PROGRESS. */
  env: Readonly<Record<string, string | undefined>>;
}

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    stderrIsTty: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
    env: process.env,
  };
}
