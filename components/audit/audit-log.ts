/**
 * The audit trail's store and pipeline: an encrypted, versioned object-storage container in the
 * primary EU region written through a write-only application credential, the sealer that turns
 * records into a hash chain of encrypted batches, and the hardened Fluent Bit shipper that feeds
 * it. What is enforced by whom (Keystone, Swift, us) is in docs/audit.md.
 */
import * as k8s from "@pulumi/kubernetes";
import * as openstack from "@pulumi/openstack";
import * as pulumi from "@pulumi/pulumi";
import { euMemberStates } from "../../policies/catalog/cloud-profiles";
import { labelKeys, podSecurityLabels } from "../../policies/catalog/labels";
import { ManagedKey } from "../kms/managed-key";
import { throwIfInvalid, type ArgProblem } from "../shared/validation";
import {
  auditDefaults,
  auditNamespace,
  auditStackNamePattern,
  shipperHostPath,
  shipperName,
  shipperNamespace,
  type AuditLogArgs,
} from "./audit-log-args";
import {
  fluentBitConfigDir,
  fluentBitHealthPort,
  ingestTlsDir,
  renderIngestReceiverConfig,
  renderNodeShipperConfig,
  sealerIngestPort,
  sealerSpoolDir,
  shipperStateDir,
  syslogTlsPort,
} from "./fluent-bit-config";
import { auditImageProblems, auditImageReference, defaultAuditImages } from "./images";
import { renderKubeAuditPolicy } from "./kube-audit-policy";
import { writerAccessRules } from "./writer-access";
import { auditContainerAcl } from "./audit-container-access";
import { auditRetentionJob } from "./retention-job";
import {
  clusterDnsEgress,
  httpsApiEgress,
  defaultDenyNetworkPolicy,
  restrictedPodSecurityLabels,
} from "../shared/namespace-guards";
import { ownershipMetadata } from "../shared/ownership";
import { hardenedContainerContext, hardenedPodContext } from "../shared/container-hardening";

export * from "./audit-log-args";

/** Retention bounds, in days: the CNIL's 6 months minimum, 3 years for internal control. */
export const retentionBounds = { min: 180, max: 1095 } as const;

export class AuditLog extends pulumi.ComponentResource {
  /** Physical name of the object-storage container holding the sealed batches. */
  public readonly containerName: pulumi.Output<string>;
  /** Barbican reference of the key the batches are encrypted with. */
  public readonly keyRef: pulumi.Output<string>;
  /** Id of the write-only application credential the sealer uses. */
  public readonly writerCredentialId: pulumi.Output<string>;
  /** Id of the retention job's application credential (list and delete in the container). */
  public readonly retentionCredentialId: pulumi.Output<string>;
  /** Chain id written in every batch: `hdh-<stack>`. */
  public readonly chain: string;
  /** Retention of the batches, in days. */
  public readonly retentionDays: number;
  /** The API server audit policy to install with `--audit-policy-file` (see docs/audit.md). */
  public readonly kubeAuditPolicyYaml: string;
  /** In-cluster DNS name and port of the syslog-over-TLS receiver, for the bastions. */
  public readonly syslogEndpoint: { readonly host: string; readonly port: number };

