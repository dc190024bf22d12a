import { extraEuProviderPackages, localProviderPackages } from "../catalog/jurisdictions";
import { hostOfEndpoint, isEndpointPackage } from "../lib/provider-endpoints";
import { declaredTrusted } from "./provider-endpoint-operator";
import { operatorOfHost, type EndpointOperator } from "../catalog/endpoint-operators";
import { resourcePolicies } from "../lib/define";
import { packageOfType } from "../lib/urn";
import { isUnknown, raw, str } from "../lib/values";
import { req } from "../requirements";

/**
 * OVHcloud API endpoint names and their hosts (github.com/ovh/go-ovh ovh/ovh.go): `ovh-eu` is
 * OVH SAS, `ovh-us` OVHcloud US and `ovh-ca` OVHcloud Canada (docs/providers.md).
 */
const ovhEndpointHosts: Readonly<Record<string, string>> = {
  "ovh-eu": "api.eu.ovhcloud.com",
  "ovh-us": "api.us.ovhcloud.com",
  "ovh-ca": "api.ca.ovhcloud.com",
};

/**
 * Self-hosted software: the operator is whoever runs the server the provider's endpoint input
 * names, not the package's author. Each input and its environment fallback from the package's
 * Pulumi Registry page:
 * - vault `address` (VAULT_ADDR): https://www.pulumi.com/registry/packages/vault/installation-configuration/;
 * - keycloak `url` (KEYCLOAK_URL): https://www.pulumi.com/registry/packages/keycloak/installation-configuration/;
 * - docker `host` (DOCKER_HOST; `unix://` and `npipe://` are the local daemon's socket or pipe;
 *   `context` names a Docker context, which overrides `host`):
 *   https://www.pulumi.com/registry/packages/docker/installation-configuration/ and
 *   https://www.pulumi.com/registry/packages/docker/api-docs/provider/.
 */
const selfHostedEndpoints: Readonly<Record<string, { field: string; fallback: string }>> = {
  vault: { field: "address", fallback: "VAULT_ADDR" },
  keycloak: { field: "url", fallback: "KEYCLOAK_URL" },
  docker: { field: "host", fallback: "DOCKER_HOST, else the local daemon's socket" },
};

/** What a provider's inputs say about the endpoint it talks to, for the packages judged by one. */
type Endpoint =
  /** The endpoint is known: its operator from the catalogue (undefined: unknown, not EU). */
  | { kind: "known"; operator?: EndpointOperator; endpoint: string }
  /** A self-hosted server's host the catalogue does not know: its operator is not judged. */
  | { kind: "unlisted"; host: string; endpoint: string }
  /** The provider talks to the machine running the deployment: no operator to judge. */
  | { kind: "local" }
  /** The input is unknown during preview, or absent and read from the environment. */
  | { kind: "not-seen"; why: string };

