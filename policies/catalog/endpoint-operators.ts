/**
 * Who operates an API endpoint, judged from its host name: the OpenStack provider's auth URL, a
 * kubeconfig's API server, a Google API universe domain, an OVHcloud API endpoint, a registry or
 * identity-provider host from config. A data centre in the EU is not enough: the operator's law
 * decides whether a foreign authority can compel access (SecNumCloud 3.2 §19.6), so the operator
 * of the endpoint a provider talks to is a fact the pack and the config check.
 *
 * Patterns are exact hosts or `*.domain` (any sub-domain, not the domain itself). The most
 * specific pattern wins, so `*.cloud.ovh.us` (OVHcloud US) is never read as OVH SAS. A host no
 * pattern covers is `undefined`: callers fail closed and let the operator declare trusted EU
 * endpoints in policy config.
 */
import { sources } from "./sources";

export interface EndpointOperator {
  /** Company operating the endpoint. */
  operator: string;
  /** ISO 3166-1 alpha-2 country whose law governs the operator. */
  jurisdiction: string;
  /** Whether the operator is established under the law of an EU member state only. */
  eu: boolean;
  /** Public URL the host pattern and its operator were read on. */
  source: string;
  /** False when the host pattern was not confirmed on a public page. */
  verified?: boolean;
}

interface HostRule extends EndpointOperator {
  /** Exact host, or `*.domain` for any sub-domain of `domain`. */
  pattern: string;
}

const ovhSas = { operator: "OVH SAS", jurisdiction: "FR", eu: true } as const;
const ovhUs = { operator: "OVH US LLC (OVHcloud US)", jurisdiction: "US", eu: false } as const;
const ovhCanada = { operator: "OVHcloud Canada", jurisdiction: "CA", eu: false } as const;
const amazon = { operator: "Amazon Web Services, Inc.", jurisdiction: "US", eu: false } as const;
const microsoft = { operator: "Microsoft Corporation", jurisdiction: "US", eu: false } as const;
const google = { operator: "Google LLC", jurisdiction: "US", eu: false } as const;

const hostRules: readonly HostRule[] = [
  // OVHcloud Europe (OVH SAS): Keystone, the regional OpenStack endpoints, the ovh-eu API,
  // managed-Kubernetes API servers, S3 object storage and the managed private registry.
  { pattern: "auth.cloud.ovh.net", ...ovhSas, source: sources.ovhOpenrc },
  { pattern: "*.cloud.ovh.net", ...ovhSas, source: sources.ovhObjectStorageRegions },
  { pattern: "api.eu.ovhcloud.com", ...ovhSas, source: sources.ovhApiEndpoints },
  { pattern: "eu.api.ovh.com", ...ovhSas, source: sources.ovhApiEndpoints, verified: false },
  { pattern: "auth.eu.ovhcloud.com", ...ovhSas, source: sources.ovhApiEndpoints },
  { pattern: "*.k8s.ovh.net", ...ovhSas, source: sources.ovhMksClusterUrl },
  {
    pattern: "*.container-registry.ovh.net",
    ...ovhSas,
    source: sources.ovhApiEndpoints,
    verified: false,
  },
  // OVHcloud US: a US company with its own endpoints.
  { pattern: "*.cloud.ovh.us", ...ovhUs, source: sources.ovhApiEndpoints, verified: false },
  { pattern: "api.us.ovhcloud.com", ...ovhUs, source: sources.ovhApiEndpoints },
  { pattern: "us.ovhcloud.com", ...ovhUs, source: sources.ovhApiEndpoints },
  { pattern: "*.k8s.ovh.us", ...ovhUs, source: sources.ovhApiEndpoints, verified: false },
  // OVHcloud Canada (ovh-ca API).
  { pattern: "api.ca.ovhcloud.com", ...ovhCanada, source: sources.ovhApiEndpoints },
  { pattern: "auth.ca.ovhcloud.com", ...ovhCanada, source: sources.ovhApiEndpoints },
  { pattern: "ca.api.ovh.com", ...ovhCanada, source: sources.ovhApiEndpoints, verified: false },
  // S3NS: Google Cloud APIs in the s3nsapis.fr universe domain, operated by S3NS (France).
  {
    pattern: "*.s3nsapis.fr",
    operator: "S3NS SAS",
    jurisdiction: "FR",
    eu: true,
    source: sources.s3nsUniverseDomain,
  },
  // 3DS Outscale: each region has its own hosts (api.<region>.outscale.com, fcu., eim., oos....),
  // and its data "stays in the Region [...] protected by local legislation" (sources.outscaleLocalLaw):
  // the French regions are 3DS OUTSCALE SAS's; the US and Japanese regions are under their local
  // law whoever the entity is (a US subsidiary per older driver docs: not confirmed, hence unverified).
  ...["eu-west-2", "cloudgouv-eu-west-1"].map((region) => ({
    pattern: `*.${region}.outscale.com`,
    operator: "3DS OUTSCALE SAS",
    jurisdiction: "FR",
    eu: true,
    source: sources.outscaleApiHosts,
  })),
  ...["us-east-2", "us-west-1"].map((region) => ({
    pattern: `*.${region}.outscale.com`,
    operator: "OUTSCALE's United States region (operating entity not confirmed)",
    jurisdiction: "US",
    eu: false,
    source: sources.outscaleLocalLaw,
    verified: false,
  })),
  {
    pattern: "*.ap-northeast-1.outscale.com",
    operator: "OUTSCALE's Japan region (operating entity not confirmed)",
    jurisdiction: "JP",
    eu: false,
    source: sources.outscaleLocalLaw,
    verified: false,
  },
  // Cloud Temple (France): its API and its domain.
  {
    pattern: "shiva.cloud-temple.com",
    operator: "Cloud Temple SAS",
    jurisdiction: "FR",
    eu: true,
    source: sources.cloudTempleAddress,
  },
  {
    pattern: "*.cloud-temple.com",
    operator: "Cloud Temple SAS",
    jurisdiction: "FR",
    eu: true,
    source: sources.cloudTempleTerraform,
    verified: false,
  },
  // Extra-EU clouds: their EU regions stay under their home law.
  { pattern: "*.amazonaws.com", ...amazon, source: sources.awsEndpoints },
  { pattern: "*.amazonaws.com.cn", ...amazon, source: sources.awsEndpoints },
  { pattern: "*.api.aws", ...amazon, source: sources.awsEndpoints, verified: false },
  { pattern: "*.azmk8s.io", ...microsoft, source: sources.aksEgress },
  { pattern: "management.azure.com", ...microsoft, source: sources.aksEgress },
  { pattern: "*.azure.com", ...microsoft, source: sources.aksEgress, verified: false },
  { pattern: "*.azurecr.io", ...microsoft, source: sources.aksEgress, verified: false },
  { pattern: "*.windows.net", ...microsoft, source: sources.entraEndpoints, verified: false },
  { pattern: "login.microsoftonline.com", ...microsoft, source: sources.entraEndpoints },
  {
    pattern: "*.microsoftonline.com",
    ...microsoft,
    source: sources.entraEndpoints,
    verified: false,
  },
  { pattern: "*.googleapis.com", ...google, source: sources.googleApis },
  { pattern: "*.gke.goog", ...google, source: sources.gkeDnsEndpoint, verified: false },
  { pattern: "accounts.google.com", ...google, source: sources.googleApis, verified: false },
  {
    pattern: "*.k8s.ondigitalocean.com",
    operator: "DigitalOcean, LLC",
    jurisdiction: "US",
    eu: false,
    source: sources.digitalOceanKubernetes,
    verified: false,
  },
  {
    pattern: "*.oraclecloud.com",
    operator: "Oracle Corporation",
    jurisdiction: "US",
    eu: false,
    source: sources.oracleEndpoints,
    verified: false,
  },
  {
    pattern: "*.cloud.ibm.com",
    operator: "IBM Corporation",
    jurisdiction: "US",
    eu: false,
    source: sources.ibmEndpoints,
    verified: false,
  },
  {
    pattern: "*.aliyuncs.com",
    operator: "Alibaba Cloud",
    jurisdiction: "CN",
    eu: false,
    source: sources.aliyunEndpoints,
    verified: false,
  },
];

