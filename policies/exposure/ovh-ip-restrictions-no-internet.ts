/**
 * OVHcloud managed services reachable on public addresses (managed databases, the managed
 * Kubernetes API) are filtered by an IP allow-list: an entry that is the whole address space, or
 * a public range wider than any organisation holds, opens the service to the internet. Judged in
 * every shape the provider accepts (by field, whatever the resource's name, so renamed resources
 * of later provider versions are read too):
 * - `ipRestrictions[].ip` on a managed database (`ovh_cloud_project_database`);
 * - `ip` on one allow-list entry (`ovh_cloud_project_database_ip_restriction`, and its successor
 *   `ovh_cloud_managed_database_ip_restriction`; the module-style token of earlier pulumi-ovh
 *   releases, `ovh:CloudProjectDatabase/ipRestriction:IpRestriction`, is read too: its exact
 *   spelling was not confirmed on a public page);
 * - `ips[]` on the managed Kubernetes API's list (`ovh_cloud_project_kube_iprestrictions`, and
 *   its successor `ovh_cloud_managed_kubernetes_iprestrictions`, whose Pulumi token
 *   `CloudManagedKubernetesIprestrictions` is derived from the Terraform name, not confirmed);
 * - `ipRestrictions[].ip_block` on the managed private registry's lists (its registry and its
 *   management API: `ContainerRegistryIPRestrictionsRegistry`/`...Management`, a map per entry,
 *   pulumi-ovh 2.19.1 cloudproject/containerRegistryIPRestrictionsRegistry.d.ts).
 * Sources: https://github.com/ovh/terraform-provider-ovh/blob/main/website/docs/r/cloud_project_database_ip_restriction.html.markdown,
 * sources.ovhPulumiKube (kubeIpRestrictions.d.ts), sources.ovhMksIpRestrictions.
 * An empty Kubernetes API list (`ips: []`) is no restriction at all: "If there are no Authorised
 * clients IPs, it means that no restriction is applied" (sources.ovhMksIpRestrictions), so it is
 * refused like 0.0.0.0/0. A managed database's list left out is not judged here: what a service
 * allows by default is the provider's, not a value of the program.
 */
import { isInternetWide, parsePrefix } from "../lib/cidr";
import { typeMatches } from "../lib/declared-types";
import { resourcePolicies } from "../lib/define";
import { isUnknown, list, obj, raw, str } from "../lib/values";
import { req } from "../requirements";

const types = [
  "ovh:CloudProject/database:Database",
  "ovh:*IpRestriction:*",
  "ovh:*IpRestrictions:*",
  "ovh:*/ipRestriction:*",
  "ovh:*Iprestrictions:*",
  "ovh:CloudProject/containerRegistryIPRestrictions*:*",
];

/** An object entry's address: `ip` (databases), `ip_block`/`ipBlock` (registry maps). */
function blockOf(entry: Record<string, unknown> | undefined, path: string) {
  for (const key of ["ip", "ip_block", "ipBlock"])
    if (entry && key in entry) return { field: `${path}.${key}`, value: entry[key] };
  return { field: `${path}.ip`, value: undefined };
}

/** Each allow-list entry of the resource, with the field that holds it. */
function entries(props: Record<string, unknown>): { field: string; value: unknown }[] {
  const found: { field: string; value: unknown }[] = [];
  if ("ip" in props) found.push({ field: "ip", value: props.ip });
  for (const key of ["ips", "ipRestrictions"]) {
    const value = props[key];
    if (value === undefined || value === null) continue;
    if (isUnknown(value)) {
      found.push({ field: key, value });
      continue;
    }
    (list(value) ?? []).forEach((entry, i) =>
      found.push(
        key === "ips" || typeof entry === "string" || isUnknown(entry)
          ? { field: `${key}[${i}]`, value: entry }
          : blockOf(obj(entry), `${key}[${i}]`),
      ),
    );
  }
  return found;
}

export function ovhIpRestrictionsNoInternet() {
  return resourcePolicies({
    name: "ovh-cloudproject-ip-restriction-no-internet",
    description:
      "OVHcloud managed databases, Kubernetes APIs and private registries allow no IP range that is the whole internet in their IP restrictions (an empty Kubernetes list restricts nothing).",
    enforcementLevel: "mandatory",
    types,
    meta: {
      area: "exposure",
      severity: "critical",
      requirements: [req.sncNetworkSegregation, req.isoNetworks, req.isoSegregation],
      remediation:
        "List only the addresses that need the service (the platform's egress, the administrators' networks); never 0.0.0.0/0, ::/0 or a public range shorter than /16 (IPv4) or /32 (IPv6).",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      // The rule decides by its own declaration too: it reads fields (`ip`, `ips`) other types hold.
      if (!typeMatches(types, args.type)) return;
      const props = raw(args.props);
      if (/IpRestrictions:/i.test(args.type) && list(props.ips)?.length === 0)
        report(
          "`ips` is empty: OVHcloud applies no restriction when the list is empty, so the Kubernetes API is reachable from the whole internet. List only the addresses that need it.",
        );
      for (const { field, value } of entries(props)) {
        if (isUnknown(value)) {
          unknown(
            `\`${field}\` is unknown during preview: whether it opens the service to the internet cannot be judged yet.`,
          );
          continue;
        }
        const text = str(value);
        const prefix = text === undefined ? undefined : parsePrefix(text);
        if (prefix && isInternetWide(prefix))
          report(
            `\`${field}\` allows ${prefix.text}: the service is reachable from the whole internet. List only the addresses that need it.`,
          );
      }
    },
  });
}
