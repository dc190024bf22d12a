import { podSecurityLabels } from "../catalog/labels";
import { stackPolicies } from "../lib/define";
import { podSecurityLabel } from "../lib/pod-security-labels";
import {
  declaredNamespaces,
  isWorkspaceNamespace,
  namespacePatches,
  StackIndex,
  type NamespaceInfo,
} from "../lib/stack-index";
import { req } from "../requirements";

/**
 * Workspace namespaces enforce the Pod Security `restricted` profile through admission, as the
 * stack leaves them: a `NamespacePatch` that lowers the level of a workspace namespace (declared
 * here or not) is judged like the Namespace itself (lib/pod-security-labels.ts).
 */
export function workspacePodSecurity() {
  return stackPolicies({
    name: "kubernetes-core-namespace-workspace-pod-security",
    description: "Every workspace namespace enforces the Pod Security Standard `restricted`.",
    enforcementLevel: "mandatory",
    meta: {
      area: "stack",
      severity: "high",
      requirements: [req.pssRestricted, req.isoConfiguration, req.anssiContainers],
      remediation: `Label the namespace ${podSecurityLabels.enforce}: restricted (and audit/warn alike).`,
      settings: ["workspaceComponentTypes", "workspaceNamespacePattern"],
    },
    validate: (args, settings, report, unknown) => {
      const index = StackIndex.of(args.resources);
      const declared = declaredNamespaces(index);
      const patches = namespacePatches(index);
      const workspaces = new Map<string, { declared?: NamespaceInfo; patches: NamespaceInfo[] }>();
      const entry = (ns: NamespaceInfo) => {
        const key = ns.name ?? ns.resource.urn;
        const found = workspaces.get(key) ?? { patches: [] };
        workspaces.set(key, found);
        return found;
      };
      for (const ns of declared) if (isWorkspaceNamespace(ns, settings)) entry(ns).declared = ns;
      for (const patch of patches)
        if ((patch.name && workspaces.has(patch.name)) || isWorkspaceNamespace(patch, settings))
          entry(patch).patches.push(patch);
      for (const [name, ws] of workspaces) {
        const label = podSecurityLabel(ws.declared, ws.patches, podSecurityLabels.enforce);
        if (!label || label.state === "live") continue;
        const shown = ws.declared?.name ?? (ws.declared ? ws.declared.resource.name : name);
        if (label.state === "unknown") {
          unknown(
            `Workspace namespace "${shown}": \`${label.path}\` is unknown during preview, so is the Pod Security level it enforces.`,
            label.urn,
          );
          continue;
        }
        const level = label.value;
        if (level?.toLowerCase() !== "restricted") {
          report(
            `Workspace namespace "${shown}" ${level ? `enforces "${level}"` : "enforces no Pod Security level"}. ` +
              `Label it ${podSecurityLabels.enforce}: restricted.`,
            label.urn,
          );
        }
      }
    },
  });
}
