/**
 * The research gateway: how researchers open their workspace's Jupyter or RStudio, from their
 * own browser, without the data ever reaching that browser. As in Azure TRE and the Turing's
 * Data Safe Haven, Apache Guacamole sits between researchers and workspaces (design and
 * choices: docs/research-gateway.md):
 *
 *   researcher --TLS--> edge (Octavia, bastion zone) --> Guacamole (OpenID sign-in)
 *     --> guacd --VNC--> kiosk of project X (a locked browser) --> workspace X's tool
 *
 * The researcher's browser receives pixels only. Each workspace's connection is granted to its
 * owner group alone, carries the tier's clipboard control, offers no file transfer (the airlock
 * is the only way in or out) and is recorded to an encrypted volume.
 */
import { createHash } from "node:crypto";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import * as random from "@pulumi/random";
import { internalLoadBalancerAnnotation, labelKeys } from "../../policies/catalog/labels";
import { isInternetWide, isNetworkAddress, parseCidr } from "../network/cidr";
import { defaultDenyNetworkPolicy, restrictedPodSecurityLabels } from "../shared/namespace-guards";
import { ownershipMetadata } from "../shared/ownership";
import { throwIfInvalid, type ArgProblem } from "../shared/validation";
import { imageReference, pinProblems } from "../workspace/images";
import type { InClusterPeer } from "../workspace/workspace-args";
import {
  kioskLabels,
  kioskName,
  kioskVncPort,
  renderConnectionsSql,
  toolUrl,
  workspaceConnection,
  type GatewayConnection,
} from "./connections";
import { GatewayEdge } from "./edge";
import { researcherCidrProblem } from "./researcher-cidrs";
import type { GatewayArgs } from "./gateway-args";
import { gatewayImages } from "./images";
import {
  databasePort,
  gatewayPolicies,
  guacdPort,
  podLabels,
  webPort,
  type GatewayRule,
} from "./network-rules";
import {
  applySqlScript,
  databasePodTemplate,
  guacdPodTemplate,
  kioskPodTemplate,
  webPodTemplate,
} from "./pods";

export type { GatewayArgs } from "./gateway-args";

/** `labelKeys.role` of the gateway namespace. */
export const gatewayRole = "research-gateway";
/** Port of the internal load balancer the edge forwards to. */
export const internalPort = 80;

/** The peer a workspace admits: its own kiosk's pods in the gateway namespace, nothing else. */
export function gatewayPeer(namespace: string, projectId: string): InClusterPeer {
  return { namespace, podLabels: kioskLabels(projectId) };
}

export class ResearchGateway extends pulumi.ComponentResource {
  /** Namespace of the gateway. */
  public readonly namespace: string;
  /** URL researchers open. */
  public readonly url: string;
  /** Floating IP of the edge. */
  public readonly publicAddress: pulumi.Output<string>;
  /** Connections created, as data (one per open workspace). */
  public readonly connections: readonly GatewayConnection[];
  /** True when 443 is open to the whole internet (opt-out `allowInternetResearchers`). */
  public readonly internetFacing: boolean;

  constructor(name: string, args: GatewayArgs, opts?: pulumi.ComponentResourceOptions) {
    const namespaceName = args.namespace ?? "hdh-gateway";
    const images = args.images ?? gatewayImages;
    const recording = args.sessionRecording ?? true;
    const recordingsGiB = args.recordingsGiB ?? 100;
    const production = args.production ?? false;
    const allowInternet = args.allowInternetResearchers ?? false;
    validate(args, recordingsGiB, allowInternet);
    super("hdh:gateway:Gateway", name, {}, opts);

    const k8sOpts = { parent: this, provider: args.kubernetesProvider };
    const ownership = ownershipMetadata(args.ownership);
    const namespace = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      {
        metadata: {
          name: namespaceName,
          labels: {
            [labelKeys.role]: gatewayRole,
            ...ownership,
            ...restrictedPodSecurityLabels,
          },
        },
      },
      k8sOpts,
    );
    const ns = namespace.metadata.name;
    const inNamespace = { ...k8sOpts, dependsOn: [namespace] };
    const stateful = { ...inNamespace, protect: production, retainOnDelete: production };
    const image = (pin: keyof typeof images) => imageReference(args.registry, images[pin]);

    defaultDenyNetworkPolicy(`${name}-default-deny`, ns, inNamespace);
    const policies = gatewayPolicies({
      ingressCidrs: [args.edge.backendCidr],
      identityCidrs: args.identityCidrs,
      workspaces: args.workspaces,
    });
    for (const policy of policies) {
      new k8s.networking.v1.NetworkPolicy(
        `${name}-allow-${policy.name}`,
        {
          metadata: { name: `allow-${policy.name}`, namespace: ns },
          spec: {
            podSelector: { matchLabels: policy.podSelector },
            policyTypes: ["Ingress", "Egress"],
            ingress: policy.ingress.map(apiRule("from")),
            egress: policy.egress.map(apiRule("to")),
          },
        },
        inNamespace,
      );
    }

