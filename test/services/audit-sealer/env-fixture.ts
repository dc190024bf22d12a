/**
 * The environment both entry points of the sealer image share, as the AuditLog component sets it
 * (its `HDH_AUDIT_*` values and a credential Secret's `OS_*` values): the sealer's configuration
 * tests add the sealer's own variables to it.
 */
export const sharedEnv = {
  HDH_AUDIT_CHAIN: "hdh-prod",
  HDH_AUDIT_CONTAINER: "hdh-prod-audit",
  HDH_AUDIT_RETENTION_DAYS: "365",
  OS_AUTH_URL: "https://auth.cloud.ovh.net/v3",
  OS_REGION_NAME: "GRA11",
  OS_APPLICATION_CREDENTIAL_ID: "id",
  OS_APPLICATION_CREDENTIAL_SECRET: "secret",
};
