import { listenerType } from "../encryption/listener-tls";
import { stackPolicy } from "../lib/define";
import { StackIndex } from "../lib/stack-index";
import { isUnknown, str } from "../lib/values";
import { req } from "../requirements";

const l7PolicyType = "openstack:loadbalancer/l7PolicyV2:L7PolicyV2";

/** A plain HTTP listener exists only to redirect to HTTPS. */
export function listenerHttpRedirect() {
  return stackPolicy({
    name: "openstack-loadbalancer-listener-http-redirect-only",
    description: "Every plain HTTP listener carries an L7 policy redirecting to https://.",
    enforcementLevel: "mandatory",
    meta: {
      area: "stack",
      severity: "high",
      requirements: [req.sncEncryptionInTransit, req.isoCrypto],
      remediation:
        "Attach an L7PolicyV2 with `action: REDIRECT_TO_URL` and an https:// `redirectUrl`, or remove the HTTP listener.",
      settings: [],
    },
    validate: (args, _settings, report) => {
      const index = StackIndex.of(args.resources);
      const redirected = new Set<string>();
      for (const policy of index.ofTypes([l7PolicyType])) {
        const action = str(policy.props.action)?.toUpperCase();
        const target = str(policy.props.redirectPrefix) ?? str(policy.props.redirectUrl);
        const toHttps =
          target?.toLowerCase().startsWith("https://") ||
          isUnknown(policy.props.redirectPrefix) ||
          isUnknown(policy.props.redirectUrl);
        if ((action === "REDIRECT_PREFIX" || action === "REDIRECT_TO_URL") && toHttps) {
          for (const urn of index.dependenciesOf(policy)) redirected.add(urn);
          const listenerId = str(policy.props.listenerId);
          if (listenerId) redirected.add(listenerId);
        }
      }
      for (const listener of index.ofTypes([listenerType])) {
        if (str(listener.props.protocol)?.toUpperCase() !== "HTTP") continue;
        if (redirected.has(listener.urn) || redirected.has(str(listener.props.id) ?? "")) continue;
        report(
          `HTTP listener "${listener.name}" has no L7 policy redirecting to https://: it serves plain HTTP. Add the redirect or remove the listener.`,
          listener.urn,
        );
      }
    },
  });
}
