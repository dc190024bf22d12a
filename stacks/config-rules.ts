/**
 * Rules that relate configuration fields to each other or to the outside world (the cloud
 * catalogue, today's date). Each returns problems rather than throwing, so the user sees all of
 * them at once.
 */
import {
  cloudProfiles,
  euMemberStates,
  findRegion,
  knownProviders,
} from "../policies/catalog/cloud-profiles";
import {
  canonicalCidr,
  cidrsOverlap,
  isInternetWide,
  isNetworkAddress,
  parseCidr,
  type Cidr,
} from "../components/network/cidr";
import { researcherCidrProblem } from "../components/gateway/researcher-cidrs";
import { cronScheduleProblem } from "../components/backup/backup-values";
import { extraEuRegistryOperator } from "../policies/catalog/jurisdictions";
import { tierControls, type DataTier } from "../policies/catalog/data-tiers";
import { reservedGroups } from "../components/shared/reserved-groups";
import { auditStackNamePattern } from "../components/audit/audit-log-args";
import type { ConfigProblem } from "./config-error";
import { egressAddressProblems, endpointProblems } from "./endpoint-rules";
import { airlockProblems } from "./airlock-rules";
import { operatorOfHost } from "../policies/catalog/endpoint-operators";
import type { RawPlatformConfig } from "./config-schema";

interface RuleContext {
  stack: string;
  today: Date;
  /** Config paths given as secrets (`pulumi config set --secret`); a path covers what is below it. */
  securePaths?: readonly (readonly string[])[];
}

type Rule = (config: RawPlatformConfig, context: RuleContext) => ConfigProblem[];

/** A rule and the top-level sections it reads: it runs only when all of them parsed. */
interface SectionRule {
  sections: readonly (keyof RawPlatformConfig)[];
  check: Rule;
}

const zoneKeys = ["bastion", "platform", "workspaces", "data"] as const;

/** Regions: known to the profile (or declared for generic OpenStack) and in the EU. */
const regionRules: Rule = (config) => {
  const profile = cloudProfiles[config.cloud.profile];
  const problems: ConfigProblem[] = [];
  const isGeneric = profile.id === "generic-openstack";
  const euNames = profile.regions.filter((r) => euMemberStates.has(r.country)).map((r) => r.name);
  const check = (key: "primaryRegion" | "recoveryRegion", name: string) => {
    const path = ["cloud", key];
    if (isGeneric) {
      const declared = config.cloud.declaredRegions?.find((r) => r.name === name);
      if (!declared) {
        problems.push({
          path,
          message: `region "${name}" is not declared; add it to hdh:cloud.declaredRegions with its country code`,
        });
      } else if (!euMemberStates.has(declared.country)) {
        problems.push({
          path,
          message: `region "${name}" is declared in ${declared.country}, outside the EU; health data must stay in an EU member state`,
        });
      }
      return;
    }
    const known = profile.regions.find((r) => r.name === name);
    const elsewhere = known ? undefined : findRegion(name);
    if (elsewhere) {
      const other = knownProviders[elsewhere.profile];
      const inEu = euMemberStates.has(elsewhere.country);
      problems.push({
        path,
        message: `"${name}" is not a ${profile.id} region: it belongs to ${other.entry.name} (${other.operator}, ${other.operatorJurisdiction} law), in ${elsewhere.location} (${elsewhere.country})${inEu ? "" : ", outside the EU"}; use one of its EU regions: ${euNames.join(", ")}`,
      });
    } else if (!known) {
      problems.push({
        path,
        message: `"${name}" is not a ${profile.id} region; use one of its EU regions: ${euNames.join(", ")}`,
      });
    } else if (!euMemberStates.has(known.country)) {
      problems.push({
        path,
        message: `"${name}" is in ${known.location} (${known.country}), outside the EU; use one of ${euNames.join(", ")}`,
      });
    }
  };
  check("primaryRegion", config.cloud.primaryRegion);
  if (config.cloud.recoveryRegion !== undefined) {
    check("recoveryRegion", config.cloud.recoveryRegion);
    if (config.cloud.recoveryRegion === config.cloud.primaryRegion) {
      problems.push({
        path: ["cloud", "recoveryRegion"],
        message:
          "must differ from primaryRegion: a disaster-recovery copy in the same region protects against nothing",
      });
    }
  } else if (config.environment === "prod") {
    problems.push({
      path: ["cloud", "recoveryRegion"],
      message: `production needs a second EU region for backups and disaster recovery; add one of ${euNames.filter((n) => n !== config.cloud.primaryRegion).join(", ") || "the profile's EU regions"}`,
    });
  }
  if (isGeneric && !config.cloud.authUrl) {
    problems.push({
      path: ["cloud", "authUrl"],
      message:
        "generic-openstack has no default Keystone endpoint; set the https:// auth URL of your EU cloud",
    });
  }
  if (!isGeneric && config.cloud.declaredRegions !== undefined) {
    problems.push({
      path: ["cloud", "declaredRegions"],
      message: `only generic-openstack takes declared regions; ${profile.id}'s regions come from the catalogue, remove this key`,
    });
  }
  const volumeType = config.cloud.encryptedVolumeType;
  if (
    volumeType !== undefined &&
    !isGeneric &&
    !profile.encryptedVolumeTypes.includes(volumeType)
  ) {
    problems.push({
      path: ["cloud", "encryptedVolumeType"],
      message: `"${volumeType}" is not an encrypted volume type of ${profile.id}; use one of ${profile.encryptedVolumeTypes.join(", ")}`,
    });
  }
  return problems;
};

