/**
 * `hdh policy-config --stack <name>`: the policy pack config the stack's own declarations imply
 * (admin CIDRs, registry, regions, volume type), as `pulumi preview --policy-pack-config` reads
 * it. The real path and `hdh plan` thereby judge a stack with the same settings.
 *
 * A workspace stack (`dev.cardio-2026`) is judged with its hub's settings plus what it reads from
 * its platform: the encrypted StorageClass its volumes use is declared in the platform stack and
 * named only in the deployed platform's `platformContract` output (`--platform-contract`), as
 * `hdh plan --workspace` judges it with the platform plan's contract.
 */
import { resolve } from "node:path";
import { contractOutputs } from "../../components/platform/platform-contract";
import type { PolicySettings } from "../../policies/config";
import { parseJsonFile } from "../artifact/read-artifact";
import { loadStackConfig } from "../stack-config";
import { packConfigForStack } from "../stack-policy-config";
import { splitPolicyConfig } from "../settings/settings-config";
import { UserError } from "../user-error";
import { readPolicyConfig, writeReport, type CommandDeps } from "./shared";

export interface PolicyConfigOptions {
  stack: string;
  out?: string;
  /** A user policy config to lay over the derived settings. */
  policyConfig?: string;
  /** A workspace stack's platform contract, as `pulumi stack output platformContract --json` prints it. */
  platformContract?: string;
}

export async function policyConfigCommand(
  options: PolicyConfigOptions,
  deps: CommandDeps,
): Promise<number> {
  const { io } = deps;
  const { isWorkspaceStack, platformOf } = await import("../../stacks/stack-names");
  const workspaceStack = isWorkspaceStack(options.stack);
  if (!workspaceStack && options.platformContract !== undefined) {
    throw new UserError(
      `--platform-contract is for a workspace stack, and ${options.stack} is a platform stack.`,
      "Leave it out: a platform stack declares its own StorageClass.",
    );
  }
  const { config } = await loadStackConfig(
    io.cwd,
    workspaceStack ? platformOf(options.stack) : options.stack,
  );
  const extra = workspaceStack
    ? await platformSettings(options.stack, options.platformContract, config, io.cwd)
    : {};
  const user = splitPolicyConfig(
    readPolicyConfig(options.policyConfig, io.cwd),
    options.policyConfig ?? "",
  ).packConfig;
  const document = packConfigForStack(config, user, extra);
  writeReport(io, options.out, `${JSON.stringify(document, null, 2)}\n`);
  return 0;
}

/** The settings a workspace stack reads from its platform's contract. */
async function platformSettings(
  stack: string,
  contractFile: string | undefined,
  config: Awaited<ReturnType<typeof loadStackConfig>>["config"],
  cwd: string,
): Promise<Partial<PolicySettings>> {
  const member = config.workspaceStacks.find((w) => w.stack === stack);
  if (!member) {
    throw new UserError(
      `no workspace stack ${stack}: there is no stacks/Pulumi.${stack}.yaml beside its platform's.`,
      "Create it with hdh workspace new, or name an existing stack.",
    );
  }
  const fetch = `pulumi stack output ${contractOutputs.contract} --stack ${member.platformReference} --json > platform-contract.json`;
  if (contractFile === undefined) {
    throw new UserError(
      `--platform-contract is needed for the workspace stack ${stack}: its volumes use the platform's encrypted StorageClass, which only the deployed platform stack's ${contractOutputs.contract} output names.`,
      `Write it with \`${fetch}\`, then pass --platform-contract platform-contract.json.`,
    );
  }
  const { document } = parseJsonFile(
    resolve(cwd, contractFile),
    "platform contract",
    `Write it with \`${fetch}\`.`,
  );
  const { checkContract } = await import("../../stacks/platform-reference");
  const { ConfigError } = await import("../../stacks/config-error");
  try {
    const contract = checkContract(document, {
      stack,
      workspaceId: member.id,
      platformReference: member.platformReference,
    });
    return { encryptedStorageClasses: [contract.encryptedStorageClass] };
  } catch (err) {
    // checkContract speaks of the deployed platform (a workspace stack's plan reads it through a
    // StackReference); here the value came from the file the user passed, so name the option.
    if (!(err instanceof ConfigError)) throw err;
    const problems = err.problems.map((p) => `  - ${ConfigError.key(p.path)}: ${p.message}`);
    throw new UserError(
      `--platform-contract ${contractFile} is not a platform contract this workspace stack accepts:\n${problems.join("\n")}`,
      `Write it from the platform stack deployed from this commit with \`${fetch}\`, then pass --platform-contract platform-contract.json.`,
    );
  }
}
