/** The config rule that keeps backups possible: a recovery region needs the API egress ranges. */
import { describe, expect, it } from "vitest";
import { ConfigError, parsePlatformConfig } from "../../stacks/config";
import { readStackFile } from "../../stacks/stack-file";

const today = new Date("2026-06-01T00:00:00Z");
const prod = () =>
  structuredClone(readStackFile("prod").hdh) as Record<string, Record<string, unknown>>;

function problemsOf(raw: unknown, stack: string): string[] {
  try {
    parsePlatformConfig(raw, { stack, today });
    return [];
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    return error.problems.map((p) => `${ConfigError.key(p.path)}: ${p.message}`);
  }
}

describe("backups need the cloud API ranges", () => {
  it("a recovery region without HTTPS egress ranges is refused at hdh:network.egressHttpsCidrs", () => {
    const raw = prod();
    raw.network.egressHttpsCidrs = [];
    const problems = problemsOf(raw, "prod");
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^hdh:network\.egressHttpsCidrs: the backups to the recovery region/,
    );
  });

  it("without a recovery region or workspaces, no egress range is needed", () => {
    const raw = structuredClone(readStackFile("dev").hdh) as Record<
      string,
      Record<string, unknown>
    >;
    raw.network.egressHttpsCidrs = [];
    (raw as Record<string, unknown>).workspaces = [];
    expect(problemsOf(raw, "dev")).toEqual([]);
  });
});

describe("hdh:backup: what the nightly job covers, and restores", () => {
  const restore = (key: string, backupId = "0b4c7e52-3f7a-4d59-9a51-2c8e4f1d6a70") => ({
    key,
    backupId,
    sizeGiB: 200,
  });

  it("production without the CSI cluster name is refused: the workspaces' volumes would not be backed up", () => {
    const raw = prod();
    raw.backup = {};
    expect(problemsOf(raw, "prod")).toEqual([
      expect.stringMatching(
        /^hdh:backup\.csiCluster: production backs up the workspaces' persistent volumes/,
      ),
    ]);
  });

  it("backup settings without a recovery region are refused, not ignored", () => {
    const raw = structuredClone(readStackFile("dev").hdh) as Record<string, unknown>;
    raw.backup = { restores: [restore("cardio")] };
    expect(problemsOf(raw, "dev")).toEqual([
      expect.stringMatching(/^hdh:backup: backups and restores go to the recovery region/),
    ]);
  });

  it("a schedule that is not a cron expression names the key", () => {
    const raw = prod();
    raw.backup.schedule = "every night";
    expect(problemsOf(raw, "prod")).toEqual([
      'hdh:backup.schedule: "every night" is not a 5-field cron expression such as "30 1 * * *"',
    ]);
  });

  it("values of the wrong type or out of range say what to write", () => {
    const raw = prod();
    raw.backup = { csiCluster: 7, schedule: 130, retentionDays: 0 };
    expect(problemsOf(raw, "prod")).toEqual([
      "hdh:backup.csiCluster: expected the CSI driver's --cluster value, such as kubernetes",
      'hdh:backup.schedule: expected a 5-field cron expression in UTC, such as "30 1 * * *"',
      "hdh:backup.retentionDays: expected at least 1 day",
    ]);
  });

  it("two restores under one key are refused at the second", () => {
    const raw = prod();
    raw.backup.restores = [restore("cardio"), restore("onco"), restore("cardio")];
    expect(problemsOf(raw, "prod")).toEqual([
      'hdh:backup.restores[2].key: "cardio" is already restores[0]; each restored volume needs its own key',
    ]);
  });

  it("a restore must name a backup id, a short key and a size", () => {
    const raw = prod();
    raw.backup.restores = [{ key: "Cardio 2026", backupId: "latest", sizeGiB: 0 }];
    const problems = problemsOf(raw, "prod");
    expect(problems).toHaveLength(3);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^hdh:backup\.restores\[0\]\.key: .*lower-case key/),
        expect.stringMatching(
          /^hdh:backup\.restores\[0\]\.backupId: .*openstack volume backup list/,
        ),
        expect.stringMatching(/^hdh:backup\.restores\[0\]\.sizeGiB: expected the size in GiB/),
      ]),
    );
  });

  it("a CSI cluster name that would need quoting in the job's shell is refused", () => {
    const raw = prod();
    raw.backup.csiCluster = "kubernetes; rm -rf /";
    expect(problemsOf(raw, "prod")).toEqual([
      expect.stringMatching(/^hdh:backup\.csiCluster: expected the CSI driver's --cluster value/),
    ]);
  });

  it("an unknown backup key is refused (a typo must not turn backups off)", () => {
    const raw = prod();
    raw.backup.csiClusterName = "kubernetes";
    expect(problemsOf(raw, "prod")).toEqual([
      expect.stringMatching(/^hdh:backup(\.csiClusterName)?: .*csiClusterName/),
    ]);
  });
});
