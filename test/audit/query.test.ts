import { describe, expect, it } from "vitest";
import { sealBatch, startChain } from "../../audit/batch";
import { whoTouched } from "../../audit/query";
import { fromBarbicanCadf } from "../../audit/sources/barbican";
import { fromKubernetesAuditEvent } from "../../audit/sources/kubernetes";
import { cardioSecretId, keystonemiddlewareEvent } from "./openstack-fixtures";
import { record } from "./chain-fixtures";

const kubeEvent = {
  auditID: "5b3c-exec",
  stage: "ResponseComplete",
  verb: "create",
  requestURI: "/api/v1/namespaces/ws-cardio-2026/pods/jupyter-0/exec?command=bash",
  user: { username: "oidc:bob@chu-lille.example.fr" },
  sourceIPs: ["10.42.0.12"],
  objectRef: {
    resource: "pods",
    subresource: "exec",
    namespace: "ws-cardio-2026",
    name: "jupyter-0",
  },
  responseStatus: { code: 101 },
  stageTimestamp: "2026-05-04T11:00:00.000000Z",
};

describe("Kubernetes audit events become records naming the person", () => {
  it("takes the person from the OIDC username and the workspace from the namespace", () => {
    const r = fromKubernetesAuditEvent(kubeEvent);
    expect(r).toMatchObject({
      id: "5b3c-exec",
      source: "kubernetes-api",
      action: "k8s.create",
      outcome: "success",
      actor: { person: "bob@chu-lille.example.fr", ip: "10.42.0.12" },
      workspace: "cardio-2026",
      target: { type: "pods", name: "namespaces/ws-cardio-2026/pods/jupyter-0/exec" },
    });
  });

  it("keeps a service account as the credential, with no person, and a 403 as denied", () => {
    const r = fromKubernetesAuditEvent({
      ...kubeEvent,
      user: { username: "system:serviceaccount:ws-cardio-2026:default" },
      responseStatus: { code: 403 },
    });
    expect(r.actor).toEqual({
      person: null,
      via: "system:serviceaccount:ws-cardio-2026:default",
      ip: "10.42.0.12",
    });
    expect(r.outcome).toBe("denied");
  });
});

describe("who touched project X's data, and when", () => {
  const records = [
    record({
      id: "a",
      time: "2026-05-04T09:00:00.000Z",
      actor: { person: "alice@inserm.example.fr" },
    }),
    record({ id: "b", time: "2026-05-04T10:00:00.000Z", workspace: "diabetes-mr004" }),
    fromKubernetesAuditEvent(kubeEvent),
    record({
      id: "c",
      time: "2026-05-04T12:00:00.000Z",
      source: "kubernetes-api",
      action: "k8s.list",
      target: { type: "deployments", name: "namespaces/ws-cardio-2026/apps/deployments" },
    }),
    record({
      id: "d",
      time: "2026-05-04T13:00:00.000Z",
      actor: { person: null, via: "appcred:x" },
      outcome: "denied",
    }),
    record({
      id: "e",
      time: "2026-05-04T14:00:00.000Z",
      source: "airlock",
      action: "airlock.approve",
      actor: { person: "carol@hdh.example.fr" },
      target: { type: "airlock-request", name: "cardio-2026/req-7" },
    }),
  ];
  let head = startChain("hdh-test");
  const batches = [records.slice(0, 3), records.slice(3)].map((rs, i) => {
    const sealed = sealBatch(head, rs, new Date(Date.UTC(2026, 4, 4, 15, i)));
    head = sealed.head;
    return sealed.batch;
  });

  it("lists every data access of the workspace, oldest first, and only those", () => {
    const report = whoTouched(batches, "cardio-2026");
    expect(report.accesses.map((a) => [a.time, a.person, a.action])).toEqual([
      ["2026-05-04T09:00:00.000Z", "alice@inserm.example.fr", "object.read"],
      ["2026-05-04T11:00:00.000Z", "bob@chu-lille.example.fr", "k8s.create"],
      ["2026-05-04T13:00:00.000Z", null, "object.read"],
      ["2026-05-04T14:00:00.000Z", "carol@hdh.example.fr", "airlock.approve"],
    ]);
    expect(report.accesses[1].at).toEqual({ seq: 0, index: 2 });
  });

  it("summarises per person and lists unattributed accesses as findings", () => {
    const report = whoTouched(batches, "cardio-2026");
    expect(report.people.map((p) => p.person)).toEqual([
      "alice@inserm.example.fr",
      "bob@chu-lille.example.fr",
      "carol@hdh.example.fr",
    ]);
    expect(report.unattributed).toEqual([
      expect.objectContaining({ via: "appcred:x", outcome: "denied" }),
    ]);
  });

  it("restricts to a time window", () => {
    const report = whoTouched(batches, "cardio-2026", {
      from: new Date("2026-05-04T10:30:00Z"),
      to: new Date("2026-05-04T13:00:00Z"),
    });
    expect(report.accesses.map((a) => a.person)).toEqual(["bob@chu-lille.example.fr"]);
  });

  it("includes a key access the register could not place only when given the workspace's key ids", () => {
    const keyRead = (id: string, secret: string) =>
      fromBarbicanCadf(
        keystonemiddlewareEvent({
          id,
          requestPath: `/v1/secrets/${secret}/payload`,
          action: "read",
        }),
      );
    const sealed = sealBatch(
      startChain("hdh-test"),
      [keyRead("mine", cardioSecretId), keyRead("other", "0f9e8d7c-6b5a-4c3d-9e2f-1a0b9c8d7e6f")],
      new Date("2026-05-04T16:00:00Z"),
    ).batch;
    expect(whoTouched([sealed], "cardio-2026").accesses).toEqual([]);
    const placed = whoTouched(
      [sealed],
      "cardio-2026",
      {},
      { keyIds: [cardioSecretId.toUpperCase()] },
    );
    expect(placed.accesses.map((a) => [a.action, a.target])).toEqual([
      ["key.payload.read", `secrets/${cardioSecretId}/payload`],
    ]);
  });
});
