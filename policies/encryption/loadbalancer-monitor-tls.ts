import { stackPolicies } from "../lib/define";
import { StackIndex } from "../lib/stack-index";
import { isTrue, isUnknown, str } from "../lib/values";
import { req } from "../requirements";

const poolType = "openstack:loadbalancer/pool:Pool";
const monitorType = "openstack:loadbalancer/monitor:Monitor";

/**
 * A pool that carries TLS to its members (HTTPS passthrough, or `tlsEnabled` re-encryption) is
 * probed over TLS too: an HTTP health monitor sends its requests, and reads the member's answers,
 * in clear on the same network, and keeps a plain listener open on members meant to speak TLS
 * only. Octavia's TLS-aware types are HTTPS and TLS-HELLO (Octavia API reference, health monitor
 * `type`). Stack level: the monitor names its pool by id, an output known only through the
 * dependency; an HTTP monitor of a pool outside the stack is named as not judged (advisory).
 */
export function loadbalancerMonitorTls() {
  return stackPolicies({
    name: "openstack-loadbalancer-monitor-tls",
    description: "Health monitors of TLS pools probe over TLS (HTTPS or TLS-HELLO), never HTTP.",
    enforcementLevel: "mandatory",
    meta: {
      area: "encryption",
      severity: "medium",
      requirements: [req.sncEncryptionInTransit, req.isoCrypto],
      remediation:
        "Use `type: HTTPS` (or `TLS-HELLO`) for the health monitor of a pool that speaks TLS to its members.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const index = StackIndex.of(args.resources);
      const monitors = index.ofTypes([monitorType]);
      if (monitors.length === 0) return;
      for (const monitor of monitors) {
        const type = monitor.props.type;
        if (isUnknown(type)) {
          unknown(`Monitor "${monitor.name}": \`type\` unknown during preview.`, monitor.urn);
          continue;
        }
        if (str(type)?.toUpperCase() !== "HTTP") continue;
        const pools = index
          .dependenciesOf(monitor, "poolId")
          .concat(index.dependenciesOf(monitor))
          .map((urn) => index.get(urn))
          .filter((r) => r?.type === poolType);
        // A pool this stack does not declare (an id from elsewhere) may well speak TLS: say so.
        if (pools.length === 0)
          unknown(
            `Monitor "${monitor.name}" probes over plain HTTP a pool this stack does not declare: whether that pool speaks TLS cannot be told.`,
            monitor.urn,
          );
        for (const pool of new Set(pools)) {
          if (!pool) continue;
          const protocol = pool.props.protocol;
          if (isUnknown(protocol) || isUnknown(pool.props.tlsEnabled)) {
            unknown(
              `Pool "${pool.name}": protocol or \`tlsEnabled\` unknown during preview.`,
              monitor.urn,
            );
            continue;
          }
          const tls = str(protocol)?.toUpperCase() === "HTTPS" || isTrue(pool.props.tlsEnabled);
          if (tls)
            report(
              `Monitor "${monitor.name}" probes TLS pool "${pool.name}" over plain HTTP: health checks and the member's answers cross in clear. Use type HTTPS or TLS-HELLO.`,
              monitor.urn,
            );
        }
      }
    },
  });
}
