import { resourcePolicies } from "../lib/define";
import { isTempUrlKey } from "../lib/swift-acl";
import { isUnknown, obj, raw } from "../lib/values";
import { req } from "../requirements";
import { swiftContainerTypes } from "./container-no-public-acl";

const tempUrlType = "openstack:objectstorage/tempUrl:TempUrl";
/**
 * OVHcloud's S3 pre-signed URL (`ovh_cloud_project_region_storage_presign`: "Generates a temporary
 * presigned S3 URLs to download or upload an object", method GET or PUT;
 * https://www.pulumi.com/registry/packages/ovh/api-docs/cloudproject/regionstoragepresign/).
 */
const ovhPresignType = "ovh:CloudProject/regionStoragePresign:RegionStoragePresign";
const linkTypes = [tempUrlType, ovhPresignType];

/**
 * No temporary (pre-signed) URL to data: anyone holding the link reads (or, with PUT, writes) the
 * object without an identity, past the airlock's review. Swift arms them per container with the
 * `Temp-URL-Key` metadata (tempurl middleware), and the provider mints them as TempUrl resources;
 * OVHcloud's S3 storage mints pre-signed URLs as RegionStoragePresign resources.
 */
export function objectstorageNoTempUrl() {
  return resourcePolicies({
    name: "openstack-objectstorage-container-no-temp-url",
    description:
      "No temporary (pre-signed) object URL is created, and no container carries a Temp-URL key.",
    enforcementLevel: "mandatory",
    types: [...linkTypes, ...swiftContainerTypes],
    meta: {
      area: "exposure",
      severity: "critical",
      requirements: [req.hdsConfidentiality, req.gdprSecurity, req.isoAccessControl],
      remediation:
        "Remove the TempUrl or pre-signed URL resource and the container's `Temp-URL-Key` metadata; data leaves a workspace only through the airlock, to an identified recipient.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const props = raw(args.props);
      if (linkTypes.includes(args.type)) {
        const method =
          typeof props.method === "string" && !isUnknown(props.method) ? props.method : "GET";
        const kind = args.type === tempUrlType ? "TempUrl" : "Pre-signed URL";
        report(
          `${kind} "${args.name}" mints a ${method.toUpperCase()} link that works for whoever holds it, past the airlock. Remove it.`,
        );
        return;
      }
      if (!swiftContainerTypes.includes(args.type)) return;
      if (isUnknown(props.metadata)) {
        unknown("`metadata` is unknown during preview: a Temp-URL key cannot be ruled out.");
        return;
      }
      for (const key of Object.keys(obj(props.metadata) ?? {}))
        if (isTempUrlKey(key))
          report(
            `Container metadata "${key}" arms temporary URLs: anyone given a signed link reads its objects. Remove the key.`,
          );
    },
  });
}
