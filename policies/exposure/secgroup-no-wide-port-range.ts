import { defaultSettings } from "../config";
import {
  describePorts,
  describeSource,
  ingressRulesOf,
  ingressRuleTypes,
} from "../lib/ingress-rules";
import { resourcePolicy } from "../lib/define";
import { raw } from "../lib/values";
import { req } from "../requirements";

/** Ingress from address ranges opens named ports, not wide ranges or every protocol. */
export function secgroupNoWidePortRange() {
  return resourcePolicy({
    name: "openstack-networking-secgroup-rule-no-wide-port-range",
    description: `Ingress rules from address ranges open at most \`maxPortRangeSize\` ports (default ${defaultSettings.maxPortRangeSize}) and name their protocol.`,
    enforcementLevel: "mandatory",
    types: ingressRuleTypes,
    meta: {
      area: "exposure",
      severity: "high",
      requirements: [req.sncNetworkSegregation, req.isoNetworks],
      remediation:
        "Set `protocol` and a narrow `portRangeMin`/`portRangeMax` for the service actually offered; use a peer security group (`remoteGroupId`) for intra-cluster traffic.",
      settings: ["maxPortRangeSize"],
    },
    validate: (args, settings, report) => {
      for (const rule of ingressRulesOf(args.type, raw(args.props))) {
        if (rule.ports.kind !== "range") continue;
        if (rule.source.kind !== "any" && rule.source.kind !== "prefix") continue;
        const size = rule.ports.max - rule.ports.min + 1;
        if (size <= settings.maxPortRangeSize) continue;
        const where = rule.where ? `${rule.where}: ` : "";
        const what =
          rule.protocol === "any"
            ? "every protocol and port"
            : `${rule.protocol} ${describePorts(rule.ports)} (${size} ports)`;
        report(
          `${where}ingress from ${describeSource(rule.source)} opens ${what}; at most ${settings.maxPortRangeSize} ports are allowed. Open only the service's ports.`,
        );
      }
    },
  });
}
