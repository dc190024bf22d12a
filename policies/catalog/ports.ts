/**
 * Ports that must never be reachable from the internet: remote administration, databases,
 * Kubernetes control plane and node agents. Scanned for within every rule's port range.
 */
export interface SensitivePort {
  readonly port: number;
  readonly service: string;
}

export const sensitivePorts: readonly SensitivePort[] = [
  { port: 22, service: "SSH" },
  { port: 23, service: "Telnet" },
  { port: 3389, service: "RDP" },
  { port: 5900, service: "VNC" },
  { port: 5985, service: "WinRM" },
  { port: 5986, service: "WinRM over TLS" },
  { port: 1433, service: "Microsoft SQL Server" },
  { port: 1521, service: "Oracle Database" },
  { port: 3306, service: "MySQL/MariaDB" },
  { port: 5432, service: "PostgreSQL" },
  { port: 5984, service: "CouchDB" },
  { port: 6379, service: "Redis" },
  { port: 7000, service: "Cassandra inter-node" },
  { port: 9042, service: "Cassandra" },
  { port: 9200, service: "Elasticsearch/OpenSearch" },
  { port: 11211, service: "Memcached" },
  { port: 27017, service: "MongoDB" },
  { port: 2379, service: "etcd client" },
  { port: 2380, service: "etcd peer" },
  { port: 6443, service: "Kubernetes API" },
  { port: 10250, service: "kubelet API" },
  { port: 10255, service: "kubelet read-only API" },
  { port: 10257, service: "kube-controller-manager" },
  { port: 10259, service: "kube-scheduler" },
];

/** SSH: the one sensitive port a bastion may open, and only to the administrators' networks. */
export const sshPort = 22;
