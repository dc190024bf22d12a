/**
 * Runs the policy pack in-process over normalised resources, calling each policy exactly as the
 * CrossGuard analyzer server does (@pulumi/policy 1.21.0 server.js: `makeAnalyzeRpcFun` and
 * `makeAnalyzeStackRpcFun`, as patched in patches/: a policy is skipped for a type it does not
 * declare, AnalyzeStack's resource list is built once and frozen): same arguments, same
 * unknown-value proxy, same per-policy config and enforcement-level resolution, same messages. It never re-implements a rule; `hdh
 * plan`, `hdh check` and the benchmarks go through here, and the corpus tests prove both doors
 * (this one and gRPC) give the same answers.
 */
import type {
  EnforcementLevel,
  PolicyProviderResource,
  PolicyResource,
  PolicyResourceOptions,
  ReportViolation,
  ResourceValidationArgs,
  Severity,
  StackValidationArgs,
} from "@pulumi/policy";
import * as proxyModule from "@pulumi/policy/proxy";
import { allPolicies, packName } from "../policies/all";
import { isStackPolicy, type HdhPolicy } from "../policies/policy-meta";
import { appliesToType, declaredTypesOf } from "../policies/lib/declared-types";
import { stackOfUrn } from "../policies/lib/urn";
import type { NormalizedResource } from "./resource-model";

/** One finding, as the engine would print it. */
export interface PolicyViolation {
  policyName: string;
  policyPackName: string;
  enforcementLevel: EnforcementLevel;
  severity?: Severity;
  /** The resource concerned (absent only if a stack policy reported none). */
  urn?: string;
  /** The policy's description, then the rule's own message (CrossGuard's format). */
  message: string;
  description: string;
  /** Which analyzer call produced it. */
  phase: "resource" | "stack";
}

/** A `--policy-pack-config` file's content: per policy, a level or `{ enforcementLevel?, ...settings }`. */
export type PolicyPackConfig = Record<
  string,
  EnforcementLevel | ({ enforcementLevel?: EnforcementLevel } & Record<string, unknown>)
>;

export interface EvaluateOptions {
  resources: readonly NormalizedResource[];
  /** Stack the resources belong to; checked against their URNs when given. */
  stackName?: string;
  /**
   * For a hub (a platform stack and its workspace stacks judged together, docs/hub-stacks.md):
   * every stack the resources may belong to, checked instead of `stackName`. @default [stackName]
   */
  hubStacks?: readonly string[];
  config?: PolicyPackConfig;
  /** Defaults to every policy of the pack. */
  policies?: readonly HdhPolicy[];
  /**
   * Inputs of the default provider per package (e.g. `openstack` → `{ region, authUrl }` from
   * stack config), for resources without an explicit provider, as the engine supplies one.
   */
  defaultProviders?: Record<string, Record<string, unknown>>;
  stackTags?: ReadonlyMap<string, string>;
  /** Run resource policies, stack policies, or both (the engine's preview runs both). */
  phases?: readonly ("resource" | "stack")[];
}

/**
 * The server's own unknown-value proxy and error (exported by proxy.js, marked internal in its
 * typings); proxy.js has no dependencies, so this costs nothing at startup.
 */
const { unknownCheckingProxy, UnknownValueError } = proxyModule as unknown as {
  unknownCheckingProxy<T>(value: T): T;
  UnknownValueError: new (...args: never[]) => Error;
};

/** The pack-level default, as index.ts declares it. */
const packEnforcementLevel: EnforcementLevel = "mandatory";
const packVersion = "0.1.0";

class NotApplicableError extends Error {
  constructor(readonly reason?: string) {
    super(reason ?? "Policy does not apply");
  }
}
function throwNotApplicable(reason?: string): never {
  throw new NotApplicableError(reason);
}

/** server.js `configure`: a bare string is an enforcement level. */
function normaliseConfig(
  config: PolicyPackConfig | undefined,
): Map<string, Record<string, unknown>> {
  const result = new Map<string, Record<string, unknown>>();
  for (const [name, value] of Object.entries(config ?? {})) {
    result.set(name, typeof value === "string" ? { enforcementLevel: value } : { ...value });
  }
  return result;
}

