/**
 * Label (and OpenStack tag/metadata) keys the platform writes and the policy pack reads. Written
 * once here so a renamed key cannot silently break a policy: both sides import it.
 *
 * Values must be Kubernetes label-safe (at most 63 characters of [A-Za-z0-9-_.]); every value
 * the program writes (project id, tier, authorisation reference, YYYY-MM-DD date) already is.
 */

/** Prefix of every key the platform owns. */
export const labelPrefix = "hdh.health";

export const labelKeys = {
  /** What a resource or namespace is for: "bastion", "workspace", "mirror"... */
  role: `${labelPrefix}/role`,
  /** Research project id (the workspace id). */
  project: `${labelPrefix}/project`,
  /** Data classification tier, "0" to "4" (policies/catalog/data-tiers.ts). */
  classification: `${labelPrefix}/classification`,
  /** Kind of regulatory authorisation: "cnil-decision" or "reference-methodology". */
  authorisationKind: `${labelPrefix}/authorisation-kind`,
  /** The authorisation's reference, e.g. DR-2026-0412 or MR-004. */
  authorisation: `${labelPrefix}/authorisation`,
  /** Last day of the authorisation, YYYY-MM-DD: the workspace must be closed by then. */
  expires: `${labelPrefix}/expires`,
  /** Workspace lifecycle stage: "open", "closing" (access revoked, archiving) or "archived". */
  lifecycle: `${labelPrefix}/lifecycle`,
  /** OIDC group of the project's researchers. */
  ownerGroup: `${labelPrefix}/owner-group`,
  /** On mirror pods: which package set they serve, "full" or "allowlist" (data-tiers.ts). */
  mirrorAccess: `${labelPrefix}/mirror-access`,
  /** Component that created the object (workspace, mirror, airlock...). */
  component: `${labelPrefix}/component`,
} as const;

/** `labelKeys.role` of the jump hosts, the only hosts that may face the internet. */
export const bastionRole = "bastion";
/** `labelKeys.role` of every research workspace namespace. */
export const workspaceRole = "workspace";
/** `labelKeys.role` of the package mirror's namespace and pods. */
export const mirrorRole = "package-mirror";

/** Pod Security admission labels (Kubernetes' own keys). */
export const podSecurityLabels = {
  enforce: "pod-security.kubernetes.io/enforce",
  enforceVersion: "pod-security.kubernetes.io/enforce-version",
  audit: "pod-security.kubernetes.io/audit",
  auditVersion: "pod-security.kubernetes.io/audit-version",
  warn: "pod-security.kubernetes.io/warn",
  warnVersion: "pod-security.kubernetes.io/warn-version",
} as const;

/** The label every namespace carries with its own name (set by Kubernetes since 1.21). */
export const namespaceNameLabel = "kubernetes.io/metadata.name";

/**
 * Annotation asking the OpenStack cloud controller for an internal load balancer (no floating
 * IP) on a `LoadBalancer` Service.
 */
export const internalLoadBalancerAnnotation =
  "service.beta.kubernetes.io/openstack-internal-load-balancer";
