/**
 * One research project's analysis workspace: a locked-down namespace bound to the project's
 * legal authorisation (labels), its researchers (RBAC), its data tier (network flows, quotas),
 * and its own key, volume and object storage.
 *
 * Stands alone: everything comes in through `WorkspaceArgs` (see workspace-args.ts), so the same
 * component runs inside the platform stack or in a per-project stack reading the platform's
 * outputs through a StackReference.
 */
import * as k8s from "@pulumi/kubernetes";
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { tierControls, type TierControls } from "../../policies/catalog/data-tiers";
import { labelKeys, workspaceRole } from "../../policies/catalog/labels";
import { ManagedKey } from "../kms/managed-key";
import { throwIfInvalid, type ArgProblem } from "../shared/validation";
import { analysisPodSpec, cpuQuantity } from "./analysis-pod";
import { imageProblems, imageReference, workspaceImages } from "./images";
import {
  containerName,
  keyName,
  storageAreas,
  workspaceNamespace,
  type StorageArea,
} from "./names";
import { closingAreaAccess, storageAreaAccess, swiftAcl } from "./storage-areas";
import { lifecycleOptions, type LifecycleStage } from "./lifecycle";
import { ownershipMetadata } from "../shared/ownership";
import { reachProblems, workspaceFlows, type FlowRule, type WorkspaceFlows } from "./network-rules";
import { researcherRules } from "./researcher-role";
import type { WorkspaceArgs } from "./workspace-args";
import { defaultDenyNetworkPolicy, restrictedPodSecurityLabels } from "../shared/namespace-guards";

export type { WorkspaceArgs } from "./workspace-args";

/** Platform-wide airlock groups when the platform does not name its own. */
export const defaultAirlockGroups = {
  stewards: "hdh-data-stewards",
  reviewers: "hdh-airlock-reviewers",
} as const;

/** Pods a project may run at once: its tool, a restart overlapping it, and airlock helpers. */
const maxPods = 4;

export class Workspace extends pulumi.ComponentResource {
  /** Project id (the workspace id). */
  public readonly projectId: string;
  /** Kubernetes namespace holding the workspace. */
  public readonly namespace: pulumi.Output<string>;
  /** The tier's controls the workspace was built with. */
  public readonly controls: TierControls;
  /** Network flows allowed, as data (for reports and the register). */
  public readonly flows: WorkspaceFlows;
  /** Barbican reference of the workspace's own key. */
  public readonly keyRef: pulumi.Output<string>;
  /** Object-storage container of each area (working data, airlock areas, archive). */
  public readonly containers: Readonly<Record<StorageArea, pulumi.Output<string>>>;
  /** Name of the claim holding the researchers' work. */
  public readonly volumeClaim: pulumi.Output<string>;
  /** Lifecycle stage: open, closing (access revoked, archiving) or archived. */
  public readonly stage: LifecycleStage;

  constructor(name: string, args: WorkspaceArgs, opts?: pulumi.ComponentResourceOptions) {
    const config = args.config;
    const images = args.images ?? workspaceImages;
    const pin = images[config.tool];
    const production = args.production ?? false;
    const groupPrefix = args.oidcGroupPrefix ?? "oidc:";
    const storagePolicy = args.storagePolicy ?? "encrypted";
    validate(args, pin === undefined);
    super("hdh:workspace:Workspace", name, {}, opts);

    const controls = tierControls[config.tier];
    const flows = workspaceFlows(config.tier, args.reach, pin.port, args.gateway);
    const namespaceName = workspaceNamespace(config.id);
    const k8sOpts = { parent: this, provider: args.kubernetesProvider };
    // Stateful resources: in production a `pulumi destroy` or a removed config entry must not
    // erase a project's data; closing follows docs/workspace-lifecycle.md instead.
    const lifecycle = lifecycleOptions(config, production);
    const stateful = { protect: lifecycle.protect, retainOnDelete: lifecycle.retainData };
    const ownership = ownershipMetadata({
      project: config.id,
      classification: String(config.tier),
      ownerGroup: config.ownerGroup,
    });
    const appLabels = {
      "app.kubernetes.io/name": config.tool,
      "app.kubernetes.io/part-of": "hdh-workspace",
      [labelKeys.project]: config.id,
    };

    const key = new ManagedKey(
      `${name}-key`,
      {
        keyName: keyName(config.id),
        provider: args.openstackProvider,
        region: args.region,
        protectData: lifecycle.protect,
        retainOnDelete: lifecycle.retainArchive,
      },
      { parent: this },
    );

    const namespace = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      {
        metadata: {
          name: namespaceName,
          labels: {
            [labelKeys.role]: workspaceRole,
            [labelKeys.project]: config.id,
            [labelKeys.classification]: String(config.tier),
            [labelKeys.authorisationKind]: config.authorisation.kind,
            [labelKeys.authorisation]: config.authorisation.reference,
            [labelKeys.expires]: config.expires,
            [labelKeys.ownerGroup]: config.ownerGroup,
            [labelKeys.lifecycle]: lifecycle.stage,
            ...restrictedPodSecurityLabels,
          },
        },
      },
      { ...k8sOpts, ...stateful },
    );
    const ns = namespace.metadata.name;
    const inNamespace = { ...k8sOpts, dependsOn: [namespace] };

