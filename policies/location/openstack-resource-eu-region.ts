import type { PolicySettings } from "../config";
import { typeMatches } from "../lib/declared-types";
import { resourcePolicies } from "../lib/define";
import { isAllowedOvhRegion, ovhRegionFields, regionText } from "../lib/ovh-region";
import { placementOf } from "../lib/region";
import { isUnknown, raw, type Props } from "../lib/values";
import { req } from "../requirements";

const openstackProvider = "pulumi:providers:openstack";

/**
 * The OVHcloud API's Public Cloud resources: the legacy `CloudProject` module, its managed
 * databases, and the newer `cloud*` resources of the index module (pulumi-ovh 2.19.1 type tokens).
 * Other OVHcloud products (OKMS, Logs Data Platform, dedicated servers) name their places in
 * other vocabularies (`eu-west-rbx`, datacentre codes) this catalogue does not hold.
 */
const ovhCloudTypes = ["ovh:CloudProject/*", "ovh:CloudProjectDatabase/*", "ovh:index/cloud*"];

/**
 * An OVHcloud API resource is placed by the regions its own fields name (the OVHcloud API has no
 * provider-wide region): each one must be an allowed EU region. A resource that names none (a
 * project user, S3 credentials) holds no data in a region.
 */
function validateOvhRegions(
  props: Props,
  settings: PolicySettings,
  report: (message: string) => void,
  unknown: (message: string) => void,
) {
  for (const { field, value } of ovhRegionFields(props)) {
    if (isUnknown(value)) {
      unknown(
        `\`${field}\` is unknown during preview: where the resource's data lives cannot be judged yet.`,
      );
      continue;
    }
    const region = regionText(value);
    if (region === undefined || !isAllowedOvhRegion(region, settings))
      report(
        `\`${field}\` is "${String(value)}", not an allowed EU region: the data${field.startsWith("replication") ? " replicated there" : ""} would live outside the EU (or where no source says). ` +
          `Use one of: ${settings.allowedRegions.join(", ")} (or its location code, e.g. GRA for GRA11).`,
      );
  }
}

/**
 * Every OpenStack resource lives in an allowed EU region; nothing naming a region fails closed.
 * Every OVHcloud Public Cloud resource names only allowed EU regions (its own, its managed
 * database nodes', its bucket replication destinations').
 */
export function openstackResourceEuRegion() {
  return resourcePolicies({
    name: "openstack-all-resource-eu-region",
    description:
      "OpenStack and OVHcloud Public Cloud resources are placed in an EU region of the allowlist (replicas included).",
    enforcementLevel: "mandatory",
    // The provider itself (`pulumi:providers:openstack`) has its own rule.
    types: ["openstack:*", ...ovhCloudTypes],
    meta: {
      area: "location",
      severity: "critical",
      requirements: [req.sncDataLocation, req.hdsLocation, req.gdprTransfers],
      remediation:
        "Set `region` on the resource or on its OpenStack provider to an EU region of the allowlist (policy setting `allowedRegions`); on an OVHcloud resource, every region it names (its own, its database nodes', its bucket replication destinations') must be one.",
      settings: ["allowedRegions", "euAuthUrls"],
    },
    validate: (args, settings, report, unknown) => {
      if (typeMatches(ovhCloudTypes, args.type)) {
        validateOvhRegions(raw(args.props), settings, report, unknown);
        return;
      }
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
