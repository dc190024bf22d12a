/**
 * The audit trail on the real Keystone, Swift and Barbican (scripts/openstack-loopback.sh): the
 * real sealer writes its encrypted batches to a real container under a key that comes from a
 * real Barbican order, through an application credential whose access rules Keystone enforces
 * (components/audit/writer-access.ts). Who may delete or overwrite a batch is decided by Swift's
 * ACLs and Keystone's roles and access rules; `hdh audit verify` names what an administrator
 * removed; and a workspace's archive becomes unreadable once its key is deleted from Barbican.
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { batchObjectName, type AuditBatch } from "../../audit/batch";
import { openEnvelope, sealEnvelope, type Envelope } from "../../audit/envelope";
import { runCli } from "../../cli/main";
import { writerAccessRules } from "../../components/audit/writer-access";
import { auditContainerAcl } from "../../components/audit/audit-container-access";
import { retentionAccessRules } from "../../components/audit/retention-access";
import { auditDefaults } from "../../components/audit/audit-log-args";
import { runRetention } from "../../services/audit-sealer/retention";
import type { SealerConfig } from "../../services/audit-sealer/config";
import { runSealer, type RunningSealer } from "../../services/audit-sealer/main";
import {
  accountUrl,
  appCredentialToken,
  http,
  reachLoopback,
  skipReason,
  userToken,
  type LoopbackEnv,
} from "./loopback";

const cloud = reachLoopback();

/** The Kubernetes audit event shape the shipper sends (enough for the normaliser). */
const kubeEvent = (id: string) => ({
  kind: "Event",
  apiVersion: "audit.k8s.io/v1",
  level: "Metadata",
  auditID: id,
  stage: "ResponseComplete",
  requestURI: "/api/v1/namespaces/ws-cardio/pods/analysis/exec?command=bash",
  verb: "create",
  user: { username: "oidc:alice@chu.example.fr" },
  sourceIPs: ["10.42.4.7"],
  objectRef: { resource: "pods", namespace: "ws-cardio", name: "analysis", subresource: "exec" },
  responseStatus: { code: 101 },
  requestReceivedTimestamp: new Date().toISOString(),
  stageTimestamp: new Date().toISOString(),
});

