import { resourcePolicy } from "../lib/define";
import { isUnknown, raw, str } from "../lib/values";
import { req } from "../requirements";

/** An OpenStack provider that names a region names an EU one, so no resource defaults outside the EU. */
export function openstackProviderEuRegion() {
  return resourcePolicy({
    name: "openstack-provider-config-eu-region",
    description: "OpenStack providers that set a default region set an allowed EU region.",
    enforcementLevel: "mandatory",
    types: ["pulumi:providers:openstack"],
    meta: {
      area: "location",
      severity: "critical",
      requirements: [req.sncDataLocation, req.hdsLocation],
      remediation:
        "Set the provider's `region` to an EU region of the allowlist (policy setting `allowedRegions`).",
      settings: ["allowedRegions"],
    },
    validate: (args, settings, report) => {
      if (args.type !== "pulumi:providers:openstack") return;
      const props = raw(args.props);
      if (isUnknown(props.region)) return;
      const region = str(props.region);
      if (!region) return; // resources then carry their own region, checked resource by resource
      const allowed = settings.allowedRegions.some((r) => r.toLowerCase() === region.toLowerCase());
      if (!allowed) {
        report(
          `Provider default region "${region}" is not an allowed EU region. Use one of: ${settings.allowedRegions.join(", ")}.`,
        );
      }
    },
  });
}
