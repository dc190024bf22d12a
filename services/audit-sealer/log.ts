/**
 * Structured logs: one JSON object per line on stdout, for the cluster's log pipeline. They carry
 * counts, sequence numbers, hashes and status codes only: never a record's content, a token, a
 * credential or a key, so the platform's general logs never become a second copy of the audit
 * trail.
 */
export type LogLevel = "info" | "warn" | "error";
export type LogFields = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface Logger {
  log(level: LogLevel, event: string, fields?: LogFields): void;
}

export function jsonLogger(
  write: (line: string) => void = (line) => void process.stdout.write(line),
  now: () => Date = () => new Date(),
): Logger {
  return {
    log(level, event, fields = {}) {
      write(`${JSON.stringify({ time: now().toISOString(), level, event, ...fields })}\n`);
    },
  };
}
