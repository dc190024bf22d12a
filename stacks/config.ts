/**
 * The only place that turns a stack's configuration into the typed `PlatformConfig` the program
 * builds from. `parsePlatformConfig` is pure (no Pulumi runtime needed), so the offline plan, the
 * tests and the real `pulumi up` all validate exactly the same way: every problem at once, each
 * naming its config key and what to write instead, before any resource is registered.
 */
import {
  cloudProfiles,
  type CloudProfile,
  type CloudRegion,
} from "../policies/catalog/cloud-profiles";
import type { DataTier } from "../policies/catalog/data-tiers";
import type { z } from "zod";
import {
  platformConfigSchema,
  type RawPlatformConfig,
  type RawWorkspaceConfig,
  type RawClosedWorkspaceConfig,
} from "./config-schema";
import { crossFieldProblems } from "./config-rules";
import { resolveImages, type PlatformImages } from "./image-pins";
import { ConfigError, type ConfigProblem } from "./config-error";
import { prototypeKeyPaths, withoutPrototypeKeys } from "../policies/lib/prototype-keys";
import { locateInWorkspaceStacks, type WorkspaceOrigin } from "./workspace-stack-problems";

export { ConfigError, type ConfigProblem };

export type Environment = RawPlatformConfig["environment"];
import type { ZoneName } from "../components/network/zones";

export { zoneNames, type ZoneName } from "../components/network/zones";

export interface ResolvedRegion extends CloudRegion {
  /** Profile the region belongs to. */
  readonly profile: string;
}

export interface WorkspaceConfig extends Omit<RawWorkspaceConfig, "tier"> {
  readonly tier: DataTier;
}

export interface ClosedWorkspaceConfig extends Omit<RawClosedWorkspaceConfig, "tier"> {
  readonly tier: DataTier;
}

export type ClusterConfig = RawPlatformConfig["cluster"];

/** The research gateway's settings, with the identity provider's addresses resolved. */
export type GatewayConfig = NonNullable<RawPlatformConfig["gateway"]>;

/** The validated, defaulted configuration of one stack; stacks/component-args.ts maps it to the components' own Args. */
export interface PlatformConfig {
  /** Stack name (dev, prod...). */
  readonly stack: string;
  readonly environment: Environment;
  /** Production controls: deletion protection, retain on delete, 3 control-plane nodes... */
  readonly production: boolean;
  readonly cloud: {
    readonly profile: CloudProfile;
    readonly authUrl: string;
    readonly primaryRegion: ResolvedRegion;
    readonly recoveryRegion?: ResolvedRegion;
    readonly encryptedVolumeType: string;
    readonly externalNetwork: string;
    /** Where the operator attests that its object storage encrypts at rest. @default none */
    readonly objectStorageEncryptionAttestation?: string;
  };
  readonly network: {
    readonly zones: Readonly<Record<ZoneName, string>>;
    readonly dnsNameservers: readonly string[];
    readonly egressHttpsCidrs: readonly string[];
    readonly objectStorageCidrs: readonly string[];
  };
  readonly bastion: RawPlatformConfig["bastion"];
  readonly cluster: ClusterConfig;
  readonly kms: RawPlatformConfig["kms"];
  readonly audit: RawPlatformConfig["audit"];
  readonly backup: RawPlatformConfig["backup"];
  /** The research gateway; absent: no workspace accepts any ingress. */
  readonly gateway?: GatewayConfig;
  /** The airlock's reviewers; absent: nothing that needs a review is ever approved. */
  readonly airlock?: RawPlatformConfig["airlock"];
  readonly registry: string;
  /** Every component's image pins: the stack's `hdh:images` over the components' defaults. */
  readonly images: PlatformImages;
  readonly workspaces: readonly WorkspaceConfig[];
  /** Workspaces removed after their archive was done, for the register. */
  readonly closedWorkspaces: readonly ClosedWorkspaceConfig[];
  /**
   * The workspaces that live in their own stacks (`<stack>.<id>`), with the StackReference name
   * each reads the platform through. @default [] (every workspace is in this stack)
   */
  readonly workspaceStacks: readonly WorkspaceStack[];
}

