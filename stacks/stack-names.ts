/**
 * How a stack's name says what it is: a platform stack (dev, prod) or one of its workspace stacks
 * (dev.cardio-2026), docs/hub-stacks.md. Pure naming, nothing read from disk: the CLI's settings
 * and the program both use it, and importing it finds no project root.
 */

/**
 * A workspace stack is named `<platform stack>.<workspace id>`: the platform's name has no dot
 * (dev, prod), a workspace id is a DNS label. Both are valid Pulumi stack names.
 */
export function isWorkspaceStack(stack: string): boolean {
  return stack.includes(".");
}

/** The platform stack a workspace stack belongs to (`dev` for `dev.cardio-2026`). */
export function platformOf(stack: string): string {
  return stack.slice(0, stack.indexOf("."));
}
