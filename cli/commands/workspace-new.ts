/**
 * `hdh workspace new`: a new research project is a new workspace stack. Writes
 * `stacks/Pulumi.<stack>.<id>.yaml` with every key a reviewer asks for (owner group, tier,
 * authorisation, expiry, tool and sizes, defaults written out), after validating it with the
 * whole hub in view exactly as `hdh plan` and `pulumi up` will: a refused entry is reported by
 * its key (exit 2) and no file is written.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join, relative } from "node:path";
import { stringify } from "yaml";
import { findProject } from "../settings/project-files";
import { UserError } from "../user-error";
import type { CommandDeps } from "./shared";

export interface WorkspaceNewOptions {
  stack: string;
  id: string;
  ownerGroup: string;
  tier: string;
  authorisation: string;
  expires: string;
  tool?: string;
  storageGib?: string;
  cpu?: string;
  memoryGib?: string;
}

export async function workspaceNewCommand(
  options: WorkspaceNewOptions,
  deps: CommandDeps,
  today: Date = new Date(),
): Promise<number> {
  const { readStackFile } = await import("../../stacks/stack-file");
  const { isWorkspaceStack } = await import("../../stacks/stack-names");
  const { parseStackFile } = await import("../../stacks/config");
  const { io } = deps;
  if (isWorkspaceStack(options.stack)) {
    throw new UserError(
      `--stack names the platform stack, and "${options.stack}" is a workspace stack.`,
      `Use --stack ${options.stack.slice(0, options.stack.indexOf("."))}.`,
    );
  }
  const project = findProject(io.cwd);
  const dir = join(project.root, project.stackConfigDir);
  const stackName = `${options.stack}.${options.id}`;
  const file = join(dir, `Pulumi.${stackName}.yaml`);
  if (existsSync(file)) {
    throw new UserError(
      `${relative(io.cwd, file)} already exists.`,
      "Edit it, or choose another workspace id.",
    );
  }
  const workspace = {
    id: options.id,
    ownerGroup: options.ownerGroup,
    tier: Number(options.tier),
    authorisation: {
      kind: options.authorisation.startsWith("MR-") ? "reference-methodology" : "cnil-decision",
      reference: options.authorisation,
    },
    expires: options.expires,
    tool: options.tool ?? "jupyter",
    storageGiB: Number(options.storageGib ?? 20),
    cpu: Number(options.cpu ?? 2),
    memoryGiB: Number(options.memoryGib ?? 8),
  };

  // The hub as it will be read once the file exists: validated now, all problems at once.
  const hub = readStackFile(options.stack, dir);
  const workspaces = [...((hub.hdh.workspaces as unknown[] | undefined) ?? []), workspace];
  parseStackFile(
    {
      ...hub,
      hdh: { ...hub.hdh, workspaces },
      workspaceStacks: [
        ...hub.workspaceStacks,
        { stack: stackName, file, index: workspaces.length - 1 },
      ],
    },
    today,
  );

  // The platform's own secrets provider: the workspace stack's secrets stay where the platform's are.
  const secretsProvider = hub.secretsProvider;
  const text =
    [
      `# Workspace stack ${stackName} (docs/hub-stacks.md), written by hdh workspace new.`,
      `# Deploy the platform stack first (it serves the workspace: gateway connection, airlock,`,
      `# backups), then this stack: pulumi up --stack ${options.stack}; pulumi up --stack ${stackName}`,
      `# owner group: the researchers' OIDC group, the only one bound in the namespace`,
      `# tier: data classification 0-4 (docs/data-tiers.md); authorisation: CNIL decision or MR-00x`,
      `# expires: last day of the authorisation; the workspace must be closed by then`,
      ...(secretsProvider ? [`secretsprovider: ${secretsProvider}`] : []),
    ].join("\n") +
    "\n" +
    stringify({ config: { "hdh:workspace": workspace } }, { lineWidth: 100 });
  writeFileSync(file, text);
  io.stdout(`wrote ${relative(io.cwd, file)}\n`);
  return 0;
}
