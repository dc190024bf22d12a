/**
 * Which stacks a change can affect, so CI previews those and no others (docs/ci.md "Which stacks
 * are previewed"). Conservative by construction: a file no rule knows makes every stack
 * previewed; only files proven not to reach a `pulumi preview` select none.
 *
 * What a `pulumi preview` of a stack runs: the program (stacks/index.ts and the program for its
 * kind of stack, with every module they import), the stack files it reads, the packages of
 * package-lock.json (patched by patches/), the policy pack (policies/), `hdh policy-config`
 * (the pack's settings) and the CI job itself. The modules come from the code's own import
 * graph (import-closure.ts), not from a list kept by hand.
 */
import { isWorkspaceStack, platformOf } from "../../stacks/stack-names";

/** Which stacks one changed file reaches. */
export type Reach =
  | { readonly kind: "every" }
  | { readonly kind: "platforms" }
  | { readonly kind: "workspaces" }
  | { readonly kind: "hub"; readonly platform: string }
  | { readonly kind: "stacks"; readonly stacks: readonly string[] }
  | { readonly kind: "none" };

export interface FileImpact {
  readonly file: string;
  readonly reach: Reach;
  /** Why, in a few words, for the job log. */
  readonly why: string;
}

/** The project's modules each kind of program loads (repository-relative paths). */
export interface ProgramModules {
  /** The platform contract and every module its type depends on. */
  readonly contract: ReadonlySet<string>;
  /** The platform program (stacks/program.ts and its imports). */
  readonly platform: ReadonlySet<string>;
  /** The workspace program (stacks/workspace-program.ts and its imports). */
  readonly workspace: ReadonlySet<string>;
  /**
   * What every stack's preview runs whatever its kind: the entry point, the config reader, and
   * the hdh commands the preview job runs (`changed-stacks`, `policy-config`).
   */
  readonly shared: ReadonlySet<string>;
}

/** Files that reach every stack although no program imports them. */
const everyStack: readonly [RegExp, string][] = [
  [/^package(-lock)?\.json$/, "the packages every program and the pack run with"],
  [/^patches\//, "patches applied to those packages at npm ci"],
  [/^Pulumi\.yaml$/, "the project file every stack is run from"],
  [/^tsconfig(\.[\w-]+)?\.json$/, "how the program is compiled"],
  [/^policies\//, "the policy pack that judges every preview"],
  [/^bin\//, "the hdh entry point the preview job runs (hdh policy-config)"],
  [
    /^(\.gitlab-ci\.yml|\.github\/workflows\/|scripts\/pulumi-toolchain\.sh$)/,
    "the preview job itself",
  ],
];

/** Files proven not to reach a `pulumi preview`: tests, docs, the offline plan, tooling. */
const noStack: readonly [RegExp, string][] = [
  [/^(test|bench|docs|samples|offline|\.ci)\//, "not run by a preview"],
  [/^cli\//, "an hdh command the preview job does not run"],
  [/^scripts\//, "a script the preview job does not run"],
  [/(^|\/)[^/]+\.md$/, "documentation"],
  [
    /^(eslint\.config\.mjs|stryker\.config\.mjs|vitest(\.[\w-]+)?\.config\.mts|\.prettierrc(\.\w+)?|\.prettierignore|\.gitignore|\.editorconfig|LICENSE)$/,
    "lint, format and test settings",
  ],
];

/** What one changed file reaches. `stackConfigDir` is Pulumi.yaml's (stacks). */
export function impactOf(
  file: string,
  stackConfigDir: string,
  modules: ProgramModules,
): FileImpact {
  const dir = stackConfigDir === "." ? "" : `${stackConfigDir.replace(/\/$/, "")}/`;
  const stackFile = new RegExp(`^${escape(dir)}Pulumi\\.([^/]+)\\.yaml$`).exec(file)?.[1];
  if (stackFile && isWorkspaceStack(stackFile)) {
    return {
      file,
      reach: { kind: "stacks", stacks: [stackFile, platformOf(stackFile)] },
      why: "a workspace stack's file; its platform reads it to serve the workspace (gateway connection, airlock project, backups)",
    };
  }
  if (stackFile) {
    return {
      file,
      reach: { kind: "hub", platform: stackFile },
      why: "a platform stack's file; each of its workspace stacks reads and validates it too (stacks/pulumi-config.ts)",
    };
  }
  if (modules.contract.has(file)) {
    return {
      file,
      reach: { kind: "every" },
      why: "the platform contract or a module its type depends on: the platform writes it, every workspace reads it",
    };
  }
  if (modules.shared.has(file)) {
    return { file, reach: { kind: "every" }, why: "code every stack runs" };
  }
  const platform = modules.platform.has(file);
  const workspace = modules.workspace.has(file);
  if (platform && workspace) {
    return { file, reach: { kind: "every" }, why: "code both kinds of stack run" };
  }
  if (platform) return { file, reach: { kind: "platforms" }, why: "platform program code" };
  if (workspace) return { file, reach: { kind: "workspaces" }, why: "workspace program code" };
  for (const [pattern, why] of everyStack) {
    if (pattern.test(file)) return { file, reach: { kind: "every" }, why };
  }
  for (const [pattern, why] of noStack) {
    if (pattern.test(file)) return { file, reach: { kind: "none" }, why };
  }
  return {
    file,
    reach: { kind: "every" },
    why: "no rule says which stacks it reaches (a file no program imports today, or a deleted one), so every stack is previewed",
  };
}

/** The stacks to preview among `stacks` (the ones that exist now), platforms first, by hub. */
export function stacksToPreview(
  stacks: readonly string[],
  impacts: readonly FileImpact[],
): string[] {
  const selected = stacks.filter((stack) => impacts.some(({ reach }) => reaches(reach, stack)));
  return selected.sort((a, b) => {
    const hub = platformOf(withDot(a)).localeCompare(platformOf(withDot(b)));
    if (hub !== 0) return hub;
    return Number(isWorkspaceStack(a)) - Number(isWorkspaceStack(b)) || a.localeCompare(b);
  });
}

function reaches(reach: Reach, stack: string): boolean {
  switch (reach.kind) {
    case "every":
      return true;
    case "platforms":
      return !isWorkspaceStack(stack);
    case "workspaces":
      return isWorkspaceStack(stack);
    case "hub":
      return platformOf(withDot(stack)) === reach.platform;
    case "stacks":
      return reach.stacks.includes(stack);
    case "none":
      return false;
  }
}

/** `dev` -> `dev.` so platformOf reads a platform stack's own name. */
function withDot(stack: string): string {
  return isWorkspaceStack(stack) ? stack : `${stack}.`;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
