/**
 * Mermaid flowchart of a planned stack: the network zones (subnets and their CIDRs) with what
 * runs in each, the security-group flows between zones and to and from outside, the Kubernetes
 * cluster and the workspaces. Drawn from the normalised resources alone, so it shows what the
 * program would build, not what a document says it builds.
 *
 * Zones are recognised by the logical names the Network component gives (`<net>-<zone>`,
 * `<net>-<zone>-subnet`, `<net>-<zone>-sg`); a resource that fits no zone is drawn outside.
 */
import { createHash } from "node:crypto";
import type { NormalizedResource } from "../../offline/resource-model";
import { isWorkspaceType } from "./resource-index";

const types = {
  subnet: /^openstack:networking\/subnet(V2)?:Subnet(V2)?$/,
  network: /^openstack:networking\/network(V2)?:Network(V2)?$/,
  secGroup: /^openstack:networking\/secGroup(V2)?:SecGroup(V2)?$/,
  rule: /^openstack:networking\/secGroupRule(V2)?:SecGroupRule(V2)?$/,
  instance: /^openstack:compute\/instance(V2)?:Instance(V2)?$/,
  port: /^openstack:networking\/port(V2)?:Port(V2)?$/,
  floatingIp: /^openstack:networking\/floatingIp(V2)?:FloatingIp(V2)?$/,
  // A Magnum cluster, or an OVHcloud Managed Kubernetes one (its nodes join the platform zone).
  cluster: /^(openstack:containerinfra\/cluster(V1)?:Cluster(V1)?|ovh:CloudProject\/kube:Kube)$/,
  namespace: /^kubernetes:core\/v1:Namespace$/,
};

interface Zone {
  key: string;
  id: string;
  label: string;
  cidr?: string;
  members: string[];
}

export interface DiagramInput {
  resources: readonly NormalizedResource[];
  /** Physical id → URN, to follow references such as a rule's `securityGroupId`. */
  urnById: ReadonlyMap<string, string>;
  title: string;
}

