/**
 * `hdh workspaces --stack <name>`: the register of processing activities (every workspace with
 * its owner group, tier, authorisation, expiry, storage and key), from the stack's validated
 * configuration. Text for people, JSON for the data protection officer's tools.
 */
import {
  buildRegister,
  renderRegisterJson,
  renderRegisterText,
} from "../../components/workspace/register";
import { registerInput } from "../../stacks/component-args";
import { loadStackConfig } from "../stack-config";
import { UserError } from "../user-error";
import { writeReport, type CommandDeps } from "./shared";

export interface WorkspacesOptions {
  stack: string;
  /** Commander refuses any other value (`.choices` in cli/main.ts): exit 2 naming --format. */
  format: "text" | "json";
  out?: string;
}

export async function workspacesCommand(
  options: WorkspacesOptions,
  deps: CommandDeps,
  today: Date = new Date(),
): Promise<number> {
  const { io } = deps;
  const { isWorkspaceStack, platformOf } = await import("../../stacks/stack-names");
  if (isWorkspaceStack(options.stack)) {
    throw new UserError(
      `--stack ${options.stack} is a workspace stack; the register lists a platform stack's workspaces, its own and its workspace stacks'.`,
      `Run hdh workspaces --stack ${platformOf(options.stack)}.`,
    );
  }
  const { config } = await loadStackConfig(io.cwd, options.stack, today);
  const register = buildRegister(registerInput(config), today);
  const text =
    options.format === "json" ? renderRegisterJson(register) : renderRegisterText(register);
  writeReport(io, options.out, text);
  return 0;
}
