import { describe, expect, it } from "vitest";
import { buildRegister, renderRegisterText } from "../../../components/workspace/register";
import { registerInput } from "../../../stacks/component-args";
import { parsePlatformConfig } from "../../../stacks/config";
import { readStackFile } from "../../../stacks/stack-file";
import { hdh } from "../../cli/run-cli";

const today = new Date("2026-11-23T12:00:00Z");

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function devWith(change: (raw: Record<string, any>) => void) {
  const raw = structuredClone(readStackFile("dev").hdh) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  change(raw);
  return registerInput(parsePlatformConfig(raw, { stack: "dev", today }));
}

describe("register of processing activities", () => {
  it("lists each workspace with owner, tier, authorisation, expiry, storage and key", () => {
    const register = buildRegister(
      devWith(() => {}),
      today,
    );
    expect(register.entries.map((e) => e.id)).toEqual(["cardio-2026", "diabetes-mr004"]);
    expect(register.entries[0]).toMatchObject({
      status: "open",
      ownerGroup: "hdh-researchers-cardio",
      tier: 3,
      authorisation: { kind: "cnil-decision", reference: "DR-2026-0412" },
      expires: "2027-09-30",
      daysToExpiry: 311,
      storage: { namespace: "ws-cardio-2026", volumeGiB: 20, region: "GRA11" },
      key: { name: "hdh-ws-cardio-2026", fate: "active" },
      alerts: [],
    });
    expect(register.entries[0].storage.containers).toContain("hdh-ws-cardio-2026-egress");
  });

  it("announces an authorisation ending within 30 days, not one ending later", () => {
    const register = buildRegister(
      devWith((raw) => {
        raw.workspaces[0].expires = "2026-12-20";
        raw.workspaces[1].expires = "2026-12-24";
      }),
      today,
    );
    expect(register.entries[0].alerts).toEqual([
      "authorisation ends in 27 days: renew it or start closing",
    ]);
    expect(register.entries[1].alerts).toEqual([]);
  });

  it("shows closing and closed workspaces with their archive and the fate of their key", () => {
    const config = devWith((raw) => {
      const [cardio] = raw.workspaces.splice(0, 1);
      raw.workspaces[0].closure = { requestedOn: "2026-11-20", archive: { status: "pending" } };
      raw.closedWorkspaces = [
        {
          id: cardio.id,
          ownerGroup: cardio.ownerGroup,
          tier: cardio.tier,
          authorisation: cardio.authorisation,
          expires: cardio.expires,
          closedOn: "2020-01-10",
          archive: { status: "done", completedOn: "2020-01-05", manifestSha256: "b".repeat(64) },
          key: { fate: "retained", destroyAfter: "2025-01-03" },
        },
      ];
    });
    const register = buildRegister(config, today);
    const [closing, closed] = register.entries;
    expect(closing).toMatchObject({ id: "diabetes-mr004", status: "closing" });
    expect(closing.alerts).toEqual(["closing since 2026-11-20: archive pending"]);
    expect(closed).toMatchObject({
      id: "cardio-2026",
      status: "closed",
      storage: { namespace: null, volumeGiB: null, containers: ["hdh-ws-cardio-2026-archive"] },
      key: { fate: "retained", destroyAfter: "2025-01-03" },
      archive: { status: "done", completedOn: "2020-01-05" },
    });
    expect(closed.alerts).toEqual([
      "key due for destruction since 2025-01-03: destroy it and record the day",
    ]);
    const text = renderRegisterText(register);
    expect(text).toContain("cardio-2026  [closed]");
    expect(text).toContain("key            hdh-ws-cardio-2026 (retained until 2025-01-03)");
  });

  it("`hdh workspaces --stack prod --format json` prints the register", async () => {
    const run = await hdh(["workspaces", "--stack", "prod", "--format", "json"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);
    const register = JSON.parse(run.stdout);
    expect(register.stack).toBe("prod");
    expect(register.entries.length).toBeGreaterThanOrEqual(3);
    for (const entry of register.entries) {
      expect(entry.ownerGroup).toMatch(/\S/);
      expect(entry.authorisation.reference).toMatch(/^(DR-\d{4}-\d+|MR-00\d)$/);
      expect(entry.key.name).toBe(`hdh-ws-${entry.id}`);
    }
  });

  it("`hdh workspaces` on an unknown stack exits 2", async () => {
    const run = await hdh(["workspaces", "--stack", "nope"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown stack "nope": .*known stacks: dev, prod/);
    expect(run.stderr).not.toMatch(/Fix each key/);
  });
});
