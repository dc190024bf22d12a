import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { ConfigError, parsePlatformConfig, type PlatformConfig } from "../../stacks/config";
import { listPlatformStacks, readStackFile } from "../../stacks/stack-file";
import { magnumCluster } from "./magnum-cloud";

const today = new Date("2026-11-23T12:00:00Z");

/** Raw YAML values, mutated freely by the cases below: deliberately untyped. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type RawConfig = Record<string, any>;

/** The dev stack's raw values: a known-good baseline each case changes in one place. */
function baseline(): RawConfig {
  return structuredClone(readStackFile("dev").hdh) as RawConfig;
}

function parse(raw: unknown, stack = "dev"): PlatformConfig {
  return parsePlatformConfig(raw, { stack, today });
}

/** Parses and returns the refused problems as `key: message` lines. */
function problemsOf(raw: unknown, stack = "dev"): string[] {
  try {
    parse(raw, stack);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${ConfigError.key(p.path)}: ${p.message}`);
  }
  throw new Error("configuration was accepted, expected it to be refused");
}

describe("the reference stacks", () => {
  it.each(listPlatformStacks())("stack %s validates", (stack) => {
    const config = parse(readStackFile(stack).hdh, stack);
    expect(config.stack).toBe(stack);
    expect(config.cloud.primaryRegion.country).toBe("FR");
  });

  it("dev is one region with two workspaces, prod two regions with several", () => {
    const dev = parse(readStackFile("dev").hdh, "dev");
    const prod = parse(readStackFile("prod").hdh, "prod");
    expect(dev.cloud.recoveryRegion).toBeUndefined();
    expect(dev.workspaces).toHaveLength(2);
    expect(prod.production).toBe(true);
    expect(prod.cloud.recoveryRegion?.name).not.toBe(prod.cloud.primaryRegion.name);
    expect(prod.workspaces.length).toBeGreaterThanOrEqual(3);
  });

  it("defaults come from the cloud profile", () => {
    const dev = parse(baseline());
    expect(dev.cloud.authUrl).toBe("https://auth.cloud.ovh.net/v3");
    expect(dev.cloud.encryptedVolumeType).toBe("high-speed-gen2-luks");
  });
});

describe("a Kubernetes the provider really offers (policies/catalog/provider-catalogue.ts)", () => {
  it("Magnum on OVHcloud is refused, keyed, naming what to use instead", () => {
    const raw = baseline();
    raw.cluster = magnumCluster(1);
    expect(problemsOf(raw)).toEqual([
      "hdh:cluster.mode: Magnum is not offered by OVHcloud Public Cloud: use ovh-managed or an existing kubeconfig (mode: existing)",
    ]);
  });

  it("OVHcloud Managed Kubernetes on a generic OpenStack is refused", () => {
    const raw = baseline();
    raw.cloud = {
      profile: "generic-openstack",
      primaryRegion: "RegionOne",
      authUrl: "https://keystone.example.eu/v3",
      declaredRegions: [{ name: "RegionOne", country: "DE" }],
    };
    expect(problemsOf(raw)).toEqual([
      "hdh:cluster.mode: OVHcloud Managed Kubernetes is offered only by the ovhcloud profile, not by generic-openstack: use magnum (declared in hdh:cloud.services) or an existing kubeconfig (mode: existing)",
    ]);
  });

  it("Magnum on a generic OpenStack that does not declare it is refused; declaring it is accepted", () => {
    const raw = baseline();
    raw.cloud = {
      profile: "generic-openstack",
      primaryRegion: "RegionOne",
      authUrl: "https://keystone.example.eu/v3",
      declaredRegions: [{ name: "RegionOne", country: "DE" }],
    };
    raw.cluster = magnumCluster(1);
    expect(problemsOf(raw)[0]).toMatch(
      /^hdh:cluster\.mode: Magnum is not declared for this cloud: declare it with hdh:cloud\.services\.kubernetes: magnum/,
    );
    raw.cloud.services = { kubernetes: "magnum" };
    expect(parse(raw).cluster.mode).toBe("magnum");
  });

  it("services are declared only for generic-openstack", () => {
    const raw = baseline();
    raw.cloud.services = { kubernetes: "magnum" };
    expect(problemsOf(raw)[0]).toMatch(/^hdh:cloud\.services: only generic-openstack declares/);
  });

  it("an OVHcloud region without LUKS volume types is refused for the platform", () => {
    const raw = baseline();
    raw.cloud.primaryRegion = "WAW1";
    expect(problemsOf(raw)).toEqual([
      "hdh:cloud.primaryRegion: OVHcloud Public Cloud offers no encrypted (LUKS) volume type in WAW1: choose a region that does (docs/providers.md)",
    ]);
  });

  it("a LUKS type absent from a 3-AZ region is refused with the types it has", () => {
    const raw = baseline();
    raw.cloud.primaryRegion = "EU-WEST-PAR";
    raw.cloud.encryptedVolumeType = "classic-luks";
    expect(problemsOf(raw)).toEqual([
      'hdh:cloud.primaryRegion: the encrypted volume type "classic-luks" is not offered in EU-WEST-PAR; set hdh:cloud.encryptedVolumeType to one of high-speed-gen2-luks',
    ]);
  });

  it("node pools are sized from config: min <= desired <= max", () => {
    const raw = baseline();
    raw.cluster.nodePools = [{ name: "workers", flavor: "b3-16", desiredNodes: 2, maxNodes: 1 }];
    expect(problemsOf(raw)).toEqual([
      "hdh:cluster.nodePools[0]: expected minNodes <= desiredNodes <= maxNodes",
    ]);
  });
});

describe("regions", () => {
  it("a US region of an EU provider is refused, naming the EU alternatives", () => {
    const raw = baseline();
    raw.cloud.primaryRegion = "US-EAST-VA-1";
    const [problem] = problemsOf(raw);
    expect(problem).toMatch(/^hdh:cloud\.primaryRegion: .*outside the EU; use one of .*GRA11/);
  });

  it.each(["UK1", "BHS5", "SGP1"])("non-EU region %s is refused", (region) => {
    const raw = baseline();
    raw.cloud.primaryRegion = region;
    expect(problemsOf(raw).join("\n")).toContain("outside the EU");
  });

  it("an unknown region is refused (fail closed)", () => {
    const raw = baseline();
    raw.cloud.primaryRegion = "MARS-1";
    expect(problemsOf(raw)[0]).toMatch(
      /hdh:cloud\.primaryRegion: "MARS-1" is not a ovhcloud region/,
    );
  });

  it("production without a recovery region is refused", () => {
    const raw = baseline();
    raw.environment = "prod";
    raw.audit = { project: "hdh-audit" };
    raw.backup = { csiCluster: "kubernetes" };
    expect(problemsOf(raw, "prod")).toEqual([
      expect.stringMatching(/^hdh:cloud\.recoveryRegion: production needs a second EU region/),
      // ...and the backup settings without it are refused, not silently ignored
      expect.stringMatching(/^hdh:backup: backups and restores go to the recovery region/),
    ]);
  });

  it("a recovery region equal to the primary is refused", () => {
    const raw = baseline();
    raw.cloud.recoveryRegion = raw.cloud.primaryRegion;
    expect(problemsOf(raw)[0]).toMatch(/recoveryRegion: must differ from primaryRegion/);
  });

  it("generic OpenStack needs declared EU regions and an auth URL", () => {
    const raw = baseline();
    raw.cloud = {
      profile: "generic-openstack",
      primaryRegion: "RegionOne",
      declaredRegions: [{ name: "RegionOne", country: "CH" }],
    };
    const problems = problemsOf(raw).join("\n");
    expect(problems).toContain(
      'hdh:cloud.primaryRegion: region "RegionOne" is declared in CH, outside the EU',
    );
    expect(problems).toContain(
      "hdh:cloud.authUrl: generic-openstack has no default Keystone endpoint",
    );
  });

  it("generic OpenStack with a declared EU region and auth URL is accepted", () => {
    const raw = baseline();
    raw.cloud = {
      profile: "generic-openstack",
      primaryRegion: "RegionOne",
      authUrl: "https://keystone.example.eu/v3",
      declaredRegions: [{ name: "RegionOne", country: "DE" }],
      services: { kubernetes: "magnum" },
    };
    raw.cluster = magnumCluster(1);
    const config = parse(raw);
    expect(config.cloud.primaryRegion).toMatchObject({ name: "RegionOne", country: "DE" });
    expect(config.cloud.encryptedVolumeType).toBe("LUKS");
  });

  it("an unencrypted volume type is refused", () => {
    const raw = baseline();
    raw.cloud.encryptedVolumeType = "classic";
    expect(problemsOf(raw)[0]).toMatch(
      /encryptedVolumeType: "classic" is not an encrypted volume type of ovhcloud; use one of classic-luks/,
    );
  });
});

describe("network plan", () => {
  it("overlapping zones are refused, naming both keys", () => {
    const raw = baseline();
    raw.network.data = "10.42.0.128/25";
    expect(problemsOf(raw)).toContain(
      "hdh:network.data: 10.42.0.128/25 overlaps hdh:network.bastion (10.42.0.0/24); give each zone its own range",
    );
  });

  it("a zone nested inside another is an overlap too", () => {
    const raw = baseline();
    raw.network.workspaces = "10.42.0.0/16";
    const problems = problemsOf(raw);
    expect(problems.filter((p) => p.includes("overlaps"))).toHaveLength(3);
  });

  it("malformed, public and host-bit CIDRs are refused", () => {
    const raw = baseline();
    raw.network.bastion = "10.42.0.0/33";
    raw.network.data = "8.8.8.0/24";
    raw.network.platform = "10.42.16.1/20";
    const problems = problemsOf(raw).join("\n");
    expect(problems).toContain('hdh:network.bastion: "10.42.0.0/33" is not an IPv4 CIDR');
    expect(problems).toContain('hdh:network.data: "8.8.8.0/24" is not a private (RFC 1918) range');
    expect(problems).toContain(
      'hdh:network.platform: "10.42.16.1/20" has host bits set; write the network address (for example 10.42.16.0/20)',
    );
  });
});

describe("bastion admin entry", () => {
  it.each(["0.0.0.0/0", "::/0", "0.0.0.0/1", "10.0.0.0/4"])("admin CIDR %s is refused", (cidr) => {
    const raw = baseline();
    raw.bastion.adminCidrs = [cidr];
    expect(problemsOf(raw)[0]).toMatch(/^hdh:bastion\.adminCidrs\[0\]: .* opens SSH to .*internet/);
  });

  it("an empty admin list is refused", () => {
    const raw = baseline();
    raw.bastion.adminCidrs = [];
    expect(problemsOf(raw)[0]).toMatch(
      /^hdh:bastion\.adminCidrs: name at least one administrators' network/,
    );
  });

  it("a narrow IPv6 admin network is accepted", () => {
    const raw = baseline();
    raw.bastion.adminCidrs = ["2001:db8:42::/48"];
    expect(parse(raw).bastion.adminCidrs).toEqual(["2001:db8:42::/48"]);
  });
});

describe("workspaces", () => {
  it.each([
    ["ownerGroup", /hdh:workspaces\[0\]\.ownerGroup: missing; every workspace needs an ownerGroup/],
    ["authorisation", /hdh:workspaces\[0\]\.authorisation: /],
    [
      "expires",
      /hdh:workspaces\[0\]\.expires: missing; expected the authorisation's end date as YYYY-MM-DD/,
    ],
    ["id", /hdh:workspaces\[0\]\.id: missing; every workspace needs an id/],
  ])("a workspace without %s is refused", (field, message) => {
    const raw = baseline();
    delete raw.workspaces[0][field];
    expect(problemsOf(raw).join("\n")).toMatch(message);
  });

  it("an expiry date already past is refused", () => {
    const raw = baseline();
    raw.workspaces[1].expires = "2026-11-23";
    expect(problemsOf(raw)).toEqual([
      "hdh:workspaces[1].expires: the authorisation ended on 2026-11-23 (today is 2026-11-23); renew it and write the new end date, or close the workspace",
    ]);
  });

  it("a duplicate workspace id is refused", () => {
    const raw = baseline();
    raw.workspaces[1].id = raw.workspaces[0].id;
    expect(problemsOf(raw)[0]).toBe(
      'hdh:workspaces[1].id: "cardio-2026" is already the id of hdh:workspaces[0]; each project needs its own id',
    );
  });

  it("a malformed authorisation reference is refused with an example", () => {
    const raw = baseline();
    raw.workspaces[0].authorisation = { kind: "reference-methodology", reference: "MR-42" };
    expect(problemsOf(raw)[0]).toMatch(
      /authorisation\.reference: expected a reference methodology MR-001 to MR-008, such as MR-004 \(which covers no SNDS data\)/,
    );
  });

  it("a tier outside 0-4 is refused", () => {
    const raw = baseline();
    raw.workspaces[0].tier = 5;
    expect(problemsOf(raw)[0]).toMatch(/tier: expected a data tier from 0 to 4/);
  });
});

describe("workspace egress", () => {
  it("workspaces need the mover's Keystone and the mirror's upstream addresses", () => {
    const raw = baseline();
    raw.network.egressHttpsCidrs = [];
    expect(problemsOf(raw)).toEqual([
      expect.stringMatching(
        /^hdh:network\.egressHttpsCidrs: the airlock mover \(Keystone\), the package mirror's upstream repositories .*"cardio-2026", tier 3/,
      ),
    ]);
  });

  it("tier-4 workspaces (no mirror) still need the mover's Keystone", () => {
    const raw = baseline();
    raw.network.egressHttpsCidrs = [];
    for (const w of raw.workspaces) w.tier = 4;
    const [problem] = problemsOf(raw);
    expect(problem).toMatch(/: the airlock mover \(Keystone\) call out over HTTPS/);
    expect(problem).not.toMatch(/package mirror/);
  });

  it("a platform without workspaces needs no egress", () => {
    const raw = baseline();
    raw.network.egressHttpsCidrs = [];
    raw.workspaces = [];
    expect(parse(raw).workspaces).toEqual([]);
  });
});

describe("audit trail", () => {
  it("production without a dedicated audit project is refused", () => {
    const raw = structuredClone(readStackFile("prod").hdh) as RawConfig;
    delete raw.audit.project;
    expect(problemsOf(raw, "prod")).toEqual([
      expect.stringMatching(
        /^hdh:audit\.project: production keeps the audit store in a project of its own/,
      ),
    ]);
  });

  it("a retention shorter than six months is refused", () => {
    const raw = baseline();
    raw.audit = { retentionDays: 30 };
    expect(problemsOf(raw)[0]).toMatch(/^hdh:audit\.retentionDays: /);
  });

  it("dev keeps one year by default", () => {
    expect(parse(baseline()).audit.retentionDays).toBe(365);
  });
});

describe("container registry", () => {
  it.each(["ghcr.io/hdh", "docker.io/library", "myorg.azurecr.io/hdh", "public.ecr.aws/hdh"])(
    "extra-EU registry %s is refused",
    (registry) => {
      const raw = baseline();
      raw.registry = registry;
      expect(problemsOf(raw)[0]).toMatch(
        /^hdh:registry: .* under US law; mirror the images into your EU registry/,
      );
    },
  );

  it("a registry without a host (implicit Docker Hub) is refused", () => {
    const raw = baseline();
    raw.registry = "hdh/images";
    expect(problemsOf(raw)[0]).toMatch(
      /has no registry host, so images would come from Docker Hub/,
    );
  });
});

describe("the whole configuration", () => {
  it("a missing required section is refused by its key", () => {
    const raw = baseline();
    delete raw.registry;
    expect(problemsOf(raw)[0]).toMatch(
      /^hdh:registry: missing; expected the EU container registry host/,
    );
  });

  it("a value of the wrong type is called wrong, not missing", () => {
    const raw = baseline();
    raw.registry = 42;
    const [problem] = problemsOf(raw);
    expect(problem).toMatch(/^hdh:registry: expected the EU container registry host/);
    expect(problem).not.toMatch(/missing/);
  });

  it("a misspelt key is refused, never ignored", () => {
    const raw = baseline();
    raw.bastion.adminCidr = ["203.0.113.0/24"];
    expect(problemsOf(raw)[0]).toBe(
      'hdh:bastion: unknown key "adminCidr": check the spelling or remove it (nothing is silently ignored)',
    );
  });

  it("every problem is reported at once, schema and cross-field alike", () => {
    const raw = baseline();
    raw.cloud.primaryRegion = "US-EAST-VA-1";
    raw.network.data = "10.42.0.0/24";
    raw.bastion.adminCidrs = ["0.0.0.0/0"];
    raw.workspaces[0].tier = 9;
    raw.workspaces[1].expires = "2020-01-01";
    const problems = problemsOf(raw);
    expect(problems.map((p) => p.split(":")[1].split(/[.[]/)[0])).toEqual(
      expect.arrayContaining(["workspaces", "cloud", "network", "bastion"]),
    );
    // The workspace that parses is still checked across fields (its expired authorisation).
    expect(problems).toHaveLength(5);
    expect(problems.some((p) => p.startsWith("hdh:workspaces[1].expires"))).toBe(true);
  });

  it("the error message names the stack file and says nothing was created", () => {
    const raw = baseline();
    raw.environment = "production";
    expect(() => parse(raw)).toThrow(
      /Invalid configuration for stack "dev" \(stacks\/Pulumi\.dev\.yaml\), 1 problem; nothing was created/,
    );
  });
});

describe("credentials", () => {
  const existingCluster = {
    mode: "existing",
    kubeconfig: "apiVersion: v1\nkind: Config\n",
    apiEndpoint: "https://k8s.example.eu:6443",
  };

  it("a kubeconfig in plain text is refused with the command that stores it encrypted", () => {
    const raw = baseline();
    raw.cluster = existingCluster;
    expect(problemsOf(raw)).toEqual([
      "hdh:cluster.kubeconfig: a credential in plain text; remove it and run `pulumi config set --secret --path 'hdh:cluster.kubeconfig' < file` so it is stored encrypted",
    ]);
  });

  it("a kubeconfig given as a secret is accepted", () => {
    const raw = baseline();
    raw.cluster = existingCluster;
    const config = parsePlatformConfig(raw, { stack: "dev", today, securePaths: [["cluster"]] });
    expect(config.cluster.mode).toBe("existing");
  });

  it("secure values in a stack file are recorded and never read as plain text", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hdh-stack-"));
    fs.writeFileSync(
      path.join(dir, "Pulumi.ext.yaml"),
      "config:\n  hdh:cluster:\n    mode: existing\n    kubeconfig:\n      secure: v1:abc==\n",
    );
    const file = readStackFile("ext", dir);
    expect(file.securePaths).toEqual([["cluster", "kubeconfig"]]);
    expect(JSON.stringify(file.hdh)).not.toContain("v1:abc==");
  });

  it("config outside the hdh namespace is refused, not ignored", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hdh-stack-"));
    fs.writeFileSync(path.join(dir, "Pulumi.x.yaml"), "config:\n  openstack:region: GRA11\n");
    expect(() => readStackFile("x", dir)).toThrow(
      /"openstack:region" is not an hdh setting and would be ignored/,
    );
  });
});

describe("stack files", () => {
  it("an unknown stack names the known ones", () => {
    expect(() => readStackFile("staging-eu")).toThrow(
      /no stack file .*Pulumi\.staging-eu\.yaml; known stacks: dev, prod/,
    );
  });

  it("a stack name with a path in it is refused", () => {
    expect(() => readStackFile("../etc/passwd")).toThrow(/is not a stack name/);
  });
});
