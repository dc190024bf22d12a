/**
 * Network: port security off on ports and networks (or anti-spoofing opened by an address pair),
 * networks shared with every project, file shares exported to public addresses, NodePort
 * Services in every form, and load balancer listeners opening a sensitive port to public sources
 * (explicitly, or by an empty allow-list on an internet-facing load balancer). The listeners pass TLS through (HTTPS), so
 * only the exposure is at stake.
 */
import { compliantInstance, unknown, type Stack } from "../baseline";
import { bad, good, unknownOf, type Case } from "./case";

export const networkPolicies = {
  portSecurity: "openstack-networking-port-security-enabled",
  sharedNetwork: "openstack-networking-network-not-shared-with-all-projects",
  shareAccess: "openstack-sharedfilesystem-share-access-not-public",
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

/** A Neutron RBAC policy granting `access_as_shared` on an object of `objectType`. */
const rbacPolicy = (s: Stack, key: string, objectType: string, targetTenant: string) =>
  s.add(key, "openstack:networking/rbacPolicyV2:RbacPolicyV2", {
    action: "access_as_shared",
    objectType,
    objectId: unknown,
    targetTenant,
  });
/** A Manila access rule on a share of another stack. */
const shareAccess = (
  s: Stack,
  key: string,
  accessType: string,
  accessTo: string,
  accessLevel: string,
) =>
  s.add(key, "openstack:sharedfilesystem/shareAccess:ShareAccess", {
    shareId: unknown,
    accessType,
    accessTo,
    accessLevel,
  });

const instanceType = "openstack:compute/instance:Instance";
const portType = "openstack:networking/port:Port";
const bastionParents = ["hdh:bastion:Bastion"];
/** A host on its own port (the instance depends on the port through `networks`). */
const hostOnPort = (s: Stack, host: string, parents: string[] = []) => {
  s.add(
    `${host}-port`,
    portType,
    { networkId: "platform-net", portSecurityEnabled: true },
    { parents },
  );
  s.add(host, instanceType, compliantInstance([{ port: unknown }]), {
    parents,
    propertyDependencies: { networks: [s.urn(portType, `${host}-port`, parents)] },
  });
  return s.urn(portType, `${host}-port`, parents);
};
/** A route resource whose `property` comes from `from` (as the engine records during preview). */
const route = (s: Stack, key: string, type: string, property: string, from: string, extra = {}) =>
  s.add(
    key,
    type,
    { [property]: unknown, ...extra },
    { propertyDependencies: { [property]: [from] } },
  );
const fipType = "openstack:networking/floatingIp:FloatingIp";
const netAssocType = "openstack:networking/floatingIpAssociate:FloatingIpAssociate";
const computeAssocType = "openstack:compute/floatingIpAssociate:FloatingIpAssociate";
const forwardingType = "openstack:networking/portForwardingV2:PortForwardingV2";

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
    "a port allowing 0.0.0.0/0 as an address pair (anti-spoofing off) is rejected",
    [P.portSecurity],
    (s) =>
      s.add("vip-port", portType, {
        networkId: "platform-net",
        allowedAddressPairs: [{ ipAddress: "10.42.0.10" }, { ipAddress: "0.0.0.0/0" }],
      }),
  ),
  bad("a port allowing ::/0 as an address pair is rejected", [P.portSecurity], (s) =>
    s.add("vip-port", portType, {
      networkId: "platform-net",
      allowedAddressPairs: [{ ipAddress: "::/0", macAddress: "fa:16:3e:00:00:01" }],
    }),
  ),
  good("a port allowing its VRRP address and the cluster's private pod range passes", (s) =>
    s.add("vip-port", portType, {
      networkId: "platform-net",
      allowedAddressPairs: [{ ipAddress: "10.42.0.10/32" }, { ipAddress: "10.244.0.0/16" }],
    }),
  ),
  bad("a network with shared: true is rejected", [P.sharedNetwork], (s) =>
    s.add("lab-net", "openstack:networking/network:Network", { name: "lab", shared: true }),
  ),
  bad(
    "an RBAC policy sharing a network with every project (*) is rejected",
    [P.sharedNetwork],
    (s) => rbacPolicy(s, "share-all", "network", "*"),
  ),
  good("an RBAC policy sharing a network with one named project passes", (s) =>
    rbacPolicy(s, "share-one", "network", "20415a973c9e45d3917f078950644697"),
  ),
  good(
    "an RBAC policy sharing a QoS policy with every project passes (no reach into a network)",
    (s) => rbacPolicy(s, "qos-all", "qos_policy", "*"),
  ),
  bad(
    "an RBAC policy whose target project is unknown during preview is reported as unknown",
    [unknownOf(P.sharedNetwork)],
    (s) => rbacPolicy(s, "share-x", "network", unknown),
  ),
  bad("a file share exported read-write to 0.0.0.0/0 is rejected", [P.shareAccess], (s) =>
    shareAccess(s, "nfs-all", "ip", "0.0.0.0/0", "rw"),
  ),
  bad("a file share exported read-only to one public address is rejected", [P.shareAccess], (s) =>
    shareAccess(s, "nfs-pub", "IP", "51.210.10.20", "ro"),
  ),
  good("a file share exported to the platform subnet, and one by user, pass", (s) => {
    shareAccess(s, "nfs-lan", "ip", "10.42.0.0/16", "rw");
    shareAccess(s, "cifs-user", "user", "analyst", "ro");
  }),
  bad(
    "a file share whose export address is unknown during preview is reported as unknown",
    [unknownOf(P.shareAccess)],
    (s) => shareAccess(s, "nfs-x", "ip", unknown, "rw"),
  ),
  bad(
    "an SSH listener without allow-list whose load balancer is not in the stack is reported as unknown",
    [unknownOf(P.listener)],
    (s) => listener(s, 22),
  ),
  bad(
    "a PostgreSQL listener without allow-list on a load balancer whose VIP network is unknown is reported as unknown",
    [unknownOf(P.listener)],
    (s) => {
      loadBalancer(s, unknown);
      listener(s, 5432);
    },
  ),
  good(
    "an HTTPS listener on 443 without allow-list, load balancer not in the stack, passes",
    (s) => {
      listener(s, 443);
    },
  ),
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
  // Floating IPs are judged by what they reach, through every association route.
  bad(
    "a floating IP named as a bastion's but on a database host's port is rejected",
    [P.fip],
    (s) => route(s, "bastion-fip", fipType, "portId", hostOnPort(s, "db"), { pool: "Ext-Net" }),
  ),
  good("an anonymous floating IP on a bastion host's port passes", (s) =>
    route(s, "public-ip", fipType, "portId", hostOnPort(s, "jump", bastionParents), {
      pool: "Ext-Net",
    }),
  ),
  bad("a networking association of a floating IP to a worker's port is rejected", [P.fip], (s) => {
    s.add("spare-ip", fipType, { pool: "Ext-Net" });
    route(s, "spare-ip-assoc", netAssocType, "portId", hostOnPort(s, "app"), {
      floatingIp: "198.51.100.30",
    });
  }),
  good("a networking association of an anonymous floating IP to a bastion's port passes", (s) => {
    s.add("spare-ip", fipType, { pool: "Ext-Net" });
    s.add(
      "spare-ip-assoc",
      netAssocType,
      { floatingIp: unknown, portId: unknown },
      {
        propertyDependencies: {
          floatingIp: [s.urn(fipType, "spare-ip")],
          portId: [hostOnPort(s, "jump", bastionParents)],
        },
      },
    );
  }),
  bad("a compute association of a floating IP to a declared worker is rejected", [P.fip], (s) =>
    route(s, "ip-assoc", computeAssocType, "instanceId", s.urn(instanceType, "worker"), {
      floatingIp: "198.51.100.31",
    }),
  ),
  good("a compute association of a floating IP to a bastion instance passes", (s) => {
    hostOnPort(s, "jump", bastionParents);
    route(
      s,
      "ip-assoc",
      computeAssocType,
      "instanceId",
      s.urn(instanceType, "jump", bastionParents),
      {
        floatingIp: "198.51.100.31",
      },
    );
  }),
  bad(
    "a port forwarding from a bastion-named address to a database port is rejected",
    [P.fip],
    (s) =>
      route(s, "bastion-forward", forwardingType, "internalPortId", hostOnPort(s, "db"), {
        floatingipId: "fip-1",
        externalPort: 5432,
        internalPort: 5432,
        protocol: "tcp",
      }),
  ),
  bad(
    "a floating IP on a load balancer's VIP port outside any bastion is rejected",
    [P.fip],
    (s) => {
      loadBalancer(s);
      route(s, "lb-ip", fipType, "portId", s.urn(lbType, "db-lb"), { pool: "Ext-Net" });
    },
  ),
  good("a floating IP on the gateway edge's load balancer (tagged as a bastion) passes", (s) => {
    s.add("edge-lb", lbType, {
      vipNetworkId: "bastion-net",
      tags: ["hdh.health/role=bastion"],
    });
    route(s, "gateway-ip", fipType, "portId", s.urn(lbType, "edge-lb"), { pool: "Ext-Net" });
  }),
  bad(
    "a bastion-named association whose target is unknown and from no resource is reported as unknown",
    [unknownOf(P.fip)],
    (s) =>
      s.add("bastion-assoc", computeAssocType, {
        floatingIp: "198.51.100.32",
        instanceId: unknown,
      }),
  ),
];
