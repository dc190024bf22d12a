/**
 * The two guards every namespace of ours starts with: Pod Security admission labels, and a
 * NetworkPolicy that denies all traffic both ways until explicit allows open what is needed.
 * Written once so no namespace can be created with a weaker variant by copy and paste.
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import { namespaceNameLabel, podSecurityLabels } from "../../policies/catalog/labels";

/**
 * Pod Security labels enforcing `restricted`, also audited and warned, pinned to the latest
 * standard so a cluster upgrade tightens rather than loosens them.
 */
export const restrictedPodSecurityLabels: Readonly<Record<string, string>> = {
  [podSecurityLabels.enforce]: "restricted",
  [podSecurityLabels.enforceVersion]: "latest",
  [podSecurityLabels.audit]: "restricted",
  [podSecurityLabels.auditVersion]: "latest",
  [podSecurityLabels.warn]: "restricted",
  [podSecurityLabels.warnVersion]: "latest",
};

/** A `default-deny` NetworkPolicy selecting every pod of `namespace`, for ingress and egress. */
export function defaultDenyNetworkPolicy(
  name: string,
  namespace: pulumi.Input<string>,
  opts: pulumi.CustomResourceOptions,
): k8s.networking.v1.NetworkPolicy {
  return new k8s.networking.v1.NetworkPolicy(
    name,
    {
      metadata: { name: "default-deny", namespace },
      spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
    },
    opts,
  );
}

/** The cluster DNS pods: kube-dns (or CoreDNS labelled alike) in kube-system, and nothing else. */
export const clusterDnsPeer = {
  namespaceSelector: { matchLabels: { [namespaceNameLabel]: "kube-system" } },
  podSelector: { matchLabels: { "k8s-app": "kube-dns" } },
};

/** DNS over UDP and TCP. */
export const dnsPorts: { protocol: "UDP" | "TCP"; port: number }[] = [
  { protocol: "UDP", port: 53 },
  { protocol: "TCP", port: 53 },
];

/** The egress rule every namespace of ours needs: the cluster DNS only. */
export const clusterDnsEgress = { to: [clusterDnsPeer], ports: dnsPorts };

/**
 * Egress to the cloud APIs (Keystone, Swift, Barbican) over HTTPS at `cidrs`, as a list of rules
 * to spread into `egress`: none when `cidrs` is empty, since a rule with an empty `to` would
 * allow every destination.
 */
export function httpsApiEgress(cidrs: readonly string[]) {
  return cidrs.length > 0
    ? [
        {
          to: cidrs.map((cidr) => ({ ipBlock: { cidr } })),
          ports: [{ protocol: "TCP", port: 443 }],
        },
      ]
    : [];
}
