/**
 * What a public (floating) address reaches, by every route the OpenStack provider offers: the
 * floating IP's own `portId`, a networking or compute association, a port forwarding, or an
 * instance's own `floatingIp`. The address itself is harmless; what it reaches is what faces the
 * internet, so a rule judges the target, whatever the address is called.
 *
 * Targets are followed through the engine's property dependencies (during preview a port's id is
 * unknown, but the engine says which resource it comes from), so a program shaped unlike ours is
 * followed the same way. Sources: the resources' arguments in the provider's registry pages,
 * https://www.pulumi.com/registry/packages/openstack/api-docs/networking/floatingip/ (`portId`),
 * .../networking/floatingipassociate/ (`floatingIp`, `portId`),
 * .../compute/floatingipassociate/ (`floatingIp`, `instanceId`),
 * .../networking/portforwardingv2/ (`floatingipId`, `internalPortId`),
 * .../compute/instance/ (`floatingIp`, deprecated but still accepted by provider 3.x).
 */
import { StackIndex, type IndexedResource } from "./stack-index";
import { isUnknown, str } from "./values";

export const floatingIpTypes = [
  "openstack:networking/floatingIp:FloatingIp",
  "openstack:compute/floatingIp:FloatingIp",
] as const;

const instanceType = "openstack:compute/instance:Instance";
const portType = "openstack:networking/port:Port";
const loadBalancerType = "openstack:loadbalancer/loadBalancer:LoadBalancer";

/** A resource that connects a public address to something, and the property naming the target. */
interface Route {
  readonly type: string;
  /** The property naming what is reached (a port or an instance). */
  readonly target: string;
  /** The property naming the floating IP used, for routes that associate an existing one. */
  readonly address?: string;
}

export const routes: readonly Route[] = [
  { type: "openstack:networking/floatingIp:FloatingIp", target: "portId" },
  {
    type: "openstack:networking/floatingIpAssociate:FloatingIpAssociate",
    target: "portId",
    address: "floatingIp",
  },
  {
    type: "openstack:compute/floatingIpAssociate:FloatingIpAssociate",
    target: "instanceId",
    address: "floatingIp",
  },
  {
    type: "openstack:networking/portForwardingV2:PortForwardingV2",
    target: "internalPortId",
    address: "floatingipId",
  },
];

/** Resource types a public address can land on. */
const targetTypes = new Set([portType, instanceType, loadBalancerType]);

/** What one route's target property resolves to. */
export type Reach =
  /** Resources of this program: ports, instances or load balancers (a VIP port's owner). */
  | { readonly kind: "resources"; readonly targets: IndexedResource[] }
  /** No target: an address allocated but not associated by this route. */
  | { readonly kind: "none" }
  /** Unknown during preview, and the engine names no resource it comes from. */
  | { readonly kind: "unknown" }
  /** A literal id of something this program does not declare. */
  | { readonly kind: "outside"; readonly id: string };

export function reachOf(index: StackIndex, resource: IndexedResource, property: string): Reach {
  const targets = index
    .dependenciesOf(resource, property)
    .map((urn) => index.get(urn))
    .filter((r): r is IndexedResource => r !== undefined && targetTypes.has(r.type));
  if (targets.length > 0) return { kind: "resources", targets };
  const value = resource.props[property];
  if (isUnknown(value)) return { kind: "unknown" };
  const id = str(value);
  return id === undefined ? { kind: "none" } : { kind: "outside", id };
}

/**
 * The hosts behind a target: a port stands for the instances and load balancers plugged into it
 * (they depend on it); a port nothing in the program uses stands for itself.
 */
export function hostsBehind(index: StackIndex, target: IndexedResource): IndexedResource[] {
  if (target.type !== portType) return [target];
  const users = index
    .dependantsOf(target.urn)
    .filter((r) => r.type === instanceType || r.type === loadBalancerType);
  return users.length > 0 ? users : [target];
}

/**
 * The floating IPs of the program that some association or port forwarding uses: an address is
 * then judged through that route, not as an address reaching nothing.
 */
export function associatedAddresses(index: StackIndex): Set<string> {
  const used = new Set<string>();
  for (const route of routes) {
    if (!route.address) continue;
    for (const r of index.ofTypes([route.type]))
      for (const urn of index.dependenciesOf(r, route.address)) used.add(urn);
  }
  return used;
}
