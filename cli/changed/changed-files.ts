/**
 * The files a change touches, as git sees them: everything that differs between the merge base
 * of `since` and HEAD and the working tree (so a local run counts uncommitted edits too), plus
 * untracked files git does not ignore. Paths are relative to `cwd` (the project root) and files
 * outside it are left out (`git diff --relative`).
 *
 * Renames are split into a deletion and an addition (`--no-renames`), so the old path is seen
 * too: a stack file renamed away is a stack that changed.
 */
import { execFileSync } from "node:child_process";
import { UserError } from "../user-error";

export interface ChangedFiles {
  /** The commit compared against: the merge base of `since` and HEAD. */
  readonly base: string;
  /** Changed paths, relative to the project root, POSIX separators, sorted. */
  readonly files: readonly string[];
}

export function changedFiles(cwd: string, since: string): ChangedFiles {
  const git = (...args: string[]): string =>
    execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  try {
    git("rev-parse", "--show-toplevel");
  } catch {
    throw new UserError(
      `${cwd} is not inside a git repository, so nothing tells what changed.`,
      "Run hdh changed-stacks from a git checkout of the project.",
    );
  }
  let commit: string;
  try {
    commit = git("rev-parse", "--verify", "--end-of-options", `${since}^{commit}`).trim();
  } catch {
    throw new UserError(
      `--since ${since} names no commit in this repository.`,
      "Fetch it first (git fetch origin <branch>) or give a commit, branch or tag that exists here.",
    );
  }
  let base: string;
  try {
    base = git("merge-base", commit, "HEAD").trim();
  } catch {
    throw new UserError(
      `--since ${since} shares no history with HEAD here (a shallow clone?), so the change cannot be told.`,
      "Fetch the history (git fetch --unshallow, or clone with depth 0: GIT_DEPTH: 0 in GitLab, fetch-depth: 0 in GitHub).",
    );
  }
  const list = (text: string): string[] => text.split("\0").filter((path) => path.length > 0);
  const files = new Set([
    ...list(git("diff", "--name-only", "--no-renames", "--relative", "-z", base, "--")),
    ...list(git("ls-files", "--others", "--exclude-standard", "-z")),
  ]);
  return { base, files: [...files].sort() };
}
