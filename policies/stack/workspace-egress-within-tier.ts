import { tierControls, type DataTier, type TierControls } from "../catalog/data-tiers";
import { labelKeys, mirrorRole, namespaceNameLabel } from "../catalog/labels";
import { contains, isNonPublic, parsePrefix, type Prefix } from "../lib/cidr";
import { stackPolicies } from "../lib/define";
import {
  inNamespace,
  isWorkspaceNamespace,
  declaredNamespaces,
  StackIndex,
  type NamespaceInfo,
} from "../lib/stack-index";
import { isUnknown, list, num, obj, str, stringMap, type Props } from "../lib/values";
import { req } from "../requirements";

/** Ranges an open-data workspace's internet allowance must except: pods, nodes, platform, metadata. */
const internalRanges = [
  "10.0.0.0/8",
  "172.16.0.0/12",
  "192.168.0.0/16",
  "100.64.0.0/10",
  // Link-local: the cloud's metadata service (169.254.169.254) hands out instance credentials.
  "169.254.0.0/16",
].map((c) => parsePrefix(c) as Prefix);

const dnsPort = 53;
/** The workspace's own object storage is reached over HTTPS, nothing else in the platform. */
const storagePort = 443;

interface Context {
  readonly tier: DataTier;
  readonly controls: TierControls;
  readonly namespaces: ReadonlyMap<string, NamespaceInfo>;
  readonly isWorkspace: (ns: NamespaceInfo) => boolean;
}

interface RulePort {
  readonly port?: number;
  readonly protocol: string;
  /** Not known yet (preview): not judged; the rule's known ports still are. */
  readonly unknown: boolean;
}

/** Ports of a rule, undefined when it opens every port (no `ports`), "unknown" at preview. */
function rulePorts(rule: Props): RulePort[] | undefined | "unknown" {
  if (isUnknown(rule.ports)) return "unknown";
  const ports = list(rule.ports);
  if (!ports || ports.length === 0) return undefined;
  return ports.map((value) => {
    const p = obj(value);
    return {
      port: num(p?.port),
      protocol: str(p?.protocol) ?? "TCP",
      unknown: isUnknown(value) || isUnknown(p?.port) || isUnknown(p?.protocol),
    };
  });
}

/** Every known port of the rule is `allowed` (and of `protocol`, when given): never all ports. */
const onlyPorts = (ports: ReturnType<typeof rulePorts>, allowed: number, protocol?: string) =>
  ports === "unknown" ||
  (ports !== undefined &&
    ports.every(
      (p) =>
        p.unknown ||
        (p.port === allowed && (protocol === undefined || p.protocol.toUpperCase() === protocol)),
    ));

/**
 * Why an egress peer goes beyond the tier, undefined when it is one of the allowed flows, or
 * `{ unknown }` naming what cannot be judged during preview.
 */
function peerProblem(
  peer: Props,
  rule: Props,
  ctx: Context,
): string | { unknown: string } | undefined {
  const ports = rulePorts(rule);
  const block = obj(peer.ipBlock);
  if (block) {
    if (isUnknown(block.cidr)) return { unknown: "its ipBlock's cidr" };
    const cidr = parsePrefix(str(block.cidr) ?? "");
    if (!cidr) return `ipBlock "${String(block.cidr)}" is not a CIDR`;
    if (isNonPublic(cidr)) {
      // HTTPS is TCP: UDP or SCTP 443 to the platform's ranges is not the object storage.
      return onlyPorts(ports, storagePort, "TCP")
        ? undefined
        : `reaches the platform's private range ${cidr.text} on ${ports ? "ports other than TCP 443" : "every port"}; only the workspace's object storage (HTTPS) is allowed`;
    }
    if (!ctx.controls.internetEgress) {
      return `reaches the internet (${cidr.text}) but tier ${ctx.tier} allows no internet egress`;
    }
    const excepted = (list(block.except) ?? []).map((e) => parsePrefix(str(e) ?? ""));
    const open = internalRanges.filter(
      (range) =>
        contains(cidr, range) && !excepted.some((e) => e !== undefined && contains(e, range)),
    );
    return open.length > 0
      ? `internet allowance ${cidr.text} does not except ${open.map((r) => r.text).join(", ")}: it would reach other workspaces, the platform or the cloud's metadata service`
      : undefined;
  }
  const nsSelector = obj(peer.namespaceSelector);
  const podLabels = stringMap(obj(peer.podSelector)?.matchLabels);
  if (!nsSelector) return undefined; // a podSelector alone stays inside the namespace
  if (isUnknown(nsSelector.matchLabels) || isUnknown(nsSelector.matchExpressions))
    return { unknown: "its namespaceSelector" };
  if ((list(nsSelector.matchExpressions) ?? []).length > 0) {
    return "selects namespaces by expression; name the destination namespace";
  }
  const target = stringMap(nsSelector.matchLabels)[namespaceNameLabel];
  if (target === undefined) {
    return "selects namespaces by label rather than by name; it may select other workspaces";
  }
  const ns = ctx.namespaces.get(target);
  if (ns && ctx.isWorkspace(ns)) return `reaches workspace namespace "${target}"`;
  if (target === "kube-system" && podLabels["k8s-app"] === "kube-dns") {
    return onlyPorts(ports, dnsPort) ? undefined : "reaches the cluster DNS on ports other than 53";
  }
  const isMirror =
    ns?.labels[labelKeys.role] === mirrorRole || podLabels[labelKeys.role] === mirrorRole;
  if (isMirror) {
    if (ctx.controls.mirror === "none") {
      return `reaches the package mirror but tier ${ctx.tier} has no mirror access`;
    }
    const access = podLabels[labelKeys.mirrorAccess];
    if (ctx.controls.mirror === "allowlist" && access !== "allowlist") {
      return `reaches ${access ? `the "${access}"` : "every"} package-mirror proxy but tier ${ctx.tier} may only use the allowlist proxy (${labelKeys.mirrorAccess}: allowlist)`;
    }
    return undefined;
  }
  return `reaches namespace "${target}", which is neither the cluster DNS nor the package mirror`;
}

