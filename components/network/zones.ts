/**
 * The platform's four network zones, each with its own network, subnet and deny-by-default
 * security group (docs/architecture): bastions, platform services and cluster nodes, workspace
 * traffic, and data services. Owned by the network component; the stack's configuration names one
 * CIDR per zone in these terms.
 */
export type ZoneName = "bastion" | "platform" | "workspaces" | "data";

/** Every zone, in the order networks and security groups are created. */
export const zoneNames: readonly ZoneName[] = ["bastion", "platform", "workspaces", "data"];
