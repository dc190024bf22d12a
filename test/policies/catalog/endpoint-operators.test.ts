import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  endpointOperatorTable,
  hostMatches,
  operatorOfHost,
} from "../../../policies/catalog/endpoint-operators";
import { euMemberStates } from "../../../policies/catalog/cloud-profiles";

describe("operatorOfHost", () => {
  it.each([
    ["auth.cloud.ovh.net", "OVH SAS", "FR", true],
    ["https://auth.cloud.ovh.net/v3", "OVH SAS", "FR", true],
    ["s3.gra.io.cloud.ovh.net", "OVH SAS", "FR", true],
    ["abc123.c1.gra9.k8s.ovh.net", "OVH SAS", "FR", true],
    ["https://api.eu.ovhcloud.com/1.0", "OVH SAS", "FR", true],
    ["auth.cloud.ovh.us", "OVH US LLC (OVHcloud US)", "US", false],
    ["https://api.us.ovhcloud.com/1.0", "OVH US LLC (OVHcloud US)", "US", false],
    ["api.ca.ovhcloud.com", "OVHcloud Canada", "CA", false],
    ["compute.s3nsapis.fr", "S3NS SAS", "FR", true],
    ["api.eu-west-2.outscale.com", "3DS OUTSCALE SAS", "FR", true],
    [
      "api.us-east-2.outscale.com",
      "OUTSCALE's United States region (operating entity not confirmed)",
      "US",
      false,
    ],
    ["shiva.cloud-temple.com", "Cloud Temple SAS", "FR", true],
    ["my-cluster.hcp.westeurope.azmk8s.io:443", "Microsoft Corporation", "US", false],
    ["login.microsoftonline.com", "Microsoft Corporation", "US", false],
    ["ABC.yl4.eu-west-3.eks.amazonaws.com", "Amazon Web Services, Inc.", "US", false],
    ["compute.googleapis.com", "Google LLC", "US", false],
  ])("%s is operated by %s (%s law, EU: %s)", (host, operator, jurisdiction, eu) => {
    expect(operatorOfHost(host)).toMatchObject({ operator, jurisdiction, eu });
  });

  it("OVHcloud US hosts are never read as OVH SAS", () => {
    expect(operatorOfHost("auth.cloud.ovh.us")?.eu).toBe(false);
    expect(operatorOfHost("cloud.ovh.us.evil.example")).toBeUndefined();
  });

  it("a look-alike host is unknown, not EU", () => {
    for (const host of [
      "auth.cloud.ovh.net.attacker.example",
      "evilcloud.ovh.net",
      "s3nsapis.fr.example.com",
      "xs3nsapis.fr",
      "cloud-temple.com.example",
      "",
      "   ",
      "https://",
    ]) {
      expect(operatorOfHost(host), host).toBeUndefined();
    }
  });

  it("a bare domain is not its own wildcard", () => {
    expect(operatorOfHost("s3nsapis.fr")).toBeUndefined();
    expect(hostMatches("*.s3nsapis.fr", "s3nsapis.fr")).toBe(false);
  });

  it("host case, a trailing dot and a port do not change the answer", () => {
    expect(operatorOfHost("AUTH.Cloud.OVH.net.")).toMatchObject({ operator: "OVH SAS" });
    expect(operatorOfHost("auth.cloud.ovh.net:5000")).toMatchObject({ operator: "OVH SAS" });
  });

  it("every entry has a public source and an EU flag that agrees with its jurisdiction", () => {
    for (const e of endpointOperatorTable()) {
      expect(e.source, e.pattern).toMatch(/^https:\/\//);
      expect(e.eu, e.pattern).toBe(euMemberStates.has(e.jurisdiction));
    }
  });

  it("any sub-domain of an unknown domain stays unknown (property)", () => {
    fc.assert(
      fc.property(fc.domain(), (host) => {
        const found = operatorOfHost(host);
        if (found === undefined) return true;
        return endpointOperatorTable().some((e) => hostMatches(e.pattern, host.toLowerCase()));
      }),
    );
  });
});