    // The database holds connections and grants only; its password never leaves the cluster.
    const password = new random.RandomPassword(
      `${name}-database-password`,
      { length: 32, special: false },
      { parent: this },
    );
    const secret = new k8s.core.v1.Secret(
      `${name}-database-secret`,
      {
        metadata: { name: "database", namespace: ns },
        type: "Opaque",
        stringData: { password: pulumi.secret(password.result) },
      },
      inNamespace,
    );
    const claim = (role: string, size: string) =>
      new k8s.core.v1.PersistentVolumeClaim(
        `${name}-${role}`,
        {
          metadata: { name: role, namespace: ns, labels: ownership },
          spec: {
            accessModes: ["ReadWriteOnce"],
            storageClassName: args.encryptedStorageClass,
            resources: { requests: { storage: size } },
          },
        },
        stateful,
      );
    const databaseClaim = claim("database", "5Gi");
    const recordingsClaim = recording ? claim("recordings", `${recordingsGiB}Gi`) : undefined;

    const deployment = (
      role: string,
      labels: Record<string, string>,
      template: object,
      dependsOn: pulumi.Resource[],
    ) =>
      new k8s.apps.v1.Deployment(
        `${name}-${role}`,
        {
          metadata: { name: role, namespace: ns, labels },
          spec: {
            replicas: 1,
            // Volumes are ReadWriteOnce and Guacamole keeps sessions in memory: one pod each.
            strategy: { type: "Recreate" },
            selector: { matchLabels: labels },
            template,
          },
        },
        { ...inNamespace, dependsOn: [namespace, ...dependsOn] },
      );
    const service = (
      role: string,
      labels: Record<string, string>,
      port: number,
      targetPort: number,
      extra: { type?: string; annotations?: Record<string, string> } = {},
    ) =>
      new k8s.core.v1.Service(
        `${name}-${role}-service`,
        {
          metadata: { name: role, namespace: ns, labels, annotations: extra.annotations },
          spec: {
            type: extra.type ?? "ClusterIP",
            selector: labels,
            ports: [{ name: role, port, targetPort, protocol: "TCP" }],
          },
        },
        inNamespace,
      );

    deployment(
      "database",
      podLabels.database,
      databasePodTemplate(image("database"), "database", "database"),
      [secret, databaseClaim],
    );
    service("database", podLabels.database, databasePort, databasePort);
    deployment(
      "guacd",
      podLabels.guacd,
      guacdPodTemplate(image("guacd"), recordingsClaim ? "recordings" : undefined),
      recordingsClaim ? [recordingsClaim] : [],
    );
    service("guacd", podLabels.guacd, guacdPort, guacdPort);

    this.connections = args.workspaces.map((w) =>
      workspaceConnection(w, { namespace: namespaceName, sessionRecording: recording }),
    );
    const sql = renderConnectionsSql(this.connections);
    const sqlConfig = new k8s.core.v1.ConfigMap(
      `${name}-connections`,
      {
        metadata: { name: "connections", namespace: ns },
        data: { "connections.sql": sql, "apply.sh": applySqlScript },
      },
      inNamespace,
    );
    deployment(
      "guacamole",
      podLabels.web,
      webPodTemplate({
        guacamoleImage: image("guacamole"),
        databaseImage: image("database"),
        hostname: args.hostname,
        oidc: args.oidc,
        secretName: "database",
        sqlConfigMap: "connections",
        sqlHash: createHash("sha256").update(sql).digest("hex"),
      }),
      [secret, sqlConfig],
    );
    // Internal only: the cloud controller gives it a private address in the platform zone,
    // which the edge forwards to. Never a floating IP.
    const web = service("guacamole", podLabels.web, internalPort, webPort, {
      type: "LoadBalancer",
      annotations: { [internalLoadBalancerAnnotation]: "true" },
    });

    for (const workspace of args.workspaces) {
      const labels = kioskLabels(workspace.projectId);
      const kiosk = kioskName(workspace.projectId);
      deployment(kiosk, labels, kioskPodTemplate(image("kiosk"), labels, toolUrl(workspace)), []);
      service(kiosk, labels, kioskVncPort, kioskVncPort);
    }

    const edge = new GatewayEdge(
      `${name}-edge`,
      {
        namePrefix: args.namePrefix,
        provider: args.openstackProvider,
        region: args.region,
        subnetId: args.edge.subnetId,
        externalNetwork: args.edge.externalNetwork,
        certificateRef: args.certificateRef,
        hostname: args.hostname,
        researcherCidrs: args.researcherCidrs,
        allowInternetResearchers: allowInternet,
        backendCidr: args.edge.backendCidr,
        backendPort: internalPort,
        backendAddress: web.status.apply((s) => s?.loadBalancer?.ingress?.[0]?.ip ?? ""),
        backendSubnetId: args.edge.backendSubnetId,
        ownership: args.ownership,
      },
      { parent: this },
    );

