import { listenerType } from "../encryption/listener-tls";
import { stackPolicies } from "../lib/define";
import { ovhListenerType } from "../lib/ovh-load-balancer";
import { StackIndex } from "../lib/stack-index";
import { isUnknown, str } from "../lib/values";
import { req } from "../requirements";

/**
 * Octavia's L7 policies, and OVHcloud's (`ovh_cloud_loadbalancer_l7policy`, Octavia's fields behind
 * the OVHcloud API, https://github.com/ovh/terraform-provider-ovh/blob/main/docs/resources/cloud_loadbalancer_l7policy.md;
 * its Pulumi token is derived from the Terraform name as for the listener, not confirmed on a
 * public page).
 */
const l7PolicyTypes = [
  "openstack:loadbalancer/l7PolicyV2:L7PolicyV2",
  "ovh:index/cloudLoadbalancerL7policy:CloudLoadbalancerL7policy",
];

/** Where an L7 redirect sends clients: to https://, to plain http://, or not known at preview. */
function redirectTarget(props: Record<string, unknown>): "https" | "http" | "unknown" | undefined {
  if (isUnknown(props.redirectPrefix) || isUnknown(props.redirectUrl)) return "unknown";
  const target = (str(props.redirectPrefix) ?? str(props.redirectUrl))?.trim().toLowerCase();
  if (target?.startsWith("https://")) return "https";
  if (target?.startsWith("http://")) return "http";
  return undefined;
}

/**
 * A plain HTTP listener exists only to redirect to HTTPS, and no redirect sends clients from a
 * listener to plain http://. Octavia's L7 policy actions REDIRECT_TO_URL and REDIRECT_PREFIX answer
 * with the `redirect_url` / `redirect_prefix` given (Octavia API reference, L7 policies): an
 * http:// target moves the client, and what it sends next, to clear text.
 */
export function listenerHttpRedirect() {
  return stackPolicies({
    name: "openstack-loadbalancer-listener-http-redirect-only",
    description:
      "Every plain HTTP listener carries an L7 policy redirecting to https://, and no L7 policy redirects to http://.",
    enforcementLevel: "mandatory",
    meta: {
      area: "stack",
      severity: "high",
      requirements: [req.sncEncryptionInTransit, req.isoCrypto],
      remediation:
        "Attach an L7PolicyV2 with `action: REDIRECT_TO_URL` and an https:// `redirectUrl`, or remove the HTTP listener; never redirect to http://.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const index = StackIndex.of(args.resources);
      const redirected = new Set<string>();
      const maybeRedirected = new Set<string>();
      for (const policy of index.ofTypes(l7PolicyTypes)) {
        const action = str(policy.props.action)?.toUpperCase();
        if (action !== "REDIRECT_PREFIX" && action !== "REDIRECT_TO_URL") continue;
        const target = redirectTarget(policy.props);
        if (target === "http")
          report(
            `L7 policy "${policy.name}" redirects clients to plain http://: they, and what they send next, leave TLS. Redirect to https://.`,
            policy.urn,
          );
        const into =
          target === "https" ? redirected : target === "unknown" ? maybeRedirected : undefined;
        if (!into) continue;
        for (const urn of index.dependenciesOf(policy)) into.add(urn);
        const listenerId = str(policy.props.listenerId);
        if (listenerId) into.add(listenerId);
      }
      for (const listener of index.ofTypes([listenerType, ovhListenerType])) {
        if (str(listener.props.protocol)?.toUpperCase() !== "HTTP") continue;
        const id = str(listener.props.id) ?? "";
        if (redirected.has(listener.urn) || redirected.has(id)) continue;
        if (maybeRedirected.has(listener.urn) || maybeRedirected.has(id)) {
          unknown(
            `HTTP listener "${listener.name}": its L7 redirect's target is unknown during preview, so whether it leads to https:// cannot be told.`,
            listener.urn,
          );
          continue;
        }
        report(
          `HTTP listener "${listener.name}" has no L7 policy redirecting to https://: it serves plain HTTP. Add the redirect or remove the listener.`,
          listener.urn,
        );
      }
    },
  });
}
