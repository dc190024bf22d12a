import { resourcePolicies } from "../lib/define";
import { isUnknown, raw } from "../lib/values";
import { req } from "../requirements";
import { swiftContainerTypes } from "./container-no-public-acl";

/**
 * No container is mirrored elsewhere by Swift's container sync. A container whose
 * `X-Container-Sync-To` (the provider's `containerSyncTo`) names another container has every
 * object it holds, and every later write, PUT to that container by the cluster's sync daemon, in
 * the same cluster or another one of the sync realm (Swift, "Container to Container
 * Synchronization", docs.openstack.org/swift/latest/overview_container_sync.html;
 * swift-container-sync(1)): data leaves the workspace in the background, with no airlock review and
 * no trace of who took what. A sync key alone (`containerSyncKey`) lets another container push into
 * this one, which takes nothing out, and is not judged here.
 */
export function containerNoSync() {
  return resourcePolicies({
    name: "openstack-objectstorage-container-no-sync",
    description:
      "No object-storage container is mirrored to another container (Swift container sync): data leaves only through the airlock.",
    enforcementLevel: "mandatory",
    types: swiftContainerTypes,
    meta: {
      area: "exposure",
      severity: "critical",
      requirements: [req.hdsConfidentiality, req.gdprSecurity, req.isoAccessControl],
      remediation:
        "Remove `containerSyncTo` (and its key): a copy of research data reaches another container only through the airlock, reviewed and traced.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const syncTo = raw(args.props).containerSyncTo;
      if (isUnknown(syncTo)) {
        unknown(
          "`containerSyncTo` is unknown during preview: a mirror elsewhere cannot be ruled out.",
        );
        return;
      }
      if (typeof syncTo === "string" && syncTo.trim() !== "")
        report(
          `Container "${args.name}" is mirrored to "${syncTo}" by Swift's container sync: every object it holds is copied there in the background, past the airlock. Remove \`containerSyncTo\`.`,
        );
    },
  });
}
