/**
 * The access rules of the audit retention job's application credential (services/audit-sealer/
 * retention.ts). The credential carries Swift's operator role on the audit project, the only
 * grant Swift 2.30 accepts for deleting an object version (a container ACL's write grant only
 * adds a delete marker: see audit/retention.ts). Keystone refuses any request with it that no rule
 * below matches, whatever that role would allow: it lists the one container (its versions
 * included: keystonemiddleware matches the path without the query string) and deletes objects
 * (versions included) in it. It cannot read or write a batch, change metadata or ACLs, delete the
 * container, or reach another container or service.
 */
import type { AccessRule } from "./writer-access";

export function retentionAccessRules(containerName: string): AccessRule[] {
  return [
    { service: "object-store", method: "GET", path: `/v1/*/${containerName}` },
    { service: "object-store", method: "DELETE", path: `/v1/*/${containerName}/**` },
  ];
}