  constructor(name: string, args: AuditLogArgs, opts?: pulumi.ComponentResourceOptions) {
    const retentionDays = args.retentionDays ?? auditDefaults.retentionDays;
    const ownership = args.ownership ?? auditDefaults.ownership;
    const storagePolicy = args.storagePolicy;
    const images = args.images ?? defaultAuditImages;
    const airlockNamespaces = [...(args.airlockNamespaces ?? auditDefaults.airlockNamespaces)];
    const bastionCidrs = [...(args.bastionCidrs ?? [])];
    const apiEgressCidrs = [...(args.apiEgressCidrs ?? [])];
    const tlsSecret = args.ingestTlsSecretName ?? auditDefaults.ingestTlsSecretName;
    const sealInterval = args.sealIntervalSeconds ?? auditDefaults.sealIntervalSeconds;
    validate(args, retentionDays);
    super("hdh:audit:AuditLog", name, {}, opts);

    const chain = `hdh-${args.stack}`;
    const stateful = { protect: args.production, retainOnDelete: args.production };
    const onCloud = { parent: this, provider: args.openstackProvider };

    const key = new ManagedKey(
      `${name}-key`,
      {
        keyName: `${chain}-audit`,
        provider: args.openstackProvider,
        region: args.region.name,
        keystone: { authUrl: args.authUrl, projectName: args.keystoneProject },
        // The sealer's credential is an application credential of the deploying user (below),
        // without the member role: the key's read ACL names that user.
        readableByDeployer: true,
        rotationDays: args.keyRotationDays ?? auditDefaults.keyRotationDays,
        protectData: args.production,
      },
      { parent: this },
    );

    const auditAcl = auditContainerAcl();
    const container = new openstack.objectstorage.Container(
      `${name}-records`,
      {
        name: `${chain}-audit`,
        region: args.region.name,
        storagePolicy,
        // Every overwrite or delete keeps the previous version; the writer cannot reach versions.
        versioning: true,
        forceDestroy: false,
        // Auditors read, the sealer adds: roles of the audit project only
        // (audit-container-access.ts, proven on a real Swift in
        // test/openstack/audit-trail.test.ts). The sealer's access rules forbid it DELETE/POST;
        // the retention job deletes as the account's operator, held by its access rules
        // (retention-job.ts).
        containerRead: auditAcl.read.join(","),
        containerWrite: auditAcl.write.join(","),
        metadata: {
          ...ownershipMetadata(ownership),
          purpose: "audit-log",
          chain,
          "retention-days": String(retentionDays),
          "kms-key": key.secretRef,
        },
      },
      { ...onCloud, ...stateful, dependsOn: [key] },
    );

    const writer = new openstack.identity.ApplicationCredential(
      `${name}-writer`,
      {
        name: `${chain}-audit-writer`,
        description: `Write-only credential of the ${chain} audit sealer: PUT/GET/HEAD on its container, read of its key`,
        region: args.region.name,
        roles: [...(args.writerRoles ?? auditDefaults.writerRoles)],
        unrestricted: false,
        accessRules: pulumi
          .all([container.name, key.secretRef])
          .apply(([containerName, secretRef]) => writerAccessRules(containerName, secretRef)),
      },
      { ...onCloud, additionalSecretOutputs: ["secret"] },
    );

    // Kubernetes side.
    const onK8s = { parent: this, provider: args.kubernetesProvider };
    const component = { [labelKeys.component]: "audit", ...ownershipMetadata(ownership) };
    const namespace = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      {
        metadata: {
          name: auditNamespace,
          labels: {
            ...component,
            ...restrictedPodSecurityLabels,
          },
        },
      },
      onK8s,
    );
    const shipperNs = new k8s.core.v1.Namespace(
      `${name}-shipper-namespace`,
      {
        metadata: {
          name: shipperNamespace,
          labels: {
            ...component,
            // "baseline" forbids any hostPath, and the shipper must read node logs: this
            // namespace holds only the shipper; warn/audit keep flagging anything else.
            [podSecurityLabels.enforce]: "privileged",
            [podSecurityLabels.enforceVersion]: "latest",
            [podSecurityLabels.warn]: "restricted",
            [podSecurityLabels.audit]: "restricted",
          },
          annotations: {
            "hdh.health/exception": `read-only hostPath ${shipperHostPath} for DaemonSet ${shipperName} only (docs/audit.md)`,
          },
        },
      },
      onK8s,
    );

    this.createSealer(name, {
      args,
      chain,
      retentionDays,
      sealInterval,
      tlsSecret,
      bastionCidrs,
      apiEgressCidrs,
      images,
      writer,
      container,
      keyRef: key.secretRef,
      namespace,
      onK8s,
    });
    this.createShipper(name, { args, images, airlockNamespaces, shipperNs, onK8s });
    const retention = auditRetentionJob(name, {
      chain,
      container,
      retentionDays,
      roles: args.retentionRoles ?? auditDefaults.retentionRoles,
      schedule: args.retentionSchedule ?? auditDefaults.retentionSchedule,
      authUrl: args.authUrl,
      region: args.region.name,
      registry: args.registry,
      images,
      apiEgressCidrs,
      namespace,
      openstack: onCloud,
      kubernetes: onK8s,
    });