/** Lower-case, without a trailing dot, brackets or port: the form patterns are written in. */
export function normaliseHost(host: string): string {
  let h = host.trim().toLowerCase();
  if (h.startsWith("[")) return h.slice(1, h.indexOf("]") > 0 ? h.indexOf("]") : undefined);
  const colon = h.lastIndexOf(":");
  if (colon > 0 && h.indexOf(":") === colon) h = h.slice(0, colon);
  return h.endsWith(".") ? h.slice(0, -1) : h;
}

/** Whether `pattern` (exact host or `*.domain`) covers `host` (already normalised). */
export function hostMatches(pattern: string, host: string): boolean {
  if (pattern.startsWith("*.")) {
    const domain = pattern.slice(2);
    return host.length > domain.length && host.endsWith(`.${domain}`);
  }
  return host === pattern;
}

/** Specificity of a pattern: exact hosts first, then the longest domain. */
function specificity(pattern: string): number {
  return pattern.startsWith("*.") ? pattern.length - 2 : Number.MAX_SAFE_INTEGER;
}

const rulesBySpecificity = [...hostRules].sort(
  (a, b) => specificity(b.pattern) - specificity(a.pattern),
);

/**
 * The operator of the endpoint at `host` (a host name, `host:port`, or a URL), or undefined when
 * the catalogue does not know it: unknown is not EU, callers fail closed.
 */
export function operatorOfHost(host: string): EndpointOperator | undefined {
  const name = normaliseHost(hostOf(host));
  if (name === "") return undefined;
  const rule = rulesBySpecificity.find((r) => hostMatches(r.pattern, name));
  if (!rule) return undefined;
  const { pattern: _pattern, ...operator } = rule;
  return operator;
}

/** The host of a URL, or the input itself when it is not a URL. */
function hostOf(value: string): string {
  const trimmed = value.trim();
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed)) return trimmed;
  try {
    return new URL(trimmed).hostname;
  } catch {
    return "";
  }
}

/** Every host pattern with its operator, for the generated docs. */
export function endpointOperatorTable(): readonly (EndpointOperator & { pattern: string })[] {
  return hostRules;
}