    this.namespace = namespaceName;
    this.url = `https://${args.hostname}/`;
    this.publicAddress = edge.publicAddress;
    this.internetFacing = allowInternet;
    this.registerOutputs({
      namespace: this.namespace,
      url: this.url,
      publicAddress: this.publicAddress,
      internetFacing: this.internetFacing,
      connections: this.connections.map((c) => ({ name: c.name, ownerGroup: c.ownerGroup })),
    });
  }
}

/** A rule in the Kubernetes API's shape (`from` for ingress, `to` for egress). */
function apiRule(direction: "to" | "from") {
  return (rule: GatewayRule) => ({ [direction]: rule.peers, ports: rule.ports });
}

const httpsUrl = /^https:\/\/[a-z0-9.-]+(:\d+)?(\/[^\s]*)?$/i;
const hostname = /^(?=.{1,253}$)([a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const certificateContainer = /^https:\/\/[a-z0-9.-]+(:\d+)?\/v1\/containers\/[0-9a-f-]{36}$/i;

function cidrProblems(path: string, cidrs: readonly string[]): ArgProblem[] {
  return cidrs.flatMap((text, i) => {
    const cidr = parseCidr(text);
    if (!cidr || cidr.version !== 4 || !isNetworkAddress(cidr)) {
      return [{ propertyPath: `${path}[${i}]`, reason: `"${text}" is not an IPv4 network` }];
    }
    if (isInternetWide(cidr)) {
      return [
        {
          propertyPath: `${path}[${i}]`,
          reason: `"${text}" is a large share of the internet; name the networks themselves`,
        },
      ];
    }
    return [];
  });
}

function validate(args: GatewayArgs, recordingsGiB: number, allowInternet: boolean): void {
  const problems: ArgProblem[] = [];
  if (!hostname.test(args.hostname)) {
    problems.push({
      propertyPath: "hostname",
      reason: `"${args.hostname}" is not a DNS name such as gateway.hdh.example.fr`,
    });
  }
  if (!certificateContainer.test(args.certificateRef)) {
    problems.push({
      propertyPath: "certificateRef",
      reason: `"${args.certificateRef}" is not a Barbican certificate container reference (https://<barbican>/v1/containers/<uuid>)`,
    });
  }
  if (args.researcherCidrs.length === 0 && !allowInternet) {
    problems.push({
      propertyPath: "researcherCidrs",
      reason:
        "name the researchers' networks, or set allowInternetResearchers: true to open 443 to every network",
    });
  }
  args.researcherCidrs.forEach((text, i) => {
    const reason = researcherCidrProblem(text);
    if (reason) problems.push({ propertyPath: `researcherCidrs[${i}]`, reason });
  });
  problems.push(...cidrProblems("identityCidrs", args.identityCidrs));
  problems.push(...cidrProblems("edge.backendCidr", [args.edge.backendCidr]));
  if (args.identityCidrs.length === 0) {
    problems.push({
      propertyPath: "identityCidrs",
      reason: "name the identity provider's addresses: the gateway fetches its signing keys",
    });
  }
  for (const key of ["issuer", "authorizationEndpoint", "jwksEndpoint"] as const) {
    if (!httpsUrl.test(args.oidc[key])) {
      problems.push({
        propertyPath: `oidc.${key}`,
        reason: `"${args.oidc[key]}" must be an https:// URL`,
      });
    }
  }
  if (!args.oidc.clientId) {
    problems.push({ propertyPath: "oidc.clientId", reason: "name the gateway's OIDC client" });
  }
  if (!Number.isInteger(recordingsGiB) || recordingsGiB < 1 || recordingsGiB > 10_000) {
    problems.push({ propertyPath: "recordingsGiB", reason: `${recordingsGiB}: expected 1-10000` });
  }
  const images = args.images ?? gatewayImages;
  for (const [key, pin] of Object.entries(images)) {
    problems.push(...pinProblems(`images.${key}`, pin));
  }
  const seen = new Set<string>();
  args.workspaces.forEach((w, i) => {
    if (seen.has(w.projectId)) {
      problems.push({
        propertyPath: `workspaces[${i}].projectId`,
        reason: `"${w.projectId}" appears twice; one connection per workspace`,
      });
    }
    seen.add(w.projectId);
    if (!w.ownerGroup) {
      problems.push({
        propertyPath: `workspaces[${i}].ownerGroup`,
        reason: "a connection is granted to its workspace's owner group; name it",
      });
    }
  });
  throwIfInvalid("hdh:gateway:Gateway", problems);
}
