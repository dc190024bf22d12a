/**
 * An OVHcloud managed Kubernetes (MKS) cluster's API server answers on a public address, and
 * "If there are no Authorised clients IPs, it means that no restriction is applied"
 * (sources.ovhMksIpRestrictions): a cluster declared without an IP restriction list is open to
 * the whole internet, which `ovh-cloudproject-ip-restriction-no-internet` refuses when a list says
 * so explicitly. The list is a resource of its own (`ovh_cloud_project_kube_iprestrictions`, and
 * its successor `ovh_cloud_managed_kubernetes_iprestrictions`, whose `kube_id` names the cluster:
 * https://github.com/ovh/terraform-provider-ovh/blob/main/docs/resources/cloud_managed_kubernetes_iprestrictions.md),
 * so this is a stack rule: each cluster needs a list tied to it, by dependency (the usual
 * `kubeId: cluster.id`) or by its id. What the list holds is the resource rule's to judge.
 * The successor resources' Pulumi tokens are derived from their Terraform names
 * (`CloudManagedKubernetes`, `CloudManagedKubernetesIprestrictions`), not confirmed on a public page.
 */
import { stackPolicies } from "../lib/define";
import { StackIndex, type IndexedResource } from "../lib/stack-index";
import { isUnknown, str } from "../lib/values";
import { req } from "../requirements";

const clusterTypes = [
  "ovh:CloudProject/kube:Kube",
  "ovh:index/cloudManagedKubernetes:CloudManagedKubernetes",
];
/** An MKS API allow-list, in any of the provider's spellings (`IpRestrictions`, `Iprestrictions`). */
const isRestrictionType = (type: string) =>
  /^ovh:.*(kube|kubernetes)iprestrictions:/i.test(type.replace(/\//g, ""));

export function ovhKubeApiRestricted() {
  return stackPolicies({
    name: "ovh-cloudproject-kube-api-restricted",
    description:
      "Every OVHcloud managed Kubernetes cluster has an IP restriction list on its API server (without one, the API is open to the internet).",
    enforcementLevel: "mandatory",
    meta: {
      area: "exposure",
      severity: "critical",
      requirements: [req.sncNetworkSegregation, req.sncAdminInterfaces, req.isoSegregation],
      remediation:
        "Declare an `ovh.cloudproject.KubeIpRestrictions` with `kubeId: cluster.id` and `ips` listing only the addresses that need the API (the platform's egress, the administrators' networks).",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const index = StackIndex.of(args.resources);
      const clusters = index.ofTypes(clusterTypes);
      if (clusters.length === 0) return;
      const lists = index.matching(isRestrictionType);
      const linked = (cluster: IndexedResource, list: IndexedResource) => {
        if (index.dependenciesOf(list).includes(cluster.urn)) return true;
        const id = str(cluster.props.id);
        return id !== undefined && str(list.props.kubeId) === id;
      };
      // A list whose cluster is not known yet (an id unknown at preview, tied to no cluster of
      // the stack) may restrict any of them.
      const unplaced = lists.filter(
        (l) => isUnknown(l.props.kubeId) && !clusters.some((c) => linked(c, l)),
      );
      for (const cluster of clusters) {
        if (lists.some((l) => linked(cluster, l))) continue;
        if (unplaced.length > 0) {
          unknown(
            `Managed Kubernetes "${cluster.name}": the IP restriction list${unplaced.length > 1 ? "s" : ""} ${unplaced.map((l) => `"${l.name}"`).join(", ")} name${unplaced.length > 1 ? "" : "s"} a \`kubeId\` unknown during preview and tied to no cluster here: whether this API is restricted cannot be told yet.`,
            cluster.urn,
          );
          continue;
        }
        report(
          `Managed Kubernetes "${cluster.name}" has no IP restriction list: OVHcloud applies no restriction then, so its API server is reachable from the whole internet. Add a KubeIpRestrictions with \`kubeId\` set to this cluster's id.`,
          cluster.urn,
        );
      }
    },
  });
}
