/**
 * What every hdh-sovereign policy carries beyond CrossGuard's own fields: the requirements it
 * enforces, its severity, how to fix a violation and which settings it reads. The compliance
 * matrix (docs/compliance-matrix.md) is generated from these.
 */
import type {
  EnforcementLevel,
  ResourceValidationPolicy,
  Severity,
  StackValidationPolicy,
} from "@pulumi/policy";
import type { SettingKey } from "./config";

/** The frameworks we trace to. Section numbers are those of the version named here. */
export const frameworks = {
  secnumcloud: { name: "SecNumCloud", version: "3.2" },
  hds: { name: "HDS", version: "2.0 (2024)" },
  iso27001: { name: "ISO/IEC 27001", version: "2022" },
  gdpr: { name: "GDPR", version: "2016/679" },
  pss: { name: "Kubernetes Pod Security Standards", version: "v1.30" },
  cisKubernetes: { name: "CIS Kubernetes Benchmark", version: "1.9" },
  anssi: { name: "ANSSI guides", version: "2024" },
} as const;

export type FrameworkId = keyof typeof frameworks;

export interface Requirement {
  readonly framework: FrameworkId;
  /** Section, control or article, e.g. "19.6" or "Art. 44". */
  readonly reference: string;
  /** What the section requires, in a few words. */
  readonly title: string;
  /** Public page where the requirement's text was read (shown in the compliance matrix). */
  readonly source?: string;
}

/** The folder a policy lives in: one concern each. */
export type PolicyArea =
  | "location"
  | "jurisdiction"
  | "encryption"
  | "exposure"
  | "kubernetes"
  | "rbac"
  | "helm"
  | "compute"
  | "stack";

export interface HdhPolicyMeta {
  readonly area: PolicyArea;
  readonly severity: Severity;
  readonly requirements: readonly Requirement[];
  /** How to fix a violation, one or two sentences. */
  readonly remediation: string;
  /** The pack settings (policies/config.ts) this policy reads. */
  readonly settings: readonly SettingKey[];
}

interface HdhPolicyFields {
  readonly enforcementLevel: EnforcementLevel;
  readonly meta: HdhPolicyMeta;
}

export type HdhResourcePolicy = ResourceValidationPolicy &
  HdhPolicyFields & { validateResource: NonNullable<ResourceValidationPolicy["validateResource"]> };
export type HdhStackPolicy = StackValidationPolicy & HdhPolicyFields;
export type HdhPolicy = HdhResourcePolicy | HdhStackPolicy;

export function isStackPolicy(policy: HdhPolicy): policy is HdhStackPolicy {
  return "validateStack" in policy;
}
