/**
 * The job's script, run for real under /bin/sh with `openstack` and `rclone` replaced by stubs
 * that record every call and answer like the cloud would: proves what one run does, in which
 * region, and that the credentials never reach the job's log.
 */
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { backupScript } from "../../../components/backup/backup-script";

const secret = "s3cr3t-application-credential-value";
const today = new Date().toISOString().slice(0, 10);
const work = fs.mkdtempSync(path.join(os.tmpdir(), "hdh-backup-script-"));
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** Stub `openstack`: logs its arguments; answers per command from the scenario's variables. */
const openstackStub = `#!/bin/sh
echo "openstack $*" >> "$CALLS"
case "$*" in
  *"volume list --property cinder.csi.openstack.org/cluster=k8s-prod"*) echo "csi-vol-id pvc-0a1b" ;;
  *"volume backup list --volume"*) [ "$HAS_PREVIOUS" = 1 ] && echo prev-id ;;
  *"volume backup list"*) printf '%s\\n' "old-id hdh-workspace-cardio-2026-2020-01-01" "fresh-id hdh-workspace-cardio-2026-${today}" "foreign-id someone-elses-backup" ;;
  *"volume backup create"*) echo new-backup-id ;;
  *"volume backup show"*) echo "$BACKUP_STATUS" ;;
  *"record export"*"backup_service"*) echo cinder.backup.drivers.swift.SwiftBackupDriver ;;
  *"record export"*"backup_url"*) echo eyJiYWNrdXAiOiJ1cmwifQ== ;;
esac
exit 0
`;
const rcloneStub = `#!/bin/sh
echo "rclone $*" >> "$CALLS"
`;

function run(scenario: { hasPrevious?: boolean; status?: string; csiCluster?: string } = {}) {
  const dir = fs.mkdtempSync(path.join(work, "run-"));
  const bin = path.join(dir, "bin");
  fs.mkdirSync(bin);
  fs.writeFileSync(path.join(bin, "openstack"), openstackStub, { mode: 0o755 });
  fs.writeFileSync(path.join(bin, "rclone"), rcloneStub, { mode: 0o755 });
  fs.writeFileSync(path.join(dir, "backup.sh"), backupScript);
  fs.writeFileSync(path.join(dir, "volumes"), "workspace-cardio-2026 vol-1\n");
  fs.writeFileSync(
    path.join(dir, "containers"),
    "hdh-prod-audit hdh-prod-replica-hdh-prod-audit\n",
  );
  const calls = path.join(dir, "calls");
  fs.writeFileSync(calls, "");
  const result = spawnSync("/bin/sh", [path.join(dir, "backup.sh")], {
    encoding: "utf8",
    timeout: 20_000,
    env: {
      PATH: `${bin}:/usr/bin:/bin`,
      CALLS: calls,
      HAS_PREVIOUS: scenario.hasPrevious ? "1" : "0",
      BACKUP_STATUS: scenario.status ?? "available",
      PRIMARY_REGION: "GRA11",
      RECOVERY_REGION: "SBG5",
      RETENTION_DAYS: "35",
      BACKUP_CONTAINER: "hdh-prod-volume-backups",
      HDH_BACKUP_DIR: dir,
      CSI_CLUSTER: scenario.csiCluster ?? "",
      OS_AUTH_URL: "https://auth.cloud.ovh.net/v3",
      OS_APPLICATION_CREDENTIAL_ID: "credential-id",
      OS_APPLICATION_CREDENTIAL_SECRET: secret,
    },
  });
  return { ...result, calls: fs.readFileSync(calls, "utf8").trim().split("\n") };
}

describe("backup script (one run, stubbed cloud)", () => {
  it("backs up each volume in the primary region into the encrypted backup container", () => {
    const { status, calls } = run();
    expect(status).toBe(0);
    const create = calls.find((c) => c.includes("volume backup create"));
    expect(create).toBe(
      `openstack --os-region-name GRA11 volume backup create --force --container hdh-prod-volume-backups --name hdh-workspace-cardio-2026-${today} -f value -c id vol-1`,
    );
  });

  it("also backs up the volumes the cluster's CSI driver provisioned, when asked", () => {
    const creates = run({ csiCluster: "k8s-prod" }).calls.filter((c) =>
      c.includes("backup create"),
    );
    expect(creates.map((c) => c.split(" ").slice(-1)[0])).toEqual(["vol-1", "csi-vol-id"]);
    expect(creates[1]).toContain(`--name hdh-pvc-0a1b-${today}`);
  });

  it("without a CSI cluster, lists no cluster volumes", () => {
    expect(run().calls.some((c) => c.includes("volume list"))).toBe(false);
  });

  it("is incremental once a full backup exists", () => {
    const create = run({ hasPrevious: true }).calls.find((c) => c.includes("volume backup create"));
    expect(create).toContain("create --force --incremental --container");
  });

  it("copies the backups to the recovery region and imports the record there", () => {
    const { calls } = run();
    const copy = calls.indexOf(
      "rclone copy --checksum primary:hdh-prod-volume-backups recovery:hdh-prod-volume-backups",
    );
    const importIndex = calls.indexOf(
      "openstack --os-region-name SBG5 volume backup record import cinder.backup.drivers.swift.SwiftBackupDriver eyJiYWNrdXAiOiJ1cmwifQ==",
    );
    expect(copy).toBeGreaterThan(-1);
    expect(importIndex).toBeGreaterThan(copy);
  });

  it("expires only this platform's backups older than the retention, in both regions", () => {
    const deletes = run().calls.filter((c) => c.includes("volume backup delete"));
    expect(deletes).toEqual([
      "openstack --os-region-name GRA11 volume backup delete old-id",
      "openstack --os-region-name SBG5 volume backup delete old-id",
    ]);
  });

  it("mirrors each container, keeping deleted or overwritten objects for the retention period", () => {
    const { calls } = run();
    expect(calls).toContain(
      `rclone sync --checksum primary:hdh-prod-audit recovery:hdh-prod-replica-hdh-prod-audit/current --backup-dir recovery:hdh-prod-replica-hdh-prod-audit/deleted/${today}`,
    );
    expect(calls).toContain(
      "rclone delete --min-age 35d recovery:hdh-prod-replica-hdh-prod-audit/deleted",
    );
  });

  it("a failed backup fails the run before anything is imported", () => {
    const { status, calls, stdout } = run({ status: "error_backing-up" });
    expect(status).not.toBe(0);
    expect(stdout).toContain("failed: error_backing-up");
    expect(calls.some((c) => c.includes("record import"))).toBe(false);
  });

  it("a missing setting stops the run before any call", () => {
    const dir = fs.mkdtempSync(path.join(work, "bare-"));
    fs.writeFileSync(path.join(dir, "backup.sh"), backupScript);
    const result = spawnSync("/bin/sh", [path.join(dir, "backup.sh")], {
      encoding: "utf8",
      env: { PATH: "/usr/bin:/bin" },
    });
    expect(result.status).not.toBe(0);
    expect(result.stderr).toMatch(/PRIMARY_REGION/);
  });

  it("never prints the credential's secret", () => {
    const { stdout, stderr, calls } = run();
    expect(`${stdout}${stderr}${calls.join("\n")}`).not.toContain(secret);
  });
});