    new k8s.core.v1.ResourceQuota(
      `${name}-quota`,
      {
        metadata: { name: "workspace", namespace: ns },
        spec: {
          hard: {
            "requests.cpu": cpuQuantity(config.cpu * 2),
            "limits.cpu": cpuQuantity(config.cpu * 2),
            "requests.memory": `${config.memoryGiB * 2}Gi`,
            "limits.memory": `${config.memoryGiB * 2}Gi`,
            "requests.storage": `${config.storageGiB}Gi`,
            persistentvolumeclaims: "1",
            pods: String(maxPods),
            "services.loadbalancers": "0",
            "services.nodeports": "0",
          },
        },
      },
      inNamespace,
    );
    new k8s.core.v1.LimitRange(
      `${name}-limits`,
      {
        metadata: { name: "workspace", namespace: ns },
        spec: {
          limits: [
            {
              type: "Container",
              default: { cpu: "500m", memory: "512Mi" },
              defaultRequest: { cpu: "100m", memory: "256Mi" },
              max: { cpu: cpuQuantity(config.cpu), memory: `${config.memoryGiB}Gi` },
            },
            { type: "PersistentVolumeClaim", max: { storage: `${config.storageGiB}Gi` } },
          ],
        },
      },
      inNamespace,
    );

    defaultDenyNetworkPolicy(`${name}-default-deny`, ns, inNamespace);
    const role = new k8s.rbac.v1.Role(
      `${name}-researcher-role`,
      {
        metadata: { name: "researcher", namespace: ns },
        rules: researcherRules.map((r) => ({ ...r })),
      },
      inNamespace,
    );
    const serviceAccount = new k8s.core.v1.ServiceAccount(
      `${name}-analysis-sa`,
      {
        metadata: { name: "analysis", namespace: ns },
        automountServiceAccountToken: false,
      },
      inNamespace,
    );
    const claim = new k8s.core.v1.PersistentVolumeClaim(
      `${name}-work`,
      {
        metadata: { name: "work", namespace: ns, labels: ownership },
        spec: {
          accessModes: ["ReadWriteOnce"],
          storageClassName: args.encryptedStorageClass,
          resources: { requests: { storage: `${config.storageGiB}Gi` } },
        },
      },
      { ...inNamespace, ...stateful },
    );

    // Everything that gives a person access exists only while the workspace is open: closing
    // removes the allowed flows, the researchers' binding and the analysis pod in one deployment.
    if (lifecycle.accessOpen) {
      new k8s.networking.v1.NetworkPolicy(
        `${name}-allow`,
        {
          metadata: { name: `allow-tier-${config.tier}`, namespace: ns },
          spec: {
            podSelector: {},
            policyTypes: ["Ingress", "Egress"],
            egress: flows.egress.map(toApiRule("to")),
            ingress: flows.ingress.map(toApiRule("from")),
          },
        },
        inNamespace,
      );
      new k8s.rbac.v1.RoleBinding(
        `${name}-researchers`,
        {
          metadata: { name: "researchers", namespace: ns },
          roleRef: {
            apiGroup: "rbac.authorization.k8s.io",
            kind: "Role",
            name: role.metadata.name,
          },
          subjects: [
            {
              apiGroup: "rbac.authorization.k8s.io",
              kind: "Group",
              name: `${groupPrefix}${config.ownerGroup}`,
            },
          ],
        },
        inNamespace,
      );
      const pod = analysisPodSpec({
        labels: appLabels,
        image: imageReference(args.registry, pin),
        pin,
        cpu: config.cpu,
        memoryGiB: config.memoryGiB,
        claimName: "work",
        serviceAccountName: "analysis",
      });
      new k8s.apps.v1.Deployment(
        `${name}-analysis`,
        {
          metadata: { name: config.tool, namespace: ns, labels: appLabels },
          spec: {
            replicas: 1,
            // The work volume is ReadWriteOnce: the old pod must let go before the new one mounts.
            strategy: { type: "Recreate" },
            selector: { matchLabels: appLabels },
            template: pod,
          },
        },
        { ...inNamespace, dependsOn: [namespace, claim, serviceAccount] },
      );
      new k8s.core.v1.Service(
        `${name}-service`,
        {
          metadata: { name: config.tool, namespace: ns, labels: appLabels },
          spec: {
            type: "ClusterIP",
            selector: appLabels,
            ports: [{ name: "http", port: pin.port, targetPort: pin.port, protocol: "TCP" }],
          },
        },
        inNamespace,
      );
    }

