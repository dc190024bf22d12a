/**
 * Edges of the config validation that mutation testing (npm run mutation) showed untested: regex
 * anchors, bounds, defaults, messages, which section a rule waits for, and the error's format.
 * Each case is one change to a valid stack, named by what is wrong, asserting the key and the
 * words of the fix the user reads.
 */
import { describe, expect, it } from "vitest";
import {
  ConfigError,
  parsePlatformConfig,
  zoneNames,
  type PlatformConfig,
} from "../../stacks/config";
import { readStackFile } from "../../stacks/stack-file";
import { magnumCluster, onMagnumOpenStack } from "./magnum-cloud";

const today = new Date("2026-06-01T00:00:00Z");
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests reach arbitrary config paths
type Raw = Record<string, any>;
const stackRaw = (stack: "dev" | "prod"): Raw => structuredClone(readStackFile(stack).hdh) as Raw;

function outcome(
  change: (raw: Raw) => void,
  stack: "dev" | "prod" = "dev",
  securePaths?: string[][],
): { config?: PlatformConfig; problems: string[] } {
  const raw = stackRaw(stack);
  change(raw);
  try {
    return { config: parsePlatformConfig(raw, { stack, today, securePaths }), problems: [] };
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return { problems: error.problems.map((p) => `${ConfigError.key(p.path)}: ${p.message}`) };
  }
}
const problems = (change: (raw: Raw) => void, stack: "dev" | "prod" = "dev") =>
  outcome(change, stack).problems;
const accepted = (change: (raw: Raw) => void, stack: "dev" | "prod" = "dev") => {
  const result = outcome(change, stack);
  expect(result.problems).toEqual([]);
  return result.config!;
};