/**
 * A workspace's egress stays within its data tier (policies/catalog/data-tiers.ts): the cluster
 * DNS, its own object storage over HTTPS, the package-mirror proxy its tier grants, and the
 * internet (minus every internal range) only where the tier allows it. Nothing else: no other
 * namespace, no other workspace, no rule that opens every destination.
 */
export function workspaceEgressWithinTier() {
  return stackPolicies({
    name: "kubernetes-core-namespace-workspace-egress-within-tier",
    description:
      "A workspace's NetworkPolicies allow no egress beyond its data tier: DNS, its object storage, its tier's package mirror, and the internet only at tier 0.",
    enforcementLevel: "mandatory",
    meta: {
      area: "stack",
      severity: "critical",
      requirements: [req.sncNetworkSegregation, req.hdsConfidentiality, req.isoSegregation],
      remediation:
        "Allow egress only to kube-system's kube-dns on 53, the object-storage endpoint on 443, and the package-mirror proxy labelled with the tier's mirror access; remove any other destination.",
      settings: ["workspaceComponentTypes", "workspaceNamespacePattern"],
    },
    validate: (args, settings, report, unknown) => {
      const index = StackIndex.of(args.resources);
      const all = declaredNamespaces(index);
      const isWorkspace = (ns: NamespaceInfo) => isWorkspaceNamespace(ns, settings);
      const workspaces = all.filter(isWorkspace);
      if (workspaces.length === 0) return;
      const byName = new Map(all.filter((n) => n.name).map((n) => [n.name!, n]));
      const policies = index.matching((t) => /^kubernetes:[^:]+:NetworkPolicy$/.test(t));
      for (const ns of workspaces) {
        const tierText = ns.labels[labelKeys.classification];
        const tier = Number(tierText) as DataTier;
        // Without a known tier there is nothing to compare with; ownership-labels flags it.
        if (tierText === undefined || !(tier in tierControls)) continue;
        const ctx: Context = {
          tier,
          controls: tierControls[tier],
          namespaces: byName,
          isWorkspace,
        };
        for (const policy of policies) {
          if (!inNamespace(index, policy, ns)) continue;
          const spec = obj(policy.props.spec);
          const where = `Workspace "${ns.name ?? ns.resource.name}" (tier ${tier}): NetworkPolicy "${policy.name}"`;
          if (isUnknown(policy.props.spec) || isUnknown(spec?.egress)) {
            unknown(`${where}: \`egress\` unknown during preview.`, policy.urn);
            continue;
          }
          for (const [i, rule] of (list(spec?.egress) ?? []).entries()) {
            const r = obj(rule) ?? {};
            if (isUnknown(rule) || isUnknown(r.to)) {
              unknown(`${where}: egress[${i}].to unknown during preview.`, policy.urn);
              continue;
            }
            const peers = list(r.to) ?? [];
            if (peers.length === 0) {
              report(`${where} allows egress to every destination.`, policy.urn);
              continue;
            }
            for (const [j, peer] of peers.entries()) {
              const problem = isUnknown(peer)
                ? { unknown: "the peer" }
                : peerProblem(obj(peer) ?? {}, r, ctx);
              if (typeof problem === "string") report(`${where} ${problem}.`, policy.urn);
              else if (problem)
                unknown(
                  `${where}: egress[${i}].to[${j}]: ${problem.unknown} unknown during preview.`,
                  policy.urn,
                );
            }
          }
        }
      }
    },
  });
}