/**
 * The cluster mode must be a Kubernetes the provider really offers (policies/catalog/
 * provider-catalogue.ts): no Magnum on OVHcloud Public Cloud, MKS only on OVHcloud, Magnum on a
 * generic OpenStack only when its operator declares it in hdh:cloud.services.
 */
const clusterServiceRules: Rule = (config) => {
  const profile = cloudProfiles[config.cloud.profile];
  const mode = config.cluster.mode;
  const isGeneric = profile.id === "generic-openstack";
  const offer = isGeneric
    ? (config.cloud.services?.kubernetes ?? "none")
    : profile.entry.services.kubernetes.value.offer;
  const problems: ConfigProblem[] = [];
  if (!isGeneric && config.cloud.services !== undefined) {
    problems.push({
      path: ["cloud", "services"],
      message: `only generic-openstack declares its services; ${profile.id}'s come from the catalogue (docs/providers.md), remove this key`,
    });
  }
  if (mode === "magnum" && offer !== "magnum") {
    problems.push({
      path: ["cluster", "mode"],
      message: isGeneric
        ? "Magnum is not declared for this cloud: declare it with hdh:cloud.services.kubernetes: magnum if your OpenStack offers it, or use an existing kubeconfig (mode: existing)"
        : `Magnum is not offered by ${profile.entry.name}: use ${profile.entry.ovhApiEndpoint ? "ovh-managed" : "its managed Kubernetes"} or an existing kubeconfig (mode: existing)`,
    });
  }
  if (mode === "ovh-managed" && profile.entry.ovhApiEndpoint === undefined) {
    problems.push({
      path: ["cluster", "mode"],
      message: `OVHcloud Managed Kubernetes is offered only by the ovhcloud profile, not by ${profile.id}: use ${isGeneric ? "magnum (declared in hdh:cloud.services) or " : ""}an existing kubeconfig (mode: existing)`,
    });
  }
  return problems;
};

/**
 * The encrypted volume type must exist in each region the platform uses: OVHcloud's -luks types
 * exist only in some regions (docs/providers.md).
 */
