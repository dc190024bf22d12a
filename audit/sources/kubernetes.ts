/**
 * Kubernetes API audit events (audit.k8s.io/v1 Event, one JSON line each) to audit records.
 *
 * The person: the API server authenticates people through OIDC with a username prefix (e.g.
 * "oidc:alice@inserm.fr"); anything else (service accounts, nodes, controllers) is a credential,
 * recorded in `via`, with no person. When a person impersonates another identity, the person is
 * the one who authenticated, and the impersonated identity goes in `via`.
 */
import type { AuditRecord } from "../record";

export interface KubernetesMapping {
  /** Prefix the API server puts on OIDC usernames. @default "oidc:" */
  readonly oidcUsernamePrefix?: string;
  /** Prefix of workspace namespaces ("ws-<project id>"). @default "ws-" */
  readonly workspaceNamespacePrefix?: string;
}

interface UserInfo {
  username?: string;
}

interface KubeAuditEvent {
  auditID?: string;
  stage?: string;
  verb?: string;
  requestURI?: string;
  user?: UserInfo;
  impersonatedUser?: UserInfo;
  sourceIPs?: string[];
  userAgent?: string;
  objectRef?: {
    resource?: string;
    subresource?: string;
    namespace?: string;
    name?: string;
    apiGroup?: string;
  };
  responseStatus?: { code?: number };
  stageTimestamp?: string;
  requestReceivedTimestamp?: string;
}

export function fromKubernetesAuditEvent(
  event: KubeAuditEvent,
  mapping: KubernetesMapping = {},
): AuditRecord {
  const prefix = mapping.oidcUsernamePrefix ?? "oidc:";
  const wsPrefix = mapping.workspaceNamespacePrefix ?? "ws-";
  const username = event.user?.username ?? "";
  const person = username.startsWith(prefix) ? username.slice(prefix.length) : null;
  const via =
    event.impersonatedUser?.username ?? (person === null ? username || undefined : undefined);
  const ref = event.objectRef ?? {};
  const code = event.responseStatus?.code ?? 0;
  const namespace = ref.namespace ?? "";
  const resource = [ref.apiGroup, ref.resource].filter(Boolean).join("/");
  const target = ref.resource
    ? [namespace && `namespaces/${namespace}`, resource, ref.name, ref.subresource]
        .filter(Boolean)
        .join("/")
    : (event.requestURI ?? "");
  return {
    v: 1,
    id: event.auditID ?? "",
    time: new Date(event.stageTimestamp ?? event.requestReceivedTimestamp ?? "").toISOString(),
    source: "kubernetes-api",
    action: `k8s.${event.verb ?? "unknown"}`,
    outcome:
      code === 401 || code === 403 ? "denied" : code >= 100 && code < 400 ? "success" : "failure",
    actor: {
      person,
      ...(via ? { via } : {}),
      ...(event.sourceIPs?.[0] ? { ip: event.sourceIPs[0] } : {}),
    },
    workspace: namespace.startsWith(wsPrefix) ? namespace.slice(wsPrefix.length) : null,
    target: { type: ref.resource ?? "non-resource", name: target || "/" },
    detail: {
      verb: event.verb ?? "",
      code,
      ...(event.userAgent ? { userAgent: event.userAgent } : {}),
      ...(event.requestURI ? { requestURI: event.requestURI } : {}),
    },
  };
}
