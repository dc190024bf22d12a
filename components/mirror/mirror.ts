/**
 * The in-platform package mirror: caching proxies of CRAN, PyPI and conda channels, one per
 * package set of the tier table (`full`, `allowlist`), in their own namespace of the platform
 * zone. Workspaces reach it and nothing else outside; it reaches only the upstream repositories.
 *
 * Defence in depth: a workspace's egress policy selects only the proxy its tier may use
 * (components/workspace/network-rules.ts), and each proxy's ingress policy admits only
 * workspace namespaces whose classification grants that package set.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { dataTiers, tierControls, type MirrorAccess } from "../../policies/catalog/data-tiers";
import { labelKeys, mirrorRole, workspaceRole } from "../../policies/catalog/labels";
import { isInternetWide, parseCidr } from "../network/cidr";
import { ownershipMetadata, platformServiceOwnership } from "../shared/ownership";
import { throwIfInvalid, type ArgProblem } from "../shared/validation";
import type { EgressDestination } from "../workspace/workspace-args";
import { imageReference, pinProblems, type DigestPin } from "../workspace/images";
import { proxyImage } from "./images";
import { allowlistProblems, packageAllowlist, type PackageAllowlist } from "./allowlists";
import { defaultUpstreams, proxyPort, renderProxyConfig, type Upstreams } from "./proxy-config";
import {
  clusterDnsEgress,
  defaultDenyNetworkPolicy,
  restrictedPodSecurityLabels,
} from "../shared/namespace-guards";
import { hardenedContainerContext, hardenedPodContext } from "../shared/container-hardening";

export { proxyImage };

export interface PackageMirrorArgs {
  /** Provider of the cluster whose platform nodes run the mirror. */
  readonly kubernetesProvider: k8s.Provider;
  /** The platform's EU container registry, host and optional path. */
  readonly registry: string;
  /** Addresses the proxies may fetch from on 443: the upstream repositories or an egress proxy. */
  readonly upstreamCidrs: readonly string[];
  /** Namespace of the mirror. @default "hdh-mirror" */
  readonly namespace?: string;
  /** Upstream repositories. @default defaultUpstreams (an EU CRAN mirror, PyPI, anaconda.org) */
  readonly upstreams?: Upstreams;
  /** The reviewed package list of the `allowlist` proxy. @default packageAllowlist */
  readonly allowlist?: PackageAllowlist;
  /** Proxy image pinned by digest. @default proxyImage */
  readonly image?: DigestPin;
  /** Size of each proxy's package cache, in GiB (emptyDir). @default 40 */
  readonly cacheGiB?: number;
}

/** The package sets a proxy is deployed for: every mirror access of the tier table but "none". */
export const servedAccess: readonly Exclude<MirrorAccess, "none">[] = ["full", "allowlist"];

/** Tiers whose workspaces may use the `access` proxy, as namespace classification values. */
export function tiersServed(access: MirrorAccess): string[] {
  return dataTiers.filter((t) => tierControls[t].mirror === access).map(String);
}

export class PackageMirror extends pulumi.ComponentResource {
  /** Namespace of the mirror. */
  public readonly namespace: string;
  /**
   * What workspaces are given as `reach.packageMirror`: the namespace, the proxies' common label
   * and their port. The workspace adds its tier's package-set label.
   */
  public readonly destination: EgressDestination;

