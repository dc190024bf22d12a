/**
 * Entry point of `pulumi preview` / `pulumi up` (Pulumi.yaml `main: stacks/`). One project, two
 * kinds of stack (docs/hub-stacks.md): a platform stack (`dev`, `prod`) builds the platform and
 * serves its workspaces; a workspace stack (`dev.cardio-2026`) builds one workspace from the
 * platform's outputs. Either way the configuration is read and validated first: nothing is
 * registered if it is refused.
 */
import * as pulumi from "@pulumi/pulumi";
import { loadPlatformConfig, loadWorkspaceStackConfig } from "./pulumi-config";
import { platformProgram } from "./program";
import { isWorkspaceStack } from "./stack-names";
import { workspaceProgram } from "./workspace-program";

export = async () => {
  if (isWorkspaceStack(pulumi.getStack())) {
    const { config, stack } = loadWorkspaceStackConfig();
    return workspaceProgram(config, stack);
  }
  return platformProgram(loadPlatformConfig());
};
