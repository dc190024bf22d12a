import { resourcePolicy } from "../lib/define";
import { isTrue, isUnknown, obj, raw, stringMap } from "../lib/values";
import { req } from "../requirements";

const templateType = "openstack:containerinfra/clusterTemplate:ClusterTemplate";
const clusterType = "openstack:containerinfra/cluster:Cluster";

/** Magnum nodes and the Kubernetes API load balancer get no floating IP. */
export function clusterNoPublicAddress() {
  return resourcePolicy({
    name: "openstack-containerinfra-cluster-no-public-address",
    description:
      "Magnum clusters give no floating IP to their nodes or to the Kubernetes API load balancer.",
    enforcementLevel: "mandatory",
    types: [templateType, clusterType],
    meta: {
      area: "exposure",
      severity: "critical",
      requirements: [req.sncNetworkSegregation, req.sncAdminInterfaces, req.isoSegregation],
      remediation:
        'Set `floatingIpEnabled: false` on the cluster template (Magnum defaults to true) and never on the cluster; keep label `master_lb_floating_ip_enabled` "false"; reach the API through the bastion.',
      settings: [],
    },
    validate: (args, _settings, report) => {
      const props = raw(args.props);
      if (isUnknown(props.floatingIpEnabled)) return;
      if (args.type === templateType && props.floatingIpEnabled !== false) {
        report(
          props.floatingIpEnabled === undefined
            ? "`floatingIpEnabled` is not set and Magnum defaults it to true: every node would get a public IP. Set it to false."
            : "`floatingIpEnabled: true` gives every node a public IP. Set it to false.",
        );
      }
      if (args.type === clusterType && isTrue(props.floatingIpEnabled)) {
        report("`floatingIpEnabled: true` gives every node a public IP. Set it to false.");
      }
      const labels = stringMap(obj(props.labels));
      if (isTrue(labels.master_lb_floating_ip_enabled)) {
        report(
          'Label `master_lb_floating_ip_enabled: "true"` puts the Kubernetes API on a public IP. Set it to "false".',
        );
      }
    },
  });
}