describe("format rules are anchored: junk before or after a valid value is refused", () => {
  const cases: [string, (raw: Raw) => void, string][] = [
    [
      "an SSH CA key with junk before",
      (r) => (r.bastion.sshCaPublicKey = `x ${r.bastion.sshCaPublicKey}`),
      "hdh:bastion.sshCaPublicKey: expected an OpenSSH public key line",
    ],
    [
      "an SSH CA key with junk glued after",
      (r) => (r.bastion.sshCaPublicKey = "ssh-ed25519 AAAA!x"),
      "hdh:bastion.sshCaPublicKey: expected an OpenSSH public key line",
    ],
    [
      "a Keystone user id with junk before",
      (r) => (r.kms = { consumers: { volumes: [`x${"a".repeat(32)}`] } }),
      "hdh:kms.consumers.volumes[0]: expected a Keystone user id (32 hexadecimal characters)",
    ],
    [
      "a Keystone user id with junk after",
      (r) => (r.kms = { consumers: { volumes: [`${"a".repeat(32)}x`] } }),
      "hdh:kms.consumers.volumes[0]: expected a Keystone user id",
    ],
    [
      "a Keystone user id of one character",
      (r) => (r.kms = { consumers: { backups: ["a"] } }),
      "hdh:kms.consumers.backups[0]: expected a Keystone user id",
    ],
    [
      "a Kubernetes version with a v",
      (r) => (r.cluster.kubernetesVersion = "v1.31"),
      'hdh:cluster.kubernetesVersion: expected a version such as "1.31"',
    ],
    [
      "a Kubernetes version with a patch",
      (r) => (r.cluster.kubernetesVersion = "1.31.2"),
      "hdh:cluster.kubernetesVersion: expected a version",
    ],
    [
      "a CNIL decision with junk before",
      (r) => (r.workspaces[0].authorisation = { kind: "cnil-decision", reference: "xDR-2025-1" }),
      "hdh:workspaces[0].authorisation.reference: expected a CNIL decision number such as DR-2025-123",
    ],
    [
      "a CNIL decision with junk after",
      (r) => (r.workspaces[0].authorisation = { kind: "cnil-decision", reference: "DR-2025-1x" }),
      "expected a CNIL decision number",
    ],
    [
      "a methodology with junk before",
      (r) =>
        (r.workspaces[0].authorisation = { kind: "reference-methodology", reference: "xMR-004" }),
      "hdh:workspaces[0].authorisation.reference: expected a reference methodology MR-001 to MR-008, such as MR-004 (which covers no SNDS data)",
    ],
    [
      "a methodology with junk after",
      (r) =>
        (r.workspaces[0].authorisation = { kind: "reference-methodology", reference: "MR-0041" }),
      "expected a reference methodology",
    ],
    [
      "a workspace id starting with a dash",
      (r) => (r.workspaces[0].id = "-cardio"),
      "hdh:workspaces[0].id: expected a lower-case DNS label of at most 30 characters",
    ],
    [
      "a workspace id ending with a dash",
      (r) => (r.workspaces[0].id = "cardio-"),
      "hdh:workspaces[0].id: expected a lower-case DNS label",
    ],
    [
      "a workspace id with an upper-case letter",
      (r) => (r.workspaces[0].id = "Cardio"),
      "hdh:workspaces[0].id: expected a lower-case DNS label",
    ],
    [
      "an owner group starting with a dash",
      (r) => (r.workspaces[0].ownerGroup = "-group"),
      "hdh:workspaces[0].ownerGroup: expected an OIDC group name of 1-63 letters",
    ],
    [
      "an owner group ending with a dot",
      (r) => (r.workspaces[0].ownerGroup = "group."),
      "hdh:workspaces[0].ownerGroup: expected an OIDC group name",
    ],
    [
      "a registry with an upper-case host",
      (r) => (r.registry = "Registry.hdh.example.fr"),
      "hdh:registry: expected a registry host with optional path, such as registry.hdh.example.fr/hdh",
    ],
    [
      "a registry with junk after a path",
      (r) => (r.registry = "registry.hdh.example.fr/hdh?x"),
      "hdh:registry: expected a registry host with optional path",
    ],
    [
      "a registry with a port that is not a number",
      (r) => (r.registry = "registry.hdh.example.fr:ab/hdh"),
      "hdh:registry: expected a registry host",
    ],
    [
      "a Keystone URL whose scheme only ends in https",
      (r) => (r.cloud.authUrl = "xhttps://auth.example.fr/v3"),
      "hdh:cloud.authUrl: expected an https:// Keystone URL",
    ],
    [
      "a Keystone URL whose scheme only starts with https",
      (r) => (r.cloud.authUrl = "httpsx://auth.example.fr/v3"),
      "hdh:cloud.authUrl: expected an https:// Keystone URL",
    ],
    [
      "a Debian mirror over plain http",
      (r) => (r.bastion.aptMirror = "http://ftp.fr.debian.org/debian"),
      "hdh:bastion.aptMirror: expected an https:// Debian mirror URL",
    ],
    [
      "a Debian mirror whose scheme only starts with https",
      (r) => (r.bastion.aptMirror = "httpsx://ftp.fr.debian.org/debian"),
      "hdh:bastion.aptMirror: expected an https:// Debian mirror URL",
    ],
    [
      "a Debian mirror whose scheme only ends in https",
      (r) => (r.bastion.aptMirror = "xhttps://ftp.fr.debian.org/debian"),
      "hdh:bastion.aptMirror: expected an https:// Debian mirror URL",
    ],
    [
      "an existing cluster's endpoint whose scheme only starts with https",
      (r) =>
        (r.cluster = { mode: "existing", kubeconfig: "k", apiEndpoint: "httpsx://k8s.example.fr" }),
      "hdh:cluster.apiEndpoint:",
    ],
    [
      "an existing cluster's endpoint whose scheme only ends in https",
      (r) =>
        (r.cluster = { mode: "existing", kubeconfig: "k", apiEndpoint: "xhttps://k8s.example.fr" }),
      "hdh:cluster.apiEndpoint:",
    ],
    [
      "a declared region's country of three letters",
      (r) =>
        (r.cloud = {
          profile: "generic-openstack",
          primaryRegion: "R1",
          authUrl: "https://auth.example.fr/v3",
          declaredRegions: [{ name: "R1", country: "FRA" }],
        }),
      "hdh:cloud.declaredRegions[0].country: expected an ISO 3166 alpha-2 code such as FR",
    ],
    [
      "a declared region's country with junk before",
      (r) =>
        (r.cloud = {
          profile: "generic-openstack",
          primaryRegion: "R1",
          authUrl: "https://auth.example.fr/v3",
          declaredRegions: [{ name: "R1", country: "xFR" }],
        }),
      "hdh:cloud.declaredRegions[0].country: expected an ISO 3166 alpha-2 code",
    ],
  ];
  it.each(cases)("%s is refused", (_, change, expected) => {
    expect(problems(change).some((p) => p.startsWith(expected) || p.includes(expected))).toBe(true);
  });

  it.each([
    [
      "a registry with a port and path",
      (r: Raw) => (r.registry = "registry.hdh.example.fr:5000/hdh"),
    ],
    ["a registry host alone", (r: Raw) => (r.registry = "registry.hdh.example.fr")],
    ["a 30-character workspace id", (r: Raw) => (r.workspaces[0].id = `a${"b".repeat(28)}c`)],
    ["a one-character owner group", (r: Raw) => (r.workspaces[0].ownerGroup = "g")],
    [
      "an SSH CA key with a comment",
      (r: Raw) => (r.bastion.sshCaPublicKey = "ssh-ed25519 AAAA my ca"),
    ],
  ])("%s is accepted", (_, change) => {
    accepted(change);
  });
});

