import { resourcePolicies } from "../lib/define";
import {
  at,
  isRoleKind,
  rbacObjectsOf,
  roleRefOf,
  subjectsOf,
  subjectLabel,
  rbacTypes,
} from "../lib/rbac";
import { raw } from "../lib/values";
import { req } from "../requirements";

/** The built-in superuser role and group (Kubernetes RBAC reference, "User-facing roles"). */
const superuserRole = "cluster-admin";
const superuserGroup = "system:masters";

/**
 * No binding hands out cluster-admin, and none names the system:masters group (whose members
 * bypass RBAC entirely): both give full control of the cluster, or of the namespace for a
 * RoleBinding, including every workspace's data.
 */
export function rbacBindingNoClusterAdmin() {
  return resourcePolicies({
    name: "kubernetes-rbac-binding-no-cluster-admin",
    description:
      "No RoleBinding or ClusterRoleBinding grants cluster-admin or names system:masters.",
    enforcementLevel: "mandatory",
    types: rbacTypes,
    meta: {
      area: "rbac",
      severity: "critical",
      requirements: [req.cisClusterAdmin, req.cisSystemMasters, req.isoPrivilegedAccess],
      remediation:
        "Bind a role limited to what the subject needs (e.g. `view`, or a Role of the namespace); administrators reach the cluster through the bastion with their own, audited identity.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      for (const binding of rbacObjectsOf(args.type, raw(args.props))) {
        if (isRoleKind(binding.kind)) continue;
        const ref = roleRefOf(binding.object);
        if (ref === "unknown") unknown(`${at(binding)}\`roleRef\` is unknown during preview.`);
        else if (ref?.kind === "ClusterRole" && ref.name === superuserRole)
          report(
            `${at(binding)}${binding.kind} grants \`cluster-admin\`: full control of ${binding.kind === "RoleBinding" ? "the namespace" : "the cluster"}. Bind a narrower role.`,
          );
        const subjects = subjectsOf(binding.object);
        if (subjects === "unknown") {
          unknown(`${at(binding)}\`subjects\` are unknown during preview.`);
          continue;
        }
        for (const s of subjects) {
          if (s.kind === "Group" && s.name === superuserGroup)
            report(
              `${at(binding)}${subjectLabel(s)} is the group that bypasses every RBAC check. Bind a named group instead.`,
            );
        }
      }
    },
  });
}
