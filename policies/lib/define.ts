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
  /** Type tokens the rule applies to; omit to see every resource (it filters itself). */
  types?: readonly string[];
  /** Report each problem through `report(message)`; the message says how to fix it. */
  validate(
    args: ResourceValidationArgs,
    settings: PolicySettings,
    report: (message: string) => void,
  ): void;
}

export interface StackRuleSpec extends Common {
  validate(
    args: StackValidationArgs,
    settings: PolicySettings,
    report: (message: string, urn: string) => void,
  ): void;
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

export function resourcePolicy(spec: ResourceRuleSpec): HdhResourcePolicy {
  const types = spec.types ? new Set(spec.types) : undefined;
  const validateResource = (args: ResourceValidationArgs, reportViolation: ReportViolation) => {
    if (types && !types.has(args.type)) return;
    const settings = resolveSettings(args.getConfig());
    spec.validate(args, settings, (message) => reportViolation(message));
  };
  // Named type, as `validateResourceOfType` does: the analyzer server then skips this policy for
  // other types before it deserialises the resource's properties for it, which is most of an
  // Analyze call's cost (@pulumi/policy server.js deserialises once per policy).
  if (spec.types?.length === 1) Object.assign(validateResource, { __pulumiType: spec.types[0] });
  return { ...crossGuardFields(spec), validateResource };
}

export function stackPolicy(spec: StackRuleSpec): HdhStackPolicy {
  return {
    ...crossGuardFields(spec),
    validateStack: (args: StackValidationArgs, reportViolation: ReportViolation) => {
      const settings = resolveSettings(args.getConfig());
      spec.validate(args, settings, (message, urn) => reportViolation(message, urn));
    },
  };
}
