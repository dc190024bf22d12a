/**
 * The workspace lifecycle in configuration: closing revokes access while the archive is made,
 * and the program refuses to remove (close) a workspace whose archive is not recorded as done.
 */
import { describe, expect, it } from "vitest";
import { ConfigError, parsePlatformConfig } from "../../stacks/config";
import { readStackFile } from "../../stacks/stack-file";
import { withFirstWorkspaceClosed } from "./closed-workspace";

const today = new Date("2026-11-23T12:00:00Z");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Raw = Record<string, any>;

function baseline(): Raw {
  return structuredClone(readStackFile("dev").hdh) as Raw;
}

function problemsOf(raw: unknown): string[] {
  try {
    parsePlatformConfig(raw, { stack: "dev", today });
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => `${ConfigError.key(p.path)}: ${p.message}`);
  }
  throw new Error("configuration was accepted, expected it to be refused");
}

/** cardio-2026 (tier 3, 1825 days of retention) moved to the closed register. */
const closedCardio = withFirstWorkspaceClosed;

describe("closing and closed workspaces", () => {
  it("a closed workspace with a done archive and a retained key is accepted", () => {
    const config = parsePlatformConfig(closedCardio(), { stack: "dev", today });
    expect(config.workspaces.map((w) => w.id)).toEqual(["diabetes-mr004"]);
    expect(config.closedWorkspaces[0]).toMatchObject({ id: "cardio-2026", tier: 3 });
  });

  it("removing a workspace whose archive is still pending is refused", () => {
    const raw = closedCardio({ archive: { status: "pending" } });
    expect(problemsOf(raw)).toEqual([
      'hdh:closedWorkspaces[0].archive.status: refusing to remove workspace "cardio-2026": its archive is not recorded as done; keep it in hdh:workspaces with a closure block until the archivist records status: done',
    ]);
  });

  it("a done archive without its day, manifest hash or key fate is refused, each named", () => {
    const raw = baseline();
    raw.workspaces[0].closure = { requestedOn: "2026-11-01", archive: { status: "done" } };
    expect(problemsOf(raw)).toEqual([
      "hdh:workspaces[0].closure.archive.completedOn: a done archive records the day it was verified; write it from the archivist's report",
      "hdh:workspaces[0].closure.archive.manifestSha256: a done archive records its manifest's SHA-256; write it from the archivist's report",
      "hdh:workspaces[0].closure.key: a done archive records its key's fate: fate: retained, destroyAfter: <end of retention>",
    ]);
  });

  it("a key scheduled for destruction before the tier's retention ends is refused", () => {
    const raw = closedCardio({ key: { fate: "retained", destroyAfter: "2027-01-01" } });
    expect(problemsOf(raw)).toEqual([
      "hdh:closedWorkspaces[0].key.destroyAfter: tier 3 archives are kept 1825 days; the key may not be destroyed before 2031-11-17",
    ]);
  });

  it("a destroyed key records its day, not earlier than the end of retention", () => {
    expect(
      problemsOf(closedCardio({ key: { fate: "destroyed", destroyAfter: "2031-11-17" } })),
    ).toEqual([
      "hdh:closedWorkspaces[0].key.destroyedOn: a destroyed key records the day it was destroyed",
    ]);
    expect(
      problemsOf(
        closedCardio({
          key: { fate: "destroyed", destroyAfter: "2031-11-17", destroyedOn: "2030-01-01" },
        }),
      ),
    ).toEqual([
      "hdh:closedWorkspaces[0].key.destroyedOn: destroyed on 2030-01-01, before the end of retention 2031-11-17; record the real dates",
    ]);
  });

  it("a workspace cannot be both open and closed", () => {
    const raw = closedCardio();
    raw.closedWorkspaces[0].id = "diabetes-mr004";
    expect(problemsOf(raw)[0]).toMatch(
      /^hdh:closedWorkspaces\[0\]\.id: "diabetes-mr004" is still in hdh:workspaces/,
    );
  });

  it("an expired workspace is refused unless it is being closed", () => {
    const raw = baseline();
    raw.workspaces[0].expires = "2026-01-31";
    expect(problemsOf(raw)[0]).toMatch(/^hdh:workspaces\[0\]\.expires: the authorisation ended/);
    raw.workspaces[0].closure = { requestedOn: "2026-02-01", archive: { status: "pending" } };
    expect(() => parsePlatformConfig(raw, { stack: "dev", today })).not.toThrow();
  });
});
