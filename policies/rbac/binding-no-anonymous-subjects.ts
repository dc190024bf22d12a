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

/**
 * Subjects that stand for everyone: Kubernetes gives `system:anonymous` (user) and
 * `system:unauthenticated` (group) to requests without credentials, and `system:authenticated`
 * to every signed-in identity of any identity provider the cluster trusts (Kubernetes
 * authentication reference; CIS GKE 4.1.8/4.1.9 spell out the same risk).
 */
const everyone = new Set(["system:anonymous", "system:unauthenticated", "system:authenticated"]);

/**
 * The only bindings of these subjects Kubernetes itself installs (discovery and version
 * information): a program re-declaring exactly them grants nothing new.
 */
const defaultGrants: Record<string, readonly string[]> = {
  "system:unauthenticated": ["system:public-info-viewer"],
  "system:authenticated": ["system:public-info-viewer", "system:discovery", "system:basic-user"],
  "system:anonymous": [],
};

export function rbacBindingNoAnonymousSubjects() {
  return resourcePolicies({
    name: "kubernetes-rbac-binding-no-anonymous-subjects",
    description:
      "No binding grants a role to system:anonymous, system:unauthenticated or system:authenticated.",
    enforcementLevel: "mandatory",
    types: rbacTypes,
    meta: {
      area: "rbac",
      severity: "critical",
      requirements: [req.cisSecrets, req.isoAccessControl, req.gdprSecurity],
      remediation:
        "Bind the role to a named group of the identity provider (the project's researchers, the platform operators), never to everyone or to unauthenticated requests.",
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
        const ref = roleRefOf(binding.object);
        for (const s of subjects) {
          if (s.unknown) {
            unknown(`${at(binding)}subjects[${s.index}] is not fully known during preview.`);
            continue;
          }
          if (!s.name || !everyone.has(s.name)) continue;
          if (ref === "unknown") {
            unknown(
              `${at(binding)}\`roleRef\` is unknown during preview: what ${s.name} is granted cannot be judged.`,
            );
            continue;
          }
          const isDefault =
            binding.kind === "ClusterRoleBinding" &&
            ref?.kind === "ClusterRole" &&
            ref.name !== undefined &&
            defaultGrants[s.name].includes(ref.name);
          if (!isDefault)
            report(
              `${at(binding)}${subjectLabel(s)} stands for ${s.name === "system:authenticated" ? "every signed-in identity" : "anyone without credentials"}: the role "${ref?.name ?? "?"}" is granted to them. Bind a named group.`,
            );
        }
      }
    },
  });
}