const regionalVolumeTypeRules: Rule = (config) => {
  const profile = cloudProfiles[config.cloud.profile];
  if (profile.id === "generic-openstack") return [];
  const volumeType = config.cloud.encryptedVolumeType ?? profile.defaultEncryptedVolumeType;
  if (!profile.encryptedVolumeTypes.includes(volumeType)) return []; // reported by regionRules
  const problems: ConfigProblem[] = [];
  for (const key of ["primaryRegion", "recoveryRegion"] as const) {
    const name = config.cloud[key];
    const region = name === undefined ? undefined : profile.regions.find((r) => r.name === name);
    if (region && !region.encryptedVolumeTypes.includes(volumeType)) {
      problems.push({
        path: ["cloud", key],
        message:
          region.encryptedVolumeTypes.length === 0
            ? `${profile.entry.name} offers no encrypted (LUKS) volume type in ${region.name}: choose a region that does (docs/providers.md)`
            : `the encrypted volume type "${volumeType}" is not offered in ${region.name}; set hdh:cloud.encryptedVolumeType to one of ${region.encryptedVolumeTypes.join(", ")}`,
      });
    }
  }
  return problems;
};

/** Zones: valid network addresses, private, and no two overlapping. */
const networkRules: Rule = (config) => {
  const problems: ConfigProblem[] = [];
  const parsed: { key: string; cidr: Cidr }[] = [];
  for (const key of zoneKeys) {
    const text = config.network[key];
    const cidr = parseCidr(text);
    if (!cidr || cidr.version !== 4) {
      problems.push({
        path: ["network", key],
        message: `"${text}" is not an IPv4 CIDR; write a private range such as 10.42.0.0/24`,
      });
      continue;
    }
    if (!isNetworkAddress(cidr)) {
      problems.push({
        path: ["network", key],
        message: `"${text}" has host bits set; write the network address (for example ${canonicalCidr(cidr)})`,
      });
      continue;
    }
    if (cidr.address.range() !== "private") {
      problems.push({
        path: ["network", key],
        message: `"${text}" is not a private (RFC 1918) range; zones are never publicly routed`,
      });
    }
    if (cidr.prefix > 28) {
      problems.push({
        path: ["network", key],
        message: `"${text}" is too small for a zone; use /28 or larger`,
      });
    }
    parsed.push({ key, cidr });
  }
  for (let i = 0; i < parsed.length; i++) {
    for (let j = i + 1; j < parsed.length; j++) {
      if (cidrsOverlap(parsed[i].cidr, parsed[j].cidr)) {
        problems.push({
          path: ["network", parsed[j].key],
          message: `${parsed[j].cidr.text} overlaps hdh:network.${parsed[i].key} (${parsed[i].cidr.text}); give each zone its own range`,
        });
      }
    }
  }
  config.network.dnsNameservers.forEach((server, index) => {
    if (!/^\d{1,3}(\.\d{1,3}){3}$/.test(server) || !parseCidr(`${server}/32`)) {
      problems.push({
        path: ["network", "dnsNameservers", String(index)],
        message: `"${server}" is not an IPv4 address`,
      });
    }
  });
  const outsideRanges = [
    ...config.network.egressHttpsCidrs.map((text, index) => ({
      key: "egressHttpsCidrs",
      text,
      index,
    })),
    ...config.network.objectStorageCidrs.map((text, index) => ({
      key: "objectStorageCidrs",
      text,
      index,
    })),
  ];
  outsideRanges.forEach(({ key, text, index }) => {
    const path = ["network", key, String(index)];
    const cidr = parseCidr(text);
    if (!cidr || cidr.version !== 4) {
      problems.push({
        path,
        message: `"${text}" is not an IPv4 CIDR; name the endpoint's own range, such as 203.0.113.10/32`,
      });
    } else if (isInternetWide(cidr)) {
      problems.push({
        path,
        message: `"${text}" lets nodes reach ${cidr.prefix === 0 ? "the whole internet" : "a large share of the internet"} over HTTPS; list the cloud API, registry and mirror ranges (/8 or narrower)`,
      });
    } else if (!isNetworkAddress(cidr)) {
      problems.push({
        path,
        message: `"${text}" has host bits set; write the network address (for example ${canonicalCidr(cidr)})`,
      });
    }
  });
  return problems;
};

