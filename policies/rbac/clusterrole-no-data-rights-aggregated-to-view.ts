import { resourcePolicies } from "../lib/define";
import { at, rbacObjectsOf, rbacTypes, rulesOf } from "../lib/rbac";
import { dataRights, rightLabel, ruleGrants } from "../lib/rbac-rights";
import { isUnknown, obj, raw, str } from "../lib/values";
import { req } from "../requirements";

/** The label that adds a ClusterRole's rules to Kubernetes' own `view` role. */
const aggregateToView = "rbac.authorization.k8s.io/aggregate-to-view";

/**
 * A ClusterRole labelled `rbac.authorization.k8s.io/aggregate-to-view: "true"` has its rules added
 * to Kubernetes' own `view` ClusterRole by the controller manager (RBAC reference, "Aggregated
 * ClusterRoles" and "User-facing roles",
 * https://kubernetes.io/docs/reference/access-authn-authz/rbac/#user-facing-roles). `view` is
 * documented to read no Secret, since that reaches the namespace's service account credentials;
 * it is the role every read-only identity holds, in every namespace it is bound in. A data right
 * (reading Secrets, creating pods, exec: lib/rbac-rights.ts) aggregated into it reaches all of
 * them at once, while the binding rules judge `view` as reading nothing
 * (kubernetes-rbac-binding-data-rights-own-namespace, `builtInRoleRights`). Control-plane
 * rights are refused in any role by kubernetes-rbac-role-no-sensitive-rights.
 */
export function rbacClusterRoleNoDataRightsAggregatedToView() {
  return resourcePolicies({
    name: "kubernetes-rbac-clusterrole-no-data-rights-aggregated-to-view",
    description:
      "No ClusterRole aggregated into `view` grants reading Secrets, creating pods or exec into pods.",
    enforcementLevel: "mandatory",
    types: rbacTypes,
    meta: {
      area: "rbac",
      severity: "critical",
      requirements: [
        req.cisSecrets,
        req.cisCreatePods,
        req.isoAccessRights,
        req.hdsConfidentiality,
      ],
      remediation:
        "Remove the `rbac.authorization.k8s.io/aggregate-to-view` label, or the data rights from the role; bind a role holding them in its holder's own namespace instead.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      for (const role of rbacObjectsOf(args.type, raw(args.props))) {
        if (role.kind !== "ClusterRole") continue;
        const metadata = role.object.metadata;
        const labels = isUnknown(metadata) ? metadata : obj(metadata)?.labels;
        const label = isUnknown(labels) ? labels : obj(labels)?.[aggregateToView];
        // Labels unknown during preview may aggregate the role into `view`.
        const maybe = isUnknown(label);
        if (!maybe && str(label) !== "true") continue;
        const rules = rulesOf(role.object);
        if (rules === "unknown") {
          unknown(
            `${at(role)}\`rules\` of a ClusterRole ${maybe ? "whose labels are unknown" : "aggregated into `view`"} are unknown during preview.`,
          );
          continue;
        }
        for (const rule of rules) {
          const found = dataRights.filter((right) => ruleGrants(rule, right));
          if (maybe && (found.length > 0 || rule.unknown)) {
            unknown(
              `${at(role)}the ClusterRole's labels are unknown during preview and its rules[${rule.index}] grants data rights: whether it is aggregated into \`view\` cannot be judged yet.`,
            );
            continue;
          }
          if (maybe) continue;
          for (const right of found)
            report(
              `${at(role)}rules[${rule.index}] of a ClusterRole aggregated into \`view\` lets every holder of \`view\` ${rightLabel(right)}. Remove the right or the aggregate-to-view label.`,
            );
          if (found.length === 0 && rule.unknown)
            unknown(
              `${at(role)}rules[${rule.index}] of a ClusterRole aggregated into \`view\` is not fully known during preview.`,
            );
        }
      }
    },
  });
}