    this.containerName = container.name;
    this.keyRef = key.secretRef;
    this.writerCredentialId = writer.id;
    this.retentionCredentialId = retention.id;
    this.chain = chain;
    this.retentionDays = retentionDays;
    this.kubeAuditPolicyYaml = renderKubeAuditPolicy();
    this.syslogEndpoint = { host: `hdh-audit-ingest.${auditNamespace}.svc`, port: syslogTlsPort };
    this.registerOutputs({
      containerName: this.containerName,
      keyRef: this.keyRef,
      writerCredentialId: this.writerCredentialId,
      retentionCredentialId: this.retentionCredentialId,
      chain,
      retentionDays,
      syslogEndpoint: this.syslogEndpoint,
    });
  }

  private createSealer(
    name: string,
    s: {
      args: AuditLogArgs;
      chain: string;
      retentionDays: number;
      sealInterval: number;
      tlsSecret: string;
      bastionCidrs: string[];
      apiEgressCidrs: string[];
      images: typeof defaultAuditImages;
      writer: openstack.identity.ApplicationCredential;
      container: openstack.objectstorage.Container;
      keyRef: pulumi.Output<string>;
      namespace: k8s.core.v1.Namespace;
      onK8s: { parent: pulumi.Resource; provider: k8s.Provider };
    },
  ): void {
    const labels = { [labelKeys.component]: "audit", app: "hdh-audit-sealer" };
    const inNs = { ...s.onK8s, dependsOn: [s.namespace] };
    const credentials = new k8s.core.v1.Secret(
      `${name}-writer-credential`,
      {
        metadata: { name: "hdh-audit-writer", namespace: auditNamespace, labels },
        type: "Opaque",
        stringData: {
          OS_AUTH_URL: s.args.authUrl,
          OS_REGION_NAME: s.args.region.name,
          OS_APPLICATION_CREDENTIAL_ID: s.writer.id,
          OS_APPLICATION_CREDENTIAL_SECRET: pulumi.secret(s.writer.secret),
        },
      },
      inNs,
    );
    const config = new k8s.core.v1.ConfigMap(
      `${name}-ingest-config`,
      {
        metadata: { name: "hdh-audit-ingest", namespace: auditNamespace, labels },
        data: { "fluent-bit.conf": renderIngestReceiverConfig() },
      },
      inNs,
    );
    const env = [
      { name: "HDH_AUDIT_CHAIN", value: s.chain },
      { name: "HDH_AUDIT_CONTAINER", value: s.container.name },
      { name: "HDH_AUDIT_KEY_REF", value: s.keyRef },
      { name: "HDH_AUDIT_RETENTION_DAYS", value: String(s.retentionDays) },
      { name: "HDH_AUDIT_SEAL_INTERVAL_SECONDS", value: String(s.sealInterval) },
      { name: "HDH_AUDIT_LISTEN_PORT", value: String(sealerIngestPort) },
      { name: "HDH_AUDIT_SPOOL_DIR", value: sealerSpoolDir },
    ];
    new k8s.apps.v1.Deployment(
      `${name}-sealer`,
      {
        metadata: { name: "hdh-audit-sealer", namespace: auditNamespace, labels },
        spec: {
          // One writer per chain: two sealers would fork it. Recreate never runs two at once.
          replicas: 1,
          strategy: { type: "Recreate" },
          selector: { matchLabels: labels },
          template: {
            metadata: { labels },
            spec: {
              automountServiceAccountToken: false,
              securityContext: hardenedPodContext({ user: 65532, fsGroup: 65532 }),
              containers: [
                {
                  name: "sealer",
                  image: auditImageReference(s.args.registry, s.images.sealer),
                  env,
                  envFrom: [{ secretRef: { name: credentials.metadata.name } }],
                  ports: [{ name: "ingest", containerPort: sealerIngestPort }],
                  // Liveness: the process answers. Readiness: chain resumed, no fork, spool not
                  // full (services/audit-sealer/server.ts); unready, the shippers buffer.
                  livenessProbe: {
                    httpGet: { path: "/healthz", port: sealerIngestPort },
                    periodSeconds: 20,
                  },
                  readinessProbe: {
                    httpGet: { path: "/readyz", port: sealerIngestPort },
                    periodSeconds: 10,
                  },
                  securityContext: hardenedContainerContext(),
                  resources: {
                    requests: { cpu: "100m", memory: "128Mi" },
                    limits: { cpu: "1", memory: "512Mi" },
                  },
                  volumeMounts: [{ name: "spool", mountPath: sealerSpoolDir }],
                },
                {
                  name: "syslog-receiver",
                  image: auditImageReference(s.args.registry, s.images.fluentBit),
                  args: ["-c", `${fluentBitConfigDir}/fluent-bit.conf`],
                  ports: [{ name: "syslog-tls", containerPort: syslogTlsPort }],
                  securityContext: hardenedContainerContext(),
                  resources: {
                    requests: { cpu: "50m", memory: "64Mi" },
                    limits: { cpu: "500m", memory: "256Mi" },
                  },
                  volumeMounts: [
                    { name: "config", mountPath: fluentBitConfigDir, readOnly: true },
                    { name: "tls", mountPath: ingestTlsDir, readOnly: true },
                    { name: "receiver-state", mountPath: "/var/fluent-bit/state" },
                  ],
                },
              ],
              volumes: [
                { name: "config", configMap: { name: config.metadata.name } },
                { name: "tls", secret: { secretName: s.tlsSecret } },
                { name: "receiver-state", emptyDir: { sizeLimit: "1Gi" } },
                // Sealed batches wait here until the store accepts them.
                { name: "spool", emptyDir: { sizeLimit: "2Gi" } },
              ],
            },
          },
        },
      },
      inNs,
    );
    new k8s.core.v1.Service(
      `${name}-sealer-service`,
      {
        metadata: { name: "hdh-audit-sealer", namespace: auditNamespace, labels },
        spec: {
          type: "ClusterIP",
          selector: labels,
          ports: [{ name: "ingest", port: sealerIngestPort, targetPort: sealerIngestPort }],
        },
      },
      inNs,
    );
    new k8s.core.v1.Service(
      `${name}-ingest-service`,
      {
        metadata: { name: "hdh-audit-ingest", namespace: auditNamespace, labels },
        spec: {
          type: "ClusterIP",
          selector: labels,
          ports: [{ name: "syslog-tls", port: syslogTlsPort, targetPort: syslogTlsPort }],
        },
      },
      inNs,
    );
    // Every pod of the namespace starts isolated both ways; the sealer's policy below opens
    // only what it needs (policies add up).
    defaultDenyNetworkPolicy(`${name}-audit-deny`, auditNamespace, inNs);
    new k8s.networking.v1.NetworkPolicy(
      `${name}-sealer-policy`,
      {
        metadata: { name: "hdh-audit-sealer", namespace: auditNamespace, labels },
        spec: {
          podSelector: { matchLabels: labels },
          policyTypes: ["Ingress", "Egress"],
          ingress: [
            {
              from: [
                {
                  namespaceSelector: {
                    matchLabels: { "kubernetes.io/metadata.name": shipperNamespace },
                  },
                },
              ],
              ports: [{ protocol: "TCP", port: sealerIngestPort }],
            },
            ...(s.bastionCidrs.length > 0
              ? [
                  {
                    from: s.bastionCidrs.map((cidr) => ({ ipBlock: { cidr } })),
                    ports: [{ protocol: "TCP", port: syslogTlsPort }],
                  },
                ]
              : []),
          ],
          egress: [clusterDnsEgress, ...httpsApiEgress(s.apiEgressCidrs)],
        },
      },
      inNs,
    );
  }

  private createShipper(
    name: string,
    s: {
      args: AuditLogArgs;
      images: typeof defaultAuditImages;
      airlockNamespaces: string[];
      shipperNs: k8s.core.v1.Namespace;
      onK8s: { parent: pulumi.Resource; provider: k8s.Provider };
    },
  ): void {
    const labels = { [labelKeys.component]: "audit", app: shipperName };
    const inNs = { ...s.onK8s, dependsOn: [s.shipperNs] };
    // Isolated like every namespace holding a workload: the shipper only sends to the sealer's
    // ingest port (and resolves its name); nothing reaches it.
    defaultDenyNetworkPolicy(`${name}-shipper-deny`, shipperNamespace, inNs);
    new k8s.networking.v1.NetworkPolicy(
      `${name}-shipper-policy`,
      {
        metadata: { name: shipperName, namespace: shipperNamespace, labels },
        spec: {
          podSelector: { matchLabels: labels },
          policyTypes: ["Egress"],
          egress: [
            clusterDnsEgress,
            {
              to: [
                {
                  namespaceSelector: {
                    matchLabels: { "kubernetes.io/metadata.name": auditNamespace },
                  },
                },
              ],
              ports: [{ protocol: "TCP", port: sealerIngestPort }],
            },
          ],
        },
      },
      inNs,
    );
    const config = new k8s.core.v1.ConfigMap(
      `${name}-shipper-config`,
      {
        metadata: { name: shipperName, namespace: shipperNamespace, labels },
        data: {
          "fluent-bit.conf": renderNodeShipperConfig({
            kubeAuditLogGlob: s.args.kubeAuditLogGlob ?? auditDefaults.kubeAuditLogGlob,
            airlockNamespaces: s.airlockNamespaces,
            sealerHost: `hdh-audit-sealer.${auditNamespace}.svc`,
          }),
        },
      },
      inNs,
    );
    new k8s.apps.v1.DaemonSet(
      `${name}-shipper`,
      {
        metadata: { name: shipperName, namespace: shipperNamespace, labels },
        spec: {
          selector: { matchLabels: labels },
          updateStrategy: { type: "RollingUpdate" },
          template: {
            metadata: { labels },
            spec: {
              // Reads files only: no Kubernetes API access at all.
              automountServiceAccountToken: false,
              // Control-plane nodes hold the API server's audit log.
              tolerations: [
                {
                  key: "node-role.kubernetes.io/control-plane",
                  operator: "Exists",
                  effect: "NoSchedule",
                },
                { key: "node-role.kubernetes.io/master", operator: "Exists", effect: "NoSchedule" },
              ],
              securityContext: { seccompProfile: { type: "RuntimeDefault" } },
              containers: [
                {
                  name: "fluent-bit",
                  image: auditImageReference(s.args.registry, s.images.fluentBit),
                  args: ["-c", `${fluentBitConfigDir}/fluent-bit.conf`],
                  // UID 0 without any capability: the node's log files are root-owned and
                  // 0600/0640, and without CAP_DAC_OVERRIDE root reads only what its owner bits
                  // allow. The mount is read-only and the root filesystem too.
                  securityContext: hardenedContainerContext({ asRoot: true }),
                  ports: [{ name: "health", containerPort: fluentBitHealthPort }],
                  livenessProbe: {
                    httpGet: { path: "/api/v1/health", port: fluentBitHealthPort },
                    periodSeconds: 30,
                  },
                  resources: {
                    requests: { cpu: "50m", memory: "64Mi" },
                    limits: { cpu: "500m", memory: "256Mi" },
                  },
                  volumeMounts: [
                    { name: "node-logs", mountPath: shipperHostPath, readOnly: true },
                    { name: "config", mountPath: fluentBitConfigDir, readOnly: true },
                    { name: "state", mountPath: shipperStateDir },
                  ],
                },
              ],
              volumes: [
                { name: "node-logs", hostPath: { path: shipperHostPath, type: "Directory" } },
                { name: "config", configMap: { name: config.metadata.name } },
                { name: "state", emptyDir: { sizeLimit: "1Gi" } },
              ],
            },
          },
        },
      },
      inNs,
    );
  }
}