/** Admin CIDRs: real CIDRs, never the internet or a large share of it. */
const bastionRules: Rule = (config) => {
  const problems: ConfigProblem[] = [];
  config.bastion.adminCidrs.forEach((text, index) => {
    const path = ["bastion", "adminCidrs", String(index)];
    const cidr = parseCidr(text);
    if (!cidr) {
      problems.push({
        path,
        message: `"${text}" is not a CIDR; write your administrators' network, such as 203.0.113.0/24`,
      });
    } else if (isInternetWide(cidr)) {
      problems.push({
        path,
        message: `"${text}" opens SSH to ${cidr.prefix === 0 ? "the whole internet" : "a large share of the internet"}; name your administrators' own network (/${cidr.version === 4 ? "8" : "16"} or narrower)`,
      });
    } else if (!isNetworkAddress(cidr)) {
      problems.push({
        path,
        message: `"${text}" has host bits set; write the network address (for example ${canonicalCidr(cidr)})`,
      });
    }
  });
  return problems;
};

/** In production the audit store lives in its own project, out of the operators' reach. */
const auditRules: Rule = (config) =>
  config.environment === "prod" && config.audit.project === undefined
    ? [
        {
          path: ["audit", "project"],
          message:
            "production keeps the audit store in a project of its own, so operators cannot delete audit objects; name that OpenStack project",
        },
      ]
    : [];

/** Production needs a control plane with quorum. */
const clusterRules: Rule = (config) => {
  if (
    config.environment === "prod" &&
    config.cluster.mode === "magnum" &&
    config.cluster.masterCount < 3
  ) {
    return [
      {
        path: ["cluster", "masterCount"],
        message: "production needs 3 or 5 control-plane nodes for etcd quorum",
      },
    ];
  }
  return [];
};

/**
 * What leaves the platform over HTTPS, and may reach nothing else, needs the addresses declared
 * in hdh:network.egressHttpsCidrs: the backups to the recovery region (Keystone, Cinder, Swift),
 * the airlock mover (Keystone) and, for tiers that use it, the package mirror's upstreams.
 */
const httpsEgressRules: Rule = (config) => {
  if (config.network.egressHttpsCidrs.length > 0) return [];
  const mirrorUsers = config.workspaces.filter(
    (w) => tierControls[w.tier as DataTier].mirror !== "none",
  );
  const needs = [
    ...(config.cloud.recoveryRegion !== undefined
      ? ["the backups to the recovery region (the cloud's Keystone, Cinder and Swift endpoints)"]
      : []),
    ...(config.workspaces.length > 0 ? ["the airlock mover (Keystone)"] : []),
    ...(mirrorUsers.length > 0
      ? [
          `the package mirror's upstream repositories or your egress proxy (used by ${mirrorUsers
            .slice(0, 3)
            .map((w) => `"${w.id}", tier ${w.tier}`)
            .join("; ")}${mirrorUsers.length > 3 ? "..." : ""})`,
        ]
      : []),
  ];
  if (needs.length === 0) return [];
  return [
    {
      path: ["network", "egressHttpsCidrs"],
      message: `${needs.join(", ")} call out over HTTPS and may reach nothing else; list their address ranges here`,
    },
  ];
};

/**
 * Workspaces: unique ids and owner groups, authorisation still running. Checked over the whole
 * hub (a platform and its workspace stacks, docs/hub-stacks.md): a group owning two workspaces
 * would hold both projects' data, which the register and the airlock treat as one project's.
 */