describe.skipIf(!cloud)(
  `audit trail on the real Swift, Keystone and Barbican${cloud ? "" : ` (${skipReason})`}`,
  () => {
    const c = cloud as LoopbackEnv;
    const chain = `hdh-loop-${randomBytes(3).toString("hex")}`;
    const container = `${chain}-audit`;
    const tokens: Record<string, string> = {};
    let keyRef: string;
    let key: Buffer;
    let sealerCredential: { id: string; secret: string };
    const running: RunningSealer[] = [];

    const audit = () => accountUrl(c, "hdh-audit");
    const swift = (
      who: string,
      method: string,
      path: string,
      headers: Record<string, string> = {},
      body?: string,
    ) => http(method, `${audit()}${path}`, { "X-Auth-Token": tokens[who], ...headers }, body);
    const barbican = (who: string, method: string, path: string, body?: unknown) =>
      http(
        method,
        `${c.barbicanUrl}/v1${path}`,
        {
          "X-Auth-Token": tokens[who],
          "Content-Type": "application/json",
          Accept: "application/json",
        },
        body === undefined ? undefined : JSON.stringify(body),
      );

    /** A 256-bit AES key from a Barbican order, as components/kms/managed-key.ts orders it. */
    async function orderKey(who: string, name: string): Promise<string> {
      const order = await barbican(who, "POST", "/orders", {
        type: "key",
        meta: {
          name,
          algorithm: "aes",
          bit_length: 256,
          mode: "gcm",
          payload_content_type: "application/octet-stream",
        },
      });
      expect(order.status).toBe(202);
      const orderRef = (JSON.parse(order.body.toString()) as { order_ref: string }).order_ref;
      const done = await http("GET", orderRef, {
        "X-Auth-Token": tokens[who],
        Accept: "application/json",
      });
      const state = JSON.parse(done.body.toString()) as { status: string; secret_ref?: string };
      expect(state.status).toBe("ACTIVE");
      return state.secret_ref!;
    }

    const payload = (who: string, secretRef: string) =>
      http("GET", `${secretRef}/payload`, {
        "X-Auth-Token": tokens[who],
        Accept: "application/octet-stream",
      });

    function sealerConfig(spoolDir: string): SealerConfig {
      return {
        chain,
        container,
        keyRef,
        retentionDays: 365,
        sealIntervalSeconds: 300,
        sealMaxRecords: 2,
        listenHost: "127.0.0.1",
        listenPort: 0,
        maxBodyBytes: 64 * 1024,
        spoolDir,
        spoolMaxBytes: 1024 * 1024,
        authUrl: c.keystoneUrl,
        region: c.region,
        endpointInterface: "internal",
        credentialId: sealerCredential.id,
        credentialSecret: sealerCredential.secret,
      };
    }

    async function startSealer(
      spoolDir: string,
    ): Promise<RunningSealer & { post(body: string): Promise<Response> }> {
      const sealer = await runSealer(sealerConfig(spoolDir), {
        timers: false,
        logger: { log: () => undefined },
      });
      running.push(sealer);
      await sealer.started;
      return Object.assign(sealer, {
        post: (body: string) =>
          fetch(`http://127.0.0.1:${sealer.port}/ingest`, {
            method: "POST",
            headers: { "Content-Type": "application/x-ndjson", "X-Hdh-Source": "kubernetes-api" },
            body,
          }),
      });
    }

    /** Downloads the chain as an auditor, with their own login; decrypts each batch. */
    async function download(): Promise<{ dir: string; names: string[]; batches: AuditBatch[] }> {
      const listing = await swift(
        "auditor",
        "GET",
        `/${container}?format=json&prefix=${chain}/batches/`,
      );
      expect(listing.status).toBe(200);
      const names = (JSON.parse(listing.body.toString()) as { name: string }[]).map((o) => o.name);
      const dir = mkdtempSync(join(tmpdir(), "hdh-audit-real-"));
      const batches: AuditBatch[] = [];
      for (const name of names) {
        const object = await swift("auditor", "GET", `/${container}/${name}`);
        const plaintext = openEnvelope(JSON.parse(object.body.toString()) as Envelope, key, name);
        batches.push(JSON.parse(plaintext) as AuditBatch);
        mkdirSync(dirname(join(dir, name)), { recursive: true });
        writeFileSync(join(dir, name), plaintext);
      }
      return { dir, names, batches };
    }

    /** The cloud administrator (admin role on every platform project), scoped to `project`. */
    const adminToken = (project: string) => userToken(c, "admin", project);

    async function hdhAuditVerify(dir: string) {
      let out = "";
      const code = await runCli(
        ["audit", "verify", join(dir, chain, "batches"), "--chain", chain],
        {
          io: {
            stdout: (t) => void (out += t),
            stderr: (t) => void (out += t),
            stderrIsTty: false,
            cwd: process.cwd(),
            env: {},
          },
        },
      );
      return { code, out };
    }

    beforeAll(async () => {
      for (const user of [
        "audit-deployer",
        "auditor",
        "sealer",
        "deployer",
        "admin",
        "key-retention",
      ]) {
        tokens[user] = await userToken(c, user);
      }
      tokens["admin-platform"] = await adminToken("hdh-platform");
      tokens.admin = await adminToken("hdh-audit");
      for (const name of ["retention", "cardio-workspace"]) {
        tokens[name] = await appCredentialToken(c, c.appCredentials[name]);
      }
      // The deployment (components/audit/audit-log.ts): the key, the container and its ACLs.
      keyRef = await orderKey("audit-deployer", `${chain}-audit`);
      const acl = auditContainerAcl();
      // Versioned, as components/audit/audit-log.ts declares it (`versioning: true`).
      const created = await swift("audit-deployer", "PUT", `/${container}`, {
        "X-Container-Read": acl.read.join(","),
        "X-Container-Write": acl.write.join(","),
        "X-Versions-Enabled": "true",
      });
      expect(created.status).toBe(201);
      // Barbican's ACL lets the sealer's user read this one secret, without the member role.
      const secretAcl = await http(
        "PUT",
        `${keyRef}/acl`,
        { "X-Auth-Token": tokens["audit-deployer"], "Content-Type": "application/json" },
        JSON.stringify({ read: { users: [c.users.sealer.id], "project-access": false } }),
      );
      expect(secretAcl.status).toBe(200);
      key = (await payload("audit-deployer", keyRef)).body;
      expect(key.length).toBe(32);
      // The sealer's own credential, with the access rules the component gives it.
      const created2 = await http(
        "POST",
        `${c.keystoneUrl}/users/${c.users.sealer.id}/application_credentials`,
        { "X-Auth-Token": tokens.sealer, "Content-Type": "application/json" },
        JSON.stringify({
          application_credential: {
            name: `${chain}-writer`,
            roles: [{ name: "hdh-audit-writer" }],
            unrestricted: false,
            access_rules: writerAccessRules(container, keyRef),
          },
        }),
      );
      expect(created2.status).toBe(201);
      sealerCredential = (
        JSON.parse(created2.body.toString()) as {
          application_credential: { id: string; secret: string };
        }
      ).application_credential;
      tokens.writer = await appCredentialToken(c, sealerCredential);
    });

    afterAll(async () => {
      for (const sealer of running) await sealer.stop().catch(() => undefined);
    });

    it("seals batches under a key from a Barbican order, and the chain verifies after a restart", async () => {
      const spool = mkdtempSync(join(tmpdir(), "hdh-sealer-spool-"));
      const first = await startSealer(spool);
      expect(
        (
          await first.post(
            ["k-1", "k-2", "k-3"].map((id) => JSON.stringify(kubeEvent(id))).join("\n") + "\n",
          )
        ).status,
      ).toBe(200);
      await first.sealer.tick();
      await first.stop();
      // A new pod: an empty spool, the head read back from Swift.
      const second = await startSealer(mkdtempSync(join(tmpdir(), "hdh-sealer-spool-")));
      expect(
        (
          await second.post(
            ["k-4", "k-5"].map((id) => JSON.stringify(kubeEvent(id))).join("\n") + "\n",
          )
        ).status,
      ).toBe(200);
      await second.sealer.tick();
      await second.stop();

      const { dir, names, batches } = await download();
      expect(names).toEqual([0, 1, 2].map((seq) => batchObjectName(chain, seq)));
      expect(batches.flatMap((b) => b.records.map((r) => r.id))).toEqual([
        "k-1",
        "k-2",
        "k-3",
        "k-4",
        "k-5",
      ]);
      const verified = await hdhAuditVerify(dir);
      expect(verified.code, verified.out).toBe(0);
      // The sealer sends X-Delete-At (seal time + retention) with each batch. In a container with
      // object versioning on (as the component creates it), Swift 2.30 keeps it on the link left
      // in the container only, not on the stored version (object_versioning.py:
      // non_expiry_header): HEAD follows the link and shows none, `?symlink=get` shows it on the
      // link, the version itself has none. An object expirer would remove the link and keep the
      // data, so the retention job deletes versions (below).
      const head = await swift("auditor", "HEAD", `/${container}/${names[0]}`);
      expect(head.status).toBe(200);
      expect(head.headers.get("x-delete-at")).toBeNull();
      const link = await swift("auditor", "HEAD", `/${container}/${names[0]}?symlink=get`);
      const deleteAt = Number(link.headers.get("x-delete-at"));
      const inRetention = Date.now() / 1000 + 365 * 86400;
      expect(Math.abs(deleteAt - inRetention)).toBeLessThan(3600);
      const versionId = head.headers.get("x-object-version-id")!;
      const stored = await swift(
        "audit-deployer",
        "HEAD",
        `/${container}/${names[0]}?version-id=${versionId}`,
      );
      expect(stored.status).toBe(200);
      expect(stored.headers.get("x-delete-at")).toBeNull();
    });

    it("the sealer's credential can neither delete nor re-date a batch, nor read another secret", async () => {
      const name = `/${container}/${batchObjectName(chain, 0)}`;
      // Keystone's access rules (enforced by keystonemiddleware in Swift and Barbican) refuse any
      // method or path not listed: the request never reaches Swift's ACL check.
      expect((await swift("writer", "DELETE", name)).status).toBe(401);
      expect((await swift("writer", "POST", name, { "X-Delete-At": "1" })).status).toBe(401);
      expect((await swift("writer", "GET", "")).status).toBe(401);
      const other = await orderKey("audit-deployer", `${chain}-other`);
      expect((await payload("writer", other)).status).toBe(401);
      expect((await payload("writer", keyRef)).status).toBe(200);
    });

    it("auditors read but cannot delete or overwrite; workspaces and the platform cannot even read", async () => {
      const name = `/${container}/${batchObjectName(chain, 1)}`;
      expect((await swift("auditor", "GET", name)).status).toBe(200);
      expect((await swift("auditor", "DELETE", name)).status).toBe(403);
      expect((await swift("auditor", "PUT", name, {}, "{}")).status).toBe(403);
      expect((await swift("auditor", "POST", name, { "X-Delete-At": "1" })).status).toBe(403);
      // Tokens of another project are refused by keystoneauth's tenant check.
      for (const who of ["cardio-workspace", "deployer"]) {
        expect({ who, status: (await swift(who, "GET", name)).status }).toEqual({
          who,
          status: 403,
        });
        expect({ who, status: (await swift(who, "DELETE", name)).status }).toEqual({
          who,
          status: 403,
        });
      }
      // Nor can an auditor read the key's payload: Barbican grants it by its ACL, to the sealer.
      expect((await payload("auditor", keyRef)).status).toBe(403);
    });

    it("an administrator's deletion is named by hdh audit verify; a role outside the ACLs cannot delete", async () => {
      // The cloud administrator is an operator of the audit account: Swift lets them delete.
      const removed = batchObjectName(chain, 1);
      expect((await swift("admin", "DELETE", `/${container}/${removed}`)).status).toBe(204);
      const { dir } = await download();
      const verified = await hdhAuditVerify(dir);
      expect(verified.code).toBe(1);
      expect(verified.out).toMatch(/batch 1 is missing/);
      // No role of the audit project but the sealer's is in the write ACL: a credential with
      // another role (here hdh-audit-retention, which the ACL once named) cannot delete.
      expect(
        (await swift("retention", "DELETE", `/${container}/${batchObjectName(chain, 2)}`)).status,
      ).toBe(403);
    });

    it("crypto-shredding: once the workspace's key is deleted from Barbican, its archive cannot be read", async () => {
      const workspaceKeyRef = await orderKey("deployer", "hdh-ws-cardio");
      // Private, as components/kms/secret-acl.ts makes every key (test/openstack/key-acl.test.ts):
      // Barbican's default policy lets any member of the project read and delete a secret whose
      // own ACL leaves project access on (secret:decrypt, secret:delete in
      // barbican/common/policies/secrets.py, Barbican 15).
      const acl = await http(
        "PUT",
        `${workspaceKeyRef}/acl`,
        { "X-Auth-Token": tokens.deployer, "Content-Type": "application/json" },
        JSON.stringify({ read: { users: [], "project-access": false } }),
      );
      expect(acl.status).toBe(200);
      const workspaceKey = (await payload("deployer", workspaceKeyRef)).body;
      const archive = sealEnvelope(
        "patient,dx\n17,I21\n",
        workspaceKey,
        workspaceKeyRef,
        "archive/table.csv",
      );
      expect(openEnvelope(archive, workspaceKey, "archive/table.csv")).toContain("I21");
      // Another member of the platform project can neither read nor delete the private key.
      expect((await payload("key-retention", workspaceKeyRef)).status).toBe(403);
      expect(
        (await http("DELETE", workspaceKeyRef, { "X-Auth-Token": tokens["key-retention"] })).status,
      ).toBe(403);
      // Its creator (the deployment's identity, which the retention procedure uses) deletes it.
      expect(
        (await http("DELETE", workspaceKeyRef, { "X-Auth-Token": tokens.deployer })).status,
      ).toBe(204);
      expect((await payload("deployer", workspaceKeyRef)).status).toBe(404);
      expect((await payload("admin-platform", workspaceKeyRef)).status).toBe(404);
      // What is left of the archive is ciphertext: no other key opens it (GCM authenticates).
      expect(() => openEnvelope(archive, randomBytes(32), "archive/table.csv")).toThrow();
    });

    it("Swift cannot refuse the sealer's own overwrite; versioning keeps the original and hdh audit verify names the change", async () => {
      const name = batchObjectName(chain, 0);
      const original = await swift("auditor", "GET", `/${container}/${name}`);
      expect(original.status).toBe(200);
      const batch = JSON.parse(
        openEnvelope(JSON.parse(original.body.toString()) as Envelope, key, name),
      ) as AuditBatch;
      // A compromised sealer holds the key and a write grant: it rewrites a record of batch 0
      // and uploads it without If-None-Match. Neither the write ACL nor the access rules can tell
      // an overwrite from a new object (they match a method and a path), so Swift accepts it.
      const forged = structuredClone(batch) as AuditBatch & { records: { actor: unknown }[] };
      forged.records[0].actor = { person: "nobody@example.fr", via: "forged" };
      const body = JSON.stringify(sealEnvelope(JSON.stringify(forged), key, keyRef, name));
      expect((await swift("writer", "PUT", `/${container}/${name}`, {}, body)).status).toBe(201);
      // The previous version is kept; an auditor sees it in the versions listing.
      const versions = await swift(
        "auditor",
        "GET",
        `/${container}?versions&format=json&prefix=${encodeURIComponent(name)}`,
      );
      expect(versions.status).toBe(200);
      const listed = JSON.parse(versions.body.toString()) as {
        version_id: string;
        is_latest: boolean;
      }[];
      expect(listed).toHaveLength(2);
      const older = listed.find((v) => !v.is_latest)!;
      // Reading a version by its id takes an operator of the audit account (the audit project's
      // deployment): Swift 2.30 refuses it to the auditors' read ACL (403).
      const versionPath = `/${container}/${name}?version-id=${encodeURIComponent(older.version_id)}`;
      expect((await swift("auditor", "GET", versionPath)).status).toBe(403);
      const kept = await swift("audit-deployer", "GET", versionPath);
      expect(kept.status, kept.body.toString().slice(0, 200)).toBe(200);
      expect(openEnvelope(JSON.parse(kept.body.toString()) as Envelope, key, name)).toBe(
        JSON.stringify(batch),
      );
      // And the chain names the rewritten batch.
      const { dir } = await download();
      const verified = await hdhAuditVerify(dir);
      expect(verified.code).toBe(1);
      expect(verified.out).toMatch(/batch 0\b|record 0 of batch 0|seq 0/);
    });

    it("the retention job removes every version of each batch past retention, and nothing younger", async () => {
      // A container as the component creates it, and a writer credential for it as the sealer's.
      const store = `${chain}-retention`;
      const acl = auditContainerAcl();
      const made = await swift("audit-deployer", "PUT", `/${store}`, {
        "X-Container-Read": acl.read.join(","),
        "X-Container-Write": acl.write.join(","),
        "X-Versions-Enabled": "true",
      });
      expect(made.status).toBe(201);
      const credential = async (user: string, roles: string[], rules: unknown, label: string) => {
        const r = await http(
          "POST",
          `${c.keystoneUrl}/users/${c.users[user].id}/application_credentials`,
          { "X-Auth-Token": tokens[user], "Content-Type": "application/json" },
          JSON.stringify({
            application_credential: {
              name: `${store}-${label}`,
              roles: roles.map((name) => ({ name })),
              unrestricted: false,
              access_rules: rules,
            },
          }),
        );
        expect(r.status).toBe(201);
        return (
          JSON.parse(r.body.toString()) as {
            application_credential: { id: string; secret: string };
          }
        ).application_credential;
      };
      tokens.storeWriter = await appCredentialToken(
        c,
        await credential(
          "sealer",
          [...auditDefaults.writerRoles],
          writerAccessRules(store, keyRef),
          "w",
        ),
      );
      // The retention job's credential as components/audit/retention-job.ts creates it: the
      // deploying user's, with Swift's operator role and the retention access rules.
      const retentionCredential = await credential(
        "audit-deployer",
        [...auditDefaults.retentionRoles],
        retentionAccessRules(store),
        "r",
      );
      tokens.retentionJob = await appCredentialToken(c, retentionCredential);

      const put = async (seq: number | string, body: string, firstWrite = true) => {
        const name = typeof seq === "number" ? batchObjectName(chain, seq) : seq;
        const r = await swift(
          "storeWriter",
          "PUT",
          `/${store}/${name}`,
          {
            ...(firstWrite ? { "If-None-Match": "*" } : {}),
            "X-Delete-At": String(Math.floor(Date.now() / 1000) + 365 * 86400),
          },
          body,
        );
        expect(r.status).toBe(201);
        return r.headers.get("x-object-version-id")!;
      };
      // Old: batch 0 stored then overwritten; batch 1 stored, then deleted by the administrator
      // (a delete marker over the kept data); an object of the chain's folder that is no batch.
      const old = [
        await put(0, "b0"),
        await put(0, "b0-overwritten", false),
        await put(1, "b1"),
        await put(`${chain}/batches/notes.txt`, "not a batch"),
      ];
      expect(
        (await swift("admin", "DELETE", `/${store}/${batchObjectName(chain, 1)}`)).status,
      ).toBe(204);
      await new Promise((resolve) => setTimeout(resolve, 50));
      // Young: batch 2 stored and overwritten, batch 3 stored.
      const young = [await put(2, "b2"), await put(2, "b2-overwritten", false), await put(3, "b3")];
      const versions = async () => {
        const r = await swift("audit-deployer", "GET", `/${store}?versions&format=json`);
        expect(r.status).toBe(200);
        return (JSON.parse(r.body.toString()) as { name: string; version_id: string }[]).map(
          (v) => `${v.name}@${v.version_id}`,
        );
      };
      const before = await versions();
      expect(before).toHaveLength(8); // batch 0: 2, batch 1: data and marker, notes, batch 2: 2, batch 3
      // Why the job needs Swift's operator role: a version lives in the hidden versions
      // container, which has no ACL, so even a role the write ACL names (the sealer's user, no
      // access rules) is refused its deletion; a write-grant DELETE of the batch itself would
      // only add a delete marker.
      const versionOfBatch0 = `/${store}/${batchObjectName(chain, 0)}?version-id=${old[0]}`;
      expect((await swift("sealer", "DELETE", versionOfBatch0)).status).toBe(403);
      // The job runs "365 days" after a moment between the old writes and the young ones.
      const cutoff = (Number(old[old.length - 1]) + Number(young[0])) / 2;
      expect(Number(old[old.length - 1])).toBeLessThan(cutoff);
      const report = await runRetention(
        {
          authUrl: c.keystoneUrl,
          credentialId: retentionCredential.id,
          credentialSecret: retentionCredential.secret,
          region: c.region,
          endpointInterface: "internal",
          container: store,
          chain,
          retentionDays: 365,
        },
        { now: new Date(cutoff * 1000 + 365 * 86_400_000), logger: { log: () => undefined } },
      );
      expect(report.failed).toEqual([]);
      expect(report.expiredBatches).toEqual([batchObjectName(chain, 0), batchObjectName(chain, 1)]);
      expect(report.deleted).toBe(4); // batch 0's two versions, batch 1's data and marker
      expect(report.keptBatches).toBe(2);
      expect(report.ignored).toEqual([`${chain}/batches/notes.txt`]);
      // Gone, current and every older version; the young batches and the other object untouched.
      const after = await versions();
      expect(after.filter((v) => /\/00000000000[01]\.json@/.test(v))).toEqual([]);
      expect(after.sort()).toEqual(
        before.filter((v) => !/\/00000000000[01]\.json@/.test(v)).sort(),
      );
      expect(after).toHaveLength(4);
      for (const [seq, body] of [
        [2, "b2-overwritten"],
        [3, "b3"],
      ] as const) {
        const r = await swift("auditor", "GET", `/${store}/${batchObjectName(chain, seq)}`);
        expect({ seq, status: r.status, body: r.body.toString() }).toEqual({
          seq,
          status: 200,
          body,
        });
      }
      expect((await swift("auditor", "GET", `/${store}/${batchObjectName(chain, 0)}`)).status).toBe(
        404,
      );

      // Its operator role is held by its access rules: Keystone refuses anything but listing the
      // container and deleting in it (401, before Swift sees the request).
      const name = `/${store}/${batchObjectName(chain, 3)}`;
      for (const [method, path, body] of [
        ["GET", name],
        ["HEAD", name],
        ["PUT", name, "forged"],
        ["POST", name],
        ["POST", `/${store}`],
        ["GET", ""],
        ["GET", `/${container}`],
        ["DELETE", `/${container}/${batchObjectName(chain, 0)}`],
      ] as const) {
        const r = await swift("retentionJob", method, path, {}, body);
        expect({ method, path, status: r.status }).toEqual({ method, path, status: 401 });
      }
      // Deleting the container: Swift 2.30's object_versioning answers 409 ("Delete all versions
      // before deleting container") before any authorisation (ContainerContext.handle_delete
      // checks the versions container first), to a request with no token alike; the container
      // stays.
      const noToken = await http("DELETE", `${audit()}/${store}`);
      const byJob = await swift("retentionJob", "DELETE", `/${store}`);
      expect([byJob.status, noToken.status]).toEqual([409, 409]);
      expect((await swift("auditor", "GET", `/${store}?format=json`)).status).toBe(200);
    });
  },
);
