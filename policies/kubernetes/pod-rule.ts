/**
 * Shared shape of the pod hardening policies: each sees every pod spec of every workload kind
 * (lib/pod-spec.ts) and each of its containers with the security context that actually applies
 * (the container's own field, else the pod's).
 *
 * Every pod rule also names, as an advisory finding of its own (lib/define.ts, `notJudgedMark`),
 * what it could not judge during preview. A value the rule reads through the
 * context (`read`, `readPod`, `effective`) comes back as `UnknownAt` when it, or an object on
 * the way to it, is unknown; the rule names that path with `unknown(...)` wherever the unknown
 * value could decide the verdict, so nothing unknown passes as compliant. What no rule can judge
 * (the whole pod spec, or a container list, unknown) is named here once for every rule.
 */
import type { EnforcementLevel } from "@pulumi/policy";
import type { PolicySettings } from "../config";
import { resourcePolicies, type ResourceRuleSpec } from "../lib/define";
import {
  containersOf,
  podSpecsOf,
  unknownContainersMessages,
  unknownPodSpecMessages,
  type ContainerAt,
  type PodSpecAt,
} from "../lib/pod-spec";
import { podBearingTypes } from "../lib/pod-bearing-types";
import { stackOfUrn } from "../lib/urn";
import { turnMemo } from "../lib/turn-memo";
import { raw, readPath, UnknownAt, type Props } from "../lib/values";
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
  /**
   * The pod's `securityContext`, then each container's, with the path each sits at: for the
   * controls that either level may set on its own (neither replaces the other, as `effective`
   * reads a field that the container's context overrides).
   */
  readonly securityContexts: readonly SecurityContextAt[];
  /** A dotted path below a container (`securityContext.privileged`), or `UnknownAt`. */
  read(container: ContainerAt, path: string): unknown;
  /** A dotted path below the pod spec (`hostNetwork`, `securityContext.seccompProfile`), or `UnknownAt`. */
  readPod(path: string): unknown;
  /**
   * A dotted path below the pod's metadata (a Pod's own, or its template's: `annotations`), or
   * `UnknownAt`.
   */
  readPodMetadata(path: string): unknown;
  /**
   * A field of the container's securityContext, else of the pod's, or `UnknownAt` when an
   * unknown value could decide it: the container's context or field, or (the container setting
   * none) the pod's.
   */
  effective(container: ContainerAt, field: string): unknown;
}

export interface SecurityContextAt {
  /** `spec.securityContext`, `spec.containers[0] (main).securityContext`. */
  readonly path: string;
  /** The context as found: an object, absent, or unknown during preview. */
  readonly context: unknown;
}

function securityContextsOf(
  pod: PodSpecAt,
  containers: readonly ContainerAt[],
): SecurityContextAt[] {
  return [
    { path: `${pod.path}.securityContext`, context: pod.spec.securityContext },
    ...containers.map(({ label, container }) => ({
      path: `${label}.securityContext`,
      context: container.securityContext,
    })),
  ];
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

/** The message for a value unknown during preview: its path, and what waits on it. */
export function unknownMessage(at: UnknownAt, waiting: string): string {
  return `\`${at.path}\` is unknown during preview: ${waiting} cannot be judged yet.`;
}

/**
 * The message for a field a `<Kind>Patch` does not set. A Patch changes a live
 * object, and what it does not name keeps its live value (server-side apply), which the program
 * does not show: neither compliant nor a fault here. The rule names it rather than passing it,
 * because a Patch may also add a container, whose unset fields are then truly unset.
 */
export function leftLiveMessage(path: string, waiting: string): string {
  return `\`${path}\` is not set by the Patch: it keeps its live value, which the program does not show, so ${waiting} cannot be judged here.`;
}

/** A pod rule, as the list `policies/all.ts` spreads. */
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
      const facts = podFactsOf(args.type, props, args.urn);
      // A workload whose whole pod is unknown during preview: no rule can judge any of it.
      for (const message of facts.unknownPodMessages) unknown(message);
      if (facts.pods.length === 0) return;
      const exception = exceptionFor(args.type, props, settings);
      for (const pod of facts.pods) {
        // Containers unknown during preview cannot be judged by any rule either.
        for (const message of pod.unknownContainerMessages) unknown(message);
        spec.check({ ...pod.context, exception, settings }, report, unknown);
      }
    },
  };
}

/** What every pod rule reads of one resource, whatever its settings: found once per turn. */
interface PodFacts {
  readonly type: string;
  readonly urn: string;
  readonly unknownPodMessages: readonly string[];
  readonly pods: readonly {
    readonly unknownContainerMessages: readonly string[];
    readonly context: Omit<PodContext, "exception" | "settings">;
  }[];
}

/**
 * Some twenty pod rules judge each Kubernetes resource of an Analyze call, one
 * after the other, on the same properties object: what they share (the pods, their containers
 * and security contexts, the readers, the messages for what is unknown) is built by the first of
 * the turn and read by the others (lib/turn-memo.ts). Building it per rule was most of a pod
 * rule's cost. Rules must not change what the context holds.
 */
const podFactsMemo = turnMemo<Props, PodFacts>();

function podFactsOf(type: string, props: Props, urn: string): PodFacts {
  const known = podFactsMemo.get(props);
  if (known && known.type === type && known.urn === urn) return known;
  const stack = stackOfUrn(urn);
  const pods = podSpecsOf(type, props).map((pod) => {
    const readPod = (path: string) => readPath(pod.spec, path, pod.path);
    // The pod's metadata sits beside its spec: `metadata` of a Pod, `…template.metadata`.
    const readPodMetadata = (path: string) => readPath(pod.metadata, path, pod.metadataPath);
    const containers = containersOf(pod);
    const read = (container: ContainerAt, path: string) =>
      readPath(container.container, path, container.label);
    return {
      unknownContainerMessages: unknownContainersMessages(pod),
      context: {
        pod,
        type,
        containers,
        securityContexts: securityContextsOf(pod, containers),
        stack,
        read,
        readPod,
        readPodMetadata,
        effective: (container: ContainerAt, field: string) => {
          const own = read(container, `securityContext.${field}`);
          if (own !== undefined) return own;
          return readPod(`securityContext.${field}`);
        },
      },
    };
  });
  return podFactsMemo.set(props, {
    type,
    urn,
    unknownPodMessages: unknownPodSpecMessages(type, props),
    pods,
  });
}