describe("wrong types are refused with the field's own words", () => {
  const cases: [string, (raw: Raw) => void, string][] = [
    [
      "a zone that is a number",
      (r) => (r.network.bastion = 5),
      "hdh:network.bastion: expected a CIDR string such as 10.42.0.0/24",
    ],
    [
      "an unknown environment",
      (r) => (r.environment = "test"),
      'hdh:environment: expected one of "dev", "staging", "prod"',
    ],
    [
      "an unknown cloud profile",
      (r) => (r.cloud.profile = "aws"),
      "hdh:cloud.profile: expected one of ovhcloud",
    ],
    [
      "a region that is a number",
      (r) => (r.cloud.primaryRegion = 5),
      "hdh:cloud.primaryRegion: expected a region name such as GRA11",
    ],
    [
      "an unknown cluster mode",
      (r) => (r.cluster.mode = "k3s"),
      'hdh:cluster.mode: expected mode: "ovh-managed"',
    ],
    [
      "an unknown authorisation kind",
      (r) => (r.workspaces[0].authorisation = { kind: "consent", reference: "x" }),
      'hdh:workspaces[0].authorisation.kind: expected kind: "cnil-decision" or "reference-methodology"',
    ],
    [
      "two control-plane nodes",
      (r) => (onMagnumOpenStack(r).cluster.masterCount = 2),
      "hdh:cluster.masterCount: expected 1, 3 or 5 control-plane nodes (an odd number for etcd quorum)",
    ],
    [
      "four control-plane nodes",
      (r) => (onMagnumOpenStack(r).cluster.masterCount = 4),
      "hdh:cluster.masterCount: expected 1, 3 or 5",
    ],
    [
      "more than 2000 workspaces",
      (r) => (r.workspaces = Array.from({ length: 2001 }, () => r.workspaces[0])),
      "hdh:workspaces: at most 2000 workspaces per stack; split the platform",
    ],
    [
      "no availability zone",
      (r) => (r.bastion.availabilityZones = []),
      "hdh:bastion.availabilityZones:",
    ],
    [
      "key rotation after 731 days",
      (r) => (r.kms = { rotationDays: 731 }),
      "hdh:kms.rotationDays:",
    ],
    ["key rotation after 0 days", (r) => (r.kms = { rotationDays: 0 }), "hdh:kms.rotationDays:"],
  ];
  it.each(cases)("%s is refused", (_, change, expected) => {
    const found = problems(change);
    // Wrong-typed values are currently worded "missing; ..." too (reported: zod 4 issues carry no
    // \`input\` unless asked), so the key and the field's own words are what is pinned here.
    const key = expected.slice(0, expected.indexOf(": "));
    const words = expected.slice(expected.indexOf(": ") + 2);
    expect(
      found.some((p) => p.startsWith(`${key}: `) && p.includes(words)),
      found.join("\n"),
    ).toBe(true);
  });

  it("five control-plane nodes and rotation bounds 1 and 730 are accepted", () => {
    expect(accepted((r) => (onMagnumOpenStack(r).cluster.masterCount = 5)).cluster).toMatchObject({
      masterCount: 5,
    });
    expect(accepted((r) => (r.kms = { rotationDays: 1 })).kms.rotationDays).toBe(1);
    expect(accepted((r) => (r.kms = { rotationDays: 730 })).kms.rotationDays).toBe(730);
  });

  it("several availability zones are accepted", () => {
    expect(
      accepted((r) => (r.bastion.availabilityZones = ["a", "b"])).bastion.availabilityZones,
    ).toEqual(["a", "b"]);
  });
});

