import { resourcePolicies } from "../lib/define";
import { at, declaredRoleRules, rbacTypes } from "../lib/rbac";
import { raw } from "../lib/values";
import { req } from "../requirements";

/**
 * `escalate` lets a subject write roles with rights it does not hold, `bind` lets it bind roles
 * it does not hold, `impersonate` lets it act as any user, group or service account: each leads
 * to cluster-admin (CIS 5.1.8, Kubernetes "RBAC good practices").
 */
const escalationVerbs = ["escalate", "bind", "impersonate"];

export function rbacRoleNoEscalationVerbs() {
  return resourcePolicies({
    name: "kubernetes-rbac-role-no-escalation-verbs",
    description: "No role grants the `escalate`, `bind` or `impersonate` verbs.",
    enforcementLevel: "mandatory",
    types: rbacTypes,
    meta: {
      area: "rbac",
      severity: "critical",
      requirements: [req.cisEscalationVerbs, req.isoPrivilegedAccess],
      remediation:
        "Remove `escalate`, `bind` and `impersonate` from the role's verbs; grant the resulting roles or bindings directly through the platform's administration path.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      for (const { role, rule } of declaredRoleRules(args.type, raw(args.props), unknown)) {
        const found = escalationVerbs.filter((v) => rule.verbs.includes(v));
        if (found.length > 0) {
          report(
            `${at(role)}rules[${rule.index}] grants ${found.map((v) => `\`${v}\``).join(", ")} on ${rule.resources.join(", ") || "(no resource)"}: a path to cluster-admin. Remove ${found.length > 1 ? "them" : "it"}.`,
          );
        } else if (rule.unknown) {
          unknown(`${at(role)}rules[${rule.index}] verbs are not fully known during preview.`);
        }
      }
    },
  });
}
