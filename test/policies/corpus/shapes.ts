/**
 * Resource shapes the family corpora share: a namespace isolated the way every namespace holding
 * a workload must be, and a hardened workload in it, written as another team's program would (no
 * hdh role label, no hdh component parents; only the inventory labels every data holder carries,
 * whose owner group is the team's leads, not the groups the cases bind).
 */
import { hardenedPodSpec, type Stack } from "../baseline";

type Json = Record<string, unknown>;

/** A hardened pod spec (running `image`) with `edit` applied to it and its first container. */
export function podWith(edit: (container: Json, spec: Json) => void, image?: string): Json {
  const spec = hardenedPodSpec(image) as unknown as Json;
  edit((spec.containers as Json[])[0], spec);
  return spec;
}

/** A namespace with Pod Security `restricted` enforced (with its version) and deny-all both ways. */
export function isolatedNamespace(s: Stack, name: string): void {
  s.add(`ns-${name}`, "kubernetes:core/v1:Namespace", {
    metadata: {
      name,
      labels: {
        "hdh.health/project": name,
        "hdh.health/classification": "3",
        "hdh.health/owner-group": `${name}-leads`,
        "pod-security.kubernetes.io/enforce": "restricted",
        "pod-security.kubernetes.io/enforce-version": "v1.30",
      },
    },
  });
  s.add(`ns-${name}-deny`, "kubernetes:networking.k8s.io/v1:NetworkPolicy", {
    metadata: { name: "default-deny", namespace: name },
    spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
  });
}

/** A hardened Deployment in `namespace` (which the caller declares, isolated or not). */
export function deployment(s: Stack, key: string, namespace: string): void {
  s.add(key, "kubernetes:apps/v1:Deployment", {
    metadata: { name: key, namespace },
    spec: {
      selector: { matchLabels: { app: key } },
      template: { metadata: { labels: { app: key } }, spec: hardenedPodSpec() },
    },
  });
}

/** Another team's namespace holding one hardened workload, isolated. */
export function teamNamespace(s: Stack, name: string): void {
  isolatedNamespace(s, name);
  deployment(s, `${name}-app`, name);
}

export const rbacV1 = "kubernetes:rbac.authorization.k8s.io/v1";
