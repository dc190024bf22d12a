import { sensitivePorts, sshPort } from "../catalog/ports";
import { isBastion } from "../lib/bastion";
import { isNonPublic, withinAny } from "../lib/cidr";
import { resourcePolicies } from "../lib/define";
import {
  describeSource,
  ingressRulesOf,
  ingressRuleTypes,
  withUnknownDirection,
} from "../lib/ingress-rules";
import { raw } from "../lib/values";
import { req } from "../requirements";

/**
 * Administration, database and Kubernetes control-plane ports are never reachable from a public
 * address. The single exception: SSH to a bastion from the administrators' networks.
 */
export function secgroupNoSensitivePort() {
  return resourcePolicies({
    name: "openstack-networking-secgroup-rule-no-sensitive-port-from-internet",
    description:
      "SSH, RDP, database and Kubernetes API/kubelet/etcd ports are never open to public addresses (bastion SSH from admin networks excepted).",
    enforcementLevel: "mandatory",
    types: ingressRuleTypes,
    meta: {
      area: "exposure",
      severity: "critical",
      requirements: [
        req.sncAdminInterfaces,
        req.sncNetworkSegregation,
        req.anssiAdmin,
        req.isoNetworks,
      ],
      remediation:
        "Open these ports only to private ranges or peer security groups; administrators come in through the bastion's SSH, restricted to `adminCidrs`.",
      settings: ["adminCidrs", "bastionComponentTypes", "bastionNamePattern"],
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
        const source = rule.source;
        // A source, protocol or port range unknown during preview may open a sensitive port to
        // the internet: named, not passed (a known private source cannot).
        const maybePublic =
          source.kind === "unknown" ||
          source.kind === "any" ||
          (source.kind === "prefix" && !isNonPublic(source.prefix));
        const ports = rule.ports;
        const sensitiveOrUnknownPorts =
          ports.kind === "unknown" ||
          (ports.kind === "range" &&
            sensitivePorts.some((s) => s.port >= ports.min && s.port <= ports.max));
        if (
          maybePublic &&
          sensitiveOrUnknownPorts &&
          (source.kind === "unknown" || rule.ports.kind === "unknown")
        ) {
          unknown(
            `${rule.where ? `${rule.where}: ` : ""}the ingress source or port range is unknown during preview: whether a sensitive port is reachable from the internet cannot be judged yet.`,
          );
          continue;
        }
        if (rule.ports.kind !== "range") continue;
        if (source.kind !== "any" && source.kind !== "prefix") continue;
        if (source.kind === "prefix" && isNonPublic(source.prefix)) continue;
        const { min, max } = rule.ports;
        const exposed = sensitivePorts.filter((s) => s.port >= min && s.port <= max);
        if (exposed.length === 0) continue;
        bastion ??= isBastion({ urn: args.urn, name: args.name, props }, settings);
        const adminSsh =
          bastion &&
          source.kind === "prefix" &&
          withinAny(source.prefix, settings.adminCidrs) &&
          exposed.every((s) => s.port === sshPort);
        if (adminSsh) continue;
        const where = rule.where ? `${rule.where}: ` : "";
        const services = exposed.map((s) => `${s.service} (${s.port})`).join(", ");
        report(
          `${where}${services} reachable from public source ${describeSource(source)}. ` +
            "Allow it only from private ranges or peer security groups; SSH to a bastion only from `adminCidrs`.",
        );
      }
    },
  });
}
