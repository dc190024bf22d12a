/**
 * A `pulumi stack export` deployment (apitype.DeploymentV3) → NormalizedResource[], plus what the
 * export says about the secrets provider (its `secrets_providers` section).
 */
import type { NormalizedResource } from "../../offline/resource-model";
import { UserError } from "../user-error";
import { isObject, parseUrn } from "./property-values";
import { assertOneStack } from "./one-stack";
import { normalizeResourceV3 } from "./resource-v3";

export interface SecretsProviderRecord {
  /** `passphrase`, `service` (Pulumi Cloud), `cloud` (a KMS or Vault named by `url`). */
  type: string;
  /** For `cloud`: the provider URL (awskms://..., hashivault://...). */
  url?: string;
}

export interface NormalizedExport {
  resources: NormalizedResource[];
  stack?: string;
  project?: string;
  secretsProvider?: SecretsProviderRecord;
  /** Resources the engine marked `delete: true` (old copies awaiting deletion), left out. */
  pendingDeletion: number;
}

export function normalizeExport(
  deployment: Record<string, unknown>,
  file: string,
): NormalizedExport {
  const list = deployment.resources ?? [];
  if (!Array.isArray(list)) {
    throw new UserError(
      `${file}: "deployment.resources" is not a list.`,
      "The export was edited or cut short: run `pulumi stack export` again.",
    );
  }
  const resources: NormalizedResource[] = [];
  let pendingDeletion = 0;
  list.forEach((raw, i) => {
    if (isObject(raw) && raw.delete === true) {
      pendingDeletion++;
      return;
    }
    resources.push(normalizeResourceV3(raw, `${file}: deployment.resources[${i}]`, "export"));
  });
  assertOneStack(resources, file);
  const first = resources.length > 0 ? parseUrn(resources[0].urn) : undefined;
  return {
    resources,
    stack: first?.stack,
    project: first?.project,
    secretsProvider: secretsProviderOf(deployment.secrets_providers),
    pendingDeletion,
  };
}

function secretsProviderOf(section: unknown): SecretsProviderRecord | undefined {
  if (!isObject(section) || typeof section.type !== "string") return undefined;
  const state = isObject(section.state) ? section.state : {};
  const record: SecretsProviderRecord = { type: section.type };
  if (typeof state.url === "string") record.url = state.url;
  return record;
}
