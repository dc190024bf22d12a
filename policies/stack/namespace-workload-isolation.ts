import { podSecurityLabels } from "../catalog/labels";
import { stackPolicies } from "../lib/define";
import {
  inNamespace,
  isWorkspaceNamespace,
  namespacePatches,
  StackIndex,
  type NamespaceInfo,
} from "../lib/stack-index";
import { podSecurityLabel, type PodSecurityLabel } from "../lib/pod-security-labels";
import { exceptionFor } from "../lib/workload-exceptions";
import { workloadNamespaces } from "../lib/workload-namespaces";
import { obj, str } from "../lib/values";
import { req } from "../requirements";
import { isolatedDirections } from "../lib/network-isolation";

/** A Pod Security version: `latest` or a Kubernetes minor, e.g. `v1.30` (PSA reference). */
const versionPattern = /^(latest|v\d+\.\d+)$/;

/**
 * Every namespace that holds a workload, whoever wrote it, starts isolated: a NetworkPolicy
 * denying all ingress and egress to its pods, and Pod Security admission enforcing `restricted`
 * pinned to a version (CIS 5.3.2 and 5.2.1; Kubernetes Pod Security Admission labels). Research
 * workspaces are judged by the workspace rules; this one covers every other namespace.
 * A namespace whose every workload is a named exception (`workloadExceptions`) may enforce a
 * lower level: the exception is explicit and visible in the plan.
 */
export function namespaceWorkloadIsolation() {
  return stackPolicies({
    name: "kubernetes-core-namespace-workload-isolation",
    description:
      "Every namespace holding a workload has a default-deny NetworkPolicy both ways and enforces Pod Security `restricted` with a version.",
    enforcementLevel: "mandatory",
    meta: {
      area: "stack",
      severity: "high",
      requirements: [
        req.cisNetworkPolicy,
        req.cisPolicyControl,
        req.pssRestricted,
        req.sncNetworkSegregation,
      ],
      remediation: `Declare the namespace with labels ${podSecurityLabels.enforce}: restricted and ${podSecurityLabels.enforceVersion}: latest (or v1.xx), and add a NetworkPolicy with \`podSelector: {}\`, \`policyTypes: [Ingress, Egress]\` and no rules.`,
      settings: ["workspaceComponentTypes", "workspaceNamespacePattern", "workloadExceptions"],
    },
    validate: (args, settings, report, unknown) => {
      const index = StackIndex.of(args.resources);
      const { namespaces, unplaced } = workloadNamespaces(index);
      for (const w of unplaced)
        unknown(
          `Workload "${w.name}": its namespace is unknown during preview, so is its isolation.`,
          w.urn,
        );
      if (namespaces.length === 0) return;
      const policies = index.matching((t) => /^kubernetes:[^:]+:NetworkPolicy$/.test(t));
      const patchesByName = new Map<string, NamespaceInfo[]>();
      for (const patch of namespacePatches(index)) {
        // A Patch whose target is unknown during preview may lower any namespace holding workloads.
        const level = podSecurityLabel(undefined, [patch], podSecurityLabels.enforce);
        if (!patch.name && level?.state !== "live" && level?.state !== undefined) {
          const value = level.state === "known" ? level.value?.toLowerCase() : undefined;
          if (value !== "restricted")
            unknown(
              `NamespacePatch "${patch.resource.name}": \`metadata.name\` is unknown during preview and it sets ${podSecurityLabels.enforce}${value ? ` to "${value}"` : ""}: which namespace it lowers cannot be judged yet.`,
              patch.resource.urn,
            );
        }
        if (patch.name)
          patchesByName.set(patch.name, [...(patchesByName.get(patch.name) ?? []), patch]);
      }
      for (const ns of namespaces) {
        const workspace = ns.declared ?? patchesByName.get(ns.name)?.[0];
        if (workspace && isWorkspaceNamespace(workspace, settings)) continue;
        const urn = ns.declared?.resource.urn ?? ns.workloads[0].urn;
        // Default deny, both directions, from NetworkPolicies in the namespace.
        const covered = new Set<string>();
        let policyUnknown = false;
        for (const policy of policies) {
          const member = ns.declared
            ? inNamespace(index, policy, ns.declared)
            : (str(obj(policy.props.metadata)?.namespace) ?? "default") === ns.name;
          if (!member) continue;
          const denied = isolatedDirections(policy);
          if (denied === "unknown") policyUnknown = true;
          else denied.forEach((d) => covered.add(d));
        }
        const missing = ["Ingress", "Egress"].filter((d) => !covered.has(d));
        if (missing.length > 0) {
          if (policyUnknown)
            unknown(
              `Namespace "${ns.name}": a NetworkPolicy is unknown during preview; default deny not shown.`,
              urn,
            );
          else
            report(
              `Namespace "${ns.name}" holds ${ns.workloads.map((w) => `"${w.name}"`).join(", ")} but no default-deny NetworkPolicy for ${missing.join(" and ")}. Add one with \`podSelector: {}\`, \`policyTypes: [Ingress, Egress]\` and no rules.`,
              urn,
            );
        }
        // Pod Security admission: the labels the stack writes, on the Namespace or by a Patch.
        const patches = patchesByName.get(ns.name) ?? [];
        if (!ns.declared && patches.length === 0) {
          unknown(
            `Namespace "${ns.name}" holds workloads but is not declared in this stack: its Pod Security labels cannot be seen.`,
            urn,
          );
          continue;
        }
        const allExcepted = ns.workloads.every((w) => exceptionFor(w.type, w.props, settings));
        const level = podSecurityLabel(ns.declared, patches, podSecurityLabels.enforce);
        const version = podSecurityLabel(ns.declared, patches, podSecurityLabels.enforceVersion);
        if (level?.state === "known") {
          const value = level.value?.toLowerCase();
          if (value !== "restricted" && !(allExcepted && value))
            report(
              `Namespace "${ns.name}" ${value ? `enforces "${value}"` : "enforces no Pod Security level"} though it holds workloads. Label it ${podSecurityLabels.enforce}: restricted.`,
              level.urn,
            );
        } else if (level) unknown(labelUnseen(ns.name, level, "level"), level.urn);
        if (version?.state === "known") {
          if (!version.value || !versionPattern.test(version.value))
            report(
              `Namespace "${ns.name}" ${version.value ? `has Pod Security version "${version.value}"` : "pins no Pod Security version"}: label it ${podSecurityLabels.enforceVersion}: latest (or v1.xx) so the enforced standard is known.`,
              version.urn,
            );
        } else if (version) unknown(labelUnseen(ns.name, version, "version"), version.urn);
      }
    },
  });
}

/** What the rule says of a Pod Security label it cannot see: unknown, or left at its live value. */
function labelUnseen(
  namespace: string,
  label: Exclude<PodSecurityLabel, { state: "known" }>,
  what: "level" | "version",
): string {
  return label.state === "unknown"
    ? `Namespace "${namespace}": \`${label.path}\` is unknown during preview, so is the Pod Security ${what} it enforces.`
    : `Namespace "${namespace}" holds workloads and is only patched in this stack, by a NamespacePatch that does not set its Pod Security ${what}: the live value cannot be seen.`;
}
