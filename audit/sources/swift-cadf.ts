/**
 * Object-storage (Swift) API calls as CADF events, to audit records. Two emitters exist:
 *
 * - keystonemiddleware's audit middleware added to the Swift proxy pipeline (after authtoken):
 *   the same event as for Barbican (cadf.ts), `requestPath` = `/v1/AUTH_<project>/<container>/
 *   <object>`. Upstream ships no Swift audit map, so the CADF action is coarse: "read" for GET
 *   and HEAD, "update" for PUT and POST, "delete". The initiator names the Keystone user, so the
 *   person. This is the emitter to ask the provider for.
 * - ceilometermiddleware's `swift` filter (event type `objectstore.http.request`): the target
 *   carries the method (`target.action`) and the path (`target.metadata.path`, "v1/AUTH_.../c/o"),
 *   but the initiator only the Keystone user id and project (no name, no address), and the
 *   outcome is "success" unless the proxy raised: a 403 reads as success. Its records name no
 *   person (`via: keystone-user-id:<id>`) and are counted as unattributed when they touch a
 *   workspace; resolving the id needs Keystone, which the sealer does not call.
 *
 * The workspace comes from the container name (workspace-of.ts).
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
import { swiftAction, swiftTarget, type SwiftLevel } from "./swift-request";

/** keystonemiddleware's CADF action to the HTTP method it most likely was. */
function methodOfCadfAction(action: string | undefined, level: SwiftLevel): string {
  switch ((action ?? "").split("/")[0]) {
    case "read":
      return "GET";
    case "update":
    case "create":
      // PUT writes an object; on a container, POST (metadata, ACLs) is the usual update.
      return level === "object" ? "PUT" : "POST";
    case "delete":
      return "DELETE";
    default:
      return "UNKNOWN";
  }
}

export function fromSwiftCadf(raw: Record<string, unknown>, rule: PersonRule = {}): AuditRecord {
  const unwrapped = unwrapCadf(raw, "object-storage");
  requireCompleted(unwrapped, "object-storage");
  const { event } = unwrapped;
  if (typeof event.id !== "string" || event.id === "") {
    throw new Error("object-storage: no event id");
  }
  const metadataPath = event.target?.metadata?.path;
  const fromCeilometer =
    typeof metadataPath === "string" && typeof event.target?.action === "string";
  const path = fromCeilometer ? `/${String(metadataPath).replace(/^\/+/, "")}` : event.requestPath;
  if (typeof path !== "string" || path === "") {
    throw new Error("object-storage: no request path (requestPath or target.metadata.path)");
  }
  const target = swiftTarget(path);
  const method = fromCeilometer
    ? String(event.target?.action).toUpperCase()
    : methodOfCadfAction(event.action, target.level);
  const status = httpStatus(event);
  return {
    v: 1,
    id: event.id,
    time: cadfTime(event, "object-storage"),
    source: "object-storage",
    action: swiftAction(target.level, method),
    outcome: outcomeOf(event, status),
    actor: actorOf(event.initiator, rule),
    workspace: target.workspace,
    target: { type: target.level, name: target.name },
    detail: {
      emitter: fromCeilometer ? "ceilometermiddleware" : "keystonemiddleware",
      cadfAction: event.action ?? "",
      ...(fromCeilometer ? { method } : {}),
      status,
      placement: target.placement,
      ...(target.account ? { account: target.account } : {}),
      ...initiatorDetail(event.initiator),
    },
  };
}
