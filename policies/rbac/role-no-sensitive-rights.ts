import { resourcePolicies } from "../lib/define";
import { at, declaredRoleRules, rbacTypes } from "../lib/rbac";
import { controlPlaneRights, rightLabel, ruleGrants } from "../lib/rbac-rights";
import { raw } from "../lib/values";
import { req } from "../requirements";

/**
 * No role a program declares carries a right that reaches the nodes, the control plane or other
 * identities (lib/rbac-rights.ts: `nodes/proxy`, CSR approval, admission webhooks, creating
 * PersistentVolumes, minting service account tokens, `services/status`, writing bindings).
 *
 * Judged on the role, so whoever it is bound to, now or later, from this stack or another, is
 * covered. There is no exemption by name: Kubernetes' own roles (`system:*`, `admin`, `edit`)
 * are created by the API server, not by programs; a program that declares a role writes its
 * rights itself, whatever it calls it. Bindings to Kubernetes' own roles are judged by
 * kubernetes-rbac-binding-data-rights-own-namespace.
 */
export function rbacRoleNoSensitiveRights() {
  return resourcePolicies({
    name: "kubernetes-rbac-role-no-sensitive-rights",
    description:
      "No Role or ClusterRole grants `nodes/proxy`, CSR approval, admission webhook writes, PersistentVolume creation, service account token creation, `services/status` writes or binding writes.",
    enforcementLevel: "mandatory",
    types: rbacTypes,
    meta: {
      area: "rbac",
      // Each right turns one compromised holder into the cluster (and every workspace's data).
      severity: "critical",
      requirements: [
        req.cisNodeProxy,
        req.cisPersistentVolumes,
        req.cisCsrApproval,
        req.cisWebhookConfigurations,
        req.cisTokenCreation,
        req.isoPrivilegedAccess,
      ],
      remediation:
        "Remove the right from the role. These belong to Kubernetes' own components and the managed service; an operator that truly needs one runs under the platform's administration path, not in a program's role.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      for (const { role, rule } of declaredRoleRules(args.type, raw(args.props), unknown)) {
        const found = controlPlaneRights.filter(
          (right) =>
            (role.kind === "ClusterRole" || !right.clusterScoped) && ruleGrants(rule, right),
        );
        for (const right of found)
          report(
            `${at(role)}rules[${rule.index}] of the ${role.kind} lets its holder ${rightLabel(right)}. Remove it from the role.`,
          );
        if (found.length === 0 && rule.unknown)
          unknown(
            `${at(role)}rules[${rule.index}] (verbs, resources, apiGroups or resourceNames) is not fully known during preview.`,
          );
      }
    },
  });
}