/** server.js `makeGetConfigFun`: the policy's config without its enforcement level. */
function makeGetConfig(config: Map<string, Record<string, unknown>>, policyName: string) {
  return <T extends object>(): T => {
    const entry = config.get(policyName);
    if (!entry) return {} as T;
    // eslint-disable-next-line @typescript-eslint/no-unused-vars
    const { enforcementLevel, ...properties } = entry;
    return properties as T;
  };
}

/** policy.js `getPulumiType` + server.js `isTypeOf`. */
function isTypeOf(type: string, resourceClass: unknown): boolean {
  const pulumiType = (resourceClass as { __pulumiType?: unknown } | undefined)?.__pulumiType;
  if (typeof pulumiType === "string" && pulumiType.length > 0) return type === pulumiType;
  const isInstance = (resourceClass as { isInstance?: unknown }).isInstance;
  return typeof isInstance === "function" && isInstance({ __pulumiType: type }) === true;
}

function optionsOf(r: NormalizedResource): PolicyResourceOptions {
  const opts: PolicyResourceOptions = {
    protect: r.protect,
    ignoreChanges: [],
    aliases: [],
    customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
    additionalSecretOutputs: [],
  };
  if (r.parent) opts.parent = r.parent;
  return opts;
}

/**
 * The provider resource the engine would attach: the explicit one from the list, else the
 * package's default provider (from `defaultProviders`) for custom resources.
 */
export function providerOf(
  r: NormalizedResource,
  byUrn: ReadonlyMap<string, NormalizedResource>,
  defaultProviders: Record<string, Record<string, unknown>> | undefined,
): { type: string; urn: string; name: string; inputs: Record<string, unknown> } | undefined {
  if (r.providerUrn) {
    const urn =
      r.providerUrn.split("::").length > 4 ? r.providerUrn.replace(/::[^:]*$/, "") : r.providerUrn;
    const provider = byUrn.get(urn) ?? byUrn.get(r.providerUrn);
    if (provider)
      return {
        type: provider.type,
        urn: provider.urn,
        name: provider.name,
        inputs: provider.inputs,
      };
  }
  if (!r.custom || r.type.startsWith("pulumi:providers:")) return undefined;
  const pkg = r.type.split(":")[0];
  const inputs = defaultProviders?.[pkg];
  if (!inputs) return undefined;
  const urn = r.urn.replace(/::[^:]*::[^:]*$/, `::pulumi:providers:${pkg}::default`);
  return { type: `pulumi:providers:${pkg}`, urn, name: "default", inputs };
}

function makeReportViolation(
  policy: HdhPolicy,
  enforcementLevel: EnforcementLevel,
  phase: PolicyViolation["phase"],
  out: PolicyViolation[],
  defaultUrn?: string,
): ReportViolation {
  return (message: unknown, urn?: string) => {
    if (message !== null && typeof message === "object") {
      const info = message as Record<string, string | undefined>;
      out.push({
        policyName: info.name ?? policy.name,
        policyPackName: packName,
        message: info.message ?? info.description ?? policy.description,
        urn: info.urn ?? defaultUrn,
        description: info.description ?? policy.description,
        enforcementLevel: (info.enforcementLevel as EnforcementLevel) ?? enforcementLevel,
        severity: (info.severity as Severity) ?? policy.severity,
        phase,
      });
      return;
    }
    let text = policy.description;
    if (message) text += `\n${message as string}`;
    out.push({
      policyName: policy.name,
      policyPackName: packName,
      message: text,
      // The engine attributes an Analyze diagnostic to the analysed resource.
      urn: urn ?? defaultUrn,
      description: policy.description,
      enforcementLevel,
      severity: policy.severity,
      phase,
    });
  };
}

/**
 * The CLI's own resolution (pkg/resource/analyzer/config.go `applyConfig`, v3.248.0): the level
 * under `all` replaces every policy's, then a policy's own entry replaces that.
 */