const workspaceRules: Rule = (config, context) => {
  const problems: ConfigProblem[] = [];
  const seen = new Map<string, number>();
  const groups = new Map<string, number>();
  const today = context.today.toISOString().slice(0, 10);
  config.workspaces.forEach((workspace, index) => {
    const first = seen.get(workspace.id);
    if (first !== undefined) {
      problems.push({
        path: ["workspaces", String(index), "id"],
        message: `"${workspace.id}" is already the id of hdh:workspaces[${first}]; each project needs its own id`,
      });
    } else {
      seen.set(workspace.id, index);
    }
    const owner = groups.get(workspace.ownerGroup);
    if (owner !== undefined) {
      problems.push({
        path: ["workspaces", String(index), "ownerGroup"],
        message: `"${workspace.ownerGroup}" already owns hdh:workspaces[${owner}]; each project needs its own researchers' OIDC group`,
      });
    } else {
      groups.set(workspace.ownerGroup, index);
    }
    const reserved = reservedGroups.get(workspace.ownerGroup);
    if (reserved) {
      problems.push({
        path: ["workspaces", String(index), "ownerGroup"],
        message: `"${workspace.ownerGroup}" is ${reserved}; a project's researchers never hold that role over their own project: give the project its own OIDC group`,
      });
    }
    // A workspace being closed may outlive its authorisation: closing is what ends it.
    if (workspace.expires <= today && workspace.closure === undefined) {
      problems.push({
        path: ["workspaces", String(index), "expires"],
        message: `the authorisation ended on ${workspace.expires} (today is ${today}); renew it and write the new end date, or close the workspace`,
      });
    }
  });
  return problems;
};

/** The registry must be a named host operated under EU law (no implicit Docker Hub). */
const registryRules: Rule = (config) => {
  const host = config.registry.split("/")[0].split(":")[0];
  if (!host.includes(".")) {
    return [
      {
        path: ["registry"],
        message: `"${config.registry}" has no registry host, so images would come from Docker Hub (US); write your EU registry's host first, such as registry.hdh.example.fr/hdh`,
      },
    ];
  }
  const operator =
    extraEuRegistryOperator(host) ??
    (operatorOfHost(host)?.eu === false ? operatorOfHost(host) : undefined);
  if (operator) {
    return [
      {
        path: ["registry"],
        message: `${host} is operated by ${operator.operator} under ${operator.jurisdiction} law; mirror the images into your EU registry and name it here`,
      },
    ];
  }
  return [];
};

/** Config values that are credentials; each must be stored encrypted in the stack file. */
const credentialPaths: readonly (readonly string[])[] = [["cluster", "kubeconfig"]];

/** Credentials in plain text are refused: the stack file is committed, a secret there leaks. */
const credentialRules: Rule = (config, context) => {
  const secure = context.securePaths ?? [];
  const isSecure = (path: readonly string[]) =>
    secure.some((prefix) => prefix.every((part, i) => path[i] === part));
  return credentialPaths
    .filter((path) => valueAt(config, path) !== undefined && !isSecure(path))
    .map((path) => ({
      path: [...path],
      message: `a credential in plain text; remove it and run \`pulumi config set --secret --path 'hdh:${path.join(".")}' < file\` so it is stored encrypted`,
    }));
};

function valueAt(root: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>(
    (node, key) =>
      node !== null && typeof node === "object"
        ? (node as Record<string, unknown>)[key]
        : undefined,
    root,
  );
}

/** Day `days` after `day` (both YYYY-MM-DD). */
function addDays(day: string, days: number): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

type ArchiveRecord = NonNullable<RawPlatformConfig["workspaces"][number]["closure"]>["archive"];
type KeyFate = RawPlatformConfig["closedWorkspaces"][number]["key"];

/** A finished archive names its day and manifest hash, and its key outlives the retention. */
function archiveProblems(
  path: string[],
  archive: ArchiveRecord,
  key: KeyFate | undefined,
  tier: number,
): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  if (archive.status !== "done") return problems;
  for (const field of ["completedOn", "manifestSha256"] as const) {
    if (archive[field] === undefined) {
      problems.push({
        path: [...path, "archive", field],
        message: `a done archive records ${field === "completedOn" ? "the day it was verified" : "its manifest's SHA-256"}; write it from the archivist's report`,
      });
    }
  }
  if (!key) {
    problems.push({
      path: [...path, "key"],
      message:
        "a done archive records its key's fate: fate: retained, destroyAfter: <end of retention>",
    });
  } else if (archive.completedOn) {
    const earliest = addDays(
      archive.completedOn,
      tierControls[tier as DataTier].archiveRetentionDays,
    );
    if (key.destroyAfter < earliest) {
      problems.push({
        path: [...path, "key", "destroyAfter"],
        message: `tier ${tier} archives are kept ${tierControls[tier as DataTier].archiveRetentionDays} days; the key may not be destroyed before ${earliest}`,
      });
    }
  }
  if (key?.fate === "destroyed" && key.destroyedOn === undefined) {
    problems.push({
      path: [...path, "key", "destroyedOn"],
      message: "a destroyed key records the day it was destroyed",
    });
  }
  if (
    key?.fate === "destroyed" &&
    key.destroyedOn !== undefined &&
    key.destroyedOn < key.destroyAfter
  ) {
    problems.push({
      path: [...path, "key", "destroyedOn"],
      message: `destroyed on ${key.destroyedOn}, before the end of retention ${key.destroyAfter}; record the real dates`,
    });
  }
  return problems;
}

