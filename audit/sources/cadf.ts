/**
 * Reading the CADF events OpenStack services emit about API calls, as keystonemiddleware's audit
 * middleware builds them (keystonemiddleware/audit/_api.py, with pyCADF) and oslo.messaging
 * delivers them. Shared by the key-manager (barbican.ts) and object-storage (swift-cadf.ts)
 * mappings.
 *
 * How an event arrives (all accepted):
 * - the bare CADF event (`typeURI` ".../cloud/audit/1.0/event");
 * - the oslo notification around it: `{event_type, payload, message_id, timestamp, priority,
 *   publisher_id}`, as the `messaging`/`messagingv2` drivers publish it on the notification topic
 *   (the wire form `{"oslo.version": "2.0", "oslo.message": "<json>"}` is unwrapped too);
 * - a log line holding that notification as JSON (`driver = log`), in Fluent Bit's `log` or
 *   `message` key;
 * - a record of Fluent Bit's kafka input (oslo.messaging's kafka driver carries notifications):
 *   the message in `payload`, parsed (`format json`) or as text.
 *
 * The middleware sends two notifications per API call with the same event id:
 * `audit.http.request` (outcome "pending") and `audit.http.response` (the same event with the
 * outcome, `reason.reasonCode` = the HTTP status, and a reporter step). Only the response is a
 * record: the request one carries nothing more and no outcome, so it is refused here (and sealed
 * as unparsed by the sealer, never dropped): the shipper should forward responses only.
 *
 * Where the person is (keystonemiddleware fills the initiator from auth_token's headers):
 * - `initiator.name` = X-User-Name, the Keystone user name. For a federated user it is what the
 *   federation mapping writes there: the OIDC username claim (an e-mail address), so it is the
 *   person. Local Keystone users (service users, the users owning the platform's application
 *   credentials) are never named with an "@", so a name without one is a credential, not a
 *   person (`isPersonName`).
 * - `initiator.id` = X-User-Id (the Keystone user id, also of federated shadow users),
 *   `initiator.project_id` = X-Project-Id, `initiator.host.address` = the client address.
 * - `initiator.credential` = `{token: "***" (masked by pyCADF), identity_status}`; when an event
 *   carries pyCADF's federated credential (`identity_provider`, `user`, `groups`, as Keystone's
 *   own federated-authentication events do), its `user` is the IdP's identity and wins.
 */
import type { AuditActor, AuditOutcome } from "../record";

/** The part of a CADF event the mappings read (pyCADF `Event.as_dict()`). */
export interface CadfEvent {
  readonly typeURI?: string;
  readonly id?: string;
  readonly eventType?: string;
  readonly eventTime?: string;
  readonly action?: string;
  readonly outcome?: string;
  readonly reason?: { readonly reasonType?: string; readonly reasonCode?: string | number };
  readonly requestPath?: string;
  readonly initiator?: CadfInitiator;
  readonly target?: {
    readonly typeURI?: string;
    readonly id?: string;
    readonly name?: string;
    readonly action?: string;
    readonly metadata?: Readonly<Record<string, unknown>>;
  };
  readonly observer?: { readonly id?: string };
}

export interface CadfInitiator {
  readonly typeURI?: string;
  readonly id?: string;
  readonly name?: string;
  readonly project_id?: string;
  readonly host?: { readonly address?: string; readonly agent?: string };
  readonly credential?: {
    readonly token?: string;
    readonly identity_status?: string;
    readonly identity_provider?: string;
    readonly user?: string;
    readonly groups?: readonly unknown[];
  };
}

export interface UnwrappedCadf {
  readonly event: CadfEvent;
  /** The notification's event type ("audit.http.response"), when it came in one. */
  readonly eventType?: string;
  /** The notification's publisher ("barbican-api", "uwsgi"), when it came in one. */
  readonly publisher?: string;
}

export interface PersonRule {
  /**
   * Whether a Keystone user name is a person's federated identity. @default a name holding one
   * "@" with text on both sides (the federation maps the IdP's e-mail claim to the user name)
   */
  readonly isPersonName?: (name: string) => boolean;
}

const cadfEventType = "http://schemas.dmtf.org/cloud/audit/1.0/event";
/** pyCADF's value for an unset field (cadftaxonomy.UNKNOWN). */
const unknown = "unknown";

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** The CADF event inside whatever envelope it arrived in; throws naming what is missing. */
export function unwrapCadf(raw: Record<string, unknown>, area: string): UnwrappedCadf {
  let value: unknown = raw;
  let facts: Omit<UnwrappedCadf, "event"> = {};
  for (let depth = 0; depth < 6 && isObject(value); depth++) {
    if (value.typeURI === cadfEventType || (isObject(value.initiator) && "action" in value)) {
      return { event: value as CadfEvent, ...facts };
    }
    if (isObject(value.payload)) {
      facts = envelopeFacts(value);
      value = value.payload;
      continue;
    }
    // "payload" as text: Fluent Bit's kafka input without `format json`.
    const text = ["oslo.message", "payload", "log", "message"]
      .map((key) => (value as Record<string, unknown>)[key])
      .find((v): v is string => typeof v === "string");
    value = text === undefined ? undefined : jsonIn(text);
  }
  throw new Error(`${area}: not a CADF event or an oslo notification carrying one`);
}

