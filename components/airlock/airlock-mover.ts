/**
 * The airlock mover service (airlock/run.ts) in its own namespace of the platform zone: a
 * CronJob that decides export requests and fills outboxes. It is the only holder of the mover's
 * Keystone application credential, a Secret the operators create out of band (so it never
 * enters Pulumi state) and that no Role in the namespace lets anyone read; cluster
 * administrators aside, nobody can exec into it or read it. It reaches DNS, the object storage
 * and the identity endpoints, nothing else, and nothing reaches it.
 */
import * as k8s from "@pulumi/kubernetes";
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { labelKeys } from "../../policies/catalog/labels";
import { isInternetWide, parseCidr } from "../network/cidr";
import { ownershipMetadata, platformServiceOwnership } from "../shared/ownership";
import { throwIfInvalid, type ArgProblem } from "../shared/validation";
import { imageReference, pinProblems, type DigestPin } from "../workspace/images";
import { moverImage } from "./images";
import type { ServedProject } from "../../airlock/run";
import { moverRole } from "../workspace/names";
import { swiftAcl } from "../workspace/storage-areas";
import {
  reviewerContainerAcl,
  reviewerContainerName,
  reviewerProblems,
  type ReviewerBinding,
} from "./reviewer-containers";
import {
  clusterDnsEgress,
  defaultDenyNetworkPolicy,
  restrictedPodSecurityLabels,
} from "../shared/namespace-guards";
import { hardenedContainerContext, hardenedPodContext } from "../shared/container-hardening";

/** `labelKeys.role` of the airlock's namespace and pods. */
export const airlockRole = "airlock";

export { moverImage };

export interface AirlockMoverArgs {
  /** Provider of the cluster whose platform nodes run the mover. */
  readonly kubernetesProvider: k8s.Provider;
  /** The platform's EU container registry, host and optional path. */
  readonly registry: string;
  /** Projects served: id, tier and owner group of every open workspace. */
  readonly projects: readonly ServedProject[];
  /** Keystone URL the mover authenticates against (https). */
  readonly authUrl: string;
  /** Region of the workspaces' object storage. */
  readonly region: string;
  /** Addresses of the object-storage endpoint (HTTPS). */
  readonly objectStorageCidrs: readonly string[];
  /** Addresses of Keystone and the identity provider (HTTPS). */
  readonly identityCidrs: readonly string[];
  /**
   * The output reviewers, each bound to their Keystone user: one review container per reviewer
   * and project, which only that user can write (reviewer-containers.ts). With none, no request
   * of a tier that needs reviewers is ever approved. @default []
   */
  readonly reviewers?: readonly ReviewerBinding[];
  /** Provider of the project holding the workspaces' containers; required with `reviewers`. */
  readonly openstackProvider?: openstack.Provider;
  /** Keystone id of that project, which the reviewers' tokens are scoped to; required with `reviewers`. */
  readonly platformProjectId?: string;
  /**
   * Production: the review containers (decision evidence) are protected and kept if removed
   * from the program, like the workspaces' own containers. @default false
   */
  readonly production?: boolean;
  /** Swift storage policy (placement) of the review containers. @default the cluster's default */
  readonly storagePolicy?: string;
  /** OIDC group of the output reviewers. @default "hdh-airlock-reviewers" */
  readonly reviewerGroup?: string;
  /** Secret (created by operators) with keys `id` and `secret` of the mover's application credential. @default "airlock-mover-credential" */
  readonly credentialSecret?: string;
  /** ConfigMap (synced from the identity provider) with `membership.json`: person to groups. @default "airlock-membership" */
  readonly membershipConfigMap?: string;
  /** Cron schedule of the passes. @default "*\/5 * * * *" */
  readonly schedule?: string;
  /** Namespace of the mover. @default "hdh-airlock" */
  readonly namespace?: string;
  /** Mover image pinned by digest. @default moverImage */
  readonly image?: DigestPin;
}

export class AirlockMover extends pulumi.ComponentResource {
  /** Namespace of the mover. */
  public readonly namespace: string;
  /** Names of the reviewers' containers, one per project and reviewer. */
  public readonly reviewContainers: readonly string[];

