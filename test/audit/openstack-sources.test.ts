import { describe, expect, it } from "vitest";
import fc from "fast-check";
import { attributionProblem, recordShapeProblems } from "../../audit/record";
import { fromBarbicanCadf } from "../../audit/sources/barbican";
import { fromSwiftAccessLog } from "../../audit/sources/swift-access-log";
import { fromSwiftCadf } from "../../audit/sources/swift-cadf";
import {
  keyRegisterFrom,
  placementProblem,
  workspaceOfContainer,
} from "../../audit/sources/workspace-of";
import { containerName, storageAreas } from "../../components/workspace/names";
import {
  cardioContainerId,
  cardioSecretId,
  ceilometerSwiftEvent,
  keystonemiddlewareEvent,
  notification,
  researcher,
  researcherUserId,
  swiftAccessLine,
} from "./openstack-fixtures";

const keyRegister = keyRegisterFrom({
  [`https://kms.gra.example:9311/v1/secrets/${cardioSecretId}`]: "cardio-2026",
  [cardioContainerId]: "cardio-2026",
});
const payloadRead = keystonemiddlewareEvent({
  requestPath: `/v1/secrets/${cardioSecretId}/payload`,
  action: "read",
});

describe("Barbican CADF events become key-manager records", () => {
  it("names the federated researcher, the workspace of the key, and a payload read", () => {
    const r = fromBarbicanCadf(notification(payloadRead), { keyRegister });
    expect(r).toEqual({
      v: 1,
      id: "openstack:3a6a961c-9ada-4b81-9095-90968d896c41",
      time: "2026-05-04T10:11:12.410Z",
      source: "key-manager",
      action: "key.payload.read",
      outcome: "success",
      actor: { person: researcher, ip: "10.20.3.41" },
      workspace: "cardio-2026",
      target: { type: "secret-payload", name: `secrets/${cardioSecretId}/payload` },
      detail: {
        cadfAction: "read",
        status: 200,
        placement: "key-register",
        keystoneUserId: researcherUserId,
        keystoneProjectId: "8eabee0a4c4e40f882df8efbce695526",
        userAgent: "python-barbicanclient/5.7.0",
        publisher: "barbican-api",
      },
    });
    expect(recordShapeProblems(r)).toEqual([]);
    expect(JSON.stringify(r)).not.toContain("***");
  });

  it("reads the same event from the oslo wire form and from a log-driver line", () => {
    const expected = fromBarbicanCadf(notification(payloadRead), { keyRegister });
    const wire = {
      "oslo.version": "2.0",
      "oslo.message": JSON.stringify(notification(payloadRead)),
    };
    const logLine = {
      log: `2026-05-04 10:11:12.470 80 INFO oslo.messaging.notification.audit.http.response [None req-4cf5 - - - - -] ${JSON.stringify(notification(payloadRead))}`,
    };
    expect(fromBarbicanCadf(wire, { keyRegister })).toEqual(expected);
    const kafka = { topic: "notifications.info", partition: 0, offset: 42, key: null };
    const kafkaText = { ...kafka, payload: JSON.stringify(wire) };
    const kafkaJson = { ...kafka, payload: notification(payloadRead) };
    expect(fromBarbicanCadf(kafkaText, { keyRegister })).toEqual(expected);
    expect(fromBarbicanCadf(kafkaJson, { keyRegister })).toEqual(expected);
    expect(fromBarbicanCadf(logLine, { keyRegister })).toEqual(expected);
    expect(fromBarbicanCadf(payloadRead, { keyRegister })).toMatchObject({
      ...expected,
      detail: { placement: "key-register" },
    });
  });

  it("maps secret, ACL, container and order calls to distinct actions", () => {
    const action = (requestPath: string, cadf: string) =>
      fromBarbicanCadf(keystonemiddlewareEvent({ requestPath, action: cadf }), { keyRegister })
        .action;
    expect(action(`/v1/secrets/${cardioSecretId}`, "read")).toBe("key.read");
    expect(action(`/v1/secrets/${cardioSecretId}`, "update")).toBe("key.payload.write");
    expect(action(`/v1/secrets/${cardioSecretId}`, "delete")).toBe("key.delete");
    expect(action(`/v1/secrets/${cardioSecretId}/acl`, "update")).toBe("key.acl.update");
    expect(action(`/v1/containers/${cardioContainerId}/acl`, "read")).toBe("key.acl.read");
    expect(action(`/v1/containers/${cardioContainerId}`, "read")).toBe("key.container.read");
    expect(action(`/v1/secrets/${cardioSecretId}/metadata`, "read")).toBe("key.metadata.read");
    expect(action("/v1/secrets?name=hdh-ws-cardio-2026", "read/list")).toBe("key.list");
    expect(action("/v1/orders", "create")).toBe("key.order.create");
  });

  it("refuses a 403 as denied and keeps the person who tried", () => {
    const r = fromBarbicanCadf(
      keystonemiddlewareEvent({
        requestPath: `/v1/secrets/${cardioSecretId}/payload`,
        action: "read",
        status: 403,
      }),
      { keyRegister },
    );
    expect(r).toMatchObject({ outcome: "denied", actor: { person: researcher } });
  });

  it("keeps a service user as the credential, with no person", () => {
    const r = fromBarbicanCadf(
      keystonemiddlewareEvent({
        requestPath: `/v1/secrets/${cardioSecretId}/payload`,
        action: "read",
        userName: "cinder_user",
      }),
      { keyRegister },
    );
    expect(r.actor).toEqual({ person: null, via: "keystone-user:cinder_user", ip: "10.20.3.41" });
    expect(attributionProblem(r)).toMatch(/cardio-2026 touched by keystone-user:cinder_user/);
  });

  it("names nobody behind an invalid token, and calls the attempt denied", () => {
    const r = fromBarbicanCadf(
      keystonemiddlewareEvent({
        requestPath: `/v1/secrets/${cardioSecretId}/payload`,
        action: "read",
        status: 401,
        userName: "unknown",
        userId: "unknown",
        identityStatus: "Invalid",
      }),
    );
    expect(r).toMatchObject({
      outcome: "denied",
      actor: { person: null, via: "invalid-token" },
    });
  });

  it("prefers the identity provider's user of a federated credential", () => {
    const event = keystonemiddlewareEvent({
      requestPath: `/v1/secrets/${cardioSecretId}`,
      action: "read",
      userName: "9f3c2b1a0e4d4c5b8a7f6e5d4c3b2a10",
    });
    (event.initiator as Record<string, unknown>).credential = {
      token: "***",
      type: "http://docs.oasis-open.org/security/saml/v2.0",
      identity_provider: "hdh-oidc",
      user: "bob@chu-lille.example.fr",
      groups: [],
    };
    expect(fromBarbicanCadf(event).actor.person).toBe("bob@chu-lille.example.fr");
  });

  it("keeps an access to a key missing from the register, flagged as unresolved", () => {
    const r = fromBarbicanCadf(payloadRead);
    expect(r.workspace).toBeNull();
    expect(r.detail?.placement).toBe("unresolved");
    expect(placementProblem(r)).toMatch(/workspace not resolved/);
    const list = fromBarbicanCadf(
      keystonemiddlewareEvent({ requestPath: "/v1/secrets", action: "read/list" }),
    );
    expect(placementProblem(list)).toBeUndefined();
  });

  it("refuses the request half of the pair, which has no outcome", () => {
    const pending = { ...payloadRead, outcome: "pending", reason: undefined };
    expect(() => fromBarbicanCadf(notification(pending, "audit.http.request"))).toThrow(
      /forward only audit.http.response/,
    );
  });

  it("refuses a key register entry that is not a Barbican reference", () => {
    expect(() => keyRegisterFrom({ "hdh-ws-cardio-2026": "cardio-2026" })).toThrow(
      /not a Barbican reference/,
    );
  });
});