function envelopeFacts(value: Record<string, unknown>): Omit<UnwrappedCadf, "event"> {
  return {
    ...(typeof value.event_type === "string" ? { eventType: value.event_type } : {}),
    ...(typeof value.publisher_id === "string" ? { publisher: value.publisher_id } : {}),
  };
}

/** The JSON object in a line: the whole line, or from its first "{" (oslo log driver). */
function jsonIn(text: string): unknown {
  const start = text.indexOf("{");
  if (start < 0) return undefined;
  try {
    return JSON.parse(text.slice(start));
  } catch {
    return undefined;
  }
}

/** Refuses the request half of a request/response pair (see the header). */
export function requireCompleted(unwrapped: UnwrappedCadf, area: string): void {
  const { event, eventType } = unwrapped;
  if (eventType === "audit.http.request" || event.outcome === "pending") {
    throw new Error(
      `${area}: a request event (outcome pending); its audit.http.response twin, same id, is the record: forward only audit.http.response`,
    );
  }
}

/**
 * eventTime as RFC 3339 UTC, or a thrown error. pyCADF writes "2015-12-11T00:44:26.410768+0000";
 * ceilometermiddleware writes Python's utcnow().isoformat(), with no offset: UTC, not local time.
 */
export function cadfTime(event: CadfEvent, area: string): string {
  const raw = typeof event.eventTime === "string" ? event.eventTime.trim() : "";
  const withOffset = /(Z|[+-]\d{2}:?\d{2})$/i.test(raw) ? raw : `${raw}Z`;
  const t = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}/.test(raw)
    ? Date.parse(withOffset.replace(/([+-]\d{2})(\d{2})$/, "$1:$2"))
    : Number.NaN;
  if (raw === "" || Number.isNaN(t)) throw new Error(`${area}: no valid eventTime`);
  return new Date(t).toISOString();
}

/** HTTP status from the response's reason (reasonType "HTTP"), 0 when absent. */
export function httpStatus(event: CadfEvent): number {
  const code = Number(event.reason?.reasonCode);
  return Number.isInteger(code) && code >= 100 && code < 600 ? code : 0;
}

/** 401 and 403 are refusals; otherwise the status class, else CADF's own outcome. */
export function outcomeOf(event: CadfEvent, status = httpStatus(event)): AuditOutcome {
  if (status === 401 || status === 403) return "denied";
  if (status >= 200 && status < 400) return "success";
  if (status !== 0) return "failure";
  return event.outcome === "success" ? "success" : "failure";
}

const defaultIsPersonName = (name: string) => /^[^\s@]+@[^\s@]+$/.test(name);

const known = (v: unknown): string | undefined =>
  typeof v === "string" && v !== "" && v !== unknown ? v : undefined;

/** The person, the credential and the address behind a CADF initiator. */
export function actorOf(initiator: CadfInitiator | undefined, rule: PersonRule = {}): AuditActor {
  const isPersonName = rule.isPersonName ?? defaultIsPersonName;
  const credential = initiator?.credential ?? {};
  const federatedUser = known(credential.identity_provider) ? known(credential.user) : undefined;
  const name = known(initiator?.name);
  const userId = known(initiator?.id);
  const invalidToken = credential.identity_status === "Invalid";
  const person = invalidToken
    ? null
    : (federatedUser ?? (name !== undefined && isPersonName(name) ? name : null));
  const via = invalidToken
    ? "invalid-token"
    : person === null
      ? name !== undefined
        ? `keystone-user:${name}`
        : userId !== undefined
          ? `keystone-user-id:${userId}`
          : undefined
      : undefined;
  const ip = known(initiator?.host?.address);
  return { person, ...(via ? { via } : {}), ...(ip ? { ip } : {}) };
}

/** Keystone facts worth keeping in the record's detail (ids only, never the token). */
export function initiatorDetail(initiator: CadfInitiator | undefined): Record<string, string> {
  const detail: Record<string, string> = {};
  const userId = known(initiator?.id);
  const projectId = known(initiator?.project_id);
  const agent = known(initiator?.host?.agent);
  if (userId) detail.keystoneUserId = userId;
  if (projectId) detail.keystoneProjectId = projectId;
  if (agent) detail.userAgent = agent;
  return detail;
}