describe("defaults are the secure ones, applied when a key is left out", () => {
  it("omitted keys take their documented defaults", () => {
    const config = accepted((r) => {
      delete r.cloud.externalNetwork;
      delete r.bastion.image;
      delete r.bastion.availabilityZones;
      delete r.bastion.aptMirror;
      delete r.kms;
      delete r.workspaces[0].tool;
    });
    expect(config.cloud.externalNetwork).toBe("Ext-Net");
    expect(config.bastion.image).toBe("Debian 12");
    expect(config.bastion.availabilityZones).toEqual(["nova"]);
    expect(config.bastion.aptMirror).toBe("https://ftp.fr.debian.org/debian");
    expect(config.kms).toEqual({
      rotationDays: 90,
      consumers: { volumes: [], objectStorage: [], backups: [] },
    });
    expect(config.workspaces[0].tool).toBe("jupyter");
  });

  it("a kms section without consumers gets none", () => {
    expect(accepted((r) => (r.kms = { rotationDays: 30 })).kms.consumers).toEqual({
      volumes: [],
      objectStorage: [],
      backups: [],
    });
    expect(accepted((r) => (r.kms = { consumers: {} })).kms.consumers).toEqual({
      volumes: [],
      objectStorage: [],
      backups: [],
    });
  });
});

