import { resourcePolicies } from "../lib/define";
import {
  at,
  isRoleKind,
  rbacObjectsOf,
  subjectsOf,
  subjectLabel,
  type Subject,
  rbacTypes,
} from "../lib/rbac";
import { raw } from "../lib/values";
import { req } from "../requirements";

/**
 * Every pod that names no service account runs as its namespace's `default` one: rights bound
 * to it reach every such pod (CIS 5.1.5). The groups `system:serviceaccounts` and
 * `system:serviceaccounts:<namespace>` hold every service account, `default` included
 * (Kubernetes RBAC reference, "Referring to subjects").
 */
function defaultAccount(s: Subject): string | undefined {
  if (s.kind === "ServiceAccount" && s.name === "default") return "the `default` service account";
  if (s.kind === "User" && s.name && /^system:serviceaccount:[^:]+:default$/.test(s.name))
    return "the `default` service account (as a user name)";
  if (s.kind === "Group" && s.name && /^system:serviceaccounts(:[^:]+)?$/.test(s.name))
    return `every service account of ${s.name === "system:serviceaccounts" ? "the cluster" : "the namespace"}`;
  return undefined;
}

export function rbacBindingNoDefaultServiceAccount() {
  return resourcePolicies({
    name: "kubernetes-rbac-binding-no-default-service-account",
    description:
      "No binding grants a role to a namespace's `default` service account or to all service accounts.",
    enforcementLevel: "mandatory",
    types: rbacTypes,
    meta: {
      area: "rbac",
      severity: "high",
      requirements: [req.cisDefaultServiceAccount, req.isoAccessRights],
      remediation:
        "Create a dedicated ServiceAccount for the workload that needs the API, bind the role to it alone and set `serviceAccountName` on that workload.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      for (const binding of rbacObjectsOf(args.type, raw(args.props))) {
        if (isRoleKind(binding.kind)) continue;
        const subjects = subjectsOf(binding.object);
        if (subjects === "unknown") {
          unknown(`${at(binding)}\`subjects\` are unknown during preview.`);
          continue;
        }
        for (const s of subjects) {
          if (s.unknown) {
            unknown(`${at(binding)}subjects[${s.index}] is not fully known during preview.`);
            continue;
          }
          const who = defaultAccount(s);
          if (who)
            report(
              `${at(binding)}${subjectLabel(s)} is ${who}: every pod without its own service account gets the role. Bind a dedicated ServiceAccount.`,
            );
        }
      }
    },
  });
}