export function renderMermaid(input: DiagramInput): string {
  const byUrn = new Map(input.resources.map((r) => [r.urn, r]));
  const resourceById = (id: unknown): NormalizedResource | undefined =>
    typeof id === "string" ? byUrn.get(input.urnById.get(id) ?? "") : undefined;

  const zones = new Map<string, Zone>();
  for (const r of input.resources) {
    if (!types.subnet.test(r.type)) continue;
    const key = zoneKey(r.name);
    const cidr = typeof r.inputs.cidr === "string" ? r.inputs.cidr : undefined;
    const label = `${String(r.inputs.name ?? key)}${cidr ? ` ${cidr}` : ""}`;
    zones.set(key, { key, id: nodeId("zone", key), label, cidr, members: [] });
  }
  const zoneOfKey = (name: string): Zone | undefined => zones.get(zoneKey(name));
  const zoneOfCidr = (cidr: string): Zone | undefined =>
    [...zones.values()].find((z) => z.cidr === cidr);

  const outside = new Map<string, string>(); // node id → label
  const edges = new Map<string, Set<string>>(); // "from-->to" → labels
  const addEdge = (from: string, to: string, label: string): void => {
    const k = `${from}-->${to}`;
    (edges.get(k) ?? edges.set(k, new Set()).get(k)!).add(label);
  };
  const externalNode = (cidr: string): string => {
    const internet = cidr === "0.0.0.0/0" || cidr === "::/0";
    const id = internet ? "internet" : nodeId("net", cidr);
    outside.set(id, internet ? "Internet" : cidr);
    return id;
  };

  for (const r of input.resources) {
    if (types.instance.test(r.type)) {
      const networks = Array.isArray(r.inputs.networks)
        ? (r.inputs.networks as Record<string, unknown>[])
        : [];
      // An instance joins a network directly (`uuid`) or through a port (`port` → its networkId).
      const net = networks
        .map((n) => resourceById(n?.uuid) ?? resourceById(resourceById(n?.port)?.inputs.networkId))
        .find(Boolean);
      const zone = net ? zoneOfKey(net.name) : undefined;
      const id = nodeId("vm", r.urn);
      const line = `${id}["${label(`VM ${String(r.inputs.name ?? r.name)}`)}"]`;
      if (zone) zone.members.push(line);
      else outside.set(id, `VM ${r.name}`);
    }
    if (types.floatingIp.test(r.type)) {
      const net = resourceById(resourceById(r.inputs.portId)?.inputs.networkId);
      const zone = net ? zoneOfKey(net.name) : undefined;
      if (zone) {
        outside.set("internet", "Internet");
        addEdge("internet", zone.id, "floating IP");
      }
    }
    if (types.cluster.test(r.type)) {
      const zone = [...zones.values()].find((z) => z.key.endsWith("platform"));
      const line = `${nodeId("k8s", r.urn)}[["${label(`Kubernetes cluster ${String(r.inputs.name ?? r.name)}`)}"]]`;
      if (zone) zone.members.push(line);
      else outside.set(nodeId("k8s", r.urn), `Kubernetes cluster ${r.name}`);
    }
    if (!types.rule.test(r.type)) continue;
    const group = resourceById(r.inputs.securityGroupId);
    const zone = group ? zoneOfKey(group.name) : undefined;
    if (!zone) continue;
    const remote =
      typeof r.inputs.remoteIpPrefix === "string" ? r.inputs.remoteIpPrefix : undefined;
    const remoteGroup = resourceById(r.inputs.remoteGroupId);
    const peer = remoteGroup
      ? zoneOfKey(remoteGroup.name)?.id
      : remote
        ? (zoneOfCidr(remote)?.id ?? externalNode(remote))
        : undefined;
    if (!peer) continue;
    const what = portLabel(r.inputs);
    if (r.inputs.direction === "ingress") addEdge(peer, zone.id, what);
    // Flows between zones appear as an ingress on the receiving side; draw egress only when it leaves the zones.
    else if (r.inputs.direction === "egress" && !zoneOfCidr(remote ?? "") && !remoteGroup)
      addEdge(zone.id, peer, what);
  }

  const workspaces = input.resources.filter((r) => isWorkspaceType(r.type));
  const tierOf = new Map<string, string>();
  for (const r of input.resources) {
    if (!types.namespace.test(r.type) || !r.parent) continue;
    const labels =
      (r.inputs.metadata as { labels?: Record<string, unknown> } | undefined)?.labels ?? {};
    const tier = Object.entries(labels).find(([k]) => /tier|classification/.test(k))?.[1];
    if (typeof tier === "string") tierOf.set(r.parent, tier);
  }

  const out = ["flowchart LR", `  %% ${label(input.title)}`];
  for (const [id, text] of [...outside.entries()].sort()) out.push(`  ${id}(["${label(text)}"])`);
  for (const z of [...zones.values()].sort((a, b) => a.key.localeCompare(b.key))) {
    out.push(`  subgraph ${z.id}["${label(`zone ${z.label}`)}"]`);
    out.push(`    ${z.id}_sg{{"${label("security group (deny by default)")}"}}`);
    for (const m of z.members) out.push(`    ${m}`);
    out.push("  end");
  }
  if (workspaces.length > 0) {
    out.push(
      `  subgraph workspaces_k8s["${label(`research workspaces (${workspaces.length}), one namespace each`)}"]`,
    );
    for (const w of workspaces) {
      const tier =
        tierOf.get(w.urn) ?? [...tierOf.entries()].find(([p]) => p.startsWith(w.urn))?.[1];
      out.push(
        `    ${nodeId("ws", w.urn)}["${label(`${w.name}${tier ? ` · tier ${tier}` : ""}`)}"]`,
      );
    }
    out.push("  end");
    const workspaceZone = [...zones.values()].find((z) => z.key.endsWith("workspaces"));
    if (workspaceZone) out.push(`  workspaces_k8s -.-|"runs in"| ${workspaceZone.id}`);
  }
  for (const [k, labels] of [...edges.entries()].sort()) {
    const [from, to] = k.split("-->");
    out.push(`  ${from} -->|"${label([...labels].sort().join(", "))}"| ${to}`);
  }
  return out.join("\n") + "\n";
}

/** `main-bastion-subnet`, `main-bastion-sg`, `main-bastion` → `main-bastion`. */
function zoneKey(name: string): string {
  return name.replace(/-(subnet|sg|secgroup|network|net)$/, "");
}

function portLabel(inputs: Record<string, unknown>): string {
  const protocol = typeof inputs.protocol === "string" ? inputs.protocol : "any";
  const min = inputs.portRangeMin;
  const max = inputs.portRangeMax;
  if (typeof min !== "number") return protocol;
  return `${protocol}/${min === max || max === undefined ? min : `${min}-${max}`}`;
}

/** A Mermaid-safe id: readable from the logical name, unique by a short hash of the whole key. */
function nodeId(prefix: string, key: string): string {
  const readable = (key.split("::").pop() ?? key)
    .replace(/[^A-Za-z0-9]+/g, "_")
    .replace(/^_+|_+$/g, "")
    .slice(0, 40);
  const hash = createHash("sha256").update(key).digest("hex").slice(0, 6);
  return `${prefix}_${readable}_${hash}`;
}

/** Mermaid label text: quotes and angle brackets as entities. */
function label(text: string): string {
  return text.replace(/"/g, "#quot;").replace(/</g, "#lt;").replace(/>/g, "#gt;");
}