describe("cross-field rules", () => {
  it("a region of another provider is refused with the profile's EU regions", () => {
    const [p] = problems((r) => (r.cloud.primaryRegion = "FR1"));
    expect(p).toMatch(
      /^hdh:cloud\.primaryRegion: "FR1" is not a ovhcloud region: it belongs to Cloud Temple IaaS \(Cloud Temple SAS, FR law\), in France \(FR\); use one of its EU regions: .*GRA11/,
    );
    expect(p).not.toMatch(/UK1|BHS5/);
  });

  it("a non-EU region names where it is and the EU alternatives", () => {
    const [p] = problems((r) => (r.cloud.primaryRegion = "UK1"));
    expect(p).toMatch(
      /^hdh:cloud\.primaryRegion: "UK1" is in London \(GB\), outside the EU; use one of .*SBG5/,
    );
    expect(p).not.toMatch(/use one of .*BHS5/);
  });

  it("a non-EU recovery region is refused at its own key", () => {
    expect(problems((r) => (r.cloud.recoveryRegion = "BHS5"), "prod")[0]).toMatch(
      /^hdh:cloud\.recoveryRegion: "BHS5" is in/,
    );
  });

  it("a recovery region equal to the primary is refused at recoveryRegion", () => {
    expect(problems((r) => (r.cloud.recoveryRegion = r.cloud.primaryRegion), "prod")).toEqual([
      "hdh:cloud.recoveryRegion: must differ from primaryRegion: a disaster-recovery copy in the same region protects against nothing",
    ]);
  });

  it("production without a recovery region suggests the other EU regions, not the primary", () => {
    const [p] = problems((r) => delete r.cloud.recoveryRegion, "prod");
    expect(p).toMatch(
      /^hdh:cloud\.recoveryRegion: production needs a second EU region for backups and disaster recovery; add one of GRA5, GRA7, GRA9, SBG5/,
    );
    expect(p).not.toMatch(/GRA11/);
  });

  it("generic OpenStack: an undeclared region, and declared regions outside generic-openstack", () => {
    const generic = (r: Raw) => {
      r.cloud = {
        profile: "generic-openstack",
        primaryRegion: "R2",
        authUrl: "https://auth.example.fr/v3",
        declaredRegions: [{ name: "R1", country: "FR" }],
        services: { kubernetes: "magnum" },
      };
      r.cluster = magnumCluster(1);
    };
    expect(problems(generic)).toEqual([
      'hdh:cloud.primaryRegion: region "R2" is not declared; add it to hdh:cloud.declaredRegions with its country code',
    ]);
    expect(problems((r) => (r.cloud.declaredRegions = [{ name: "GRA11", country: "FR" }]))).toEqual(
      [
        "hdh:cloud.declaredRegions: only generic-openstack takes declared regions; ovhcloud's regions come from the catalogue, remove this key",
      ],
    );
  });

  it("a declared generic region resolves with its declared country and an operator location", () => {
    const config = accepted((r) => {
      r.cloud = {
        profile: "generic-openstack",
        primaryRegion: "R1",
        authUrl: "https://auth.example.fr/v3",
        declaredRegions: [
          { name: "R0", country: "DE" },
          { name: "R1", country: "FR" },
        ],
        services: { kubernetes: "magnum" },
      };
      r.cloud.encryptedVolumeType = "LUKS";
      r.cluster = magnumCluster(1);
    });
    expect(config.cloud.primaryRegion).toEqual({
      name: "R1",
      country: "FR",
      location: "R1 (declared by the operator)",
      encryptedVolumeTypes: ["LUKS", "encrypted"],
      profile: "generic-openstack",
    });
  });

  it("a catalogue region resolves with its country and location", () => {
    expect(accepted(() => undefined).cloud.primaryRegion).toEqual({
      name: "GRA11",
      country: "FR",
      location: "Gravelines",
      encryptedVolumeTypes: ["classic-luks", "high-speed-luks", "high-speed-gen2-luks"],
      profile: "ovhcloud",
    });
  });

  it("a volume type that does not encrypt is refused with the profile's encrypted types", () => {
    expect(problems((r) => (r.cloud.encryptedVolumeType = "classic"))).toEqual([
      'hdh:cloud.encryptedVolumeType: "classic" is not an encrypted volume type of ovhcloud; use one of classic-luks, high-speed-luks, high-speed-gen2-luks',
    ]);
  });

  it("an IPv6 zone is refused; a /29 zone is too small; a /28 zone is fine", () => {
    expect(problems((r) => (r.network.bastion = "fd00::/64"))).toEqual([
      'hdh:network.bastion: "fd00::/64" is not an IPv4 CIDR; write a private range such as 10.42.0.0/24',
    ]);
    expect(problems((r) => (r.network.bastion = "10.42.0.0/29"))).toEqual([
      'hdh:network.bastion: "10.42.0.0/29" is too small for a zone; use /28 or larger',
    ]);
    accepted((r) => (r.network.bastion = "10.42.0.0/28"));
  });

  it("a zone with host bits names the network address", () => {
    expect(problems((r) => (r.network.bastion = "10.42.0.7/24"))).toEqual([
      'hdh:network.bastion: "10.42.0.7/24" has host bits set; write the network address (for example 10.42.0.0/24)',
    ]);
  });

  it("overlapping zones are reported once, at the later zone, naming the earlier", () => {
    expect(problems((r) => (r.network.data = "10.42.0.0/22"))).toEqual([
      "hdh:network.data: 10.42.0.0/22 overlaps hdh:network.bastion (10.42.0.0/24); give each zone its own range",
    ]);
  });

  it.each(["1.2.3", "a1.2.3.4", "1.2.3.4a", "999.1.1.1", "::1"])(
    "DNS server %s is refused",
    (server) => {
      expect(problems((r) => (r.network.dnsNameservers = ["9.9.9.9", server]))).toEqual([
        `hdh:network.dnsNameservers[1]: "${server}" is not an IPv4 address`,
      ]);
    },
  );

  it("HTTPS egress: IPv6, the internet, a large share of it, and host bits are each refused at their index", () => {
    const refused = (cidrs: string[]) => problems((r) => (r.network.egressHttpsCidrs = cidrs));
    expect(refused(["192.0.2.0/24", "2001:db8::/32"])).toEqual([
      'hdh:network.egressHttpsCidrs[1]: "2001:db8::/32" is not an IPv4 CIDR; name the endpoint\'s own range, such as 203.0.113.10/32',
    ]);
    expect(refused(["0.0.0.0/0"])[0]).toMatch(
      /^hdh:network\.egressHttpsCidrs\[0\]: "0\.0\.0\.0\/0" lets nodes reach the whole internet over HTTPS/,
    );
    expect(refused(["0.0.0.0/4"])[0]).toMatch(
      /^hdh:network\.egressHttpsCidrs\[0\]: "0\.0\.0\.0\/4" lets nodes reach a large share of the internet over HTTPS/,
    );
    expect(refused(["192.0.2.5/24"])).toEqual([
      'hdh:network.egressHttpsCidrs[0]: "192.0.2.5/24" has host bits set; write the network address (for example 192.0.2.0/24)',
    ]);
  });

  it("admin SSH sources: not a CIDR, the internet, a large share of it (v4 and v6), host bits", () => {
    const refused = (cidrs: string[]) => problems((r) => (r.bastion.adminCidrs = cidrs));
    expect(refused(["nope"])).toEqual([
      'hdh:bastion.adminCidrs[0]: "nope" is not a CIDR; write your administrators\' network, such as 203.0.113.0/24',
    ]);
    expect(refused(["0.0.0.0/0"])[0]).toBe(
      'hdh:bastion.adminCidrs[0]: "0.0.0.0/0" opens SSH to the whole internet; name your administrators\' own network (/8 or narrower)',
    );
    expect(refused(["0.0.0.0/4"])[0]).toBe(
      'hdh:bastion.adminCidrs[0]: "0.0.0.0/4" opens SSH to a large share of the internet; name your administrators\' own network (/8 or narrower)',
    );
    expect(refused(["2000::/4"])[0]).toMatch(
      /opens SSH to a large share of the internet; name your administrators' own network \(\/16 or narrower\)$/,
    );
    expect(refused(["203.0.113.9/24"])).toEqual([
      'hdh:bastion.adminCidrs[0]: "203.0.113.9/24" has host bits set; write the network address (for example 203.0.113.0/24)',
    ]);
  });

  it("production with one control-plane node is refused; an existing cluster is not counted", () => {
    expect(problems((r) => (onMagnumOpenStack(r).cluster.masterCount = 1), "prod")).toEqual([
      "hdh:cluster.masterCount: production needs 3 or 5 control-plane nodes for etcd quorum",
    ]);
    expect(
      outcome(
        (r) =>
          (r.cluster = {
            mode: "existing",
            kubeconfig: "k",
            apiEndpoint: "https://k8s.example.fr",
          }),
        "prod",
        [["cluster", "kubeconfig"]],
      ).problems,
    ).toEqual([]);
    accepted((r) => (onMagnumOpenStack(r).cluster.masterCount = 1), "dev");
  });

  it("a registry host without a dot would be Docker Hub and is refused at hdh:registry", () => {
    expect(problems((r) => (r.registry = "hdh/images"))[0]).toMatch(
      /^hdh:registry: "hdh\/images" has no registry host, so images would come from Docker Hub/,
    );
  });

  it("a kubeconfig is plain text unless its own path (or a parent) was given with --secret", () => {
    const existing = (r: Raw) =>
      (r.cluster = {
        mode: "existing",
        kubeconfig: "apiVersion: v1",
        apiEndpoint: "https://k8s.example.fr",
      });
    const plain = /^hdh:cluster\.kubeconfig: a credential in plain text/;
    expect(outcome(existing, "dev", [["cluster", "other"]]).problems[0]).toMatch(plain);
    expect(outcome(existing, "dev", [["cluster", "kubeconfig", "deeper"]]).problems[0]).toMatch(
      plain,
    );
    expect(outcome(existing, "dev", [["cluster"]]).problems).toEqual([]);
    expect(outcome(existing, "dev", [["cluster", "kubeconfig"]]).problems).toEqual([]);
  });
});

