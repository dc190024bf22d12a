import { resourcePolicies } from "../lib/define";
import { aclExposures } from "../lib/swift-acl";
import { isUnknown, raw, str } from "../lib/values";
import { req } from "../requirements";

/** Swift container types of the provider, current and legacy spellings. */
export const swiftContainerTypes = [
  "openstack:objectstorage/container:Container",
  "openstack:objectstorage/containerV1:ContainerV1",
];

const aclFields = { containerRead: "read", containerWrite: "write" } as const;

/**
 * No container is readable, listable or writable by the public: no referrer grant in any
 * spelling or position, no `.rlistings`, no `*:*` or `*`, in the read or the write ACL.
 */
export function containerNoPublicAcl() {
  return resourcePolicies({
    name: "openstack-objectstorage-container-no-public-acl",
    description:
      "Object storage containers grant no public, referrer or any-project access in their read or write ACL.",
    enforcementLevel: "mandatory",
    types: swiftContainerTypes,
    meta: {
      area: "exposure",
      severity: "critical",
      requirements: [req.hdsConfidentiality, req.gdprSecurity, req.isoAccessControl],
      remediation:
        "Remove `.r:` referrer elements, `.rlistings`, `*:*` and `*` from `containerRead`/`containerWrite`; share data only through the airlock, or name `<project>:<user>` explicitly.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const props = raw(args.props);
      for (const [field, access] of Object.entries(aclFields)) {
        const value = props[field];
        if (isUnknown(value)) {
          unknown(
            `\`${field}\` is unknown during preview: whether the container is public cannot be judged.`,
          );
          continue;
        }
        const acl = str(value);
        if (!acl) continue;
        for (const e of aclExposures(acl))
          report(
            `\`${field}\` element ${e.position + 1} "${e.element}" gives ${access} access to ${e.meaning}. Remove it; share through the airlock.`,
          );
      }
    },
  });
}
