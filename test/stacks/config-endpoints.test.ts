/**
 * Every endpoint the platform calls at run time, as written in the stack's config, is judged by
 * the same jurisdiction catalogue as the pack (policies/catalog/endpoint-operators.ts): an
 * operator under extra-EU law is refused by key. Documentation addresses are never real
 * endpoints, a public endpoint is not a private address, and the cloud's metadata service
 * (169.254.169.254) is never an allowed egress destination.
 */
import { describe, expect, it } from "vitest";
import { ConfigError, parsePlatformConfig } from "../../stacks/config";
import { readStackFile } from "../../stacks/stack-file";

const today = new Date("2026-11-23T12:00:00Z");
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RawConfig = Record<string, any>;
const dev = (): RawConfig => structuredClone(readStackFile("dev").hdh) as RawConfig;

function problems(raw: unknown): string[] {
  try {
    parsePlatformConfig(raw, { stack: "dev", today });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${ConfigError.key(p.path)}: ${p.message}`);
  }
  return [];
}

describe("extra-EU operators", () => {
  it("a Microsoft Entra identity provider is refused at each of its endpoints", () => {
    const raw = dev();
    const tenant = "https://login.microsoftonline.com/00000000-0000-0000-0000-000000000000";
    raw.gateway.oidc.issuer = `${tenant}/v2.0`;
    raw.gateway.oidc.authorizationEndpoint = `${tenant}/oauth2/v2.0/authorize`;
    raw.gateway.oidc.jwksEndpoint = `${tenant}/discovery/v2.0/keys`;
    const found = problems(raw);
    for (const key of ["issuer", "authorizationEndpoint", "jwksEndpoint"]) {
      expect(found).toContainEqual(
        expect.stringMatching(
          new RegExp(`^hdh:gateway\\.oidc\\.${key}: .*Microsoft Corporation.*US`),
        ),
      );
    }
  });

  it("an apt mirror on amazonaws.com is refused", () => {
    const raw = dev();
    raw.bastion.aptMirror = "https://debian-mirror.s3.eu-west-3.amazonaws.com/debian";
    expect(problems(raw)).toEqual([
      expect.stringMatching(/^hdh:bastion\.aptMirror: .*Amazon Web Services.*US/),
    ]);
  });

  it("a Keystone of OVHcloud US is refused, whatever the region", () => {
    const raw = dev();
    raw.cloud.authUrl = "https://auth.cloud.ovh.us/v3";
    expect(problems(raw)).toEqual([expect.stringMatching(/^hdh:cloud\.authUrl: .*OVH US LLC/)]);
  });

  it("a registry and a certificate store of an extra-EU operator are refused", () => {
    const raw = dev();
    raw.registry = "hdh.azurecr.io/hdh";
    raw.gateway.certificateRef =
      "https://kms.eu-west-3.amazonaws.com/v1/containers/00000000-0000-4000-8000-000000000001";
    const found = problems(raw);
    expect(found).toContainEqual(expect.stringMatching(/^hdh:registry: .*Microsoft/));
    expect(found).toContainEqual(expect.stringMatching(/^hdh:gateway\.certificateRef: .*Amazon/));
  });
});

describe("addresses that are no public endpoint", () => {
  it("an identity provider at a private address is refused; a documentation one is a placeholder the plan reports", () => {
    const raw = dev();
    raw.gateway.oidc.authorizationEndpoint = "https://192.0.2.10/realms/hdh/auth";
    raw.gateway.oidc.jwksEndpoint = "https://203.0.113.7/realms/hdh/certs";
    // Accepted here: stacks/placeholders.ts reports them by key, mandatory in production.
    expect(problems(raw)).toEqual([]);
    raw.gateway.oidc.jwksEndpoint = dev().gateway.oidc.jwksEndpoint;
    raw.gateway.oidc.authorizationEndpoint = "https://10.1.2.3/realms/hdh/auth";
    expect(problems(raw)).toEqual([
      expect.stringMatching(
        /^hdh:gateway\.oidc\.authorizationEndpoint: .*private.*researchers' browsers/,
      ),
    ]);
  });

  it.each([
    ["network", "egressHttpsCidrs", "169.254.169.254/32"],
    ["network", "egressHttpsCidrs", "169.254.0.0/16"],
    ["network", "objectStorageCidrs", "169.254.169.254/32"],
    ["gateway", "identityCidrs", "169.254.169.254/32"],
  ])("hdh:%s.%s may not include the metadata service (%s)", (section, key, cidr) => {
    const raw = dev();
    raw[section][key] = [cidr];
    expect(problems(raw)).toContainEqual(
      expect.stringMatching(new RegExp(`^hdh:${section}\\.${key}\\[0\\]: .*169\\.254\\.169\\.254`)),
    );
  });

  it("a DNS server at the metadata address is refused; a documentation one is a placeholder", () => {
    const raw = dev();
    raw.network.dnsNameservers = ["192.0.2.53", "169.254.169.254", "10.42.0.2"];
    expect(problems(raw)).toEqual([
      expect.stringMatching(/^hdh:network\.dnsNameservers\[1\]: .*metadata/),
    ]);
  });
});

describe("the reference stacks keep validating", () => {
  it("dev's placeholders (example.fr hosts, documentation egress ranges) are not endpoint addresses", () => {
    expect(problems(dev())).toEqual([]);
  });
});
