/**
 * The endpoints a provider's own inputs say it talks to, for the packages whose operator is told
 * by endpoint rather than by package: OpenStack (Keystone `authUrl`, `endpointOverrides`),
 * Kubernetes (the API server of the kubeconfig's cluster), OUTSCALE (`endpoints[].api`, else the
 * region's API host) and Cloud Temple (`address`). Pure reading, no judgement: the policy
 * (policies/jurisdiction/provider-endpoint-operator.ts) asks the catalogue who runs each host.
 */
import { kubeconfigServers } from "./kubeconfig";
import { isUnknown, list, obj, str, type Props } from "./values";

export type EndpointRead =
  /** A host the provider talks to, and the input that names it. */
  | { kind: "host"; host: string; field: string }
  /** The input is unknown during preview. */
  | { kind: "computed"; field: string }
  /** The input is absent: the provider falls back on something the pack cannot see. */
  | { kind: "absent"; field: string; fallback: string }
  /** The input is there but names no host the pack can read. */
  | { kind: "unreadable"; field: string; why: string };

/** Packages judged here, by their provider type `pulumi:providers:<package>`. */
export const endpointPackages = ["openstack", "kubernetes", "outscale", "cloudtemple"] as const;
export type EndpointPackage = (typeof endpointPackages)[number];

export function isEndpointPackage(pkg: string): pkg is EndpointPackage {
  return (endpointPackages as readonly string[]).includes(pkg);
}

/** The host of a URL, or of `host[:port][/path]` written without a scheme; undefined if none. */
export function hostOfEndpoint(value: string): string | undefined {
  const text = value.trim();
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  try {
    const host = new URL(withScheme).hostname.replace(/^\[|\]$/g, "").toLowerCase();
    return host === "" ? undefined : host;
  } catch {
    return undefined;
  }
}

function hostRead(value: unknown, field: string, fallback: string): EndpointRead {
  if (isUnknown(value)) return { kind: "computed", field };
  const text = str(value);
  if (!text) return { kind: "absent", field, fallback };
  const host = hostOfEndpoint(text);
  return host
    ? { kind: "host", host, field }
    : { kind: "unreadable", field, why: `"${text}" is not a URL or host name` };
}

/**
 * OpenStack: Keystone (`authUrl`, else OS_AUTH_URL or clouds.yaml, as the provider documents at
 * https://www.pulumi.com/registry/packages/openstack/installation-configuration/) and any
 * `endpointOverrides` URL, which the provider calls instead of the catalogue's.
 */
function openstackEndpoints(props: Props): EndpointRead[] {
  const reads = [
    hostRead(props.authUrl, "authUrl", "OS_AUTH_URL or the clouds.yaml entry named by `cloud`"),
  ];
  const overrides = props.endpointOverrides;
  if (isUnknown(overrides)) reads.push({ kind: "computed", field: "endpointOverrides" });
  for (const [service, url] of Object.entries(obj(overrides) ?? {})) {
    const read = hostRead(url, `endpointOverrides.${service}`, "");
    if (read.kind !== "absent") reads.push(read);
  }
  return reads;
}

/** Kubernetes: the API server of the cluster the provider uses (policies/lib/kubeconfig.ts). */
function kubernetesEndpoints(props: Props): EndpointRead[] {
  const field = "kubeconfig";
  if (isUnknown(props.kubeconfig)) return [{ kind: "computed", field }];
  if (props.kubeconfig === undefined || props.kubeconfig === null || props.kubeconfig === "")
    return [{ kind: "absent", field, fallback: "KUBECONFIG or ~/.kube/config" }];
  const read = kubeconfigServers(props.kubeconfig, {
    context: props.context,
    cluster: props.cluster,
  });
  if (read.kind === "path")
    return [
      {
        kind: "unreadable",
        field,
        why: `it is the path of a file (${read.path}) the pack cannot read`,
      },
    ];
  if (read.kind === "unreadable")
    return [{ kind: "unreadable", field, why: "it is neither YAML nor JSON" }];
  if (read.servers.length === 0)
    return [{ kind: "unreadable", field, why: "its cluster names no `server`" }];
  return read.servers.map((s): EndpointRead => {
    const where = `${field} cluster "${s.cluster}"`;
    if (isUnknown(s.server)) return { kind: "computed", field: `${where} server` };
    const host = hostOfEndpoint(s.server);
    return host
      ? { kind: "host", host, field: where }
      : { kind: "unreadable", field: where, why: `server "${s.server}" is not a URL` };
  });
}

/**
 * OUTSCALE (Terraform provider outscale/outscale through Pulumi's bridge; inputs: sources.outscaleProviderInputs):
 * `endpoints[].api` when given, else the region's API host `api.<region>.outscale.com`
 * (sources.outscaleApiHosts); no region: OUTSCALE_REGION.
 */
function outscaleEndpoints(props: Props): EndpointRead[] {
  if (isUnknown(props.endpoints)) return [{ kind: "computed", field: "endpoints" }];
  const overrides = (list(props.endpoints) ?? [])
    .map((entry, i) =>
      // An entry unknown as a whole may hold an `api` override: named, not skipped for the region.
      isUnknown(entry)
        ? { value: entry, field: `endpoints[${i}]` }
        : { value: obj(entry)?.api, field: `endpoints[${i}].api` },
    )
    .filter((e) => e.value !== undefined)
    .map((e) => hostRead(e.value, e.field, ""));
  if (overrides.length > 0) return overrides;
  if (isUnknown(props.region)) return [{ kind: "computed", field: "region" }];
  const region = str(props.region);
  if (!region) return [{ kind: "absent", field: "region", fallback: "OUTSCALE_REGION" }];
  return [{ kind: "host", host: `api.${region.toLowerCase()}.outscale.com`, field: "region" }];
}

/** Cloud Temple: `address`, else CLOUDTEMPLE_HTTP_ADDR, else shiva.cloud-temple.com (sources.cloudTempleAddress). */
function cloudTempleEndpoints(props: Props): EndpointRead[] {
  return [
    hostRead(
      props.address,
      "address",
      "CLOUDTEMPLE_HTTP_ADDR, else its default shiva.cloud-temple.com",
    ),
  ];
}

export function providerEndpoints(pkg: EndpointPackage, props: Props): EndpointRead[] {
  switch (pkg) {
    case "openstack":
      return openstackEndpoints(props);
    case "kubernetes":
      return kubernetesEndpoints(props);
    case "outscale":
      return outscaleEndpoints(props);
    case "cloudtemple":
      return cloudTempleEndpoints(props);
  }
}
