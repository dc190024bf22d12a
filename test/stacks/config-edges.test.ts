/**
 * Edges of the cross-field config rules that mutation testing showed untested: boundaries of
 * the lifecycle dates, the gateway's identity-provider ranges and how they default, what an
 * `hdh:backup` key alone implies, and how a long list of HTTPS users is worded.
 */
import { describe, expect, it } from "vitest";
import { ConfigError, parsePlatformConfig, type PlatformConfig } from "../../stacks/config";
import { readStackFile } from "../../stacks/stack-file";
import { manifestSha as sha, withFirstWorkspaceClosed } from "./closed-workspace";

const today = new Date("2026-11-23T12:00:00Z");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = Record<string, any>;

const stackFile = (stack: "dev" | "prod"): Raw => structuredClone(readStackFile(stack).hdh) as Raw;

function parse(raw: Raw, stack = "dev"): PlatformConfig | string[] {
  try {
    return parsePlatformConfig(raw, { stack, today });
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => `${ConfigError.key(p.path)}: ${p.message}`);
  }
}

function problemsOf(raw: Raw, stack = "dev"): string[] {
  const result = parse(raw, stack);
  return Array.isArray(result) ? result : [];
}

function accepted(raw: Raw, stack = "dev"): PlatformConfig {
  const result = parse(raw, stack);
  if (Array.isArray(result)) throw new Error(`refused: ${result.join("\n")}`);
  return result;
}

const withClosed = withFirstWorkspaceClosed;

describe("lifecycle dates at their boundaries", () => {
  it("a key destroyed on the very day its retention ends is accepted", () => {
    const raw = withClosed({
      key: { fate: "destroyed", destroyAfter: "2031-11-17", destroyedOn: "2031-11-17" },
    });
    expect(problemsOf(raw)).toEqual([]);
  });

  it("without the archive's day, the retention cannot be checked: only the missing day is named", () => {
    const raw = withClosed({
      archive: { status: "done", manifestSha256: sha },
      key: { fate: "retained", destroyAfter: "2027-01-01" },
    });
    expect(problemsOf(raw)).toEqual([
      "hdh:closedWorkspaces[0].archive.completedOn: a done archive records the day it was verified; write it from the archivist's report",
    ]);
  });

  it("a workspace closed twice is refused at the second entry", () => {
    const raw = withClosed({});
    raw.closedWorkspaces.push(structuredClone(raw.closedWorkspaces[0]));
    expect(problemsOf(raw)).toEqual([
      `hdh:closedWorkspaces[1].id: "${raw.closedWorkspaces[0].id}" is already closed in hdh:closedWorkspaces[0]`,
    ]);
  });
});

describe("the gateway's identity-provider ranges", () => {
  it.each([
    ["the whole internet", "0.0.0.0/0"],
    ["an IPv6 range", "2001:db8::/32"],
    ["an address with host bits", "192.0.2.7/24"],
    ["not a CIDR at all", "sso.example.fr"],
  ])("%s is refused, at its index", (_, cidr) => {
    const raw = stackFile("dev");
    raw.gateway.identityCidrs = ["192.0.2.0/24", cidr];
    expect(problemsOf(raw)).toEqual([
      expect.stringMatching(
        /^hdh:gateway\.identityCidrs\[1\]: ".*" must be the identity provider's own IPv4 network/,
      ),
    ]);
  });

  it("the provider's own network is accepted and used as given", () => {
    const raw = stackFile("dev");
    raw.gateway.identityCidrs = ["198.18.0.0/24"];
    expect(accepted(raw).gateway?.identityCidrs).toEqual(["198.18.0.0/24"]);
  });

  it("without its own ranges the gateway uses the platform's HTTPS egress ranges", () => {
    const raw = stackFile("dev");
    raw.gateway.identityCidrs = [];
    raw.network.egressHttpsCidrs = ["198.18.4.0/24"];
    expect(accepted(raw).gateway?.identityCidrs).toEqual(["198.18.4.0/24"]);
  });

  it("with neither, the gateway could not check a sign-in: refused at identityCidrs", () => {
    const raw = stackFile("dev");
    raw.gateway.identityCidrs = [];
    raw.network.egressHttpsCidrs = [];
    raw.workspaces = [];
    expect(problemsOf(raw)).toEqual([
      expect.stringMatching(
        /^hdh:gateway\.identityCidrs: the gateway fetches the identity provider's signing keys over HTTPS/,
      ),
    ]);
  });
});

describe("hdh:backup keys imply a recovery region", () => {
  it.each([
    ["a schedule", { schedule: "0 3 * * *" }],
    ["a retention", { retentionDays: 90 }],
    ["a CSI cluster", { csiCluster: "kubernetes" }],
  ])("%s alone, on a stack without one, is refused", (_, backup) => {
    const raw = stackFile("dev");
    raw.backup = backup;
    expect(problemsOf(raw)).toEqual([
      expect.stringMatching(/^hdh:backup: backups and restores go to the recovery region/),
    ]);
  });

  it("a production stack with no workspace has no persistent volume to name", () => {
    const raw = stackFile("prod");
    raw.workspaces = [];
    delete raw.backup.csiCluster;
    expect(accepted(raw, "prod").backup.csiCluster).toBeUndefined();
  });
});

describe("what calls out over HTTPS, worded for the operator", () => {
  const mirrorUsers = (count: number): Raw => {
    const raw = stackFile("dev");
    const template = raw.workspaces[0];
    raw.workspaces = Array.from({ length: count }, (_, i) => ({
      ...structuredClone(template),
      id: `study-${i + 1}`,
      ownerGroup: `hdh-researchers-study-${i + 1}`,
      tier: 2,
    }));
    raw.network.egressHttpsCidrs = [];
    return raw;
  };
  const egressProblem = (raw: Raw) =>
    problemsOf(raw).find((p) => p.startsWith("hdh:network.egressHttpsCidrs"));

  it("three mirror users are all named", () => {
    expect(egressProblem(mirrorUsers(3))).toContain(
      '(used by "study-1", tier 2; "study-2", tier 2; "study-3", tier 2)',
    );
  });

  it("more than three are cut after the third, and say so", () => {
    expect(egressProblem(mirrorUsers(5))).toContain(
      '(used by "study-1", tier 2; "study-2", tier 2; "study-3", tier 2...)',
    );
  });
});