describe("a broken section does not hide or crash the others", () => {
  it("a cluster that is not an object reports the cluster once and still checks the other sections", () => {
    const found = problems((r) => {
      r.cluster = "magnum";
      r.bastion.adminCidrs = ["0.0.0.0/0"];
    });
    expect(found.filter((p) => p.startsWith("hdh:cluster"))).toHaveLength(1);
    expect(found.some((p) => p.startsWith("hdh:bastion.adminCidrs[0]"))).toBe(true);
  });

  it("a broken environment skips the rules that read it, without inventing problems", () => {
    expect(
      problems((r) => {
        onMagnumOpenStack(r);
        r.environment = "production";
        r.cluster.masterCount = 1;
        r.cloud.primaryRegion = "UK1";
      }),
    ).toEqual(['hdh:environment: expected one of "dev", "staging", "prod"']);
  });

  it("a broken cluster with a broken environment reports both and nothing else", () => {
    expect(
      problems((r) => {
        r.environment = 5;
        r.cluster = { mode: "existing" };
      }).map((p) => p.split(":").slice(0, 2).join(":")),
    ).toEqual(["hdh:environment", "hdh:cluster.kubeconfig", "hdh:cluster.apiEndpoint"]);
  });
});

describe("how problems are worded", () => {
  it("one unknown key, and several, are named with the right grammar", () => {
    expect(problems((r) => (r.bastion.colour = "red"))).toEqual([
      'hdh:bastion: unknown key "colour": check the spelling or remove it (nothing is silently ignored)',
    ]);
    expect(problems((r) => Object.assign(r.bastion, { a: 1, b: 2 }))).toEqual([
      'hdh:bastion: unknown keys "a", "b": check the spelling or remove them (nothing is silently ignored)',
    ]);
  });

  it("a missing required key says missing, then what to write", () => {
    expect(problems((r) => delete r.registry)[0]).toMatch(
      /^hdh:registry: missing; expected the EU container registry host/,
    );
  });

  it("ConfigError: its name, its key format, and a count that agrees in number", () => {
    expect(ConfigError.key([])).toBe("hdh");
    expect(ConfigError.key(["workspaces", "12", "id"])).toBe("hdh:workspaces[12].id");
    expect(ConfigError.key(["a1", "1a", "10"])).toBe("hdh:a1.1a[10]");
    const one = new ConfigError("dev", [{ path: ["registry"], message: "m1" }]);
    const two = new ConfigError("dev", [
      { path: ["registry"], message: "m1" },
      { path: ["environment"], message: "m2" },
    ]);
    expect(one.name).toBe("ConfigError");
    expect(one.message).toMatch(/1 problem; nothing was created:\n/);
    expect(two.message).toMatch(/2 problems; nothing was created:\n/);
    expect(two.message).toMatch(/m1\n.*m2/);
  });
});

