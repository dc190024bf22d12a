import { sensitivePorts } from "../catalog/ports";
import { isBastion } from "../lib/bastion";
import { isInternetWide } from "../lib/cidr";
import { resourcePolicies } from "../lib/define";
import {
  describePorts,
  describeSource,
  ingressRulesOf,
  ingressRuleTypes,
  withUnknownDirection,
  type IngressRule,
} from "../lib/ingress-rules";
import { raw } from "../lib/values";
import { req } from "../requirements";

function fromInternet(rule: IngressRule): boolean {
  return (
    rule.source.kind === "any" ||
    (rule.source.kind === "prefix" && isInternetWide(rule.source.prefix))
  );
}

/**
 * No ingress from the whole internet (0.0.0.0/0, ::/0, a missing remote, or a public range wider
 * than any organisation holds), except the bastion's configured public entry.
 */
export function secgroupNoInternetIngress() {
  return resourcePolicies({
    name: "openstack-networking-secgroup-rule-no-internet-ingress",
    description:
      "Security groups admit no ingress from the whole internet, except a bastion's configured public ports.",
    enforcementLevel: "mandatory",
    types: ingressRuleTypes,
    meta: {
      area: "exposure",
      severity: "critical",
      requirements: [req.sncNetworkSegregation, req.isoNetworks, req.isoSegregation],
      remediation:
        "Restrict `remoteIpPrefix` to a private range or a peer security group (`remoteGroupId`); a bastion reaches administrators through `adminCidrs`, or through ports listed in `bastionPublicPorts`.",
      settings: ["bastionComponentTypes", "bastionNamePattern", "bastionPublicPorts"],
    },
    validate: (args, settings, reportKnown, unknown) => {
      const { props, report } = withUnknownDirection(
        args.type,
        raw(args.props),
        reportKnown,
        unknown,
      );
      let bastion: boolean | undefined;
      for (const rule of ingressRulesOf(args.type, props)) {
        const where = rule.where ? `${rule.where}: ` : "";
        // A remote prefix unknown during preview may be the whole internet: named, not passed.
        if (rule.source.kind === "unknown") {
          unknown(
            `${where}the ingress source (\`remoteIpPrefix\`) is unknown during preview: whether it admits the whole internet cannot be judged yet.`,
          );
          continue;
        }
        if (!fromInternet(rule)) continue;
        if (rule.ports.kind === "unknown" || rule.protocol === "unknown") {
          bastion ??= isBastion({ urn: args.urn, name: args.name, props }, settings);
          // Outside a bastion any port from the internet is refused; on one, the port decides.
          if (bastion)
            unknown(
              `${where}ingress from ${describeSource(rule.source)} on a protocol or port range unknown during preview: whether it stays within the bastion's public ports cannot be judged yet.`,
            );
          else
            report(
              `${where}ingress from ${describeSource(rule.source)} opens the resource to the whole internet, whatever its ports. ` +
                "Restrict the source to a private range, a peer security group, or the administrators' networks on the bastion.",
            );
          continue;
        }
        bastion ??= isBastion({ urn: args.urn, name: args.name, props }, settings);
        if (bastion && rule.ports.kind === "range") {
          const { min, max } = rule.ports;
          const onlyPublicPorts =
            max - min < 1024 &&
            Array.from({ length: max - min + 1 }, (_, i) => min + i).every((p) =>
              settings.bastionPublicPorts.includes(p),
            );
          const sensitive = sensitivePorts.some((s) => s.port >= min && s.port <= max);
          if (onlyPublicPorts && !sensitive) continue;
        }
        report(
          `${where}ingress from ${describeSource(rule.source)} (${rule.protocol}, ${describePorts(rule.ports)}) opens the resource to the whole internet. ` +
            "Restrict the source to a private range, a peer security group, or the administrators' networks on the bastion.",
        );
      }
    },
  });
}
