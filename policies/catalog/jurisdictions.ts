/**
 * Which Pulumi provider packages and which container registries are run by companies subject to
 * extra-EU law (US CLOUD Act and FISA 702, Chinese National Intelligence Law...). An EU region of
 * such an operator is still reachable by that law: the Health Data Hub's data sat in Azure's
 * France region and remained under the CLOUD Act. SecNumCloud 3.2 §19.6 and the French doctrine
 * "cloud au centre" exclude them for sensitive data.
 */

export interface ExtraEuOperator {
  /** Company operating the service. */
  readonly operator: string;
  /** ISO 3166-1 alpha-2 country whose law reaches the operator. */
  readonly jurisdiction: string;
}

/**
 * Pulumi package names (the first segment of a type token, or `pulumi:providers:<package>`)
 * whose resources are operated under extra-EU law.
 */
export const extraEuProviderPackages: Readonly<Record<string, ExtraEuOperator>> = {
  aws: { operator: "Amazon Web Services, Inc.", jurisdiction: "US" },
  "aws-native": { operator: "Amazon Web Services, Inc.", jurisdiction: "US" },
  awsx: { operator: "Amazon Web Services, Inc.", jurisdiction: "US" },
  eks: { operator: "Amazon Web Services, Inc.", jurisdiction: "US" },
  "aws-apigateway": { operator: "Amazon Web Services, Inc.", jurisdiction: "US" },
  azure: { operator: "Microsoft Corporation", jurisdiction: "US" },
  "azure-native": { operator: "Microsoft Corporation", jurisdiction: "US" },
  azuread: { operator: "Microsoft Corporation", jurisdiction: "US" },
  azuredevops: { operator: "Microsoft Corporation", jurisdiction: "US" },
  msgraph: { operator: "Microsoft Corporation", jurisdiction: "US" },
  gcp: { operator: "Google LLC", jurisdiction: "US" },
  "google-native": { operator: "Google LLC", jurisdiction: "US" },
  oci: { operator: "Oracle Corporation", jurisdiction: "US" },
  ibm: { operator: "IBM Corporation", jurisdiction: "US" },
  digitalocean: { operator: "DigitalOcean, LLC", jurisdiction: "US" },
  linode: { operator: "Akamai Technologies, Inc.", jurisdiction: "US" },
  akamai: { operator: "Akamai Technologies, Inc.", jurisdiction: "US" },
  cloudflare: { operator: "Cloudflare, Inc.", jurisdiction: "US" },
  fastly: { operator: "Fastly, Inc.", jurisdiction: "US" },
  equinix: { operator: "Equinix, Inc.", jurisdiction: "US" },
  "equinix-metal": { operator: "Equinix, Inc.", jurisdiction: "US" },
  vultr: { operator: "The Constant Company, LLC", jurisdiction: "US" },
  heroku: { operator: "Salesforce, Inc.", jurisdiction: "US" },
  datadog: { operator: "Datadog, Inc.", jurisdiction: "US" },
  newrelic: { operator: "New Relic, Inc.", jurisdiction: "US" },
  splunk: { operator: "Cisco Systems, Inc.", jurisdiction: "US" },
  snowflake: { operator: "Snowflake Inc.", jurisdiction: "US" },
  databricks: { operator: "Databricks, Inc.", jurisdiction: "US" },
  mongodbatlas: { operator: "MongoDB, Inc.", jurisdiction: "US" },
  confluentcloud: { operator: "Confluent, Inc.", jurisdiction: "US" },
  auth0: { operator: "Okta, Inc.", jurisdiction: "US" },
  okta: { operator: "Okta, Inc.", jurisdiction: "US" },
  github: { operator: "GitHub, Inc. (Microsoft)", jurisdiction: "US" },
  alicloud: { operator: "Alibaba Cloud", jurisdiction: "CN" },
  tencentcloud: { operator: "Tencent Cloud", jurisdiction: "CN" },
  huaweicloud: { operator: "Huawei Cloud", jurisdiction: "CN" },
};

