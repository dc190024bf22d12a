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
import { declareTypes, typeMatches } from "./declared-types";
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
   * field: it becomes an advisory finding of the rule (`notJudgedMark`), never a pass.
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

/**
 * How a rule reports what it could not judge during preview: its own finding, advisory and of low
 * severity whatever the rule's level, its message opening with `notJudgedMark`. CrossGuard lets
 * a violation carry its own level: `reportViolation` also takes an object (`message`, `urn`,
 * `enforcementLevel`, `severity`), which @pulumi/policy 1.21.0's analyzer server sends as it is
 * (server.js, `makeReportViolationFun`; its own "can't run during preview" diagnostics are
 * advisory under the policy's name the same way), and the engine decides by each diagnostic's
 * level (pkg/resource/deploy/step_generator.go at v3.248.0). So a mandatory rule never passes a
 * value it cannot see, never fails a preview on it either, and the engine's policy summary lists
 * the rule among the failed for that resource rather than the passed.
 *
 * Until 2026-12-04 each rule had an advisory twin policy, `<rule>-unknown`, for this. A twin
 * doubled the pack's policy list, hence the not-applicable entries of every `Analyze` answer the
 * engine decodes (bench/findings.md), and its rule still counted as passed where it could not see.
 */
export const notJudgedMark = "Not judged during preview: ";

/** Whether a finding (its message, as the engine prints it) is a rule's report of what it could not judge. */
export function isNotJudged(finding: { message: string }): boolean {
  return (
    finding.message.startsWith(notJudgedMark) || finding.message.includes(`\n${notJudgedMark}`)
  );
}

/** The object form of a violation for what `policy` could not judge (see `notJudgedMark`). */
function notJudged(description: string, message: string, urn: string | undefined) {
  return {
    message: `${description}\n${notJudgedMark}${message}`,
    urn,
    enforcementLevel: "advisory" as const,
    severity: "low" as const,
  };
}

/** Reports a not-judged finding: the object form is implemented, not declared, by ReportViolation's type. */
function reportNotJudged(
  reportViolation: ReportViolation,
  description: string,
  message: string,
  urn: string | undefined,
): void {
  (reportViolation as unknown as (violation: ReturnType<typeof notJudged>) => void)(
    notJudged(description, message, urn),
  );
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

/**
 * A resource rule as a CrossGuard policy: its findings at the policy's level, what it could not
 * judge during preview as advisory findings of its own (`notJudgedMark`).
 */
export function resourcePolicy(spec: ResourceRuleSpec): HdhResourcePolicy {
  const types = spec.types;
  const settingsOf = settingsReader();
  const unfiltered = (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    const settings = settingsOf(args.getConfig);
    // What the rule could not see is reported after its findings, as the twin policy that used
    // to carry it ran after the rule.
    let notJudgedMessages: string[] | undefined;
    spec.validate(
      args,
      settings,
      (message) => reportViolation(message),
      (message) => (notJudgedMessages ??= []).push(message),
    );
    if (notJudgedMessages)
      for (const message of notJudgedMessages)
        reportNotJudged(reportViolation, spec.description, message, args.urn);
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
  const policy: HdhResourcePolicy = { ...crossGuardFields(spec), validateResource };
  unfilteredRules.set(policy, unfiltered);
  return policy;
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
      let notJudgedFindings: { message: string; urn: string }[] | undefined;
      spec.validate(
        args,
        settings,
        (message, urn) => reportViolation(message, urn),
        (message, urn) => (notJudgedFindings ??= []).push({ message, urn }),
      );
      if (notJudgedFindings)
        for (const { message, urn } of notJudgedFindings)
          reportNotJudged(reportViolation, spec.description, message, urn);
    },
  };
}

/**
 * A resource rule as the list `policies/all.ts` spreads. It was the rule and its advisory twin
 * (`<name>-unknown`) until the twin's findings became the rule's own (`notJudgedMark`).
 */
export function resourcePolicies(spec: ResourceRuleSpec): HdhResourcePolicy[] {
  return [resourcePolicy(spec)];
}

/** A stack rule as the list `policies/all.ts` spreads (see `resourcePolicies`). */
export function stackPolicies(spec: StackRuleSpec): HdhStackPolicy[] {
  return [stackPolicy(spec)];
}