/** A workspace in its own stack (docs/hub-stacks.md). */
export interface WorkspaceStack {
  /** The workspace stack's name, `<platform stack>.<workspace id>`. */
  readonly stack: string;
  /** The workspace's id (its entry in `workspaces`). */
  readonly id: string;
  /** The StackReference name of the platform stack it reads. */
  readonly platformReference: string;
}

export interface ParseContext {
  /** Stack name, for messages and for `production`. */
  stack: string;
  /** Today's date, injected so tests and plans are reproducible. */
  today: Date;
  /**
   * Config paths that were given as secrets (`secure:` in the stack file); a path covers what is
   * below it. Credentials outside these are refused.
   */
  securePaths?: readonly (readonly string[])[];
  /**
   * Entries of `workspaces` that came from workspace stack files: their problems are reported
   * in those files (stacks/workspace-stack-problems.ts). @default none
   */
  workspaceStacks?: readonly WorkspaceOrigin[];
}

/**
 * Validates the raw `hdh:*` values (keys without the `hdh:` prefix) and returns the typed config,
 * or throws one `ConfigError` listing every problem.
 */
export function parsePlatformConfig(input: unknown, context: ParseContext): PlatformConfig {
  try {
    return parseAssembled(input, context);
  } catch (error) {
    if (!(error instanceof ConfigError) || !context.workspaceStacks?.length) throw error;
    throw new ConfigError(
      error.stackName,
      locateInWorkspaceStacks(error.problems, context.workspaceStacks),
    );
  }
}

function parseAssembled(input: unknown, context: ParseContext): PlatformConfig {
  // A key that can reach a prototype is refused by name; the rest is still checked without it,
  // so one run shows everything to fix (policies/lib/prototype-keys.ts says why).
  const prototypeProblems = prototypeKeyPaths(input).map((path): ConfigProblem => ({
    path,
    message: `"${path[path.length - 1]}" is not a setting: a key named __proto__, constructor or prototype could change how other values are read; remove it`,
  }));
  const raw = prototypeProblems.length > 0 ? withoutPrototypeKeys(input) : input;
  // reportInput: tells a wrong-typed value from a missing one in the messages below.
  const parsed = platformConfigSchema.safeParse(raw, { reportInput: true });
  if (parsed.success) {
    const problems = [...prototypeProblems, ...crossFieldProblems(parsed.data, context)];
    if (problems.length > 0) throw new ConfigError(context.stack, problems);
    return resolve(parsed.data, context);
  }
  // Report the schema's problems together with the cross-field ones of every section that did
  // parse, so one run shows everything to fix.
  const problems = [...prototypeProblems, ...parsed.error.issues.map(toProblem)];
  // A section is untrustworthy when something inside it failed; a list section's broken items
  // are left out instead (parseSections). An unknown top-level key breaks no section.
  const brokenSections = new Set(
    parsed.error.issues
      .filter((issue) => issue.path.length > 0)
      .map((issue) => String(issue.path[0]))
      .filter((section) => !(listSections as readonly string[]).includes(section)),
  );
  problems.push(...crossFieldProblems(parseSections(raw), context, brokenSections));
  throw new ConfigError(context.stack, problems);
}

/** Sections that are lists of records, checked item by item when some items are broken. */
const listItemSchemas = {
  workspaces: platformConfigSchema.shape.workspaces.unwrap().element,
  closedWorkspaces: platformConfigSchema.shape.closedWorkspaces.unwrap().element,
};
const listSections = Object.keys(listItemSchemas) as (keyof typeof listItemSchemas)[];

/**
 * Each top-level section parsed on its own (defaults applied); failed sections left undefined.
 * A list section whose items do not all parse keeps the items that do, at their own index, with
 * a hole where a broken one was: `forEach`, `map` and `filter` skip holes, so the cross-field
 * rules check the valid items and name them by their real index (`hdh:workspaces[2].id`).
 */