/**
 * Provider packages that talk to no operator's service: they compute values, keys or files on the
 * machine running the deployment, or run commands against hosts the program itself declares. Their
 * operator has no jurisdiction to judge. Each from its Pulumi Registry page: random (random values),
 * tls (keys and certificates generated locally), time (timestamps and offsets), null, std (Terraform
 * standard functions), archive, local (local files), external (a local program's output), command
 * (commands run locally, or over SSH to hosts the program names), and the engine's own `pulumi`
 * provider (stack references, read from the program's own state backend).
 */
export const localProviderPackages: readonly string[] = [
  "random",
  "tls",
  "time",
  "null",
  "std",
  "archive",
  "local",
  "external",
  "command",
  "pulumi",
];

/**
 * Container registries operated under extra-EU law. `*.` matches any sub-domain. Docker Hub is
 * also what an image without a registry host (`nginx`, `library/nginx`) resolves to.
 */
export const extraEuRegistries: Readonly<Record<string, ExtraEuOperator>> = {
  "docker.io": { operator: "Docker, Inc.", jurisdiction: "US" },
  "registry-1.docker.io": { operator: "Docker, Inc.", jurisdiction: "US" },
  "index.docker.io": { operator: "Docker, Inc.", jurisdiction: "US" },
  "ghcr.io": { operator: "GitHub, Inc. (Microsoft)", jurisdiction: "US" },
  "docker.pkg.github.com": { operator: "GitHub, Inc. (Microsoft)", jurisdiction: "US" },
  "quay.io": { operator: "Red Hat, Inc. (IBM)", jurisdiction: "US" },
  "gcr.io": { operator: "Google LLC", jurisdiction: "US" },
  "*.gcr.io": { operator: "Google LLC", jurisdiction: "US" },
  "*.pkg.dev": { operator: "Google LLC", jurisdiction: "US" },
  "registry.k8s.io": { operator: "Google LLC (Kubernetes project hosting)", jurisdiction: "US" },
  "k8s.gcr.io": { operator: "Google LLC", jurisdiction: "US" },
  "mcr.microsoft.com": { operator: "Microsoft Corporation", jurisdiction: "US" },
  "*.azurecr.io": { operator: "Microsoft Corporation", jurisdiction: "US" },
  "public.ecr.aws": { operator: "Amazon Web Services, Inc.", jurisdiction: "US" },
  "*.amazonaws.com": { operator: "Amazon Web Services, Inc.", jurisdiction: "US" },
  "nvcr.io": { operator: "NVIDIA Corporation", jurisdiction: "US" },
  "registry.gitlab.com": { operator: "GitLab Inc.", jurisdiction: "US" },
  "*.jfrog.io": { operator: "JFrog Ltd. (US-hosted SaaS)", jurisdiction: "US" },
  "registry.redhat.io": { operator: "Red Hat, Inc. (IBM)", jurisdiction: "US" },
  "*.ocir.io": { operator: "Oracle Corporation", jurisdiction: "US" },
  "*.aliyuncs.com": { operator: "Alibaba Cloud", jurisdiction: "CN" },
};

/** Host an image reference without an explicit registry resolves to (Docker Hub). */
export const implicitRegistryHost = "docker.io";

/** True when `host` equals `pattern` or, for `*.suffix`, is a sub-domain of it. */
export function hostMatches(host: string, pattern: string): boolean {
  const h = host.toLowerCase();
  const p = pattern.toLowerCase();
  if (p.startsWith("*.")) return h.endsWith(p.slice(1));
  return h === p;
}

/** The extra-EU operator of a registry host, if it is one we know. */
export function extraEuRegistryOperator(host: string): ExtraEuOperator | undefined {
  for (const [pattern, operator] of Object.entries(extraEuRegistries)) {
    if (hostMatches(host, pattern)) return operator;
  }
  return undefined;
}
