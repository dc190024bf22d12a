/**
 * The policy pack's configuration: one schema, with defaults, for every setting any policy reads.
 *
 * CrossGuard configures policies one by one (`--policy-pack-config` holds one object per policy
 * name), so each policy declares the settings it reads (`meta.settings`); its `configSchema` is
 * generated from this schema, and `packConfigFromSettings` spreads one pack-wide settings object
 * over every policy that reads it. Missing settings fall back to the defaults below, which are
 * secure: fail closed wherever a default cannot know the operator's environment.
 */
import { z } from "zod";
import {
  cloudProfiles,
  defaultEuRegions,
  knownEncryptedVolumeTypes,
} from "./catalog/cloud-profiles";
import { euMemberStates } from "./catalog/cloud-profiles";
import { prototypeKeyPaths } from "./lib/prototype-keys";

const names = z.array(z.string().min(1));

/** Pod hardening controls a named workload exception may lift (policies/lib/workload-exceptions.ts). */
export const workloadExceptionControls = ["host-path-read-only", "run-as-root"] as const;

/**
 * Workload kinds an exception may name, with the API group Kubernetes serves each from: a custom
 * resource of the same kind in another group is not the workload the exception names.
 */
export const workloadKindGroups = {
  Pod: "core",
  ReplicationController: "core",
  PodTemplate: "core",
  Deployment: "apps",
  StatefulSet: "apps",
  DaemonSet: "apps",
  ReplicaSet: "apps",
  Job: "batch",
  CronJob: "batch",
} as const;

const workloadException = z.strictObject({
  kind: z
    .enum(Object.keys(workloadKindGroups) as [keyof typeof workloadKindGroups])
    .describe("Workload kind, e.g. DaemonSet (its built-in API group only)."),
  namespace: z.string().min(1),
  name: z.string().min(1),
  controls: z.array(z.enum(workloadExceptionControls)).min(1),
  hostPaths: z.array(z.string().startsWith("/")).default([]),
  reason: z.string().min(10).describe("Why, and where it is documented."),
});

/** One exception per workload, and host paths exactly when the host-path control is lifted. */
function checkExceptions(
  list: readonly z.infer<typeof workloadException>[],
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  list.forEach((e, i) => {
    const key = `${e.kind} ${e.namespace}/${e.name}`;
    if (seen.has(key)) {
      ctx.addIssue({
        code: "custom",
        path: [i],
        message: `a second exception names ${key}: write one exception with all its controls`,
      });
    }
    seen.add(key);
    const liftsHostPath = e.controls.includes("host-path-read-only");
    if (liftsHostPath !== e.hostPaths.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: [i, "hostPaths"],
        message: liftsHostPath
          ? "list the host paths host-path-read-only allows"
          : "hostPaths is only read with the host-path-read-only control",
      });
    }
  });
}

/** Keystone endpoints of profiles whose every published region is in the EU. */
const euOnlyAuthUrls = Object.values(cloudProfiles)
  .filter((p) => p.authUrl && p.regions.length > 0)
  .filter((p) => p.regions.every((r) => euMemberStates.has(r.country)))
  .map((p) => p.authUrl);

/** A host name, `*.domain` (any sub-domain; at least two labels) or an IP address. */
const endpointHost = z
  .string()
  .regex(
    /^(\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)+|[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*|[0-9a-f:]*:[0-9a-f:.]*)$/i,
    "expected a host name, `*.domain` or an IP address",
  )
  .describe("Exact host, `*.domain` (any sub-domain) or IP address of the endpoint.");

/** A trusted endpoint with the facts that justify it, shown in reviews. */
const trustedEndpoint = z.strictObject({
  host: endpointHost,
  operator: z.string().min(2).describe("Company operating the endpoint."),
  jurisdiction: z
    .string()
    .refine((c) => euMemberStates.has(c), "expected the ISO code of an EU member state")
    .describe("ISO 3166-1 alpha-2 code of the EU member state whose law governs it."),
  reason: z.string().min(10).describe("Why it is trusted, and where that is documented."),
});

