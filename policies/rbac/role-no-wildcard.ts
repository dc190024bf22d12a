import { resourcePolicies } from "../lib/define";
import { at, declaredRoleRules, rbacTypes } from "../lib/rbac";
import { raw } from "../lib/values";
import { req } from "../requirements";

/**
 * No `*` in a role's verbs, resources, API groups or non-resource URLs: a wildcard grants every
 * current and future action, resource or API, including ones added by later CRDs.
 */
export function rbacRoleNoWildcard() {
  return resourcePolicies({
    name: "kubernetes-rbac-role-no-wildcard",
    description: "Roles and ClusterRoles name their verbs, resources and API groups: no `*`.",
    enforcementLevel: "mandatory",
    types: rbacTypes,
    meta: {
      area: "rbac",
      severity: "high",
      requirements: [req.cisWildcard, req.isoAccessRights, req.isoPrivilegedAccess],
      remediation:
        'Replace each `*` with the exact verbs, resources and API groups the subject needs (e.g. verbs [get, list, watch] on resources [pods] of apiGroups [""]).',
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      for (const { role, rule } of declaredRoleRules(args.type, raw(args.props), unknown)) {
        const wild = (["verbs", "resources", "apiGroups", "nonResourceURLs"] as const).filter(
          (field) => rule[field].includes("*"),
        );
        if (wild.length > 0) {
          report(
            `${at(role)}rules[${rule.index}] grants \`*\` in ${wild.join(", ")}: every current and future ${wild.join("/")} is allowed. Name exactly what is needed.`,
          );
        } else if (rule.unknown) {
          unknown(`${at(role)}rules[${rule.index}] is not fully known during preview.`);
        }
      }
    },
  });
}
