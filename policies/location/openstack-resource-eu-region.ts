import { resourcePolicies } from "../lib/define";
import { placementOf } from "../lib/region";
import { raw } from "../lib/values";
import { req } from "../requirements";

const openstackProvider = "pulumi:providers:openstack";

/** Every OpenStack resource lives in an allowed EU region; nothing naming a region fails closed. */
export function openstackResourceEuRegion() {
  return resourcePolicies({
    name: "openstack-all-resource-eu-region",
    description: "OpenStack resources are placed in an EU region of the allowlist.",
    enforcementLevel: "mandatory",
    // The provider itself (`pulumi:providers:openstack`) has its own rule.
    types: ["openstack:*"],
    meta: {
      area: "location",
      severity: "critical",
      requirements: [req.sncDataLocation, req.hdsLocation, req.gdprTransfers],
      remediation:
        "Set `region` on the resource or on its OpenStack provider to an EU region of the allowlist (policy setting `allowedRegions`).",
      settings: ["allowedRegions", "euAuthUrls"],
    },
    validate: (args, settings, report, unknown) => {
      if (!args.type.startsWith("openstack:") || args.type === openstackProvider) return;
      const placement = placementOf(raw(args.props), args.provider, settings);
      const allowed = new Set(settings.allowedRegions.map((r) => r.toLowerCase()));
      switch (placement.kind) {
        case "unknown":
          unknown(
            "`region` (of the resource, else of its provider, else the provider's `authUrl`) is unknown during preview: where the resource lives cannot be judged yet.",
          );
          return;
        case "region":
          if (!allowed.has(placement.region.toLowerCase())) {
            const source =
              placement.from === "resource" ? "its `region`" : "its provider's `region`";
            report(
              `Region "${placement.region}" (from ${source}) is not an allowed EU region. ` +
                `Use one of: ${settings.allowedRegions.join(", ")}.`,
            );
          }
          return;
        case "auth-url":
          if (!placement.eu) {
            report(
              `No region is set, and the provider's Keystone URL "${placement.authUrl}" is not known to serve only EU regions. ` +
                "Set `region` on the resource or the provider to an allowed EU region.",
            );
          }
          return;
        case "none":
          report(
            "Neither the resource nor its provider names a region or a Keystone URL, so its location cannot be proven EU. " +
              "Set `region` on the resource or on an explicit OpenStack provider.",
          );
      }
    },
  });
}