describe("Swift CADF events become object-storage records", () => {
  it("names the person, the workspace and the object of a read (keystonemiddleware)", () => {
    const r = fromSwiftCadf(
      notification(
        keystonemiddlewareEvent({
          id: "openstack:5e1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
          requestPath:
            "/v1/AUTH_8eabee0a4c4e40f882df8efbce695526/hdh-ws-cardio-2026-ingress/extracts/2026-05/cohort%20A.parquet",
          action: "read",
          targetTypeURI: "service/storage/object",
          serviceName: "swift",
        }),
      ),
    );
    expect(r).toMatchObject({
      id: "openstack:5e1f0a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b",
      source: "object-storage",
      action: "object.read",
      outcome: "success",
      actor: { person: researcher, ip: "10.20.3.41" },
      workspace: "cardio-2026",
      target: {
        type: "object",
        name: "hdh-ws-cardio-2026-ingress/extracts/2026-05/cohort A.parquet",
      },
      detail: { emitter: "keystonemiddleware", placement: "container-name" },
    });
  });

  it("calls a container read a listing and a container update a container update", () => {
    const at = (requestPath: string, action: string) =>
      fromSwiftCadf(keystonemiddlewareEvent({ requestPath, action })).action;
    expect(at("/v1/AUTH_p/hdh-ws-cardio-2026-data?format=json", "read")).toBe("object.list");
    expect(at("/v1/AUTH_p/hdh-ws-cardio-2026-data", "update")).toBe("object.container.update");
    expect(at("/v1/AUTH_p/hdh-ws-cardio-2026-data/a.csv", "update")).toBe("object.write");
    expect(at("/v1/AUTH_p/hdh-ws-cardio-2026-data/a.csv", "delete")).toBe("object.delete");
  });

  it("takes the method from ceilometermiddleware's event and names only the user id", () => {
    const r = fromSwiftCadf(
      ceilometerSwiftEvent("HEAD", "v1/AUTH_8eabee0a/hdh-ws-diab-mr004-egress/req-12/table.csv"),
    );
    expect(r).toMatchObject({
      action: "object.head",
      time: "2026-05-04T10:11:12.123Z",
      actor: { person: null, via: `keystone-user-id:${researcherUserId}` },
      workspace: "diab-mr004",
      target: { type: "object", name: "hdh-ws-diab-mr004-egress/req-12/table.csv" },
      detail: { emitter: "ceilometermiddleware", method: "HEAD" },
    });
  });

  it("places no workspace on a platform container", () => {
    const r = fromSwiftCadf(
      keystonemiddlewareEvent({
        requestPath: "/v1/AUTH_a/hdh-prod-audit/hdh-prod/batches/x",
        action: "read",
      }),
    );
    expect(r).toMatchObject({ workspace: null, detail: { placement: "platform" } });
  });
});

