/**
 * The platform program, as a function of a validated configuration: `pulumi up` runs it through
 * stacks/index.ts, `hdh plan` and the tests run it under mocks (offline/mock-run.ts). Returns the
 * stack outputs operators need.
 */
import * as pulumi from "@pulumi/pulumi";
import { Platform } from "../components/platform/platform";
import { contractOutputs } from "../components/platform/platform-contract";
import { platformArgs } from "./component-args";
import type { PlatformConfig } from "./config";

export function platformProgram(config: PlatformConfig): Record<string, pulumi.Output<unknown>> {
  const platform = new Platform(`hdh-${config.stack}`, {
    ...platformArgs(config),
    workspacesInOwnStacks: config.workspaceStacks.map((w) => w.id),
  });
  return {
    /** Public addresses of the bastions: the only way in. */
    bastionAddresses: pulumi.output(platform.bastionAddresses),
    /** Private Kubernetes API endpoint, reached through a bastion. */
    clusterEndpoint: platform.clusterEndpoint,
    /** Where researchers open their workspaces (the research gateway), when there is one. */
    gatewayUrl: pulumi.output(platform.gatewayUrl ?? null),
    /** Every research workspace created in this stack, with its tier, owner, expiry and namespace. */
    workspaces: pulumi.output(platform.workspaces),
    /** What workspace stacks read (components/platform/platform-contract.ts). */
    [contractOutputs.contract]: platform.contract,
    /** The cluster's kubeconfig, secret, for workspace stacks. */
    [contractOutputs.kubeconfig]: platform.kubeconfig,
  };
}