describe("the typed config carries what the components read", () => {
  it("production is true only for prod; zones are the four schema zones; workspaces keep their fields", () => {
    const dev = accepted(() => undefined);
    expect(dev.production).toBe(false);
    expect(accepted((r) => (r.environment = "staging")).production).toBe(false);
    const prod = accepted(() => undefined, "prod");
    expect(prod.production).toBe(true);
    expect(zoneNames).toEqual(["bastion", "platform", "workspaces", "data"]);
    expect(Object.keys(dev.network.zones).sort()).toEqual([...zoneNames].sort());
    expect(dev.network.zones.bastion).toBe("10.42.0.0/24");
    expect(dev.workspaces[0]).toMatchObject({ id: "cardio-2026", tier: 3, tool: "jupyter" });
    expect(dev.workspaces).toHaveLength(stackRaw("dev").workspaces.length);
  });
});

describe("edges the second mutation run left", () => {
  it("generic OpenStack without any declared region says the region is not declared", () => {
    expect(
      problems((r) => {
        r.cloud = {
          profile: "generic-openstack",
          primaryRegion: "R1",
          authUrl: "https://auth.example.fr/v3",
          services: { kubernetes: "magnum" },
        };
        r.cluster = magnumCluster(1);
      }),
    ).toEqual([
      'hdh:cloud.primaryRegion: region "R1" is not declared; add it to hdh:cloud.declaredRegions with its country code',
    ]);
  });

  it("region suggestions are a readable comma-separated list", () => {
    expect(problems((r) => (r.cloud.primaryRegion = "FR1"))[0]).toContain(
      "GRA7, GRA9, GRA11, SBG5",
    );
    expect(problems((r) => (r.cloud.primaryRegion = "UK1"))[0]).toContain(
      "GRA7, GRA9, GRA11, SBG5",
    );
  });

  it("object-storage endpoint ranges are checked like the HTTPS egress ranges, at their own key", () => {
    expect(
      problems((r) => (r.network.objectStorageCidrs = ["192.0.2.0/24", "0.0.0.0/0"]))[0],
    ).toMatch(
      /^hdh:network\.objectStorageCidrs\[1\]: "0\.0\.0\.0\/0" lets nodes reach the whole internet/,
    );
  });

  it("a recovery region resolves to its own catalogue entry", () => {
    expect(accepted(() => undefined, "prod").cloud.recoveryRegion).toEqual({
      name: "SBG5",
      country: "FR",
      location: "Strasbourg",
      encryptedVolumeTypes: ["classic-luks", "high-speed-luks", "high-speed-gen2-luks"],
      profile: "ovhcloud",
    });
  });

  it.each([5, "hdh", null, [], true])(
    "a configuration that is not an object (%j) is refused at hdh",
    (raw) => {
      let error: unknown;
      try {
        parsePlatformConfig(raw, { stack: "dev", today });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems.map((p) => ConfigError.key(p.path))).toContain("hdh");
    },
  );
});
