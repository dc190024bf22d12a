/**
 * Shared shape of the pod hardening policies: each sees every pod spec of every workload kind
 * (lib/pod-spec.ts) and each of its containers with the security context that actually applies
 * (the container's own field, else the pod's).
 */
import type { EnforcementLevel } from "@pulumi/policy";
import type { PolicySettings } from "../config";
import { resourcePolicies, resourcePolicy, type ResourceRuleSpec } from "../lib/define";
import {
  containersOf,
  podSpecsOf,
  unknownContainersOf,
  type ContainerAt,
  type PodSpecAt,
} from "../lib/pod-spec";
import { podBearingTypes } from "../lib/pod-bearing-types";
import { stackOfUrn } from "../lib/urn";
import { obj, raw } from "../lib/values";
import { exceptionFor, type WorkloadException } from "../lib/workload-exceptions";
import type { HdhPolicyMeta } from "../policy-meta";

export interface PodContext {
  readonly pod: PodSpecAt;
  /** The resource's type token, e.g. `kubernetes:batch/v1:Job`. */
  readonly type: string;
  /** The named exception (`workloadExceptions`) covering this very workload, if any. */
  readonly exception?: WorkloadException;
  readonly containers: readonly ContainerAt[];
  readonly settings: PolicySettings;
  readonly stack: string;
  /** A field of the container's securityContext, else of the pod's. */
  effective(container: ContainerAt, field: string): unknown;
}

export interface PodRuleSpec {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  meta: Omit<HdhPolicyMeta, "area">;
  check(
    context: PodContext,
    report: (message: string) => void,
    unknown: (message: string) => void,
  ): void;
}

export function podPolicy(spec: PodRuleSpec) {
  return resourcePolicy(podRuleSpec(spec));
}

/** A pod rule and its advisory twin (`<name>-unknown`) naming the values it could not see. */
export function podPolicies(spec: PodRuleSpec) {
  return resourcePolicies(podRuleSpec(spec));
}

function podRuleSpec(spec: PodRuleSpec): ResourceRuleSpec {
  return {
    name: spec.name,
    description: spec.description,
    enforcementLevel: spec.enforcementLevel,
    // Pod specs are found by shape (lib/pod-spec.ts), custom resources included.
    types: podBearingTypes,
    meta: { ...spec.meta, area: "kubernetes" },
    validate: (args, settings, report, unknown) => {
      if (!args.type.startsWith("kubernetes:")) return;
      const props = raw(args.props);
      const pods = podSpecsOf(args.type, props);
      const exception = pods.length > 0 ? exceptionFor(args.type, props, settings) : undefined;
      for (const pod of pods) {
        // Containers unknown during preview are named in the twin of every rule that has one.
        for (const field of unknownContainersOf(pod))
          unknown(`\`${field}\` is unknown during preview: its containers cannot be judged yet.`);
        const podContext = obj(pod.spec.securityContext) ?? {};
        spec.check(
          {
            pod,
            type: args.type,
            exception,
            containers: containersOf(pod),
            settings,
            stack: stackOfUrn(args.urn),
            effective: (container, field) => {
              const own = obj(container.container.securityContext);
              return own && own[field] !== undefined ? own[field] : podContext[field];
            },
          },
          report,
          unknown,
        );
      }
    },
  };
}
