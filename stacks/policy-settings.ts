/**
 * The policy pack's settings for one stack, derived from its validated configuration, so the
 * pack checks a stack against what that stack declares (its admin networks, its registry, its
 * regions) rather than against generic defaults.
 *
 * `hdh plan` applies them automatically; for the real path, `hdh policy-config --stack <name>`
 * writes them as the file `pulumi preview --policy-pack-config` reads. An explicit policy config
 * given by the user is laid over them, setting by setting.
 */
import { defaultSettings, type PolicySettings } from "../policies/config";
import { shipperHostPath, shipperName, shipperNamespace } from "../components/audit/audit-log-args";
import { edgeComponentType } from "../components/gateway/edge";
import type { PlatformConfig } from "./config";

export function policySettingsFor(config: PlatformConfig): Partial<PolicySettings> {
  const regions = [config.cloud.primaryRegion, config.cloud.recoveryRegion].filter(
    (region) => region !== undefined,
  );
  const isGeneric = config.cloud.profile.id === "generic-openstack";
  return {
    // Narrowed to the stack's own regions: anything elsewhere, even in the EU, was not declared.
    allowedRegions: regions.map((region) => region.name),
    // A generic OpenStack's Keystone serves only the EU regions its operator declared.
    euAuthUrls: isGeneric
      ? unique([...defaultSettings.euAuthUrls, config.cloud.authUrl])
      : defaultSettings.euAuthUrls,
    // Endpoints the stack itself declares (a generic OpenStack's Keystone, an existing cluster's
    // API server): trusted as its operator's statement; a host the catalogue knows as extra-EU
    // stays refused whatever this says (policies/jurisdiction/provider-endpoint-operator.ts).
    trustedEuEndpoints: declaredEndpoints(config),
    adminCidrs: [...config.bastion.adminCidrs],
    registries: [config.registry],
    encryptedVolumeTypes: [config.cloud.encryptedVolumeType],
    // The operator's attestation covers the stack's regions; without one every container fails.
    objectStorageEncryptionAttestations: config.cloud.objectStorageEncryptionAttestation
      ? regions.map((region) => ({
          region: region.name,
          attestation: config.cloud.objectStorageEncryptionAttestation!,
        }))
      : [],
    publicNetworks: unique([...defaultSettings.publicNetworks, config.cloud.externalNetwork]),
    // The research gateway's edge is the researchers' bastion. Its 443 becomes a public port
    // only under the named opt-out `hdh:gateway.allowInternetResearchers`; otherwise nothing
    // may face the whole internet and researchers come from their declared networks.
    ...(config.gateway
      ? {
          bastionComponentTypes: unique([
            ...defaultSettings.bastionComponentTypes,
            edgeComponentType,
          ]),
          bastionPublicPorts: config.gateway.allowInternetResearchers ? [443] : [],
        }
      : {}),
    // The audit shipper reads the nodes' root-owned logs: the platform's one named exception.
    workloadExceptions: [auditShipperException],
    productionStacks: config.production
      ? unique([...defaultSettings.productionStacks, config.stack])
      : defaultSettings.productionStacks,
  };
}

function declaredEndpoints(config: PlatformConfig): PolicySettings["trustedEuEndpoints"] {
  const country = config.cloud.primaryRegion.country;
  const declared: { host: string | undefined; key: string }[] = [];
  if (config.cloud.profile.id === "generic-openstack") {
    declared.push({ host: hostOf(config.cloud.authUrl), key: "hdh:cloud.authUrl" });
  }
  if (config.cluster.mode === "existing") {
    declared.push({ host: hostOf(config.cluster.apiEndpoint), key: "hdh:cluster.apiEndpoint" });
  }
  return declared
    .filter((d): d is { host: string; key: string } => d.host !== undefined)
    .map((d) => ({
      host: d.host,
      operator: `the operator of the stack's cloud (declared in ${d.key})`,
      jurisdiction: country,
      reason: `declared by the stack's own configuration, ${d.key}`,
    }));
}

function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname.replace(/^\[|\]$/g, "").toLowerCase();
  } catch {
    return undefined;
  }
}

/** Exactly the Fluent Bit DaemonSet the AuditLog component creates, and only what it needs. */
export const auditShipperException: PolicySettings["workloadExceptions"][number] = {
  kind: "DaemonSet",
  namespace: shipperNamespace,
  name: shipperName,
  controls: ["host-path-read-only", "run-as-root"],
  hostPaths: [shipperHostPath],
  reason:
    "the audit shipper reads the nodes' root-owned logs, read-only, as UID 0 with no capability (docs/audit.md)",
};

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

/** A `--policy-pack-config` document: per policy name, a level or `{enforcementLevel?, ...}`. */
export type PackConfigDocument = Record<string, unknown>;

/**
 * The pack config for a stack: settings derived from its config, with the user's own policy
 * config laid over them policy by policy and setting by setting (the user always wins).
 */
export function stackPolicyConfig(
  derived: Record<string, Record<string, unknown>>,
  user: PackConfigDocument = {},
): PackConfigDocument {
  const merged: PackConfigDocument = { ...derived };
  for (const [policy, value] of Object.entries(user)) {
    const base = derived[policy];
    if (base && value !== null && typeof value === "object" && !Array.isArray(value)) {
      merged[policy] = { ...base, ...(value as Record<string, unknown>) };
    } else if (base && typeof value === "string") {
      merged[policy] = { ...base, enforcementLevel: value };
    } else {
      merged[policy] = value;
    }
  }
  return merged;
}