/**
 * Closing and closed workspaces: the program refuses to remove a workspace (move it to
 * closedWorkspaces) whose archive is not recorded as done, and every done archive is complete.
 */
const lifecycleRules: Rule = (config) => {
  const problems: ConfigProblem[] = [];
  const open = new Set(config.workspaces.map((w) => w.id));
  config.workspaces.forEach((workspace, index) => {
    if (!workspace.closure) return;
    const path = ["workspaces", String(index), "closure"];
    problems.push(
      ...archiveProblems(path, workspace.closure.archive, workspace.closure.key, workspace.tier),
    );
  });
  const seen = new Map<string, number>();
  config.closedWorkspaces.forEach((closed, index) => {
    const path = ["closedWorkspaces", String(index)];
    if (open.has(closed.id)) {
      problems.push({
        path: [...path, "id"],
        message: `"${closed.id}" is still in hdh:workspaces; a workspace is either open (or closing) or closed: remove one of the two entries`,
      });
    }
    const first = seen.get(closed.id);
    if (first !== undefined) {
      problems.push({
        path: [...path, "id"],
        message: `"${closed.id}" is already closed in hdh:closedWorkspaces[${first}]`,
      });
    }
    seen.set(closed.id, index);
    if (closed.archive.status !== "done") {
      problems.push({
        path: [...path, "archive", "status"],
        message: `refusing to remove workspace "${closed.id}": its archive is not recorded as done; keep it in hdh:workspaces with a closure block until the archivist records status: done`,
      });
    }
    problems.push(...archiveProblems(path, closed.archive, closed.key, closed.tier));
  });
  return problems;
};

/**
 * The research gateway faces researchers' networks: named ranges, never the internet, unless the
 * named opt-out says so; it must reach its identity provider.
 */
const gatewayRules: Rule = (config) => {
  const gateway = config.gateway;
  if (!gateway) return [];
  const problems: ConfigProblem[] = [];
  if (gateway.researcherCidrs.length === 0 && !gateway.allowInternetResearchers) {
    problems.push({
      path: ["gateway", "researcherCidrs"],
      message:
        "name the researchers' networks (universities, hospitals, VPN exits) in CIDR form; to open the gateway to every network instead, set allowInternetResearchers: true",
    });
  }
  gateway.researcherCidrs.forEach((text, index) => {
    const message = researcherCidrProblem(text);
    if (message) problems.push({ path: ["gateway", "researcherCidrs", String(index)], message });
  });
  gateway.identityCidrs.forEach((text, index) => {
    const path = ["gateway", "identityCidrs", String(index)];
    const cidr = parseCidr(text);
    if (!cidr || cidr.version !== 4 || isInternetWide(cidr) || !isNetworkAddress(cidr)) {
      problems.push({
        path,
        message: `"${text}" must be the identity provider's own IPv4 network (/8 or narrower, no host bits), such as 192.0.2.0/24`,
      });
    }
  });
  if (gateway.identityCidrs.length === 0 && config.network.egressHttpsCidrs.length === 0) {
    problems.push({
      path: ["gateway", "identityCidrs"],
      message:
        "the gateway fetches the identity provider's signing keys over HTTPS; list the provider's addresses here (or in hdh:network.egressHttpsCidrs)",
    });
  }
  return problems;
};

