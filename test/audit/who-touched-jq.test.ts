import { describe, expect, it } from "vitest";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { sealBatch, startChain, type AuditBatch } from "../../audit/batch";
import { whoTouched } from "../../audit/query";
import type { AuditRecord } from "../../audit/record";
import { fromBarbicanCadf } from "../../audit/sources/barbican";
import { fromKubernetesAuditEvent } from "../../audit/sources/kubernetes";
import { fromSwiftAccessLog } from "../../audit/sources/swift-access-log";
import { record } from "./chain-fixtures";
import {
  cardioSecretId,
  keystonemiddlewareEvent,
  notification,
  swiftAccessLine,
} from "./openstack-fixtures";

const hasJq = (() => {
  try {
    execFileSync("jq", ["--version"]);
    return true;
  } catch {
    return false;
  }
})();

/** Drops null and undefined fields, which jq prints as null and the function omits. */
const normalise = (items: unknown[]) =>
  JSON.parse(JSON.stringify(items, (_k, v) => (v === null ? undefined : v)));

describe("the documented jq query", () => {
  it.skipIf(!hasJq)("selects exactly what whoTouched selects, with and without key ids", () => {
    const records: AuditRecord[] = [
      record({ id: "a", time: "2026-05-04T09:00:00.000Z" }),
      record({ id: "b", time: "2026-05-04T08:00:00.000Z", workspace: "other-project" }),
      fromKubernetesAuditEvent({
        auditID: "k",
        verb: "create",
        user: { username: "oidc:bob@chu.example.fr" },
        objectRef: {
          resource: "pods",
          subresource: "exec",
          namespace: "ws-cardio-2026",
          name: "j",
        },
        responseStatus: { code: 101 },
        stageTimestamp: "2026-05-04T07:00:00Z",
      }),
      record({
        id: "c",
        time: "2026-05-04T10:00:00.000Z",
        source: "kubernetes-api",
        action: "k8s.list",
        target: { type: "deployments", name: "namespaces/ws-cardio-2026/apps/deployments" },
      }),
      record({
        id: "d",
        time: "2026-05-04T06:00:00.000Z",
        actor: { person: null, via: "appcred:z" },
      }),
      record({
        id: "e",
        time: "2026-05-04T11:00:00.000Z",
        source: "key-manager",
        action: "key.read",
      }),
      // Mapped from the sources: a Swift access line, a placed and an unplaced key access.
      fromSwiftAccessLog({
        log: swiftAccessLine({ path: "/v1/AUTH_p/hdh-ws-cardio-2026-ingress/extract.parquet" }),
      }),
      fromBarbicanCadf(
        notification(
          keystonemiddlewareEvent({
            id: "openstack:unplaced",
            requestPath: `/v1/secrets/${cardioSecretId.toUpperCase()}/payload`,
            action: "read",
          }),
        ),
      ),
      fromBarbicanCadf(
        keystonemiddlewareEvent({
          id: "openstack:other-key",
          requestPath: "/v1/secrets/0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f/payload",
          action: "read",
        }),
      ),
    ];
    let head = startChain("hdh-test");
    const batches: AuditBatch[] = [records.slice(0, 3), records.slice(3)].map((rs, i) => {
      const sealed = sealBatch(head, rs, new Date(Date.UTC(2026, 4, 4, 12, i)));
      head = sealed.head;
      return sealed.batch;
    });
    const dir = mkdtempSync(join(tmpdir(), "hdh-jq-"));
    try {
      const files = batches.map((b) => {
        const file = join(dir, `${String(b.seq).padStart(12, "0")}.json`);
        writeFileSync(file, JSON.stringify(b));
        return file;
      });
      const query = (extra: string[]) =>
        execFileSync(
          "jq",
          [
            "-c",
            "--arg",
            "ws",
            "cardio-2026",
            ...extra,
            "-f",
            join(__dirname, "../../audit/who-touched.jq"),
            ...files,
          ],
          { encoding: "utf8" },
        )
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l))
          .sort((a, b) => Date.parse(a.time) - Date.parse(b.time));
      const expected = whoTouched(batches, "cardio-2026").accesses;
      expect(expected).toHaveLength(5);
      expect(normalise(query([]))).toEqual(normalise([...expected]));
      const withKeys = whoTouched(batches, "cardio-2026", {}, { keyIds: [cardioSecretId] });
      expect(withKeys.accesses).toHaveLength(6);
      expect(normalise(query(["--argjson", "keys", JSON.stringify([cardioSecretId])]))).toEqual(
        normalise([...withKeys.accesses]),
      );
    } finally {
      rmSync(dir, { recursive: true });
    }
  });
});