function levelOf(
  policy: HdhPolicy,
  config: Map<string, Record<string, unknown>>,
): EnforcementLevel {
  const configured = config.get(policy.name)?.enforcementLevel as EnforcementLevel | undefined;
  const all = config.get("all")?.enforcementLevel as EnforcementLevel | undefined;
  const level = configured || all || policy.enforcementLevel || packEnforcementLevel;
  return level === "remediate" ? "mandatory" : level;
}

function handleError(
  e: unknown,
  policy: HdhPolicy,
  phase: PolicyViolation["phase"],
  out: PolicyViolation[],
  urn?: string,
): void {
  const policyFrom = `policy '${policy.name}' from policy pack '${packName}@v${packVersion}'`;
  if (e instanceof UnknownValueError) {
    out.push({
      policyName: policy.name,
      policyPackName: packName,
      message: `can't run ${policyFrom} during preview: ${e.message}`,
      description: policy.description,
      enforcementLevel: "advisory",
      severity: policy.severity,
      urn,
      phase,
    });
  } else if (!(e instanceof NotApplicableError)) {
    const detail = e instanceof Error ? e.stack : String(e);
    throw new Error(
      `Error validating ${phase === "stack" ? "stack" : "resource"} with ${policyFrom}:\n${detail}`,
    );
  }
}

export async function evaluatePolicies(options: EvaluateOptions): Promise<PolicyViolation[]> {
  const policies = options.policies ?? allPolicies;
  const config = normaliseConfig(options.config);
  const stackTags = options.stackTags ?? new Map<string, string>();
  const phases = new Set(options.phases ?? ["resource", "stack"]);
  const byUrn = new Map(options.resources.map((r) => [r.urn, r]));
  if (options.stackName) {
    const wanted = new Set(
      (options.hubStacks ?? [options.stackName]).map((s) => s.split("/").pop()),
    );
    const other = options.resources.find(
      (r) => r.urn.startsWith("urn:pulumi:") && !wanted.has(stackOfUrn(r.urn)),
    );
    if (other) {
      throw new Error(
        `resource ${other.urn} does not belong to stack "${[...wanted].join('", "')}"`,
      );
    }
  }
  const out: PolicyViolation[] = [];
  const active = policies
    .map((policy) => ({
      policy,
      level: levelOf(policy, config),
      getConfig: makeGetConfig(config, policy.name),
    }))
    .filter((p) => p.level !== "disabled");

  if (phases.has("resource")) {
    // Per-policy work hoisted out of the loop over resources: a plan runs ~30 resource policies
    // on each of tens of thousands of resources (bench/results.md).
    const resourcePolicies = active.flatMap((p) => {
      if (isStackPolicy(p.policy)) return [];
      const validate = p.policy.validateResource;
      return [{ ...p, validations: Array.isArray(validate) ? validate : [validate] }];
    });
    for (const r of options.resources) {
      const props = unknownCheckingProxy(r.inputs) as Record<string, unknown>;
      const provider = providerOf(r, byUrn, options.defaultProviders);
      const providerResource: PolicyProviderResource | undefined = provider && {
        type: provider.type,
        props: unknownCheckingProxy(provider.inputs) as Record<string, unknown>,
        urn: provider.urn,
        name: provider.name,
      };
      // One args object per resource, its getConfig swapped per policy: the same values the
      // server builds per policy, without ~30 allocations per resource. Rules run one at a time.
      const args: ResourceValidationArgs = {
        type: r.type,
        props,
        urn: r.urn,
        name: r.name,
        opts: optionsOf(r),
        stackTags,
        isType: (resourceClass) => isTypeOf(r.type, resourceClass),
        asType: ((resourceClass: unknown) =>
          isTypeOf(r.type, resourceClass) ? props : undefined) as ResourceValidationArgs["asType"],
        getConfig: resourcePolicies[0]?.getConfig,
        notApplicable: throwNotApplicable,
      };
      if (providerResource) args.provider = providerResource;
      for (const { policy, level, getConfig, validations } of resourcePolicies) {
        // The patched server's fast path: a validation that declares types (a list, or one
        // type) is skipped, unread, for a resource of another type (policies/lib/declared-types).
        let report: ReportViolation | undefined;
        for (const validation of validations) {
          if (!appliesToType(validation, r.type)) continue;
          args.getConfig = getConfig;
          report ??= makeReportViolation(policy, level, "resource", out, r.urn);
          try {
            // Await only what is a promise: an await per synchronous rule is a microtask turn
            // per policy per resource, most of the evaluation's cost at plan scale.
            const result = validation(args, report) as PromiseLike<void> | undefined;
            if (typeof result?.then === "function") await result;
          } catch (e) {
            handleError(e, policy, "resource", out, r.urn);
          }
        }
      }
    }
  }

  if (phases.has("stack")) {
    const stackPolicies = active.filter((p) => isStackPolicy(p.policy));
    if (stackPolicies.length > 0) {
      const resources = toPolicyResources(options.resources, byUrn, options.defaultProviders);
      for (const { policy, level, getConfig } of stackPolicies) {
        if (!isStackPolicy(policy)) continue;
        // As the patched server: a stack policy that declares types is skipped when the stack
        // holds none of them.
        if (
          declaredTypesOf(policy.validateStack) !== undefined &&
          !resources.some((r) => appliesToType(policy.validateStack, r.type))
        )
          continue;
        const args: StackValidationArgs = {
          resources,
          getConfig,
          stackTags,
          notApplicable: throwNotApplicable,
        };
        try {
          await policy.validateStack(args, makeReportViolation(policy, level, "stack", out));
        } catch (e) {
          handleError(e, policy, "stack", out);
        }
      }
    }
  }
  return out;
}

