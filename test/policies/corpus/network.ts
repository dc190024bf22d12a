/**
 * Network: port security off on ports and networks, NodePort Services in every form, and load
 * balancer listeners opening a sensitive port to public sources (explicitly, or by an empty
 * allow-list on an internet-facing load balancer). The listeners pass TLS through (HTTPS), so
 * only the exposure is at stake.
 */
import { unknown, type Stack } from "../baseline";
import { bad, good, unknownOf, type Case } from "./case";

export const networkPolicies = {
  portSecurity: "openstack-networking-port-security-enabled",
  nodePort: "kubernetes-core-service-no-node-port",
  listener: "openstack-loadbalancer-listener-no-sensitive-port-from-internet",
  fip: "openstack-networking-floatingip-bastion-only",
  publicNet: "openstack-networking-port-no-public-network",
} as const;
const P = networkPolicies;

const lbType = "openstack:loadbalancer/loadBalancer:LoadBalancer";
const loadBalancer = (s: Stack, vipNetworkId = "platform-net") =>
  s.add("db-lb", lbType, { vipNetworkId });
const listener = (s: Stack, port: number, allowedCidrs?: string[]) =>
  s.add(
    "db-listener",
    "openstack:loadbalancer/listener:Listener",
    {
      protocol: "HTTPS",
      protocolPort: port,
      loadbalancerId: unknown,
      ...(allowedCidrs ? { allowedCidrs } : {}),
    },
    { propertyDependencies: { loadbalancerId: [s.urn(lbType, "db-lb")] } },
  );
const service = (s: Stack, type: string, kind = "Service") =>
  s.add(`svc-${kind}`, `kubernetes:core/v1:${kind}`, {
    metadata: { name: "db", namespace: "platform" },
    spec: { type, ports: [{ port: 5432 }], selector: { app: "db" } },
  });

export const networkCases: Case[] = [
  bad("a port with port security off is rejected", [P.portSecurity], (s) =>
    s.add("router-port", "openstack:networking/port:Port", {
      networkId: "platform-net",
      portSecurityEnabled: false,
    }),
  ),
  bad("a network turning port security off for its ports is rejected", [P.portSecurity], (s) =>
    s.add("flat-net", "openstack:networking/network:Network", {
      name: "flat",
      portSecurityEnabled: "false",
    }),
  ),
  good("a port with port security on and security groups passes", (s) =>
    s.add("app-port", "openstack:networking/port:Port", {
      networkId: "platform-net",
      portSecurityEnabled: true,
      securityGroupIds: [unknown],
    }),
  ),
  bad(
    "port security unknown during preview is reported as unknown",
    [unknownOf(P.portSecurity)],
    (s) =>
      s.add("later-port", "openstack:networking/port:Port", {
        networkId: "platform-net",
        portSecurityEnabled: unknown,
      }),
  ),

  bad("a NodePort Service outside any workspace is rejected", [P.nodePort], (s) =>
    service(s, "NodePort"),
  ),
  bad("a ServicePatch turning a live Service into a NodePort is rejected", [P.nodePort], (s) =>
    service(s, "nodeport", "ServicePatch"),
  ),
  bad("a NodePort Service as the second item of a ServiceList is rejected", [P.nodePort], (s) =>
    s.add("svcs", "kubernetes:core/v1:ServiceList", {
      items: [
        { metadata: { name: "a", namespace: "platform" }, spec: { type: "ClusterIP" } },
        { metadata: { name: "b", namespace: "platform" }, spec: { type: "NodePort" } },
      ],
    }),
  ),
  good("a ClusterIP Service passes", (s) => service(s, "ClusterIP")),
  bad(
    "a Service type unknown during preview is reported as unknown",
    [unknownOf(P.nodePort)],
    (s) => service(s, unknown),
  ),

  bad("a PostgreSQL listener admitting 0.0.0.0/0 is rejected", [P.listener], (s) => {
    loadBalancer(s);
    listener(s, 5432, ["10.0.0.0/8", "0.0.0.0/0"]);
  }),
  bad("a Kubernetes API listener admitting ::/0 is rejected", [P.listener], (s) => {
    loadBalancer(s);
    listener(s, 6443, ["::/0"]);
  }),
  bad(
    "an SSH listener without allow-list on a load balancer with a floating IP is rejected",
    [P.listener, P.fip],
    (s) => {
      loadBalancer(s);
      listener(s, 22);
      s.add(
        "db-lb-ip",
        "openstack:networking/floatingIpAssociate:FloatingIpAssociate",
        { floatingIp: "198.51.100.7", portId: unknown },
        { propertyDependencies: { portId: [s.urn(lbType, "db-lb")] } },
      );
    },
  ),
  bad(
    "a MySQL listener without allow-list on a load balancer on the external network is rejected",
    [P.listener, P.publicNet],
    (s) => {
      loadBalancer(s, "Ext-Net");
      listener(s, 3306);
    },
  ),
  good("a PostgreSQL listener admitting only the platform network passes", (s) => {
    loadBalancer(s);
    listener(s, 5432, ["10.42.0.0/16"]);
  }),
  good("an SSH listener without allow-list on a private load balancer passes", (s) => {
    loadBalancer(s);
    listener(s, 22);
  }),
  bad(
    "a sensitive listener whose allow-list is unknown during preview is reported as unknown",
    [unknownOf(P.listener)],
    (s) => {
      loadBalancer(s);
      s.add("db-listener", "openstack:loadbalancer/listener:Listener", {
        protocol: "HTTPS",
        protocolPort: 5432,
        loadbalancerId: unknown,
        allowedCidrs: unknown,
      });
    },
  ),
];