/**
 * Backups: they need the recovery region they go to; production backs up the workspaces'
 * persistent volumes too, so it must name the CSI driver's cluster; restores are named once each.
 */
const backupRules: Rule = (config) => {
  const problems: ConfigProblem[] = [];
  const { backup } = config;
  const asksForBackups =
    backup.csiCluster !== undefined ||
    backup.schedule !== undefined ||
    backup.retentionDays !== undefined ||
    backup.restores.length > 0;
  if (asksForBackups && config.cloud.recoveryRegion === undefined) {
    problems.push({
      path: ["backup"],
      message:
        "backups and restores go to the recovery region; set hdh:cloud.recoveryRegion or remove hdh:backup",
    });
  }
  if (
    config.environment === "prod" &&
    config.workspaces.length > 0 &&
    backup.csiCluster === undefined
  ) {
    problems.push({
      path: ["backup", "csiCluster"],
      message:
        "production backs up the workspaces' persistent volumes; write the Cinder CSI driver's --cluster value (docs/backup-and-restore.md shows how to read it)",
    });
  }
  if (backup.schedule !== undefined) {
    const problem = cronScheduleProblem(backup.schedule);
    if (problem) problems.push({ path: ["backup", "schedule"], message: problem });
  }
  const firstIndex = new Map<string, number>();
  backup.restores.forEach((restore, index) => {
    const first = firstIndex.get(restore.key);
    if (first === undefined) firstIndex.set(restore.key, index);
    else {
      problems.push({
        path: ["backup", "restores", String(index), "key"],
        message: `"${restore.key}" is already restores[${first}]; each restored volume needs its own key`,
      });
    }
  });
  return problems;
};

/** The stack's name becomes part of resource names (the audit chain, its container and key). */
const stackNameRules: Rule = (_config, context) =>
  auditStackNamePattern.test(context.stack)
    ? []
    : [
        {
          path: [],
          message: `the stack name "${context.stack}" names the audit chain, its container and key, which take 1-31 lower-case letters, digits or '-'; rename the stack (pulumi stack rename) and its Pulumi.<stack>.yaml`,
        },
      ];

const rules: readonly SectionRule[] = [
  { sections: [], check: stackNameRules },
  // Each reads only the sections that parsed (a broken one is undefined here).
  { sections: [], check: endpointProblems },
  { sections: [], check: egressAddressProblems },
  { sections: ["cluster"], check: credentialRules },
  { sections: ["registry"], check: registryRules },
  { sections: ["audit", "environment"], check: auditRules },
  { sections: ["cloud", "environment"], check: regionRules },
  { sections: ["network"], check: networkRules },
  { sections: ["bastion"], check: bastionRules },
  { sections: ["cluster", "environment"], check: clusterRules },
  { sections: ["cloud", "cluster"], check: clusterServiceRules },
  { sections: ["cloud"], check: regionalVolumeTypeRules },
  { sections: ["workspaces"], check: workspaceRules },
  { sections: ["workspaces", "closedWorkspaces"], check: lifecycleRules },
  { sections: ["cloud", "network", "workspaces"], check: httpsEgressRules },
  { sections: ["gateway", "network"], check: gatewayRules },
  { sections: ["airlock", "workspaces"], check: airlockProblems },
  { sections: ["backup", "cloud", "environment", "workspaces"], check: backupRules },
];

/**
 * Problems that relate fields to each other. `brokenSections` names top-level sections that did
 * not pass the schema: rules reading them are skipped (their input is not trustworthy), as are
 * rules whose sections are missing altogether (reported by the schema). The gateway and the
 * airlock are optional.
 */
export function crossFieldProblems(
  config: RawPlatformConfig,
  context: RuleContext,
  brokenSections: ReadonlySet<string> = new Set(),
): ConfigProblem[] {
  return rules
    .filter((rule) =>
      rule.sections.every(
        (s) =>
          !brokenSections.has(s) && (config[s] !== undefined || s === "gateway" || s === "airlock"),
      ),
    )
    .flatMap((rule) => rule.check(config, context));
}
