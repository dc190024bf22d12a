/**
 * The workspace stack's side of the platform contract (components/platform/platform-contract.ts):
 * reads the platform stack's outputs through a `pulumi.StackReference` and checks them before
 * anything is registered. A missing output, another contract version, or a platform that does
 * not serve this workspace yet is the user's to fix (deploy the platform first, or point
 * hdh:platformStack at the right stack): a ConfigError naming the key, exit 2.
 */
import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import {
  contractOutputs,
  platformContractVersion,
  type PlatformContract,
} from "../components/platform/platform-contract";
import { ConfigError } from "./config-error";

const portSchema = z.strictObject({
  port: z.number().int().min(1).max(65535),
  protocol: z.enum(["TCP", "UDP"]).optional(),
});
const destinationSchema = z.strictObject({
  namespace: z.string().optional(),
  podLabels: z.record(z.string(), z.string()).optional(),
  cidrs: z.array(z.string()).optional(),
  ports: z.array(portSchema).min(1),
});

const pinnedImageSchema = z.strictObject({
  repository: z.string().min(1),
  tag: z.string(),
  digest: z.string().regex(/^sha256:[0-9a-f]{64}$/),
  port: z.number().int().min(1).max(65535),
  readOnlyRootFilesystem: z.boolean(),
  runAsUser: z.number().int().min(1),
  scratchPaths: z.array(z.string()),
  homePath: z.string().min(1),
});

/** The contract's shape, checked field by field (version first, so its message is the clear one). */
const contractSchema = z.strictObject({
  contractVersion: z.number(),
  stack: z.string().min(1),
  production: z.boolean(),
  authUrl: z.string().min(1),
  region: z.strictObject({ name: z.string().min(1), country: z.string().length(2) }),
  registry: z.string().min(1),
  workspaceImages: z.strictObject({ jupyter: pinnedImageSchema, rstudio: pinnedImageSchema }),
  encryptedStorageClass: z.string().min(1),
  reach: z.strictObject({
    dns: destinationSchema,
    packageMirror: destinationSchema,
    objectStorage: destinationSchema,
  }),
  gatewayNamespace: z.string().min(1).nullable(),
  servedWorkspaces: z.array(z.string()),
});

/** Where the workspace stack reads its platform, for messages. */
export interface ReferenceContext {
  /** The workspace stack's name, `<platform>.<id>`. */
  readonly stack: string;
  /** The workspace's id. */
  readonly workspaceId: string;
  /** The StackReference name read. */
  readonly platformReference: string;
}

/** Checks a platform stack's `platformContract` output; throws a ConfigError naming the fix. */
export function checkContract(value: unknown, context: ReferenceContext): PlatformContract {
  const fail = (message: string): never => {
    throw new ConfigError(context.stack, [{ path: ["platformStack"], message }]);
  };
  const from = `platform stack "${context.platformReference}"`;
  if (value === undefined || value === null) {
    fail(
      `${from} has no "${contractOutputs.contract}" output: deploy (pulumi up) the platform stack first, or set hdh:platformStack to the stack that holds this workspace's platform`,
    );
  }
  const version = (value as { contractVersion?: unknown }).contractVersion;
  if (version !== platformContractVersion) {
    fail(
      `${from} exports contract version ${JSON.stringify(version ?? null)}, this program reads version ${platformContractVersion}: deploy the platform and its workspace stacks from the same commit`,
    );
  }
  const parsed = contractSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(
      `${from}'s "${contractOutputs.contract}" output is malformed at ${issue.path.join(".") || "its root"} (${issue.message}): redeploy the platform stack from this commit`,
    );
  }
  const contract = parsed.data as PlatformContract;
  if (!contract.servedWorkspaces.includes(context.workspaceId)) {
    fail(
      `${from} does not serve workspace "${context.workspaceId}" yet (no gateway connection, airlock or backup for it): update the platform stack first, which reads stacks/Pulumi.${context.stack}.yaml`,
    );
  }
  return contract;
}

/** What the workspace stack reads from its platform. */
export interface PlatformReference {
  readonly contract: PlatformContract;
  /** The cluster's kubeconfig, secret. */
  readonly kubeconfig: pulumi.Output<string>;
}

/**
 * Reads the platform through a StackReference. `getOutputDetails` gives the contract as a plain
 * value (needed to decide what to create); the kubeconfig stays an Output, secret.
 */
export async function readPlatform(
  name: string,
  context: ReferenceContext,
): Promise<PlatformReference> {
  const reference = new pulumi.StackReference(name, { name: context.platformReference });
  const details = await reference.getOutputDetails(contractOutputs.contract);
  const contract = checkContract(details.value ?? details.secretValue, context);
  const kube = await reference.getOutputDetails(contractOutputs.kubeconfig);
  const kubeconfig = kube.secretValue ?? kube.value;
  if (typeof kubeconfig !== "string" || kubeconfig.length === 0) {
    throw new ConfigError(context.stack, [
      {
        path: ["platformStack"],
        message: `platform stack "${context.platformReference}" has no "${contractOutputs.kubeconfig}" output: redeploy the platform stack from this commit`,
      },
    ]);
  }
  // Read again as an Output so it stays a secret in this stack's state.
  return {
    contract,
    kubeconfig: pulumi.secret(
      reference.requireOutput(contractOutputs.kubeconfig),
    ) as pulumi.Output<string>,
  };
}
