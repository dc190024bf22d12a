/**
 * Who may do what with the audit container, as Swift ACLs naming Keystone roles of the audit
 * project. Swift's keystoneauth honours a role in an ACL only for tokens scoped to the
 * container's own project, after refusing any other project's token ("tenant mismatch",
 * swift/common/middleware/keystoneauth.py `authorize`, Swift 2.30): nobody outside the audit
 * project gets anything from these entries.
 *
 * - auditors (`hdh-audit-reader`) read: list and GET. A read ACL grants no write: they cannot
 *   delete, overwrite or re-date (POST X-Delete-At) a batch.
 * - the sealer (`hdh-audit-writer`) reads (to resume the chain) and writes. A Swift write ACL
 *   also grants DELETE and POST; what keeps the sealer to adding batches is its application
 *   credential's access rules (writer-access.ts: PUT/GET/HEAD only), which Keystone's
 *   middleware enforces before Swift sees the request. It sends `If-None-Match: *` so it never
 *   replaces a batch itself; Swift has no write-once object, so that part is ours.
 * - no role for the retention job: a write grant lets a DELETE add only a delete marker in a
 *   versioned container, the data stays as a version, which only an operator of the account can
 *   delete (object_versioning.py `handle_delete_version`, Swift 2.30). The retention job is an
 *   operator credential held to listing and deleting by its access rules (retention-access.ts),
 *   and no role in these ACLs can hide a batch from the listing before its retention ends.
 *
 * The account's operators (Swift's `operator_roles`, the cloud's administrators) bypass every
 * ACL: a batch they delete is detected by the chain (`hdh audit verify`: batch-missing), not
 * prevented.
 */
export const auditReaderRole = "hdh-audit-reader";
export const auditWriterRole = "hdh-audit-writer";

export function auditContainerAcl(): { read: string[]; write: string[] } {
  return {
    read: [auditReaderRole, auditWriterRole],
    write: [auditWriterRole],
  };
}