export const settingsShape = {
  allowedRegions: names
    .default([...defaultEuRegions])
    .describe("OpenStack regions in the EU where resources may live (exact names)."),
  euAuthUrls: names
    .default(euOnlyAuthUrls)
    .describe(
      "Keystone URLs that only serve EU regions: they decide when neither resource nor provider names a region.",
    ),
  trustedOperators: names
    .default([])
    .describe(
      "Provider packages (e.g. `gcp`) whose operator is a qualified trust operator under EU law; empty by default.",
    ),
  registries: names
    .default(["registry.hdh-sovereign.example.fr", "*.container-registry.ovh.net"])
    .describe(
      "EU container registries that images and Helm charts may come from: `host`, `host/path` prefix or `*.domain`.",
    ),
  trustedEuEndpoints: z
    .array(z.union([endpointHost, trustedEndpoint]))
    .default([])
    .describe(
      "Endpoints the catalogue does not know, declared as operated under EU law (a private or qualified cloud's Keystone, an on-premises cluster's API server): an exact host, `*.domain` or IP address, or an object with the host, its operator, EU jurisdiction and reason. Empty by default: unknown endpoints fail closed. A host the catalogue knows as extra-EU stays refused.",
    ),
  encryptedVolumeTypes: names
    .default([...knownEncryptedVolumeTypes])
    .describe("Cinder volume types that encrypt at rest."),
  objectStorageEncryptionAttestations: z
    .array(
      z.strictObject({
        region: z.string().min(1).describe("Region name, as containers and providers spell it."),
        attestation: z
          .string()
          .min(10)
          .describe("Where the operator attests it: a URL or a document reference."),
      }),
    )
    .default([])
    .describe(
      "Regions whose operator attests that its object storage encrypts at rest (Swift encrypts in the operator's proxy, which tenants can neither select nor see), each with where it is attested; empty by default.",
    ),
  encryptedStorageClasses: names
    .default([])
    .describe(
      "Kubernetes StorageClasses known to encrypt that are not declared in the stack (pre-installed in the cluster).",
    ),
  publicNetworks: names
    .default(["Ext-Net", "public", "external", "ext-net", "floating"])
    .describe("Names or ids of the provider's external (internet) networks."),
  adminCidrs: names
    .default([])
    .describe("Administrators' networks: the only sources allowed to reach a bastion's SSH port."),
  bastionComponentTypes: names
    .default(["hdh:bastion:Bastion"])
    .describe("Component types whose children are bastion resources."),
  bastionNamePattern: z
    .string()
    .default("(^|[-_.])bastion([-_.0-9]|$)")
    .describe("Regular expression on a logical name that marks a bastion resource."),
  bastionPublicPorts: z
    .array(z.number().int().min(1).max(65535))
    .default([])
    .describe(
      "Ports a bastion may open to the whole internet (e.g. 443 for a web bastion); never SSH, RDP, databases or Kubernetes.",
    ),
  maxPortRangeSize: z
    .number()
    .int()
    .min(1)
    .max(65535)
    .default(32)
    .describe("Largest number of ports one ingress rule may open to an address range."),
  workspaceComponentTypes: names
    .default(["hdh:workspace:Workspace"])
    .describe("Component types whose namespaces are research workspaces."),
  workspaceNamespacePattern: z
    .string()
    .default("^(ws|workspace|project)-")
    .describe(
      "Regular expression on a namespace name that marks a research workspace (besides the `hdh.health/role: workspace` label).",
    ),
  workloadExceptions: z
    .array(workloadException)
    .superRefine(checkExceptions)
    .default([])
    .describe(
      "Named, narrow exceptions to pod hardening: exactly one workload (kind, namespace, name), only the controls listed; hostPath only for the listed paths, mounted read-only. Shown in every report.",
    ),
  productionStacks: names
    .default(["prod", "prod-*", "production", "production-*", "*-prod"])
    .describe("Stack names (with `*` wildcards) treated as production."),
} as const;

export const policySettingsSchema = z.object(settingsShape);

export type PolicySettings = z.infer<typeof policySettingsSchema>;
export type SettingKey = keyof typeof settingsShape;

export const defaultSettings: PolicySettings = policySettingsSchema.parse({});

/** JSON schema of the given settings, as a policy's `configSchema` (draft-07, defaults included). */
export function configSchemaFor(keys: readonly SettingKey[]): {
  properties: Record<string, Record<string, unknown>>;
} {
  const properties: Record<string, Record<string, unknown>> = {};
  for (const key of keys) {
    const schema = z.toJSONSchema(settingsShape[key], { io: "input", target: "draft-7" });
    delete (schema as Record<string, unknown>).$schema;
    properties[key] = schema as Record<string, unknown>;
  }
  return { properties };
}

const cache = new Map<string, PolicySettings>();

/**
 * The settings a policy sees: its config (as `getConfig()` returns it) over the defaults.
 * Throws one error naming every invalid setting. Parsed once per distinct config.
 */
export function resolveSettings(config: object | undefined): PolicySettings {
  // Over gRPC, protobuf's Struct.toJavaScript turns a `__proto__` key into a prototype whose
  // fields the schema would read as settings (and JSON.stringify, the cache key, would not show):
  // refuse it by name before anything else.
  const keys = prototypeKeyPaths(config);
  if (keys.length > 0) {
    throw new Error(
      `invalid hdh-sovereign policy config: ${keys.map((k) => k.join(".")).join(", ")}: keys named __proto__, constructor or prototype are not settings; remove them`,
    );
  }
  if (!config || Object.keys(config).length === 0) return defaultSettings;
  const key = JSON.stringify(config);
  let settings = cache.get(key);
  if (!settings) {
    const result = policySettingsSchema.safeParse(config);
    if (!result.success) {
      const problems = result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
      throw new Error(`invalid hdh-sovereign policy config: ${problems.join("; ")}`);
    }
    settings = result.data;
    cache.set(key, settings);
  }
  return settings;
}

/**
 * CrossGuard policy config (the `--policy-pack-config` file's content) from one pack-wide
 * settings object: each policy receives the settings it declares.
 */
export function packConfigFromSettings(
  policies: readonly { name: string; meta: { settings: readonly SettingKey[] } }[],
  settings: Partial<PolicySettings>,
  enforcementLevels: Record<string, string> = {},
): Record<string, Record<string, unknown>> {
  const config: Record<string, Record<string, unknown>> = {};
  for (const policy of policies) {
    const entry: Record<string, unknown> = {};
    for (const key of policy.meta.settings) {
      if (settings[key] !== undefined) entry[key] = settings[key];
    }
    const level = enforcementLevels[policy.name];
    if (level) entry.enforcementLevel = level;
    if (Object.keys(entry).length > 0) config[policy.name] = entry;
  }
  return config;
}