/**
 * server.js AnalyzeStack: resources with parent, dependencies and propertyDependencies resolved
 * to objects, built once and frozen (list, objects, their dependency lists) as the patched server
 * shares them between stack policies.
 */
function toPolicyResources(
  list: readonly NormalizedResource[],
  byUrn: ReadonlyMap<string, NormalizedResource>,
  defaultProviders: EvaluateOptions["defaultProviders"],
): PolicyResource[] {
  const objects = new Map<string, PolicyResource>();
  for (const r of list) {
    const props = unknownCheckingProxy(r.inputs) as Record<string, unknown>;
    const resource: PolicyResource = {
      type: r.type,
      props,
      urn: r.urn,
      name: r.name,
      opts: optionsOf(r),
      dependencies: [],
      propertyDependencies: {},
      isType: (resourceClass) => isTypeOf(r.type, resourceClass),
      asType: ((resourceClass: unknown) =>
        isTypeOf(r.type, resourceClass) ? props : undefined) as PolicyResource["asType"],
    };
    const provider = providerOf(r, byUrn, defaultProviders);
    if (provider) {
      resource.provider = {
        type: provider.type,
        props: unknownCheckingProxy(provider.inputs) as Record<string, unknown>,
        urn: provider.urn,
        name: provider.name,
      };
    }
    objects.set(r.urn, resource);
  }
  for (const r of list) {
    const resource = objects.get(r.urn) as PolicyResource;
    if (r.parent) {
      const parent = objects.get(r.parent);
      if (parent) resource.parent = parent;
    }
    resource.dependencies = r.dependencies
      .map((d) => objects.get(d))
      .filter((d): d is PolicyResource => d !== undefined);
    for (const [key, urns] of Object.entries(r.propertyDependencies ?? {})) {
      resource.propertyDependencies[key] = urns
        .map((d) => objects.get(d))
        .filter((d): d is PolicyResource => d !== undefined);
    }
  }
  for (const resource of objects.values()) {
    Object.freeze(resource.dependencies);
    Object.freeze(resource.propertyDependencies);
    Object.freeze(resource);
  }
  return Object.freeze([...objects.values()]) as PolicyResource[];
}
