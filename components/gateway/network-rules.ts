/**
 * The flows of the gateway namespace, as pure data: after its default-deny policy, each pod
 * kind gets one policy that lists everything it may receive and send. The chain is
 *
 *   edge load balancer -> web (Guacamole, 8080) -> guacd (4822) -> kiosk of project X (VNC 5900)
 *     -> workspace X's tool port, and nothing else
 *
 * so a kiosk reaches exactly one workspace, and only guacd reaches the kiosks.
 */
import { labelKeys, namespaceNameLabel } from "../../policies/catalog/labels";
import { kioskLabels, kioskVncPort } from "./connections";
import type { GatewayWorkspace } from "./gateway-args";
import type { PolicyPeer, PolicyPort } from "../workspace/network-rules";
import { clusterDnsPeer, dnsPorts } from "../shared/namespace-guards";

export const webPort = 8080;
export const guacdPort = 4822;
export const databasePort = 5432;

/** Labels of each fixed pod kind of the gateway. */
export const podLabels = {
  web: { "app.kubernetes.io/name": "guacamole", [labelKeys.component]: "gateway-web" },
  guacd: { "app.kubernetes.io/name": "guacd", [labelKeys.component]: "gateway-guacd" },
  database: { "app.kubernetes.io/name": "postgres", [labelKeys.component]: "gateway-database" },
} as const;

export interface GatewayRule {
  readonly peers: PolicyPeer[];
  readonly ports: PolicyPort[];
}

/** One NetworkPolicy: which pods, and their complete ingress and egress. */
export interface GatewayPolicy {
  /** Policy name, also the pulumi child-name suffix. */
  readonly name: string;
  readonly podSelector: Record<string, string>;
  readonly ingress: GatewayRule[];
  readonly egress: GatewayRule[];
}

export interface GatewayFlowInput {
  /** Where the edge's traffic arrives from (the platform zone: nodes and internal load balancer). */
  readonly ingressCidrs: readonly string[];
  /** Identity provider addresses (JWKS over HTTPS). */
  readonly identityCidrs: readonly string[];
  readonly workspaces: readonly GatewayWorkspace[];
}

const dns: GatewayRule = { peers: [clusterDnsPeer], ports: dnsPorts };

const local = (labels: Record<string, string>): PolicyPeer => ({
  podSelector: { matchLabels: { ...labels } },
});
const tcp = (port: number): PolicyPort[] => [{ protocol: "TCP", port }];

export function gatewayPolicies(input: GatewayFlowInput): GatewayPolicy[] {
  const allKiosks = { [labelKeys.component]: "gateway-kiosk" };
  const policies: GatewayPolicy[] = [
    {
      name: "web",
      podSelector: { ...podLabels.web },
      ingress: [
        { peers: input.ingressCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: tcp(webPort) },
      ],
      egress: [
        dns,
        { peers: [local(podLabels.guacd)], ports: tcp(guacdPort) },
        { peers: [local(podLabels.database)], ports: tcp(databasePort) },
        { peers: input.identityCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: tcp(443) },
      ],
    },
    {
      name: "guacd",
      podSelector: { ...podLabels.guacd },
      ingress: [{ peers: [local(podLabels.web)], ports: tcp(guacdPort) }],
      egress: [dns, { peers: [local(allKiosks)], ports: tcp(kioskVncPort) }],
    },
    {
      name: "database",
      podSelector: { ...podLabels.database },
      ingress: [{ peers: [local(podLabels.web)], ports: tcp(databasePort) }],
      egress: [],
    },
  ];
  for (const workspace of input.workspaces) {
    policies.push({
      name: `kiosk-${workspace.projectId}`,
      podSelector: kioskLabels(workspace.projectId),
      ingress: [{ peers: [local(podLabels.guacd)], ports: tcp(kioskVncPort) }],
      egress: [
        dns,
        {
          peers: [
            { namespaceSelector: { matchLabels: { [namespaceNameLabel]: workspace.namespace } } },
          ],
          ports: tcp(workspace.toolPort),
        },
      ],
    });
  }
  return policies;
}
