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
import { throwIfInvalid } from "../shared/validation";
import { imageReference, workspaceImages } from "./images";
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
import { workspaceFlows, type WorkspaceFlows } from "./network-rules";
import { createOpenAccess } from "./open-access";
import { workspaceLimitRangeSpec, workspaceQuotaSpec } from "./resource-limits";
import { researcherRules } from "./researcher-role";
import type { WorkspaceArgs } from "./workspace-args";
import { workspaceArgProblems } from "./workspace-validation";
import { defaultDenyNetworkPolicy, restrictedPodSecurityLabels } from "../shared/namespace-guards";

export type { WorkspaceArgs } from "./workspace-args";
export { defaultAirlockGroups } from "./workspace-validation";

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
    // Placement only: Swift's at-rest encryption is the operator's proxy setting, not a policy.
    const storagePolicy = args.storagePolicy;
    throwIfInvalid("hdh:workspace:Workspace", workspaceArgProblems(args));
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
        keystone: args.keystone,
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
      { metadata: { name: "workspace", namespace: ns }, spec: workspaceQuotaSpec(config) },
      inNamespace,
    );
    new k8s.core.v1.LimitRange(
      `${name}-limits`,
      { metadata: { name: "workspace", namespace: ns }, spec: workspaceLimitRangeSpec(config) },
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
      createOpenAccess(
        name,
        {
          config,
          namespace: ns,
          flows,
          roleName: role.metadata.name,
          researcherGroup: `${groupPrefix}${config.ownerGroup}`,
          image: imageReference(args.registry, pin),
          pin,
          appLabels,
          claimName: "work",
          serviceAccountName: "analysis",
          podDependsOn: [namespace, claim, serviceAccount],
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