function validate(args: AuditLogArgs, retentionDays: number): void {
  const problems: ArgProblem[] = [];
  if (!auditStackNamePattern.test(args.stack)) {
    problems.push({
      propertyPath: "stack",
      reason: `"${args.stack}" must be a lower-case stack name`,
    });
  }
  if (!euMemberStates.has(args.region.country)) {
    problems.push({
      propertyPath: "region",
      reason: `${args.region.name} is in "${args.region.country || "an unknown country"}": the audit store must be in an EU region (the primary region)`,
    });
  }
  if (
    !Number.isInteger(retentionDays) ||
    retentionDays < retentionBounds.min ||
    retentionDays > retentionBounds.max
  ) {
    problems.push({
      propertyPath: "retentionDays",
      reason: `${retentionDays} must be a whole number of days from ${retentionBounds.min} (6 months) to ${retentionBounds.max} (3 years), per the CNIL's logging recommendation`,
    });
  }
  if (args.production && !args.dedicatedProject) {
    problems.push({
      propertyPath: "dedicatedProject",
      reason:
        "in production the audit store must live in its own OpenStack project: pass a provider scoped to it and set dedicatedProject: true",
    });
  }
  if (!/^https:\/\//.test(args.authUrl)) {
    problems.push({
      propertyPath: "authUrl",
      reason: `"${args.authUrl}" must be an https:// Keystone URL`,
    });
  }
  if (!args.registry || args.registry.includes("@")) {
    problems.push({
      propertyPath: "registry",
      reason: "give the EU registry host (and path), without digest",
    });
  }
  problems.push(...auditImageProblems(args.images ?? defaultAuditImages));
  throwIfInvalid("hdh:audit:AuditLog", problems);
}
