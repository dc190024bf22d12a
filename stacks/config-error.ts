/**
 * The one error type for bad configuration. It carries every problem found, each with the config
 * key path (as the user writes it in Pulumi.<stack>.yaml) and a message that says what to write.
 */
export interface ConfigProblem {
  /** Path below the `hdh` namespace, e.g. ["workspaces", "2", "expires"]. */
  path: string[];
  /** What is wrong and what to write instead. */
  message: string;
  /**
   * The stack whose file holds the key, when it is not the stack being validated: a workspace
   * stack of a platform (docs/hub-stacks.md). @default the validated stack
   */
  stack?: string;
}

export class ConfigError extends Error {
  /** Name of the stack whose configuration was refused (`stack` is Error's trace). */
  readonly stackName: string;
  readonly problems: readonly ConfigProblem[];

  constructor(stack: string, problems: readonly ConfigProblem[]) {
    super(ConfigError.describe(stack, problems));
    this.name = "ConfigError";
    this.stackName = stack;
    this.problems = problems;
  }

  /** `hdh:workspaces[2].expires` style key, as it reads in the stack file. */
  static key(path: readonly string[]): string {
    if (path.length === 0) return "hdh";
    const [head, ...rest] = path;
    return rest.reduce(
      (key, part) => (/^\d+$/.test(part) ? `${key}[${part}]` : `${key}.${part}`),
      `hdh:${head}`,
    );
  }

  static describe(stack: string, problems: readonly ConfigProblem[]): string {
    const lines = problems.map(
      (p) =>
        `  - ${ConfigError.key(p.path)}${p.stack && p.stack !== stack ? ` (stacks/Pulumi.${p.stack}.yaml)` : ""}: ${p.message}`,
    );
    return (
      `Invalid configuration for stack "${stack}" (stacks/Pulumi.${stack}.yaml), ` +
      `${problems.length} problem${problems.length === 1 ? "" : "s"}; nothing was created:\n` +
      lines.join("\n")
    );
  }
}

/**
 * A stack named on the command line (or by a workspace stack) that has no settings file. It is a
 * ConfigError, so the program refuses it like any bad setting; the CLI tells it apart by name and
 * says "unknown stack" rather than "fix the key" (cli/config-errors.ts).
 */
export class UnknownStackError extends ConfigError {
  /** The file looked for (stacks/Pulumi.<stack>.yaml, as the caller located it). */
  readonly expectedFile: string;
  /** The platform stacks that exist, sorted. */
  readonly knownStacks: readonly string[];
  /** How many workspace stacks (`<platform>.<id>`) exist beside them. */
  readonly workspaceStackCount: number;

  constructor(
    stack: string,
    expectedFile: string,
    knownStacks: readonly string[],
    workspaceStackCount: number,
  ) {
    super(stack, [
      {
        path: [],
        message: `no stack file ${expectedFile}; ${knownStacksPhrase(knownStacks, workspaceStackCount)}`,
      },
    ]);
    this.name = "UnknownStackError";
    this.expectedFile = expectedFile;
    this.knownStacks = knownStacks;
    this.workspaceStackCount = workspaceStackCount;
  }
}

/** "known stacks: dev, prod (and 7 workspace stacks, named <stack>.<workspace id>)" */
export function knownStacksPhrase(knownStacks: readonly string[], workspaceStackCount: number) {
  const workspaces =
    workspaceStackCount > 0
      ? ` (and ${workspaceStackCount} workspace stack${workspaceStackCount === 1 ? "" : "s"}, named <stack>.<workspace id>)`
      : "";
  return `known stacks: ${knownStacks.join(", ") || "none"}${workspaces}`;
}