  constructor(name: string, args: PackageMirrorArgs, opts?: pulumi.ComponentResourceOptions) {
    const namespaceName = args.namespace ?? "hdh-mirror";
    const upstreams = args.upstreams ?? defaultUpstreams;
    const allowlist = args.allowlist ?? packageAllowlist;
    const image = args.image ?? proxyImage;
    const cacheGiB = args.cacheGiB ?? 40;
    validate(args, upstreams, allowlist, image, cacheGiB);
    super("hdh:mirror:PackageMirror", name, {}, opts);

    const k8sOpts = { parent: this, provider: args.kubernetesProvider };
    const ownership = ownershipMetadata(platformServiceOwnership);
    const namespace = new k8s.core.v1.Namespace(
      `${name}-namespace`,
      {
        metadata: {
          name: namespaceName,
          labels: {
            [labelKeys.role]: mirrorRole,
            ...ownership,
            ...restrictedPodSecurityLabels,
          },
        },
      },
      k8sOpts,
    );
    const ns = namespace.metadata.name;
    const inNamespace = { ...k8sOpts, dependsOn: [namespace] };

    defaultDenyNetworkPolicy(`${name}-default-deny`, ns, inNamespace);
    new k8s.networking.v1.NetworkPolicy(
      `${name}-egress`,
      {
        metadata: { name: "allow-upstreams", namespace: ns },
        spec: {
          podSelector: { matchLabels: { [labelKeys.role]: mirrorRole } },
          policyTypes: ["Egress"],
          egress: [
            clusterDnsEgress,
            {
              to: args.upstreamCidrs.map((cidr) => ({ ipBlock: { cidr } })),
              ports: [{ protocol: "TCP", port: 443 }],
            },
          ],
        },
      },
      inNamespace,
    );

    for (const access of servedAccess) {
      const labels = {
        "app.kubernetes.io/name": "package-mirror",
        [labelKeys.role]: mirrorRole,
        [labelKeys.mirrorAccess]: access,
      };
      const config = new k8s.core.v1.ConfigMap(
        `${name}-${access}-config`,
        {
          metadata: { name: `proxy-${access}`, namespace: ns, labels },
          data: {
            "nginx.conf": renderProxyConfig(
              upstreams,
              access === "allowlist" ? allowlist : undefined,
            ),
          },
        },
        inNamespace,
      );
      new k8s.networking.v1.NetworkPolicy(
        `${name}-${access}-ingress`,
        {
          metadata: { name: `admit-${access}-tiers`, namespace: ns },
          spec: {
            podSelector: { matchLabels: { [labelKeys.mirrorAccess]: access } },
            policyTypes: ["Ingress"],
            ingress: [
              {
                from: [
                  {
                    namespaceSelector: {
                      matchLabels: { [labelKeys.role]: workspaceRole },
                      matchExpressions: [
                        {
                          key: labelKeys.classification,
                          operator: "In",
                          values: tiersServed(access),
                        },
                      ],
                    },
                  },
                ],
                ports: [{ protocol: "TCP", port: proxyPort }],
              },
            ],
          },
        },
        inNamespace,
      );
      new k8s.apps.v1.Deployment(
        `${name}-${access}`,
        {
          metadata: { name: `proxy-${access}`, namespace: ns, labels },
          spec: {
            replicas: 2,
            selector: { matchLabels: labels },
            template: {
              metadata: { labels },
              spec: {
                automountServiceAccountToken: false,
                enableServiceLinks: false,
                securityContext: hardenedPodContext({ user: 101 }),
                containers: [
                  {
                    name: "proxy",
                    image: imageReference(args.registry, image),
                    args: ["nginx", "-c", "/etc/hdh-mirror/nginx.conf", "-g", "daemon off;"],
                    ports: [{ name: "http", containerPort: proxyPort, protocol: "TCP" }],
                    resources: {
                      requests: { cpu: "250m", memory: "256Mi" },
                      limits: { cpu: "1", memory: "512Mi" },
                    },
                    readinessProbe: { httpGet: { path: "/healthz", port: proxyPort } },
                    securityContext: hardenedContainerContext(),
                    volumeMounts: [
                      { name: "config", mountPath: "/etc/hdh-mirror", readOnly: true },
                      { name: "cache", mountPath: "/var/cache/nginx" },
                      { name: "tmp", mountPath: "/tmp" },
                    ],
                  },
                ],
                volumes: [
                  { name: "config", configMap: { name: config.metadata.name } },
                  { name: "cache", emptyDir: { sizeLimit: `${cacheGiB}Gi` } },
                  { name: "tmp", emptyDir: { sizeLimit: "1Gi" } },
                ],
              },
            },
          },
        },
        inNamespace,
      );
      new k8s.core.v1.Service(
        `${name}-${access}-service`,
        {
          metadata: { name: `proxy-${access}`, namespace: ns, labels },
          spec: {
            type: "ClusterIP",
            selector: labels,
            ports: [{ name: "http", port: 80, targetPort: proxyPort, protocol: "TCP" }],
          },
        },
        inNamespace,
      );
    }

    this.namespace = namespaceName;
    this.destination = mirrorDestination(namespaceName);
    this.registerOutputs({ namespace: this.namespace, destination: this.destination });
  }
}

/**
 * Where workspaces reach the mirror in `namespace`: pure data, so a platform whose workspaces
 * all have mirror access "none" can describe it without deploying a mirror.
 */
export function mirrorDestination(namespace = "hdh-mirror"): EgressDestination {
  return {
    namespace,
    podLabels: { [labelKeys.role]: mirrorRole },
    // Network policies match the pod's port, not the Service's.
    ports: [{ port: proxyPort, protocol: "TCP" }],
  };
}

function validate(
  args: PackageMirrorArgs,
  upstreams: Upstreams,
  allowlist: PackageAllowlist,
  image: DigestPin,
  cacheGiB: number,
): void {
  const problems: ArgProblem[] = [];
  if (args.upstreamCidrs.length === 0) {
    problems.push({
      propertyPath: "upstreamCidrs",
      reason: "list the upstream repositories' (or the egress proxy's) addresses",
    });
  }
  args.upstreamCidrs.forEach((text, i) => {
    const cidr = parseCidr(text);
    if (!cidr)
      problems.push({ propertyPath: `upstreamCidrs[${i}]`, reason: `"${text}" is not a CIDR` });
    else if (isInternetWide(cidr)) {
      problems.push({
        propertyPath: `upstreamCidrs[${i}]`,
        reason: `"${text}" opens the mirror to a large share of the internet; list the repositories' own ranges or an egress proxy`,
      });
    }
  });
  for (const [key, url] of Object.entries(upstreams)) {
    if (!/^https:\/\/[a-z0-9.-]+(:\d+)?(\/[^\s;"'{}]*)?$/i.test(url)) {
      problems.push({
        propertyPath: `upstreams.${key}`,
        reason: `"${url}" must be an https:// URL`,
      });
    }
  }
  problems.push(
    ...allowlistProblems(allowlist).map((reason) => ({ propertyPath: "allowlist", reason })),
  );
  problems.push(...pinProblems("image", image));
  if (!Number.isInteger(cacheGiB) || cacheGiB < 1 || cacheGiB > 1000) {
    problems.push({ propertyPath: "cacheGiB", reason: `${cacheGiB} must be 1-1000 GiB` });
  }
  throwIfInvalid("hdh:mirror:PackageMirror", problems);
}