function parseSections(raw: unknown): RawPlatformConfig {
  const input = (raw !== null && typeof raw === "object" ? raw : {}) as Record<string, unknown>;
  const sections: Record<string, unknown> = {};
  for (const [key, schema] of Object.entries(platformConfigSchema.shape)) {
    const result = schema.safeParse(input[key]);
    if (result.success) sections[key] = result.data;
  }
  for (const key of listSections) {
    const items = input[key];
    if (sections[key] !== undefined || !Array.isArray(items)) continue;
    const itemSchema = listItemSchemas[key];
    const kept: unknown[] = new Array(items.length);
    items.forEach((item, index) => {
      const result = itemSchema.safeParse(item);
      if (result.success) kept[index] = result.data;
    });
    sections[key] = kept;
  }
  return sections as RawPlatformConfig;
}

function toProblem(issue: z.core.$ZodIssue): ConfigProblem {
  const path = issue.path.map(String);
  if (issue.code === "unrecognized_keys") {
    return {
      path,
      message: `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `"${k}"`).join(", ")}: check the spelling or remove ${issue.keys.length > 1 ? "them" : "it"} (nothing is silently ignored)`,
    };
  }
  if (issue.code === "invalid_type" && issue.input === undefined) {
    return { path, message: `missing; ${issue.message}` };
  }
  return { path, message: issue.message };
}

function resolve(raw: RawPlatformConfig, context: ParseContext): PlatformConfig {
  const profile = cloudProfiles[raw.cloud.profile];
  const region = (name: string): ResolvedRegion => {
    const known = profile.regions.find((r) => r.name === name);
    const declared = raw.cloud.declaredRegions?.find((r) => r.name === name);
    return {
      name,
      country: known?.country ?? declared?.country ?? "",
      location: known?.location ?? `${name} (declared by the operator)`,
      encryptedVolumeTypes: known?.encryptedVolumeTypes ?? profile.encryptedVolumeTypes,
      profile: profile.id,
    };
  };
  return {
    stack: context.stack,
    environment: raw.environment,
    production: raw.environment === "prod",
    cloud: {
      profile,
      authUrl: raw.cloud.authUrl ?? profile.authUrl,
      primaryRegion: region(raw.cloud.primaryRegion),
      recoveryRegion: raw.cloud.recoveryRegion ? region(raw.cloud.recoveryRegion) : undefined,
      encryptedVolumeType: raw.cloud.encryptedVolumeType ?? profile.defaultEncryptedVolumeType,
      externalNetwork: raw.cloud.externalNetwork,
      objectStorageEncryptionAttestation: raw.cloud.objectStorageEncryptionAttestation,
    },
    network: {
      zones: {
        bastion: raw.network.bastion,
        platform: raw.network.platform,
        workspaces: raw.network.workspaces,
        data: raw.network.data,
      },
      dnsNameservers: raw.network.dnsNameservers,
      egressHttpsCidrs: raw.network.egressHttpsCidrs,
      objectStorageCidrs: raw.network.objectStorageCidrs,
    },
    bastion: raw.bastion,
    cluster: raw.cluster,
    kms: raw.kms,
    audit: raw.audit,
    backup: raw.backup,
    gateway: raw.gateway && {
      ...raw.gateway,
      identityCidrs:
        raw.gateway.identityCidrs.length > 0
          ? raw.gateway.identityCidrs
          : raw.network.egressHttpsCidrs,
    },
    airlock: raw.airlock,
    registry: raw.registry,
    images: resolveImages(raw.images),
    workspaces: raw.workspaces.map((w) => ({ ...w, tier: w.tier as DataTier })),
    closedWorkspaces: raw.closedWorkspaces.map((w) => ({ ...w, tier: w.tier as DataTier })),
    workspaceStacks: (context.workspaceStacks ?? []).map((origin) => ({
      stack: origin.stack,
      id: raw.workspaces[origin.index].id,
      platformReference: origin.platformStack ?? context.stack,
    })),
  };
}

/** A stack file read by stacks/stack-file.ts, validated with its workspace stacks located. */
export function parseStackFile(
  file: {
    readonly stack: string;
    readonly hdh: unknown;
    readonly securePaths: readonly (readonly string[])[];
    readonly workspaceStacks: readonly WorkspaceOrigin[];
  },
  today: Date,
): PlatformConfig {
  return parsePlatformConfig(file.hdh, {
    stack: file.stack,
    today,
    securePaths: file.securePaths,
    workspaceStacks: file.workspaceStacks,
  });
}