    // One container per area, each with its own ACL (storage-areas.ts). No temp-URL key is ever
    // set: a pre-signed link would be a credential the workspace could carry out.
    const access = lifecycle.accessOpen
      ? storageAreaAccess(config.id)
      : closingAreaAccess(config.id);
    const containers = {} as Record<StorageArea, pulumi.Output<string>>;
    for (const area of storageAreas) {
      const container = new openstack.objectstorage.Container(
        `${name}-${area}`,
        {
          name: containerName(config.id, area),
          region: args.region,
          storagePolicy,
          containerRead: swiftAcl(access[area].read),
          containerWrite: swiftAcl(access[area].write),
          versioning: true,
          forceDestroy: false,
          metadata: {
            ...ownership,
            area,
            purpose: access[area].purpose,
            "kms-key": key.secretRef,
          },
        },
        {
          parent: this,
          provider: args.openstackProvider,
          protect: lifecycle.protect,
          // The archive outlives the workspace, like its key: both go only by crypto-shredding.
          retainOnDelete: area === "archive" ? lifecycle.retainArchive : lifecycle.retainData,
        },
      );
      containers[area] = container.name;
    }

    this.projectId = config.id;
    this.namespace = ns;
    this.controls = controls;
    this.flows = flows;
    this.keyRef = key.secretRef;
    this.containers = containers;
    this.volumeClaim = claim.metadata.name;
    this.stage = lifecycle.stage;
    this.registerOutputs({
      projectId: this.projectId,
      namespace: this.namespace,
      keyRef: this.keyRef,
      containers: this.containers,
      volumeClaim: this.volumeClaim,
      stage: this.stage,
    });
  }
}

/** A flow rule in the Kubernetes API's shape (`to` for egress, `from` for ingress). */
function toApiRule(direction: "to" | "from") {
  return (rule: FlowRule) => ({ [direction]: rule.peers, ports: rule.ports });
}

function validate(args: WorkspaceArgs, missingImage: boolean): void {
  const config = args.config;
  const problems: ArgProblem[] = [];
  if (!tierControls[config.tier]) {
    problems.push({ propertyPath: "config.tier", reason: `${config.tier} is not a tier 0-4` });
  }
  if (!args.region) {
    problems.push({ propertyPath: "region", reason: "name the OpenStack region of the data" });
  }
  if (
    !args.registry ||
    args.registry.includes("@") ||
    /:[^/]*$/.test(args.registry.split("/").pop() ?? "")
  ) {
    problems.push({
      propertyPath: "registry",
      reason: `"${args.registry}" must be the EU registry host and path only; images add their own digest`,
    });
  }
  if (missingImage) {
    problems.push({ propertyPath: `images.${config.tool}`, reason: "pin an image for this tool" });
  } else {
    const images = args.images ?? workspaceImages;
    problems.push(...imageProblems(config.tool, images[config.tool]));
  }
  problems.push(...reachProblems(args.reach));
  const groups = { ...defaultAirlockGroups, ...(args.airlockGroups ?? {}) };
  for (const role of ["stewards", "reviewers"] as const) {
    if (groups[role] === config.ownerGroup) {
      problems.push({
        propertyPath: "config.ownerGroup",
        reason: `"${config.ownerGroup}" is also the airlock's ${role} group; a project's researchers never ${role === "reviewers" ? "review their own exports" : "deposit their own extracts"}: give the project its own OIDC group`,
      });
    }
  }
  if (args.gateway && !args.gateway.namespace) {
    problems.push({ propertyPath: "gateway.namespace", reason: "name the gateway's namespace" });
  }
  throwIfInvalid("hdh:workspace:Workspace", problems);
}
