import { resourcePolicy } from "../lib/define";
import { stackOfUrn } from "../lib/urn";
import { isTrue, matchesGlob, raw } from "../lib/values";
import { req } from "../requirements";

/** In production, deleting a container never silently deletes its objects. */
export function containerNoForceDestroy() {
  return resourcePolicy({
    name: "openstack-objectstorage-container-no-force-destroy",
    description: "In production stacks, object storage containers do not set forceDestroy.",
    enforcementLevel: "mandatory",
    types: ["openstack:objectstorage/container:Container"],
    meta: {
      area: "stack",
      severity: "high",
      requirements: [req.sncBackupIntegrity, req.isoBackup],
      remediation:
        "Remove `forceDestroy: true`; empty and archive a container through the workspace closure procedure.",
      settings: ["productionStacks"],
    },
    validate: (args, settings, report) => {
      if (!matchesGlob(stackOfUrn(args.urn), settings.productionStacks)) return;
      if (isTrue(raw(args.props).forceDestroy)) {
        report(
          "`forceDestroy: true` deletes every object with the container. Remove it in production.",
        );
      }
    },
  });
}
