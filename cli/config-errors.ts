/**
 * Errors the platform's own validation throws for bad input (the config layer's ConfigError, a
 * component's InputPropertiesError) become UserErrors: exit 2 and their message, no stack trace.
 * Matched by name and shape so the CLI's entry does not load the program to recognise them.
 */
import { UserError } from "./user-error";
import { knownStacksPhrase, type UnknownStackError } from "../stacks/config-error";

export function toUserError(err: unknown): UserError | undefined {
  if (!(err instanceof Error)) return undefined;
  if (err.name === "UnknownStackError" && Array.isArray((err as UnknownStackError).knownStacks)) {
    const { stackName, expectedFile, knownStacks, workspaceStackCount } = err as UnknownStackError;
    return unknownStack(stackName, expectedFile, knownStacks, workspaceStackCount);
  }
  if (err.name === "ConfigError" && Array.isArray((err as { problems?: unknown }).problems)) {
    return new UserError(
      err.message.replace(/^hdh:\s*/, ""),
      "Fix each key listed above in the stack's settings file, then run the command again.",
    );
  }
  // @pulumi/pulumi's InputPropertiesError keeps Error's name and marks itself with a property.
  const marked = (err as { __pulumiInputPropertiesError?: unknown }).__pulumiInputPropertiesError;
  if (marked === true || err.name === "InputPropertiesError" || err.name === "InputPropertyError") {
    return new UserError(
      `the configuration was accepted but a component refused its inputs: ${err.message}`,
      "Fix the configuration values the message names.",
    );
  }
  return undefined;
}

/** The one wording for a --stack that names no settings file, whichever reader found it missing. */
export function unknownStack(
  stack: string,
  expectedFile: string,
  knownStacks: readonly string[],
  workspaceStackCount: number,
): UserError {
  return new UserError(
    `unknown stack "${stack}": there is no ${expectedFile}; ${knownStacksPhrase(knownStacks, workspaceStackCount)}.`,
    knownStacks.length > 0
      ? "Pass one of the known stacks with --stack (a workspace stack as <stack>.<workspace id>), or create the file (`hdh workspace new` writes a workspace stack's)."
      : "Create the stack's settings file first.",
  );
}
