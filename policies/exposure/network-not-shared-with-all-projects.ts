import { resourcePolicies } from "../lib/define";
import { isTrue, isUnknown, raw, str } from "../lib/values";
import { req } from "../requirements";

const rbacPolicyType = "openstack:networking/rbacPolicyV2:RbacPolicyV2";
const networkTypes = [
  "openstack:networking/network:Network",
  "openstack:networking/networkV2:NetworkV2",
];

/**
 * A network shared with every project of the cloud lets any other tenant plug its own ports into
 * it: layer-2 reach to the hub's hosts from outside its projects. Neutron shares an object with
 * all projects by an RBAC entry whose `target_tenant` is `*`, which is also what `shared: true` on
 * the network creates (Neutron admin guide, "Role-Based Access Control (RBAC)",
 * https://docs.openstack.org/neutron/latest/admin/config-rbac.html; the change that brought RBAC,
 * openstack/neutron 4595899f: the `shared` flag "would either be private to a tenant or it would
 * be shared with every tenant"; the OpenStack provider's `openstack_networking_rbac_policy_v2`: a
 * network marked external gets such a wildcard entry).
 * Sharing with one named project stays allowed: that is a decision about one tenant.
 */
export function networkNotSharedWithAllProjects() {
  return resourcePolicies({
    name: "openstack-networking-network-not-shared-with-all-projects",
    description:
      "No network is shared with every project of the cloud (`shared: true`, or an RBAC policy targeting `*`).",
    enforcementLevel: "mandatory",
    types: [rbacPolicyType, ...networkTypes],
    meta: {
      area: "exposure",
      severity: "critical",
      requirements: [req.sncNetworkSegregation, req.isoSegregation],
      remediation:
        "Drop `shared: true`; share a network only with the named projects that need it (an RBAC policy whose `targetTenant` is that project's id).",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const props = raw(args.props);
      if (args.type === rbacPolicyType) {
        if (isUnknown(props.objectType) || isUnknown(props.targetTenant)) {
          unknown("`objectType` or `targetTenant` is unknown during preview.");
          return;
        }
        if (str(props.objectType)?.toLowerCase() !== "network") return;
        if (str(props.targetTenant)?.trim() === "*")
          report(
            `RBAC policy ${str(props.action) ?? ""} targets every project (\`targetTenant: "*"\`): any tenant of the cloud can attach to this network. Name the one project that needs it.`,
          );
        return;
      }
      if (isUnknown(props.shared)) unknown("`shared` is unknown during preview.");
      else if (isTrue(props.shared))
        report(
          "`shared: true` shares this network with every project of the cloud: any tenant can attach ports to it. Remove it.",
        );
    },
  });
}
