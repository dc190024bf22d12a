/**
 * How the pack decides where an OpenStack resource lives (its region, its provider's, or an
 * EU-only Keystone URL), which resources are bastions, and what a URN says about its parents:
 * the facts the location and exposure rules judge from.
 */
import { describe, expect, it } from "vitest";
import { defaultSettings, type PolicySettings } from "../../../policies/config";
import { isBastion } from "../../../policies/lib/bastion";
import { euAuthUrl, isAllowedRegion, placementOf } from "../../../policies/lib/region";
import { ancestorTypesOfUrn, packageOfType, stackOfUrn } from "../../../policies/lib/urn";
import { unknown } from "../baseline";

const settings: PolicySettings = {
  ...defaultSettings,
  euAuthUrls: ["https://auth.cloud.ovh.net/v3"],
  allowedRegions: ["GRA11", "SBG5"],
};
const provider = (props: Record<string, unknown>) => ({ props });

describe("placementOf", () => {
  it("the resource's own region wins over its provider's", () => {
    expect(placementOf({ region: "GRA11" }, provider({ region: "US-EAST-VA" }), settings)).toEqual({
      kind: "region",
      region: "GRA11",
      from: "resource",
    });
  });

  it("without one, the provider's region is used, and said to be the provider's", () => {
    expect(placementOf({}, provider({ region: "SBG5" }), settings)).toEqual({
      kind: "region",
      region: "SBG5",
      from: "provider",
    });
  });

  it("without any region, the provider's Keystone URL decides, EU-only or not", () => {
    expect(
      placementOf({}, provider({ authUrl: "https://auth.cloud.ovh.net/v3" }), settings),
    ).toEqual({ kind: "auth-url", authUrl: "https://auth.cloud.ovh.net/v3", eu: true });
    expect(
      placementOf({}, provider({ authUrl: "https://keystone.example.com/v3" }), settings),
    ).toEqual({ kind: "auth-url", authUrl: "https://keystone.example.com/v3", eu: false });
  });

  it("nothing that says where (no region, no provider, no URL) is none: fail closed", () => {
    expect(placementOf({}, undefined, settings)).toEqual({ kind: "none" });
    expect(placementOf({}, provider({}), settings)).toEqual({ kind: "none" });
    expect(placementOf({ region: "" }, provider({ region: "" }), settings)).toEqual({
      kind: "none",
    });
  });

  it.each([
    ["the resource's region", { region: unknown }, { region: "GRA11" }],
    ["the provider's region", {}, { region: unknown, authUrl: "https://auth.cloud.ovh.net/v3" }],
    ["the provider's URL", {}, { authUrl: unknown }],
  ])("%s unknown at preview is unknown, not guessed", (_, props, providerProps) => {
    expect(placementOf(props, provider(providerProps), settings)).toEqual({ kind: "unknown" });
  });
});

describe("euAuthUrl and isAllowedRegion", () => {
  it.each([
    "https://auth.cloud.ovh.net/v3",
    "https://auth.cloud.ovh.net/v3/",
    "https://auth.cloud.ovh.net/v3//",
    " HTTPS://Auth.Cloud.OVH.net/v3 ",
  ])("%j is the listed EU Keystone", (url) => {
    expect(euAuthUrl(url, settings)).toBe(true);
  });

  it.each([
    "https://auth.cloud.ovh.net/v2",
    "https://auth.cloud.ovh.net/v3/x",
    "https://auth.cloud.ovh.net",
  ])("%j is another endpoint", (url) => {
    expect(euAuthUrl(url, settings)).toBe(false);
  });

  it("regions are allowed by exact name", () => {
    expect(isAllowedRegion("GRA11", settings)).toBe(true);
    expect(isAllowedRegion("gra11", settings)).toBe(false);
    expect(isAllowedRegion("BHS5", settings)).toBe(false);
  });
});

describe("isBastion", () => {
  const resource = (name: string, props: Record<string, unknown> = {}, parents = "") => ({
    urn: `urn:pulumi:prod::hdh::${parents}openstack:compute/instance:Instance::${name}`,
    name,
    props,
  });

  it("a child of a bastion component is a bastion, whatever its name", () => {
    expect(
      isBastion(resource("vm-1", {}, "hdh:platform:Platform$hdh:bastion:Bastion$"), settings),
    ).toBe(true);
  });

  it.each(["bastion", "hdh-bastion-1", "prod.BASTION", "bastion_2"])(
    "the name %j marks a bastion",
    (name) => {
      expect(isBastion(resource(name), settings)).toBe(true);
    },
  );

  it.each(["bastionhost", "notbastion", "worker"])("the name %j does not", (name) => {
    expect(isBastion(resource(name), settings)).toBe(false);
  });

  it("the role tag marks a bastion, among other tags", () => {
    expect(
      isBastion(resource("vm-1", { tags: ["team=ops", "hdh.health/role=bastion"] }), settings),
    ).toBe(true);
    expect(isBastion(resource("vm-1", { tags: ["team=ops"] }), settings)).toBe(false);
  });

  it("the role in metadata marks a bastion; another role does not", () => {
    expect(
      isBastion(resource("vm-1", { metadata: { "hdh.health/role": "bastion" } }), settings),
    ).toBe(true);
    expect(
      isBastion(resource("vm-1", { metadata: { "hdh.health/role": "workspace" } }), settings),
    ).toBe(false);
  });

  it("a changed name pattern is honoured (the pattern is not cached across settings)", () => {
    const custom = { ...settings, bastionNamePattern: "^jump-" };
    expect(isBastion(resource("jump-1"), custom)).toBe(true);
    expect(isBastion(resource("bastion"), custom)).toBe(false);
  });
});

describe("URNs and type tokens", () => {
  it("the stack is read from a URN, with or without the urn:pulumi: prefix", () => {
    expect(stackOfUrn("urn:pulumi:prod::hdh::openstack:compute/instance:Instance::vm")).toBe(
      "prod",
    );
    expect(stackOfUrn("dev::hdh::t::n")).toBe("dev");
    expect(stackOfUrn("urn:pulumi:noseparator")).toBe("");
  });

  it("ancestors are listed outermost first, without the stack itself", () => {
    expect(
      ancestorTypesOfUrn(
        "urn:pulumi:prod::hdh::pulumi:pulumi:Stack$hdh:platform:Platform$hdh:bastion:Bastion$openstack:compute/instance:Instance::vm",
      ),
    ).toEqual(["hdh:platform:Platform", "hdh:bastion:Bastion"]);
    expect(
      ancestorTypesOfUrn("urn:pulumi:prod::hdh::openstack:compute/instance:Instance::vm"),
    ).toEqual([]);
  });

  it("a malformed URN has no ancestors", () => {
    expect(ancestorTypesOfUrn("urn:pulumi:prod::hdh::hdh:bastion:Bastion$x")).toEqual([]);
  });

  it("the package is the token's first part, or the provider's name", () => {
    expect(packageOfType("aws:s3/bucket:Bucket")).toBe("aws");
    expect(packageOfType("pulumi:providers:aws")).toBe("aws");
    expect(packageOfType("kubernetes")).toBe("kubernetes");
    expect(packageOfType(":odd")).toBe("");
  });
});
