/**
 * `hdh policy-config --stack <name>`: the policy pack config the stack's own declarations imply
 * (admin CIDRs, registry, regions, volume type), as `pulumi preview --policy-pack-config` reads
 * it. The real path and `hdh plan` thereby judge a stack with the same settings.
 */
import { loadStackConfig } from "../stack-config";
import { packConfigForStack } from "../stack-policy-config";
import { splitPolicyConfig } from "../settings/settings-config";
import { readPolicyConfig, writeReport, type CommandDeps } from "./shared";

export interface PolicyConfigOptions {
  stack: string;
  out?: string;
  /** A user policy config to lay over the derived settings. */
  policyConfig?: string;
}

export async function policyConfigCommand(
  options: PolicyConfigOptions,
  deps: CommandDeps,
): Promise<number> {
  const { io } = deps;
  const { config } = await loadStackConfig(io.cwd, options.stack);
  const user = splitPolicyConfig(
    readPolicyConfig(options.policyConfig, io.cwd),
    options.policyConfig ?? "",
  ).packConfig;
  const document = packConfigForStack(config, user);
  writeReport(io, options.out, `${JSON.stringify(document, null, 2)}\n`);
  return 0;
}
