/**
 * Errors the platform's own validation throws for bad input (the config layer's ConfigError, a
 * component's InputPropertiesError) become UserErrors: exit 2 and their message, no stack trace.
 * Matched by name and shape so the CLI's entry does not load the program to recognise them.
 */
import { UserError } from "./user-error";

export function toUserError(err: unknown): UserError | undefined {
  if (!(err instanceof Error)) return undefined;
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
