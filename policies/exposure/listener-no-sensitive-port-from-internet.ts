import { sensitivePorts } from "../catalog/ports";
import { isBastion } from "../lib/bastion";
import { isInternetWide, isNonPublic, parsePrefix, withinAny } from "../lib/cidr";
import { stackPolicies } from "../lib/define";
import {
  inlineListeners,
  inlineLoadBalancerFacesInternet,
  ovhInlineLoadBalancerType,
  ovhListenerType,
  ovhLoadBalancerType,
} from "../lib/ovh-load-balancer";
import { StackIndex, type IndexedResource } from "../lib/stack-index";
import { isUnknown, list, num, obj, str } from "../lib/values";
import { req } from "../requirements";

const listenerType = "openstack:loadbalancer/listener:Listener";
const loadBalancerTypes = new Set([
  "openstack:loadbalancer/loadBalancer:LoadBalancer",
  ovhLoadBalancerType,
]);
const publicAddressTypes = new Set([
  "openstack:networking/floatingIp:FloatingIp",
  "openstack:networking/floatingIpAssociate:FloatingIpAssociate",
]);

/**
 * A listener on a sensitive port (SSH, RDP, databases, Kubernetes API...) is never open to the
 * world. Octavia's `allowed_cidrs` filters sources on the listener; left empty it admits every
 * source (Octavia API reference, listener `allowed_cidrs`). So a listener is open to the world
 * when its list names a public range (other than the administrators'), or when it is empty and its load balancer faces
 * the internet (VIP on an external network, or a floating IP tied to it in the stack).
 * OVHcloud's load balancer (Octavia behind the OVHcloud API) is judged the same: its listener
 * resource has Octavia's fields, its VIP faces the internet when `network.ip` is a public address
 * (a floating IP: https://github.com/ovh/terraform-provider-ovh/blob/main/docs/resources/cloud_loadbalancer.md);
 * the older load balancer's inline `listeners[]` face it when the load balancer gets a floating IP
 * (policies/lib/ovh-load-balancer.ts).
 */
export function listenerNoSensitivePortFromInternet() {
  return stackPolicies({
    name: "openstack-loadbalancer-listener-no-sensitive-port-from-internet",
    description:
      "Load balancer listeners on SSH, RDP, database or Kubernetes ports admit no public source.",
    enforcementLevel: "mandatory",
    meta: {
      area: "exposure",
      severity: "critical",
      requirements: [req.sncNetworkSegregation, req.sncAdminInterfaces, req.isoSegregation],
      remediation:
        "Set `allowedCidrs` to the private or administrators' ranges that need the port, or keep the load balancer private; administration goes through the bastion.",
      settings: ["publicNetworks", "adminCidrs", "bastionComponentTypes", "bastionNamePattern"],
    },
    validate: (args, settings, report, unknown) => {
      const index = StackIndex.of(args.resources);
      /** Inline listeners of OVHcloud load balancers, each read as a listener of its own. */
      const inlineParent = new Map<IndexedResource, IndexedResource>();
      for (const lb of index.ofTypes([ovhInlineLoadBalancerType])) {
        const found = inlineListeners(lb.props);
        if (found === "unknown") {
          unknown(
            `Load balancer "${lb.name}": \`listeners\` unknown during preview, so their ports and sources cannot be judged.`,
            lb.urn,
          );
          continue;
        }
        for (const l of found)
          if (!l.unknown)
            inlineParent.set({ ...lb, name: `${lb.name} ${l.path}`, props: l.props }, lb);
      }
      const listeners = [...index.ofTypes([listenerType, ovhListenerType]), ...inlineParent.keys()];
      if (listeners.length === 0) return;
      const publicNames = new Set(settings.publicNetworks.map((n) => n.toLowerCase()));
      const vipAddress = (lb: IndexedResource) => obj(lb.props.network)?.ip;
      const facesInternet = (lb: IndexedResource) => {
        if (lb.type === ovhInlineLoadBalancerType)
          return inlineLoadBalancerFacesInternet(lb.props) === true;
        if (lb.type === ovhLoadBalancerType) {
          const prefix = parsePrefix(str(vipAddress(lb)) ?? "");
          return prefix !== undefined && !isNonPublic(prefix);
        }
        return (
          publicNames.has(str(lb.props.vipNetworkId)?.toLowerCase() ?? "") ||
          index.dependantsOf(lb.urn).some((d) => publicAddressTypes.has(d.type))
        );
      };
      const vipUnknown = (lb: IndexedResource) =>
        lb.type === ovhInlineLoadBalancerType
          ? inlineLoadBalancerFacesInternet(lb.props) === "unknown"
          : lb.type === ovhLoadBalancerType
            ? isUnknown(lb.props.network) || isUnknown(vipAddress(lb))
            : isUnknown(lb.props.vipNetworkId);

      for (const listener of listeners) {
        const port = num(listener.props.protocolPort);
        if (isUnknown(listener.props.protocolPort)) {
          unknown(
            `Listener "${listener.name}": \`protocolPort\` unknown during preview.`,
            listener.urn,
          );
          continue;
        }
        const sensitive = sensitivePorts.find((p) => p.port === port);
        if (!sensitive) continue;
        if (isBastion({ urn: listener.urn, name: listener.name, props: listener.props }, settings))
          continue;
        if (isUnknown(listener.props.allowedCidrs)) {
          unknown(
            `Listener "${listener.name}" on ${sensitive.service}: \`allowedCidrs\` unknown during preview.`,
            listener.urn,
          );
          continue;
        }
        const cidrs = (list(listener.props.allowedCidrs) ?? []).flatMap((c) => {
          const text = str(c);
          return text ? [text] : [];
        });
        const wide = cidrs.filter((c) => {
          const prefix = parsePrefix(c);
          // Any public source but the administrators' own networks, as for security groups.
          return (
            prefix !== undefined &&
            (isInternetWide(prefix) || !isNonPublic(prefix)) &&
            !withinAny(prefix, settings.adminCidrs)
          );
        });
        if (wide.length > 0) {
          report(
            `Listener "${listener.name}" admits ${wide.join(", ")} on ${sensitive.service} (${sensitive.port}). Narrow \`allowedCidrs\` to private or administrators' ranges.`,
            listener.urn,
          );
          continue;
        }
        if (cidrs.length > 0) continue;
        const parent = inlineParent.get(listener);
        const lbs = parent
          ? [parent]
          : index
              .dependenciesOf(listener, "loadbalancerId")
              .concat(index.dependenciesOf(listener))
              .map((u) => index.get(u))
              .filter(
                (r): r is IndexedResource => r !== undefined && loadBalancerTypes.has(r.type),
              );
        if (lbs.some(facesInternet))
          report(
            `Listener "${listener.name}" on ${sensitive.service} (${sensitive.port}) has no \`allowedCidrs\` and its load balancer faces the internet: every source is admitted. Set \`allowedCidrs\`.`,
            listener.urn,
          );
        else if (lbs.length === 0)
          // Empty allowedCidrs admits every source; without the load balancer in view, whether
          // its VIP is public cannot be told, and silence would read as compliant.
          unknown(
            `Listener "${listener.name}" on ${sensitive.service} (${sensitive.port}) has no \`allowedCidrs\` and its load balancer is not in this stack: whether it faces the internet is unknown. Set \`allowedCidrs\`.`,
            listener.urn,
          );
        else if (lbs.some(vipUnknown))
          unknown(
            `Listener "${listener.name}" on ${sensitive.service} (${sensitive.port}) has no \`allowedCidrs\` and its load balancer's VIP network or address is unknown during preview.`,
            listener.urn,
          );
      }
    },
  });
}