  constructor(name: string, args: AirlockMoverArgs, opts?: pulumi.ComponentResourceOptions) {
    const namespaceName = args.namespace ?? "hdh-airlock";
    const reviewerGroup = args.reviewerGroup ?? "hdh-airlock-reviewers";
    const credentialSecret = args.credentialSecret ?? "airlock-mover-credential";
    const membershipConfigMap = args.membershipConfigMap ?? "airlock-membership";
    const schedule = args.schedule ?? "*/5 * * * *";
    const image = args.image ?? moverImage;
    const reviewers = [...(args.reviewers ?? [])];
    validate(args, image);
    super("hdh:airlock:AirlockMover", name, {}, opts);

    const k8sOpts = { parent: this, provider: args.kubernetesProvider };
    const labels = {
      [labelKeys.role]: airlockRole,
      ...ownershipMetadata(platformServiceOwnership),
    };
    const namespace = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      {
        metadata: {
          name: namespaceName,
          labels: {
            ...labels,
            ...restrictedPodSecurityLabels,
          },
        },
      },
      k8sOpts,
    );
    const ns = namespace.metadata.name;
    const inNamespace = { ...k8sOpts, dependsOn: [namespace] };

    defaultDenyNetworkPolicy(`${name}-default-deny`, ns, inNamespace);
    const https = [{ protocol: "TCP", port: 443 }];
    new k8s.networking.v1.NetworkPolicy(
      `${name}-egress`,
      {
        metadata: { name: "allow-storage-and-identity", namespace: ns },
        spec: {
          podSelector: {},
          policyTypes: ["Egress"],
          egress: [
            clusterDnsEgress,
            { to: args.objectStorageCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: https },
            { to: args.identityCidrs.map((cidr) => ({ ipBlock: { cidr } })), ports: https },
          ],
        },
      },
      inNamespace,
    );
    const serviceAccount = new k8s.core.v1.ServiceAccount(
      `${name}-sa`,
      { metadata: { name: "airlock-mover", namespace: ns }, automountServiceAccountToken: false },
      inNamespace,
    );
    const projects = new k8s.core.v1.ConfigMap(
      `${name}-projects`,
      {
        metadata: { name: "airlock-projects", namespace: ns, labels },
        data: {
          "projects.json": JSON.stringify(args.projects, null, 2),
          "reviewers.json": JSON.stringify(reviewers, null, 2),
        },
      },
      inNamespace,
    );
    const secretEnv = (name: string, key: string) => ({
      name,
      valueFrom: { secretKeyRef: { name: credentialSecret, key } },
    });
    new k8s.batch.v1.CronJob(
      `${name}-cronjob`,
      {
        metadata: { name: "airlock-mover", namespace: ns, labels },
        spec: {
          schedule,
          // A pass must finish before the next starts: two movers could move a request twice.
          concurrencyPolicy: "Forbid",
          successfulJobsHistoryLimit: 3,
          failedJobsHistoryLimit: 5,
          jobTemplate: {
            spec: {
              backoffLimit: 0,
              activeDeadlineSeconds: 1800,
              template: {
                metadata: { labels },
                spec: {
                  serviceAccountName: "airlock-mover",
                  automountServiceAccountToken: false,
                  restartPolicy: "Never",
                  enableServiceLinks: false,
                  securityContext: hardenedPodContext({ user: 10001 }),
                  containers: [
                    {
                      name: "mover",
                      image: imageReference(args.registry, image),
                      // The image's entry point runs one pass (services/airlock-mover/Dockerfile).
                      env: [
                        { name: "OS_AUTH_URL", value: args.authUrl },
                        { name: "OS_REGION_NAME", value: args.region },
                        secretEnv("OS_APPLICATION_CREDENTIAL_ID", "id"),
                        secretEnv("OS_APPLICATION_CREDENTIAL_SECRET", "secret"),
                        { name: "HDH_AIRLOCK_REVIEWER_GROUP", value: reviewerGroup },
                        {
                          name: "HDH_AIRLOCK_PROJECTS",
                          value: "/etc/hdh-airlock/projects/projects.json",
                        },
                        {
                          name: "HDH_AIRLOCK_REVIEWERS",
                          value: "/etc/hdh-airlock/projects/reviewers.json",
                        },
                        {
                          name: "HDH_AIRLOCK_MEMBERSHIP",
                          value: "/etc/hdh-airlock/membership/membership.json",
                        },
                      ],
                      resources: {
                        requests: { cpu: "100m", memory: "256Mi" },
                        limits: { cpu: "500m", memory: "512Mi" },
                      },
                      securityContext: hardenedContainerContext(),
                      volumeMounts: [
                        {
                          name: "projects",
                          mountPath: "/etc/hdh-airlock/projects",
                          readOnly: true,
                        },
                        {
                          name: "membership",
                          mountPath: "/etc/hdh-airlock/membership",
                          readOnly: true,
                        },
                      ],
                    },
                  ],
                  volumes: [
                    { name: "projects", configMap: { name: projects.metadata.name } },
                    { name: "membership", configMap: { name: membershipConfigMap } },
                  ],
                },
              },
            },
          },
        },
      },
      { ...inNamespace, dependsOn: [namespace, serviceAccount, projects] },
    );

