import { stackPolicies } from "../lib/define";
import { stackRbac, roleKey, roleRefOf, subjectLabel, subjectsOf, type Subject } from "../lib/rbac";
import {
  builtInRoleRights,
  dataRights,
  rightsGranted,
  type SensitiveRight,
} from "../lib/rbac-rights";
import { StackIndex } from "../lib/stack-index";
import { isUnknown, obj, str } from "../lib/values";
import { req } from "../requirements";

/**
 * Who a subject is, as far as namespaces go. Kubernetes' own identities (`system:` users and
 * groups: nodes, the controller manager, the scheduler...) hold these rights by design and are
 * not judged; the groups that stand for everyone are refused outright by
 * kubernetes-rbac-binding-no-anonymous-subjects. A service account belongs to its namespace
 * (also when named as the user `system:serviceaccount:<ns>:<name>` or the group
 * `system:serviceaccounts:<ns>`, Kubernetes RBAC reference, "Referring to subjects").
 */
type Identity =
  | { readonly kind: "kubernetes" | "everyone" }
  | { readonly kind: "workload"; readonly namespace?: string }
  | { readonly kind: "person" | "group" };

const everyone = new Set(["system:anonymous", "system:unauthenticated", "system:authenticated"]);

function identityOf(s: Subject, bindingNamespace: string | undefined): Identity {
  const name = s.name ?? "";
  if (s.kind === "ServiceAccount")
    return { kind: "workload", namespace: s.namespace ?? bindingNamespace };
  const asAccount = /^system:serviceaccount:([^:]+):[^:]+$/.exec(name);
  if (s.kind === "User" && asAccount) return { kind: "workload", namespace: asAccount[1] };
  const asGroup = /^system:serviceaccounts(?::([^:]+))?$/.exec(name);
  if (s.kind === "Group" && asGroup) return { kind: "workload", namespace: asGroup[1] };
  if (everyone.has(name)) return { kind: "everyone" };
  if (name.startsWith("system:")) return { kind: "kubernetes" };
  return { kind: s.kind === "Group" ? "group" : "person" };
}

/**
 * Reading Secrets, creating pods and exec-ing into pods are rights over one namespace's data: an
 * identity may hold them in its own namespace (a workspace's tooling, its operator), never
 * across the boundary. So they are refused through a ClusterRoleBinding (every namespace, each
 * workspace included) for any subject, and through a RoleBinding for a service account of
 * another namespace. People's groups and users have no namespace of their own in Kubernetes:
 * in a namespace, kubernetes-rbac-rolebinding-researcher-own-workspace judges where a group
 * belongs; cluster-wide, their Secrets and exec are that rule's findings and pod creation is
 * this one's. Covers CIS 5.1.2 and 5.1.4 and Checkov's CKV2_K8S_2 and CKV2_K8S_5 for every
 * subject kind, not only service accounts and nodes.
 */
export function rbacBindingDataRightsOwnNamespace() {
  return stackPolicies({
    name: "kubernetes-rbac-binding-data-rights-own-namespace",
    description:
      "No subject reads Secrets, creates pods or execs into pods beyond its own namespace (Kubernetes' own identities excepted).",
    enforcementLevel: "mandatory",
    meta: {
      area: "rbac",
      // Every workspace's Secrets and running analyses, health data included, for one holder.
      severity: "critical",
      requirements: [
        req.cisSecrets,
        req.cisCreatePods,
        req.isoAccessRights,
        req.hdsConfidentiality,
      ],
      remediation:
        "Bind the role with a RoleBinding in the subject's own namespace only (for a service account, the namespace it lives in); never through a ClusterRoleBinding.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const index = StackIndex.of(args.resources);
      // Roles by reference key and bindings, in every form the stack declares.
      const { roles, bindings } = stackRbac(index);
      if (bindings.length === 0) return;

      for (const { resource, object } of bindings) {
        const metadata = obj(object.object.metadata);
        const where = `${object.path ? `${object.path} of ` : ""}${object.kind} "${str(metadata?.name) ?? resource.name}"`;
        const clusterWide = object.kind === "ClusterRoleBinding";
        if (!clusterWide && isUnknown(metadata?.namespace)) {
          unknown(`${where}: \`metadata.namespace\` is unknown during preview.`, resource.urn);
          continue;
        }
        const namespace = clusterWide ? undefined : (str(metadata?.namespace) ?? "default");
        const subjects = subjectsOf(object.object);
        if (subjects === "unknown") {
          unknown(`${where}: \`subjects\` are unknown during preview.`, resource.urn);
          continue;
        }

        // Subjects this binding would let beyond their own namespace, and the rights it checks.
        const reaching: { subject: Subject; rights: readonly SensitiveRight[] }[] = [];
        for (const s of subjects) {
          if (s.unknown) {
            unknown(
              `${where}: subjects[${s.index}] is not fully known during preview.`,
              resource.urn,
            );
            continue;
          }
          const who = identityOf(s, namespace);
          if (who.kind === "kubernetes" || who.kind === "everyone") continue;
          if (who.kind === "workload") {
            if (clusterWide || who.namespace !== namespace)
              reaching.push({ subject: s, rights: dataRights });
          } else if (clusterWide) {
            reaching.push({
              subject: s,
              rights:
                who.kind === "group"
                  ? dataRights.filter((r) => r.id === "create-pods")
                  : dataRights,
            });
          }
        }
        if (reaching.length === 0) continue;

        const ref = roleRefOf(object.object);
        if (ref === "unknown") {
          unknown(`${where}: \`roleRef\` is unknown during preview.`, resource.urn);
          continue;
        }
        if (!ref?.kind || !ref.name || ref.name === "cluster-admin") continue; // cluster-admin: its own rule.
        const declared = roles.get(roleKey(ref.kind, namespace, ref.name));
        const builtIn = ref.kind === "ClusterRole" ? builtInRoleRights[ref.name] : undefined;
        if (declared === "unknown" || (!declared && !builtIn)) {
          unknown(
            `${where} gives ${reaching.map((r) => subjectLabel(r.subject)).join(", ")} ${ref.kind} ${ref.name} beyond their own namespace; its rules are ${declared === "unknown" ? "unknown during preview" : "not in the stack"}, so whether it reads Secrets, creates pods or execs into pods cannot be judged.`,
            resource.urn,
          );
          continue;
        }
        const held = declared
          ? rightsGranted(
              declared.filter((r) => !r.unknown),
              dataRights,
            )
          : dataRights.filter((r) => builtIn!.includes(r.id));
        if (declared?.some((r) => r.unknown))
          unknown(
            `${where}: some rules of ${ref.kind} ${ref.name} are not fully known during preview.`,
            resource.urn,
          );

        for (const { subject, rights } of reaching) {
          const found = held.filter((r) => rights.includes(r));
          if (found.length === 0) continue;
          const scope = clusterWide
            ? "in every namespace, each workspace included"
            : `in namespace "${namespace}", outside its own`;
          report(
            `${where} lets ${subjectLabel(subject)} ${found.map((r) => `${r.does} (${r.anchors.join(", ")})`).join("; ")} ${scope}, through ${ref.kind} ${ref.name}. Bind it with a RoleBinding in the subject's own namespace only.`,
            resource.urn,
          );
        }
      }
    },
  });
}
