/**
 * Factories that turn a rule into a CrossGuard policy with our metadata: they fill CrossGuard's
 * own fields (severity, framework, tags, remediationSteps, configSchema) from `meta`, so the
 * engine, the Pulumi Cloud console and our compliance matrix all show the same facts, and they
 * hand every rule its resolved settings.
 */
import type {
  EnforcementLevel,
  ReportViolation,
  ResourceValidationArgs,
  StackValidationArgs,
} from "@pulumi/policy";
import { configSchemaFor, resolveSettings, type PolicySettings } from "../config";
import { isDeepStrictEqual } from "node:util";
import { declareTypes, typeMatches } from "./declared-types";
import { turnMemo } from "./turn-memo";
import { raw } from "./values";
import {
  frameworks,
  type HdhPolicyMeta as HdhMeta,
  type HdhResourcePolicy,
  type HdhStackPolicy,
} from "../policy-meta";

interface Common {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  meta: HdhMeta;
}

export interface ResourceRuleSpec extends Common {
  /**
   * Every type the rule can judge: exact type tokens, or patterns where `*` matches any run of
   * characters (`kubernetes:*` for rules that find what they judge by shape, custom resources
   * included). The analyzer server skips the rule for any other type before deserialising the
   * resource, and the rule never sees one through either door. The rule itself still decides
   * what it judges from the resource (its type or its shape), so the declaration can be checked:
   * test/policies/declared-types.test.ts removes it and requires the very same findings.
   */
  types: readonly string[];
  /**
   * Report each problem through `report(message)`; the message says how to fix it. A value the
   * rule needs but cannot see yet (unknown during preview) goes to `unknown(message)`, naming the
   * field: rules built with `resourcePolicies` turn it into an advisory finding of their twin.
   */
  validate(
    args: ResourceValidationArgs,
    settings: PolicySettings,
    report: (message: string) => void,
    unknown: (message: string) => void,
  ): void;
}

export interface StackRuleSpec extends Common {
  validate(
    args: StackValidationArgs,
    settings: PolicySettings,
    report: (message: string, urn: string) => void,
    unknown: (message: string, urn: string) => void,
  ): void;
}

const ignore = () => {};

/**
 * `resolveSettings` for one policy, remembered while its config stays the same. The analyzer
 * server's `getConfig()` hands out a fresh copy of the policy's config on every call, and checking
 * and parsing it again for every resource was a measurable share of an Analyze call (the walk for
 * prototype keys, then `JSON.stringify` for the cache key). A copy with the same keys holding the
 * very same values (the server copies references, never the nested objects) has the same settings;
 * a new `Configure` brings new objects, hence a new parse.
 *
 * Read by the `getConfig` function itself first: the patched server (patches/README.md, item 5)
 * makes one such function per policy and plan, and a new `Configure` discards every plan, so one
 * function always returns the same configuration and is not called again; the unpatched server
 * and the in-process evaluator make a new function per call or per evaluation, which only misses.
 */
function settingsReader(): (getConfig: (() => object) | undefined) => PolicySettings {
  let last:
    { config: Record<string, unknown>; keys: string[]; settings: PolicySettings } | undefined;
  const fromConfig = (config: object | undefined): PolicySettings => {
    if (config && last && sameShallow(last.keys, last.config, config as Record<string, unknown>))
      return last.settings;
    const settings = resolveSettings(config);
    if (config) {
      const copy = { ...(config as Record<string, unknown>) };
      last = { config: copy, keys: Object.keys(copy), settings };
    }
    return settings;
  };
  const byGetConfig = new WeakMap<() => object, PolicySettings>();
  return (getConfig) => {
    if (typeof getConfig !== "function") return fromConfig(undefined);
    let settings = byGetConfig.get(getConfig);
    if (settings === undefined) byGetConfig.set(getConfig, (settings = fromConfig(getConfig())));
    return settings;
  };
}

function sameShallow(
  keys: readonly string[],
  before: Record<string, unknown>,
  now: Record<string, unknown>,
): boolean {
  const nowKeys = Object.keys(now);
  if (nowKeys.length !== keys.length) return false;
  for (let i = 0; i < keys.length; i++) {
    if (nowKeys[i] !== keys[i] || before[keys[i]] !== now[keys[i]]) return false;
  }
  return true;
}

/** Name of the advisory twin that reports what a rule could not judge during preview. */
export const unknownTwinName = (name: string) => `${name}-unknown`;

/**
 * The twin's metadata: same area, requirements and settings, advisory. CrossGuard gives each
 * policy one enforcement level, so "unknown, never compliant" needs a policy of its own: the
 * mandatory rule stays silent on a value it cannot see and the twin names it.
 */
function unknownTwin<T extends Common>(spec: T): T {
  return {
    ...spec,
    name: unknownTwinName(spec.name),
    description: `Names what \`${spec.name}\` cannot judge yet: a value unknown during preview.`,
    enforcementLevel: "advisory",
    meta: {
      ...spec.meta,
      severity: "low",
      remediation: `Check again once the value is known (\`pulumi up\` with the pack, or \`hdh check\` on the stack export), or give it as a literal. The rule: ${spec.meta.remediation}`,
    },
  };
}

