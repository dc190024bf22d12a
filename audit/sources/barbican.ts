/**
 * Key-manager (Barbican) API calls, as CADF events from keystonemiddleware's audit middleware in
 * Barbican's `barbican-api-keystone-audit` pipeline (cadf.ts), to audit records.
 *
 * Barbican's audit map (etc/barbican/api_audit_map.conf) gives the CADF action (GET of a known
 * collection is "read/list", of anything else "read"; PUT/PATCH "update"; POST "create"; DELETE
 * "delete"; `acl/get` is "read") and a target naming the service only ("key-manager" endpoint,
 * typeURI "service/security/keymanager/secrets"). What was touched is in `requestPath`:
 * `/v1/secrets/<id>[/payload|/acl|/metadata[/<key>]|/consumers]`, `/v1/containers/<id>[/acl|
 * /consumers|/secrets]`, `/v1/orders/<id>`. The workspace is found from that id through the key
 * register (workspace-of.ts).
 *
 * Actions: `key.payload.read` is the one that releases key material (GET .../payload);
 * `key.read` is a secret's metadata, which Barbican also answers with the payload when the
 * client asks `Accept: application/octet-stream` (the event cannot tell), so treat it as a
 * possible payload read in an investigation.
 */
import type { AuditRecord } from "../record";
import {
  actorOf,
  cadfTime,
  httpStatus,
  initiatorDetail,
  outcomeOf,
  requireCompleted,
  unwrapCadf,
  type PersonRule,
} from "./cadf";
import type { KeyRegister, Placement } from "./workspace-of";

export interface BarbicanMapping extends PersonRule {
  /** Barbican ids of workspace keys to their project id. @default empty (nothing placed) */
  readonly keyRegister?: KeyRegister;
}

const singular: Readonly<Record<string, string>> = {
  secrets: "secret",
  containers: "container",
  orders: "order",
  "secret-stores": "secret-store",
  cas: "ca",
  quotas: "quota",
  "project-quotas": "project-quota",
};

const subresource: Readonly<Record<string, string>> = {
  payload: "payload",
  acl: "acl",
  metadata: "metadata",
  consumers: "consumer",
  secrets: "secret-ref",
};

/** CADF action ("read/list", "update/x", "create"...) to the record's verb. */
function verbOf(action: string | undefined): string {
  if (action === "read/list") return "list";
  const base = (action ?? "").split("/")[0];
  return ["read", "create", "update", "delete"].includes(base) ? base : "unknown";
}

function actionOf(kind: string, subKind: string | undefined, verb: string): string {
  if (kind === "secret" && subKind === undefined) {
    // PUT on a secret uploads the payload of a secret created without one.
    return verb === "update" ? "key.payload.write" : `key.${verb}`;
  }
  if (subKind === "payload" || subKind === "acl") return `key.${subKind}.${verb}`;
  return `key.${[kind === "secret" ? undefined : kind, subKind].filter(Boolean).join(".")}.${verb}`;
}

export function fromBarbicanCadf(
  raw: Record<string, unknown>,
  mapping: BarbicanMapping = {},
): AuditRecord {
  const unwrapped = unwrapCadf(raw, "key-manager");
  requireCompleted(unwrapped, "key-manager");
  const { event } = unwrapped;
  if (typeof event.id !== "string" || event.id === "") throw new Error("key-manager: no event id");
  const path = (event.requestPath ?? "").split("?")[0];
  const segments = path.split("/").filter(Boolean);
  if (segments[0] !== "v1" || segments.length < 2) {
    throw new Error(`key-manager: requestPath "${path.slice(0, 80)}" is not a Barbican v1 path`);
  }
  const [, collection, id, sub] = segments;
  const verb = verbOf(event.action);
  // Own keys only: a path segment such as "__proto__" must not reach Object.prototype.
  const kind = Object.hasOwn(singular, collection) ? singular[collection] : collection;
  const subKind = sub ? (Object.hasOwn(subresource, sub) ? subresource[sub] : sub) : undefined;
  const action = actionOf(kind, subKind, verb);
  const workspaceId = id ? mapping.keyRegister?.get(id.toLowerCase()) : undefined;
  const placement: Placement =
    id === undefined ? "platform" : workspaceId ? "key-register" : "unresolved";
  const status = httpStatus(event);
  return {
    v: 1,
    id: event.id,
    time: cadfTime(event, "key-manager"),
    source: "key-manager",
    action,
    outcome: outcomeOf(event, status),
    actor: actorOf(event.initiator, mapping),
    workspace: workspaceId ?? null,
    target: {
      type: subKind === "payload" ? "secret-payload" : kind,
      name: segments.slice(1).join("/"),
    },
    detail: {
      cadfAction: event.action ?? "",
      status,
      placement,
      ...initiatorDetail(event.initiator),
      ...(unwrapped.publisher ? { publisher: unwrapped.publisher } : {}),
    },
  };
}
