/**
 * OVHcloud managed services reachable on public addresses (managed databases, the managed
 * Kubernetes API) are filtered by an IP allow-list: an entry that is the whole address space, or
 * a public range wider than any organisation holds, opens the service to the internet. Judged in
 * every shape the provider accepts (by field, whatever the resource's name, so renamed resources
 * of later provider versions are read too):
 * - `ipRestrictions[].ip` on a managed database (`ovh_cloud_project_database`);
 * - `ip` on one allow-list entry (`ovh_cloud_project_database_ip_restriction`, and its successor
 *   `ovh_cloud_managed_database_ip_restriction`);
 * - `ips[]` on the managed Kubernetes API's list (`ovh_cloud_project_kube_iprestrictions`).
 * Sources: https://github.com/ovh/terraform-provider-ovh/blob/main/website/docs/r/cloud_project_database_ip_restriction.html.markdown,
 * sources.ovhPulumiKube (kubeIpRestrictions.d.ts), sources.ovhMksIpRestrictions.
 * A list left out is not judged here: what a service allows by default is the provider's, not a
 * value of the program.
 */
import { isInternetWide, parsePrefix } from "../lib/cidr";
import { resourcePolicies } from "../lib/define";
import { isUnknown, list, obj, raw, str } from "../lib/values";
import { req } from "../requirements";

const types = [
  "ovh:CloudProject/database:Database",
  "ovh:*IpRestriction:*",
  "ovh:*IpRestrictions:*",
];
/** The same set as `types`, for the rule's own decision (test/policies/declared-types.test.ts). */
const judged = /^ovh:(CloudProject\/database:Database|.*IpRestrictions?:.*)$/;

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
          : { field: `${key}[${i}].ip`, value: obj(entry)?.ip },
      ),
    );
  }
  return found;
}

export function ovhIpRestrictionsNoInternet() {
  return resourcePolicies({
    name: "ovh-cloudproject-ip-restriction-no-internet",
    description:
      "OVHcloud managed databases and Kubernetes APIs allow no IP range that is the whole internet in their IP restrictions.",
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
      if (!judged.test(args.type)) return;
      const props = raw(args.props);
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
