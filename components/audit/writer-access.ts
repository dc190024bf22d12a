/**
 * The access rules of the sealer's application credential: Keystone refuses any request made
 * with it that no rule matches, whatever roles it carries. So the credential can add objects to
 * its container, read them back (to resume the chain after a restart) and read its one key, and
 * nothing else: no DELETE, no POST (which could set X-Delete-At on existing objects), no other
 * container, no other secret.
 */
export interface AccessRule {
  readonly service: string;
  readonly method: "GET" | "HEAD" | "PUT" | "POST" | "PATCH" | "DELETE";
  readonly path: string;
}

export function writerAccessRules(containerName: string, secretRef: string): AccessRule[] {
  const secretId = secretRef.replace(/\/+$/, "").split("/").pop() ?? "";
  const objects = `/v1/*/${containerName}/**`;
  return [
    { service: "object-store", method: "PUT", path: objects },
    { service: "object-store", method: "GET", path: objects },
    { service: "object-store", method: "HEAD", path: objects },
    { service: "object-store", method: "GET", path: `/v1/*/${containerName}` },
    { service: "key-manager", method: "GET", path: `/v1/secrets/${secretId}/payload` },
  ];
}
