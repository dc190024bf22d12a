/**
 * Entry point of `pulumi preview` / `pulumi up` (Pulumi.yaml `main: stacks/`): read and validate
 * the stack's configuration (nothing is registered if it is refused), then build the platform.
 */
import { loadPlatformConfig } from "./pulumi-config";
import { platformProgram } from "./program";

const outputs = platformProgram(loadPlatformConfig());

export const bastionAddresses = outputs.bastionAddresses;
export const clusterEndpoint = outputs.clusterEndpoint;
export const workspaces = outputs.workspaces;