describe("Swift proxy access lines become object-storage records", () => {
  it("names the person from the logged identity headers and never keeps the token", () => {
    const r = fromSwiftAccessLog({
      log: swiftAccessLine({ path: "/v1/AUTH_8eabee0a/hdh-ws-cardio-2026-data/results/model.rds" }),
    });
    expect(r).toEqual({
      v: 1,
      id: "swift-tx:tx4b2c1d0e9f8a7b6c5d4e3-00681747f0",
      time: "2026-05-04T10:11:12.123Z",
      source: "object-storage",
      action: "object.read",
      outcome: "success",
      actor: { person: researcher, ip: "10.20.3.41" },
      workspace: "cardio-2026",
      target: { type: "object", name: "hdh-ws-cardio-2026-data/results/model.rds" },
      detail: {
        emitter: "swift-proxy-logging",
        method: "GET",
        status: 200,
        placement: "container-name",
        account: "AUTH_8eabee0a",
        transactionId: "tx4b2c1d0e9f8a7b6c5d4e3-00681747f0",
        keystoneUserId: researcherUserId,
        keystoneProjectId: "8eabee0a4c4e40f882df8efbce695526",
        bytesReceived: 0,
        bytesSent: 1048576,
      },
    });
    expect(JSON.stringify(r)).not.toContain("gAAAA");
  });

  it("names only the user id when the proxy does not log the identity headers", () => {
    const r = fromSwiftAccessLog({
      log: swiftAccessLine({ path: "/v1/AUTH_p/hdh-ws-cardio-2026-data/a", headers: null }),
    });
    expect(r.actor).toEqual({
      person: null,
      via: `keystone-user-id:${researcherUserId}`,
      ip: "10.20.3.41",
    });
    expect(attributionProblem(r)).toBeDefined();
  });

  it("decodes a doubly quoted object name, and reads a syslog-prefixed line", () => {
    const line = swiftAccessLine({ path: "/v1/AUTH_p/hdh-ws-cardio-2026-data/my%20file%3F.csv" });
    expect(fromSwiftAccessLog({ log: line }).target.name).toBe(
      "hdh-ws-cardio-2026-data/my file?.csv",
    );
    expect(
      fromSwiftAccessLog({ message: `May  4 10:11:12 proxy01 proxy-server: ${line}` }),
    ).toEqual(fromSwiftAccessLog({ log: line }));
  });

  it("calls a refused delete denied and a container GET a listing", () => {
    const del = fromSwiftAccessLog({
      log: swiftAccessLine({
        method: "DELETE",
        path: "/v1/AUTH_p/hdh-ws-cardio-2026-ingress/x",
        status: 403,
      }),
    });
    expect(del).toMatchObject({ action: "object.delete", outcome: "denied" });
    const list = fromSwiftAccessLog({
      log: swiftAccessLine({
        path: "/v1/AUTH_p/hdh-ws-cardio-2026-outbox?format=json&prefix=req-3/",
      }),
    });
    expect(list).toMatchObject({
      action: "object.list",
      target: { type: "container", name: "hdh-ws-cardio-2026-outbox" },
    });
  });

  it("gives a middleware subrequest its own id, and reads the older 20-field template", () => {
    const client = fromSwiftAccessLog({
      log: swiftAccessLine({ path: "/v1/AUTH_p/hdh-ws-w-data/big" }),
    });
    const segment = fromSwiftAccessLog({
      log: swiftAccessLine({ path: "/v1/AUTH_p/hdh-ws-w-data_segments/big/1", source: "SLO" }),
    });
    expect(segment.id).not.toBe(client.id);
    expect(segment.id).toMatch(/^swift-tx:tx4b2c1d0e9f8a7b6c5d4e3-00681747f0\/SLO\//);
    const old = fromSwiftAccessLog({
      log: swiftAccessLine({ path: "/v1/AUTH_p/hdh-ws-w-review/r", headers: null, fields: 20 }),
    });
    expect(old).toMatchObject({
      workspace: "w",
      actor: { person: null },
      time: "2026-05-04T10:11:12.123Z",
    });
  });
});

describe("workspace placement follows components/workspace/names.ts", () => {
  it("finds the project of every area's container, hyphens in the id included", () => {
    fc.assert(
      fc.property(
        fc.stringMatching(/^[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?$/),
        fc.constantFrom(...storageAreas),
        (project, area) => {
          expect(workspaceOfContainer(containerName(project, area))).toEqual({
            workspace: project,
            area,
          });
        },
      ),
    );
    expect(workspaceOfContainer("hdh-prod-audit")).toBeUndefined();
    expect(workspaceOfContainer("hdh-ws-cardio-2026-scratch")).toBeUndefined();
  });
});

describe("properties of the OpenStack mappings", () => {
  // Object.prototype's names included: a segment "__proto__" once produced a malformed record.
  const segment = fc.oneof(
    fc.constantFrom("__proto__", "constructor", "toString", "secrets", "payload", "acl"),
    fc.string({ minLength: 1, maxLength: 12 }).map((s) => encodeURIComponent(s)),
  );
  const time = fc
    .date({
      min: new Date("2020-01-01T00:00:00Z"),
      max: new Date("2035-01-01T00:00:00Z"),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().replace("Z", "+0000"));
  const event = fc.record({
    id: fc.string({ minLength: 1, maxLength: 40 }),
    action: fc.constantFrom(
      "read",
      "read/list",
      "create",
      "update",
      "delete",
      "update/x",
      "unknown",
    ),
    status: fc.integer({ min: 100, max: 599 }),
    userName: fc.string({ maxLength: 30 }),
    eventTime: time,
    path: fc.array(segment, { minLength: 1, maxLength: 5 }),
  });

  it("every well-formed CADF event gives a well-formed record naming its event id", () => {
    fc.assert(
      fc.property(event, (e) => {
        const barbican = keystonemiddlewareEvent({
          ...e,
          requestPath: `/v1/${e.path.join("/")}`,
        });
        const swift = keystonemiddlewareEvent({
          ...e,
          requestPath: `/v1/AUTH_p/${e.path.join("/")}`,
        });
        for (const r of [fromBarbicanCadf(barbican, { keyRegister }), fromSwiftCadf(swift)]) {
          expect(recordShapeProblems(r)).toEqual([]);
          expect(r.id).toBe(e.id);
        }
      }),
    );
  });

  it("every access line gives a well-formed record naming its transaction", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("GET", "HEAD", "PUT", "POST", "DELETE", "COPY", "OPTIONS"),
        fc.array(segment, { minLength: 0, maxLength: 4 }),
        fc.integer({ min: 100, max: 599 }),
        fc.stringMatching(/^tx[0-9a-f]{21}-[0-9a-f]{10}$/),
        fc.option(fc.constantFrom("SLO", "FP", "SW"), { nil: undefined }),
        (method, path, status, transaction, source) => {
          const r = fromSwiftAccessLog({
            log: swiftAccessLine({
              method,
              path: `/v1/AUTH_p/${path.join("/")}`,
              status,
              transaction,
              source,
            }),
          });
          expect(recordShapeProblems(r)).toEqual([]);
          expect(r.id.startsWith(`swift-tx:${transaction}`)).toBe(true);
          expect(r.action.startsWith("object.")).toBe(true);
        },
      ),
    );
  });
});
