/**
 * OpenStack audit events as the services emit them, written from the documented shapes:
 * keystonemiddleware's audit middleware (keystonemiddleware/audit/_api.py and __init__.py; the
 * sample event in Barbican's doc/source/configuration/audit.rst), ceilometermiddleware's swift
 * filter (ceilometermiddleware/swift.py) and Swift's proxy-logging default template
 * (swift/common/middleware/proxy_logging.py, doc/source/logs.rst).
 */

export const researcher = "alice.martin@inserm.example.fr";
export const researcherUserId = "9f3c2b1a0e4d4c5b8a7f6e5d4c3b2a10";
export const platformProjectId = "8eabee0a4c4e40f882df8efbce695526";
/** The Barbican secret of workspace cardio-2026 (hdh-ws-cardio-2026) and its ACL container. */
export const cardioSecretId = "5b0e7c1e-2f4a-4a9b-9c43-7a1d2e3f4a5b";
export const cardioContainerId = "c2a7f9d0-6b1e-4f3a-8d2c-1e0f9a8b7c6d";

type Json = Record<string, unknown>;

/** One CADF event as keystonemiddleware builds it, after the response (audit.http.response). */
export function keystonemiddlewareEvent(options: {
  id?: string;
  requestPath: string;
  action: string;
  status?: number;
  userName?: string;
  userId?: string;
  identityStatus?: string;
  address?: string;
  targetTypeURI?: string;
  serviceName?: string;
  eventTime?: string;
}): Json {
  const status = options.status ?? 200;
  return {
    typeURI: "http://schemas.dmtf.org/cloud/audit/1.0/event",
    id: options.id ?? "openstack:3a6a961c-9ada-4b81-9095-90968d896c41",
    eventType: "activity",
    eventTime: options.eventTime ?? "2026-05-04T10:11:12.410768+0000",
    action: options.action,
    outcome: status >= 200 && status < 400 ? "success" : "failure",
    reason: { reasonType: "HTTP", reasonCode: String(status) },
    initiator: {
      typeURI: "service/security/account/user",
      id: options.userId ?? researcherUserId,
      name: options.userName ?? researcher,
      host: { address: options.address ?? "10.20.3.41", agent: "python-barbicanclient/5.7.0" },
      credential: { token: "***", identity_status: options.identityStatus ?? "Confirmed" },
      project_id: platformProjectId,
      request_id: "req-4cf54a26-26b3-4cd3-9442-2630480563b4",
    },
    target: {
      typeURI: options.targetTypeURI ?? "service/security/keymanager/secrets",
      id: "barbican",
      name: options.serviceName ?? "barbican",
      addresses: [
        { name: "admin", url: "https://kms.gra.example:9311" },
        { name: "private", url: "https://kms.gra.example:9311" },
        { name: "public", url: "https://kms.gra.example:9311" },
      ],
    },
    observer: { id: "target" },
    reporterchain: [
      {
        role: "modifier",
        reporter: { id: "target" },
        reporterTime: "2026-05-04T10:11:12.468301+0000",
      },
    ],
    tags: ["correlation_id?value=openstack:7e0fe4a6-e258-477e-a1c9-0fd0921a8435"],
    requestPath: options.requestPath,
  };
}

/** The oslo.messaging notification around an event (messagingv2 driver, before the wire form). */
export function notification(payload: Json, eventType = "audit.http.response"): Json {
  return {
    priority: "INFO",
    event_type: eventType,
    timestamp: "2026-05-04 10:11:12.470076",
    publisher_id: "barbican-api",
    payload,
    message_id: "afc3fd93-51e9-4c80-b330-983e66962265",
  };
}

/** ceilometermiddleware's objectstore.http.request event for one Swift call. */
export function ceilometerSwiftEvent(method: string, path: string): Json {
  const [version, account, container, ...object] = path.split("/");
  return notification(
    {
      typeURI: "http://schemas.dmtf.org/cloud/audit/1.0/event",
      id: "openstack:0d7a3e0c-1b5f-4d2e-9a8c-7b6f5e4d3c2b",
      eventType: "activity",
      eventTime: "2026-05-04T10:11:12.123456",
      action: method === "GET" || method === "HEAD" ? "read" : "update",
      outcome: "success",
      initiator: {
        typeURI: "service/security/account/user",
        id: researcherUserId,
        project_id: platformProjectId,
      },
      target: {
        typeURI: "service/storage/object",
        id: account.replace(/^AUTH_/, ""),
        action: method.toLowerCase(),
        metadata: {
          path,
          version,
          container: container ?? null,
          object: object.length > 0 ? object.join("/") : null,
        },
      },
      observer: { id: "target" },
      measurements: [
        { result: 1, metric: { name: "storage.api.request", unit: "request", metricId: "m" } },
      ],
    },
    "objectstore.http.request",
  );
}

/**
 * One proxy access line in the default template (22 fields). `headers` are the identity headers
 * the platform asks the provider to log (access_log_headers_only).
 */
export function swiftAccessLine(options: {
  method?: string;
  path: string;
  status?: number;
  headers?: Record<string, string> | null;
  source?: string;
  transaction?: string;
  fields?: number;
}): string {
  const q = (v: string) => encodeURIComponent(v).replace(/%3A/g, ":").replace(/%2F/g, "/");
  const headers =
    options.headers === null
      ? "-"
      : q(
          Object.entries(
            options.headers ?? {
              "X-User-Name": researcher,
              "X-User-Id": researcherUserId,
              "X-Project-Id": platformProjectId,
              "X-Identity-Status": "Confirmed",
            },
          )
            .map(([k, v]) => `${k}: ${v}`)
            .join("\n"),
        );
  const all = [
    "10.20.3.41",
    "10.0.8.12",
    "04/May/2026/10/11/12",
    options.method ?? "GET",
    q(options.path),
    "HTTP/1.0",
    String(options.status ?? 200),
    "-",
    q("python-swiftclient-4.6.0"),
    "gAAAAABoF3xY2kLm...",
    "0",
    "1048576",
    "-",
    options.transaction ?? "tx4b2c1d0e9f8a7b6c5d4e3-00681747f0",
    headers,
    "0.0312",
    options.source ?? "-",
    "-",
    "1777889472.123456789",
    "1777889472.154856789",
    "0",
    researcherUserId,
  ];
  return all.slice(0, options.fields ?? 22).join(" ");
}
