import { resourcePolicies } from "../lib/define";
import { isUnknown, raw, str } from "../lib/values";
import { req } from "../requirements";

const imageTypes = ["openstack:images/image:Image"];

/**
 * No disk image is offered to every project of the cloud. An image made from a workspace's
 * instance or volume holds that disk's data; Glance's `public` visibility lists it to every
 * project and `community` lets any project boot it by its id (Glance API v2, "Image visibility",
 * https://docs.openstack.org/api-ref/image/v2/index.html#images; community images since Ocata,
 * https://docs.openstack.org/glance/latest/admin/manage-images.html). `shared` (named member
 * projects, `ImageAccess`) and `private` name who may use it, and pass. Publishing `public`
 * usually needs an administrator's role, `community` by default only the owner's.
 */
export function imageNotPublic() {
  return resourcePolicies({
    name: "openstack-images-image-not-public",
    description:
      "No image is public or community (offered to every project of the cloud); share one only with named projects.",
    enforcementLevel: "mandatory",
    types: imageTypes,
    meta: {
      area: "exposure",
      severity: "critical",
      requirements: [req.hdsConfidentiality, req.gdprSecurity, req.isoAccessControl],
      remediation:
        'Set `visibility: "private"`, or `"shared"` with an `ImageAccess` per member project that needs it.',
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      if (!imageTypes.includes(args.type)) return;
      const visibility = raw(args.props).visibility;
      if (isUnknown(visibility)) {
        unknown(
          "`visibility` is unknown during preview: whether every project sees the image cannot be judged yet.",
        );
        return;
      }
      const value = str(visibility)?.trim().toLowerCase();
      if (value === "public" || value === "community")
        report(
          `Image "${args.name}" has \`visibility: ${value}\`: every project of the cloud can ${value === "public" ? "list and boot" : "boot"} it, and read the disk it holds. Make it private, or shared with named projects.`,
        );
    },
  });
}