    // One review container per project and reviewer: written by that reviewer's Keystone user
    // alone, read by the mover's role. Its ACL is the reviewer's identity, so it is never
    // loosened by hand: only this component (an operator of the account) sets it.
    const reviewContainers: string[] = [];
    for (const project of args.projects) {
      for (const reviewer of reviewers) {
        const name = reviewerContainerName(project.projectId, reviewer.key);
        const acl = reviewerContainerAcl(args.platformProjectId!, reviewer, moverRole);
        new openstack.objectstorage.Container(
          `${name}`,
          {
            name,
            region: args.region,
            storagePolicy: args.storagePolicy,
            containerRead: swiftAcl(acl.read),
            containerWrite: swiftAcl(acl.write),
            versioning: true,
            forceDestroy: false,
            metadata: {
              // The reviews are part of the project's export evidence: owned like its containers.
              ...ownershipMetadata({
                project: project.projectId,
                classification: String(project.tier),
                ownerGroup: project.ownerGroup,
              }),
              purpose: `reviews of ${project.projectId}'s export requests by ${reviewer.person}`,
              reviewer: reviewer.person,
            },
          },
          {
            parent: this,
            provider: args.openstackProvider,
            protect: args.production ?? false,
            retainOnDelete: args.production ?? false,
          },
        );
        reviewContainers.push(name);
      }
    }

    this.namespace = namespaceName;
    this.reviewContainers = reviewContainers;
    this.registerOutputs({ namespace: this.namespace, reviewContainers });
  }
}

function validate(args: AirlockMoverArgs, image: DigestPin): void {
  const problems: ArgProblem[] = [];
  for (const key of ["objectStorageCidrs", "identityCidrs"] as const) {
    if (args[key].length === 0) {
      problems.push({ propertyPath: key, reason: "list the endpoint's addresses" });
    }
    args[key].forEach((text, i) => {
      const cidr = parseCidr(text);
      if (!cidr || isInternetWide(cidr)) {
        problems.push({
          propertyPath: `${key}[${i}]`,
          reason: `"${text}" must be the endpoint's own CIDR, not ${cidr ? "a large share of the internet" : "malformed"}`,
        });
      }
    });
  }
  if (!/^https:\/\//.test(args.authUrl)) {
    problems.push({ propertyPath: "authUrl", reason: "use the https:// Keystone URL" });
  }
  const ids = new Set<string>();
  args.projects.forEach((p, i) => {
    if (ids.has(p.projectId)) {
      problems.push({ propertyPath: `projects[${i}]`, reason: `"${p.projectId}" is listed twice` });
    }
    ids.add(p.projectId);
  });
  problems.push(...pinProblems("image", image));
  const reviewers = args.reviewers ?? [];
  problems.push(...reviewerProblems(reviewers));
  if (reviewers.length > 0) {
    if (!args.openstackProvider) {
      problems.push({
        propertyPath: "openstackProvider",
        reason: "the provider of the workspaces' project, to create the reviewers' containers",
      });
    }
    if (!/^[0-9a-f]{32}$/.test(args.platformProjectId ?? "")) {
      problems.push({
        propertyPath: "platformProjectId",
        reason: "the Keystone id (32 hex digits) of the project holding the workspaces' containers",
      });
    }
  }
  throwIfInvalid("hdh:airlock:AirlockMover", problems);
}
