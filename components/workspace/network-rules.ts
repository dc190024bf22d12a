/**
 * The network flows a workspace may have, compiled from its data tier: pure data, so the
 * component, its tests and the register all read the same answer.
 *
 * Model: one default-deny policy for both directions over every pod of the namespace, then one
 * policy of explicit allows. Kubernetes NetworkPolicies are additive, so the allows are the
 * complete list of what the workspace can reach and what can reach it.
 */
import { labelKeys, namespaceNameLabel } from "../../policies/catalog/labels";
import { tierControls, type DataTier } from "../../policies/catalog/data-tiers";
import { isInternetWide, parseCidr } from "../network/cidr";
import type { ArgProblem } from "../shared/validation";
import type {
  EgressDestination,
  EgressPort,
  InClusterPeer,
  WorkspaceReach,
} from "./workspace-args";

/** A NetworkPolicy peer, in the Kubernetes API's shape. */
export interface PolicyPeer {
  namespaceSelector?: { matchLabels: Record<string, string> };
  podSelector?: { matchLabels: Record<string, string> };
  ipBlock?: { cidr: string; except?: string[] };
}

export interface PolicyPort {
  protocol: "TCP" | "UDP";
  port: number;
}

/** One allow rule; `purpose` says why it exists, for reports and tests (not sent to the API). */
export interface FlowRule {
  purpose: "dns" | "package-mirror" | "object-storage" | "internet" | "gateway";
  peers: PolicyPeer[];
  ports: PolicyPort[];
}

export interface WorkspaceFlows {
  egress: FlowRule[];
  ingress: FlowRule[];
}

/** Ranges never reachable through the open-data internet allowance: other pods, nodes, metadata. */
export const nonPublicRanges: readonly string[] = [
  "10.0.0.0/8",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "100.64.0.0/10",
  "169.254.0.0/16",
];

/** Web ports a tier-0 (open data) workspace may use on the internet. */
const internetPorts: readonly PolicyPort[] = [
  { protocol: "TCP", port: 443 },
  { protocol: "TCP", port: 80 },
];

export function workspaceFlows(
  tier: DataTier,
  reach: WorkspaceReach,
  toolPort: number,
  gateway?: InClusterPeer,
): WorkspaceFlows {
  const controls = tierControls[tier];
  const egress: FlowRule[] = [
    { purpose: "dns", ...toRule(reach.dns) },
    { purpose: "object-storage", ...toRule(reach.objectStorage) },
  ];
  if (controls.mirror !== "none") {
    // The mirror runs one proxy per package set; the label picks the set this tier may use, so
    // a tier-3 workspace cannot reach the unrestricted proxy even by naming it.
    const mirror = toRule(reach.packageMirror, { [labelKeys.mirrorAccess]: controls.mirror });
    egress.push({ purpose: "package-mirror", ...mirror });
  }
  if (controls.internetEgress) {
    egress.push({
      purpose: "internet",
      peers: [{ ipBlock: { cidr: "0.0.0.0/0", except: [...nonPublicRanges] } }],
      ports: [...internetPorts],
    });
  }
  const ingress: FlowRule[] = gateway
    ? [
        {
          purpose: "gateway",
          peers: [inClusterPeer(gateway.namespace, gateway.podLabels)],
          ports: [{ protocol: "TCP", port: toolPort }],
        },
      ]
    : [];
  return { egress, ingress };
}

function toRule(
  destination: EgressDestination,
  extraPodLabels: Record<string, string> = {},
): Omit<FlowRule, "purpose"> {
  const ports = destination.ports.map(toPort);
  if (destination.namespace !== undefined) {
    const podLabels = { ...(destination.podLabels ?? {}), ...extraPodLabels };
    return { peers: [inClusterPeer(destination.namespace, podLabels)], ports };
  }
  return { peers: (destination.cidrs ?? []).map((cidr) => ({ ipBlock: { cidr } })), ports };
}

function inClusterPeer(
  namespace: string,
  podLabels?: Readonly<Record<string, string>>,
): PolicyPeer {
  const peer: PolicyPeer = {
    namespaceSelector: { matchLabels: { [namespaceNameLabel]: namespace } },
  };
  if (podLabels && Object.keys(podLabels).length > 0) {
    peer.podSelector = { matchLabels: { ...podLabels } };
  }
  return peer;
}

function toPort(port: EgressPort): PolicyPort {
  return { protocol: port.protocol ?? "TCP", port: port.port };
}

/** Problems with the destinations the platform hands over; every one names its path and fix. */
export function reachProblems(reach: WorkspaceReach): ArgProblem[] {
  const problems: ArgProblem[] = [];
  for (const key of ["dns", "packageMirror", "objectStorage"] as const) {
    problems.push(...destinationProblems(`reach.${key}`, reach[key]));
  }
  return problems;
}

function destinationProblems(path: string, destination: EgressDestination): ArgProblem[] {
  const problems: ArgProblem[] = [];
  const inCluster = destination.namespace !== undefined;
  const outside = destination.cidrs !== undefined;
  if (inCluster === outside) {
    problems.push({
      propertyPath: path,
      reason: "give exactly one of namespace (a service in the cluster) or cidrs (outside it)",
    });
  }
  if (destination.namespace === "") {
    problems.push({ propertyPath: `${path}.namespace`, reason: "must name a namespace" });
  }
  if (outside && destination.cidrs!.length === 0) {
    problems.push({ propertyPath: `${path}.cidrs`, reason: "list the service's addresses" });
  }
  destination.cidrs?.forEach((text, i) => {
    const cidr = parseCidr(text);
    if (!cidr) {
      problems.push({ propertyPath: `${path}.cidrs[${i}]`, reason: `"${text}" is not a CIDR` });
    } else if (isInternetWide(cidr)) {
      problems.push({
        propertyPath: `${path}.cidrs[${i}]`,
        reason: `"${text}" would open the workspace to a large share of the internet; give the service's own addresses`,
      });
    }
  });
  if (destination.ports.length === 0) {
    problems.push({ propertyPath: `${path}.ports`, reason: "list at least one port" });
  }
  destination.ports.forEach((p, i) => {
    if (!Number.isInteger(p.port) || p.port < 1 || p.port > 65535) {
      problems.push({
        propertyPath: `${path}.ports[${i}]`,
        reason: `${p.port} is not a port number`,
      });
    }
  });
  return problems;
}
