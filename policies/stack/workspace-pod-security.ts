import { podSecurityLabels } from "../catalog/labels";
import { stackPolicy } from "../lib/define";
import { StackIndex, workspaceNamespaces } from "../lib/stack-index";
import { req } from "../requirements";

/** Workspace namespaces enforce the Pod Security `restricted` profile through admission. */
export function workspacePodSecurity() {
  return stackPolicy({
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
    validate: (args, settings, report) => {
      const index = StackIndex.of(args.resources);
      for (const ns of workspaceNamespaces(index, settings)) {
        const level = ns.labels[podSecurityLabels.enforce];
        if (level?.toLowerCase() !== "restricted") {
          report(
            `Workspace namespace "${ns.name ?? ns.resource.name}" ${level ? `enforces "${level}"` : "enforces no Pod Security level"}. ` +
              `Label it ${podSecurityLabels.enforce}: restricted.`,
            ns.resource.urn,
          );
        }
      }
    },
  });
}