/** A self-hosted package's endpoint, read from its provider's own input. */
function selfHostedEndpoint(pkg: string, props: Record<string, unknown> | undefined): Endpoint {
  const { field, fallback } = selfHostedEndpoints[pkg];
  if (pkg === "docker" && (isUnknown(props?.context) || str(props?.context)))
    return {
      kind: "not-seen",
      why: "`context` names a Docker context (it overrides `host`) whose endpoint the pack cannot read",
    };
  const value = props?.[field];
  if (isUnknown(value)) return { kind: "not-seen", why: `\`${field}\` is unknown during preview` };
  const text = str(value)?.trim();
  if (!text)
    return {
      kind: "not-seen",
      why: `no \`${field}\`: the provider would read ${fallback} from an environment the pack cannot see`,
    };
  if (pkg === "docker" && /^(unix|npipe):\/\//i.test(text)) return { kind: "local" };
  const host = hostOfEndpoint(text);
  if (!host) return { kind: "not-seen", why: `\`${field}\` "${text}" is not a URL or host name` };
  const operator = operatorOfHost(host);
  return operator
    ? { kind: "known", operator, endpoint: `${host} (\`${field}\`)` }
    : { kind: "unlisted", host, endpoint: `${host} (\`${field}\`)` };
}

/**
 * Who operates the endpoint a provider package talks to, when the package alone does not say: a
 * `gcp` provider in the `s3nsapis.fr` universe domain is S3NS (France), not Google; an `ovh`
 * provider's endpoint decides between OVH SAS and OVHcloud US or Canada. Undefined: not judged
 * by endpoint (a `gcp` provider naming no universe domain, or Google's own, is Google's).
 */
function endpointOperator(
  pkg: string,
  providerProps: Record<string, unknown> | undefined,
): Endpoint | undefined {
  if (Object.hasOwn(selfHostedEndpoints, pkg)) return selfHostedEndpoint(pkg, providerProps);
  if (pkg === "gcp") {
    const domain = providerProps?.universeDomain;
    if (isUnknown(domain))
      return { kind: "not-seen", why: "`universeDomain` is unknown during preview" };
    if (typeof domain !== "string" || domain === "" || domain === "googleapis.com")
      return undefined;
    return {
      kind: "known",
      operator: operatorOfHost(`compute.${domain}`),
      endpoint: `universe domain ${domain}`,
    };
  }
  if (pkg === "ovh") {
    const endpoint = providerProps?.endpoint;
    if (isUnknown(endpoint))
      return { kind: "not-seen", why: "`endpoint` is unknown during preview" };
    if (typeof endpoint !== "string" || endpoint === "") {
      // As for every provider endpoint left to the environment (provider-endpoint-operator.ts):
      // the pack cannot see OVH_ENDPOINT, so it says so rather than pass or refuse.
      return {
        kind: "not-seen",
        why: "no `endpoint`: the provider would read OVH_ENDPOINT from an environment the pack cannot see",
      };
    }
    const host = ovhEndpointHosts[endpoint] ?? endpoint;
    return { kind: "known", operator: operatorOfHost(host), endpoint: `endpoint ${endpoint}` };
  }
  return undefined;
}

/** No resource of a provider operated under extra-EU law, whatever its region. */
export function extraEuProvider() {
  return resourcePolicies({
    name: "pulumi-all-provider-extra-eu-jurisdiction",
    description:
      "No resource is managed through a provider run by a company subject to extra-EU law (CLOUD Act, FISA 702...), even in an EU region.",
    enforcementLevel: "mandatory",
    // Every resource of those packages, and their explicit providers; `ovh` is judged by endpoint.
    // Every provider resource too (the engine registers one for each package a stack uses, default
    // providers included): a package the catalogue does not know is named, never passed.
    types: [
      ...[...Object.keys(extraEuProviderPackages), "ovh"].map((pkg) => `${pkg}:*`),
      "pulumi:providers:*",
    ],
    meta: {
      area: "jurisdiction",
      severity: "critical",
      requirements: [req.sncExtraEuLaw, req.hdsExtraEu, req.gdprTransfers, req.isoCloud],
      remediation:
        "Move the resource to an EU-operated provider (docs/providers.md): an OpenStack profile, the `ovh` provider on `ovh-eu`, or `gcp` in the S3NS universe domain `s3nsapis.fr`; or, if the operator is a qualified trust operator, name its package in the policy setting `trustedOperators`.",
      settings: ["trustedOperators", "trustedEuEndpoints"],
    },
    validate: (args, settings, report, unknown) => {
      const pkg = packageOfType(args.type);
      // A provider is judged by its own inputs; any other resource by its provider's.
      const providerProps = args.type.startsWith("pulumi:providers:")
        ? raw(args.props)
        : raw(args.provider?.props);
      const judged = endpointOperator(pkg, providerProps as Record<string, unknown> | undefined);
      // A self-hosted server the catalogue knows as run by an extra-EU operator (a managed Vault
      // or Keycloak in an extra-EU cloud) stays refused whatever `trustedOperators` says of the
      // package: the package's author is not who runs the server.
      const extraEuHost = judged?.kind === "known" && judged.operator?.eu === false;
      if (settings.trustedOperators.includes(pkg) && !extraEuHost) return;
      if (judged?.kind === "local") return;
      if (judged?.kind === "unlisted") {
        if (declaredTrusted(judged.host, settings)) return;
        unknown(
          `Package "${pkg}" talks to ${judged.endpoint}, a server whose operator the catalogue does not know: who runs it, and under which law, is not judged. ` +
            "If it is operated under EU law, declare the host in `trustedEuEndpoints` (or the package in `trustedOperators`).",
        );
        return;
      }
      if (judged?.kind === "not-seen") {
        unknown(`Package "${pkg}": ${judged.why}; who operates its endpoint cannot be judged yet.`);
        return;
      }
      if (judged) {
        if (judged.operator?.eu) return;
        report(
          judged.operator
            ? `Package "${pkg}" talks to ${judged.endpoint}, operated by ${judged.operator.operator}, subject to ${judged.operator.jurisdiction} law: an EU region does not protect health data from it. Use an EU-operated endpoint.`
            : `Package "${pkg}" talks to ${judged.endpoint}, whose operator the catalogue does not know: unknown is not EU. Use an EU-operated endpoint (docs/providers.md).`,
        );
        return;
      }
      const operator = extraEuProviderPackages[pkg];
      if (!operator) {
        // Unknown is not EU: a provider of a package the catalogue neither lists as extra-EU, nor
        // judges by its endpoint (here above for gcp and ovh, provider-endpoint-operator.ts for
        // the others), nor knows as local-only.
        const known =
          isEndpointPackage(pkg) ||
          localProviderPackages.includes(pkg) ||
          Object.hasOwn(selfHostedEndpoints, pkg);
        if (args.type.startsWith("pulumi:providers:") && !known)
          unknown(
            `Package "${pkg}" is not in the provider catalogue: who operates the service it talks to, and under which law, is not judged. ` +
              "If its operator is EU-qualified, list the package in `trustedOperators`; otherwise ask for it to be catalogued (policies/catalog/jurisdictions.ts).",
          );
        return;
      }
      report(
        `Package "${pkg}" is operated by ${operator.operator}, subject to ${operator.jurisdiction} law: an EU region does not protect health data from it. ` +
          "Use an EU-operated provider, or list the package in `trustedOperators` if its operator is qualified.",
      );
    },
  });
}