function crossGuardFields(spec: Common) {
  const first = spec.meta.requirements[0];
  const framework = frameworks[first.framework];
  return {
    name: spec.name,
    description: spec.description,
    enforcementLevel: spec.enforcementLevel,
    severity: spec.meta.severity,
    framework: {
      name: framework.name,
      version: framework.version,
      reference: first.reference,
      specification: first.title,
    },
    tags: [spec.meta.area, ...new Set(spec.meta.requirements.map((r) => r.framework))],
    remediationSteps: spec.meta.remediation,
    configSchema: spec.meta.settings.length > 0 ? configSchemaFor(spec.meta.settings) : undefined,
    meta: spec.meta,
  };
}

/** Each policy's rule without its type filter, for the test that the declared types lose nothing. */
const unfilteredRules = new WeakMap<HdhResourcePolicy, HdhResourcePolicy["validateResource"]>();

export function resourcePolicy(spec: ResourceRuleSpec): HdhResourcePolicy {
  return buildResourcePolicy(spec, "known");
}

/** Which of a rule's two channels a policy reports: the findings, or what it could not see. */
type Channel = "known" | "unknown";

/** What one run of a rule found on one resource, in both channels, in the order found. */
interface RuleRun {
  readonly settings: PolicySettings;
  readonly known: string[];
  readonly unknown: string[];
}

function buildResourcePolicy(
  spec: ResourceRuleSpec,
  channel: Channel,
  pairRuns?: ReturnType<typeof turnMemo<object, RuleRun>>,
): HdhResourcePolicy {
  const types = spec.types;
  const settingsOf = settingsReader();
  const unfiltered = (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    const settings = settingsOf(args.getConfig);
    // A rule and its twin run one after the other on the same properties (lib/turn-memo.ts): the
    // second replays what the first found rather than judging the resource again, when both
    // resolve the same settings.
    const key = raw(args.props);
    const earlier = pairRuns?.get(key);
    const run =
      earlier && sameSettings(earlier.settings, settings) ? earlier : judge(spec, args, settings);
    if (pairRuns && run !== earlier) pairRuns.set(key, run);
    for (const message of run[channel]) reportViolation(message);
  };
  // The server (patched, patches/README.md) already skips other types unread; the check here
  // keeps the rule's contract on an unpatched @pulumi/policy too (remembered per type).
  const applies = new Map<string, boolean>();
  const validateResource = declareTypes(
    (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
      let matches = applies.get(args.type);
      if (matches === undefined) applies.set(args.type, (matches = typeMatches(types, args.type)));
      if (!matches) return;
      unfiltered(args, reportViolation);
    },
    types,
  );
  // One exact type: also the field `validateResourceOfType` sets, which an unpatched server reads.
  if (types.length === 1 && !types[0].includes("*"))
    Object.assign(validateResource, { __pulumiType: types[0] });
  const fields = crossGuardFields(channel === "known" ? spec : unknownTwin(spec));
  const policy: HdhResourcePolicy = { ...fields, validateResource };
  unfilteredRules.set(policy, unfiltered);
  return policy;
}

/** One run of the rule, both channels recorded. */
function judge(
  spec: ResourceRuleSpec,
  args: ResourceValidationArgs,
  settings: PolicySettings,
): RuleRun {
  const run: RuleRun = { settings, known: [], unknown: [] };
  spec.validate(
    args,
    settings,
    (message) => run.known.push(message),
    (message) => run.unknown.push(message),
  );
  return run;
}

/**
 * Whether two policies' settings are the same. Each policy resolves its own configuration, so a
 * rule and its twin hold distinct but (unless configured apart) equal settings objects; each
 * keeps its object while its configuration stays the same, so the comparison is made once.
 */
const settingsEquality = new WeakMap<PolicySettings, WeakMap<PolicySettings, boolean>>();
function sameSettings(a: PolicySettings, b: PolicySettings): boolean {
  if (a === b) return true;
  let known = settingsEquality.get(a);
  if (!known) settingsEquality.set(a, (known = new WeakMap()));
  let same = known.get(b);
  if (same === undefined) known.set(b, (same = isDeepStrictEqual(a, b)));
  return same;
}

/**
 * The same policy with its type declaration and filter removed: it sees every resource. Only for
 * tests, which require it to report exactly what the declared policy reports.
 */
export function withoutTypeFilter(policy: HdhResourcePolicy): HdhResourcePolicy {
  const unfiltered = unfilteredRules.get(policy);
  if (!unfiltered) throw new Error(`policy ${policy.name} was not built by resourcePolicy()`);
  return { ...policy, validateResource: unfiltered };
}

export function stackPolicy(spec: StackRuleSpec): HdhStackPolicy {
  const settingsOf = settingsReader();
  return {
    ...crossGuardFields(spec),
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
      const settings = settingsOf(args.getConfig);
      spec.validate(args, settings, (message, urn) => reportViolation(message, urn), ignore);
    },
  };
}

/** A resource rule and its advisory twin (`<name>-unknown`) naming the values it could not see. */
export function resourcePolicies(spec: ResourceRuleSpec): HdhResourcePolicy[] {
  const pairRuns = turnMemo<object, RuleRun>();
  return [
    buildResourcePolicy(spec, "known", pairRuns),
    buildResourcePolicy(spec, "unknown", pairRuns),
  ];
}

/** A stack rule and its advisory twin (`<name>-unknown`). */
export function stackPolicies(spec: StackRuleSpec): HdhStackPolicy[] {
  const settingsOf = settingsReader();
  return [
    stackPolicy(spec),
    {
      ...crossGuardFields(unknownTwin(spec)),
      validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
        const settings = settingsOf(args.getConfig);
        spec.validate(args, settings, ignore, (message, urn) => reportViolation(message, urn));
      },
    },
  ];
}
