/**
 * The endpoints a stack's configuration names, judged before anything is built: every service the
 * platform calls at run time (the cloud's Keystone, the identity provider, the certificate
 * store, the Debian mirror, the DNS resolvers; the container registry in config-rules.ts) and
 * every range its nodes may reach.
 *
 * - An operator under extra-EU law is refused, by the catalogue the policy pack uses
 *   (policies/catalog/endpoint-operators.ts): an EU region of a US cloud is still under US law.
 *   A host the catalogue does not know is left to the pack and the operator (it may be theirs).
 * - A documentation address (RFC 5737/3849) or an example host is a placeholder: the config
 *   accepts it so an example stack plans, and `hdh plan` reports it by its key
 *   (stacks/placeholders.ts), mandatory in production.
 * - The researchers' browsers open the identity provider's authorization endpoint from the
 *   internet: it cannot be a private, loopback or link-local address.
 * - 169.254.169.254 is the cloud's metadata service (OpenStack Nova metadata, https://docs.openstack.org/nova/latest/user/metadata.html),
 *   which hands out instance credentials and user data: no configured egress range may include it.
 */
import ipaddr from "ipaddr.js";
import { operatorOfHost } from "../policies/catalog/endpoint-operators";
import { isInternetWide, parseCidr } from "../components/network/cidr";
import type { ConfigProblem } from "./config-error";
import { isDocumentationAddress } from "./placeholders";
import type { RawPlatformConfig } from "./config-schema";

const metadataAddress = ipaddr.parse("169.254.169.254");

interface Endpoint {
  path: string[];
  /** A URL, or a host with an optional path (the registry). */
  value: string;
  /** What it is, for the message. */
  what: string;
  /** Reached from the internet by the researchers' browsers: a private address cannot be it. */
  publicOnly?: boolean;
}

function endpointsOf(config: RawPlatformConfig): Endpoint[] {
  const list: Endpoint[] = [];
  if (config.cloud?.authUrl) {
    list.push({
      path: ["cloud", "authUrl"],
      value: config.cloud.authUrl,
      what: "the cloud's Keystone",
    });
  }
  if (config.bastion?.aptMirror) {
    list.push({
      path: ["bastion", "aptMirror"],
      value: config.bastion.aptMirror,
      what: "the Debian mirror",
    });
  }
  // The registry is judged by registryRules (config-rules.ts), with the same catalogue.
  const gateway = config.gateway;
  if (gateway) {
    list.push(
      {
        path: ["gateway", "certificateRef"],
        value: gateway.certificateRef,
        what: "the certificate store",
      },
      {
        path: ["gateway", "oidc", "issuer"],
        value: gateway.oidc.issuer,
        what: "the identity provider",
      },
      {
        path: ["gateway", "oidc", "authorizationEndpoint"],
        value: gateway.oidc.authorizationEndpoint,
        what: "the identity provider",
        publicOnly: true,
      },
      {
        path: ["gateway", "oidc", "jwksEndpoint"],
        value: gateway.oidc.jwksEndpoint,
        what: "the identity provider",
      },
    );
  }
  return list;
}

/** The host of a URL or of `host[:port][/path]`, lower-case, without brackets. */
function hostOf(value: string): string {
  try {
    const url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `https://${value}`);
    return url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  } catch {
    return "";
  }
}

/** Endpoints of extra-EU operators, at documentation addresses, or private where public is needed. */
export function endpointProblems(config: RawPlatformConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  for (const endpoint of endpointsOf(config)) {
    const host = hostOf(endpoint.value);
    if (host === "") continue; // the schema has already said what is wrong with the value
    const operator = operatorOfHost(host);
    if (operator && !operator.eu) {
      problems.push({
        path: endpoint.path,
        message: `${host} is run by ${operator.operator}, under ${operator.jurisdiction} law (${operator.source}), even in an EU region; use ${endpoint.what} of an operator under EU law`,
      });
      continue;
    }
    if (!ipaddr.isValid(host)) continue;
    const address = ipaddr.process(host);
    // A documentation address is a placeholder, reported by the plan (not refused here).
    if (isDocumentationAddress(host)) continue;
    if (endpoint.publicOnly && address.range() !== "unicast") {
      problems.push({
        path: endpoint.path,
        message: `${host} is a ${address.range()} address, but the researchers' browsers open this endpoint from the internet; write the identity provider's public address or name`,
      });
    }
  }
  return problems;
}

/** Egress ranges that include the metadata service, and DNS servers that cannot be resolvers. */
export function egressAddressProblems(config: RawPlatformConfig): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  const ranges: { path: string[]; list: readonly string[] }[] = [
    { path: ["network", "egressHttpsCidrs"], list: config.network?.egressHttpsCidrs ?? [] },
    { path: ["network", "objectStorageCidrs"], list: config.network?.objectStorageCidrs ?? [] },
    { path: ["gateway", "identityCidrs"], list: config.gateway?.identityCidrs ?? [] },
  ];
  for (const { path, list } of ranges) {
    list.forEach((text, index) => {
      let range: [ipaddr.IPv4 | ipaddr.IPv6, number];
      try {
        range = ipaddr.parseCIDR(text);
      } catch {
        return; // not a CIDR: networkRules and gatewayRules say so
      }
      const cidr = parseCidr(text);
      if (cidr && isInternetWide(cidr)) return; // refused as a share of the internet already
      if (range[0].kind() === "ipv4" && metadataAddress.match(range as [ipaddr.IPv4, number])) {
        problems.push({
          path: [...path, String(index)],
          message: `${text} includes 169.254.169.254, the cloud's metadata service (instance credentials and user data): never an egress destination; list the endpoints' own public ranges`,
        });
      }
    });
  }
  (config.network?.dnsNameservers ?? []).forEach((server, index) => {
    if (!ipaddr.isValid(server)) return; // networkRules says so
    const address = ipaddr.process(server);
    const path = ["network", "dnsNameservers", String(index)];
    // A documentation address is a placeholder, reported by the plan (not refused here).
    if (address.toString() === metadataAddress.toString()) {
      problems.push({
        path,
        message: `${server} is the cloud's metadata service, not a resolver; write your provider's resolver in the region`,
      });
    }
  });
  return problems;
}
