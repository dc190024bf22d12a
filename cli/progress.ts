/**
 * Progress on stderr for long runs (a plan of hundreds of workspaces takes a while). Shown when
 * stderr is a terminal, or when asked (`--progress`, HDH_PROGRESS=1) for CI logs; never mixed
 * into stdout, which may carry a JSON or SARIF report.
 */
import type { CliIo } from "./cli-io";

export interface Progress {
  phase(text: string): void;
  count(resources: number): void;
  done(): void;
}

const silent: Progress = { phase: () => {}, count: () => {}, done: () => {} };

export function createProgress(io: CliIo, requested: boolean | undefined): Progress {
  const enabled = requested ?? (io.stderrIsTty || io.env.HDH_PROGRESS === "1");
  if (!enabled) return silent;
  const tty = io.stderrIsTty;
  let phase = "";
  let lastShown = 0;
  let lastCount = 0;
  const started = Date.now();
  const elapsed = (): string => `${((Date.now() - started) / 1000).toFixed(1)}s`;
  return {
    phase(text) {
      if (tty && phase) io.stderr("\n");
      phase = text;
      io.stderr(tty ? `hdh: ${text}` : `hdh: ${text} (${elapsed()})\n`);
    },
    count(resources) {
      lastCount = resources;
      const now = Date.now();
      // A terminal line is rewritten at most 10 times a second; a log gets a line per 500.
      if (tty && now - lastShown >= 100) {
        lastShown = now;
        io.stderr(`\r\x1b[2Khdh: ${phase}: ${resources} resources (${elapsed()})`);
      } else if (!tty && resources % 500 === 0) {
        io.stderr(`hdh: ${phase}: ${resources} resources (${elapsed()})\n`);
      }
    },
    done() {
      io.stderr(
        tty
          ? `\r\x1b[2Khdh: done, ${lastCount} resources in ${elapsed()}\n`
          : `hdh: done, ${lastCount} resources in ${elapsed()}\n`,
      );
    },
  };
}
