/**
 * OVHcloud's Public Cloud Load Balancer (OpenStack Octavia behind the OVHcloud API) in the two
 * shapes the OVHcloud provider declares it, read as Octavia listeners so the listener rules judge
 * them like `openstack:loadbalancer/listener:Listener`:
 * - `ovh_cloud_loadbalancer_listener` (`ovh:index/cloudLoadbalancerListener:...`) has Octavia's
 *   own fields: `protocol` (HTTP, HTTPS, SCTP, TCP, TERMINATED_HTTPS, UDP), `protocolPort`,
 *   `allowedCidrs`, `defaultTlsContainerRef`, `sniContainerRefs`, `tlsVersions`
 *   (https://github.com/ovh/terraform-provider-ovh/blob/main/docs/resources/cloud_loadbalancer_listener.md;
 *   the Pulumi token from https://www.pulumi.com/registry/packages/ovh/api-docs/cloudloadbalancerlistener/);
 * - `ovh_cloud_project_loadbalancer` (`ovh:CloudProject/loadBalancer:LoadBalancer`) declares its
 *   listeners inline: `listeners[].port`, `protocol` (lower case in the provider's examples:
 *   `tcp`, `udp`), `allowedCidrs`, `secretId` (the certificate), `tlsVersions`, and a `pool`
 *   (pulumi-ovh 2.19.1, types/input.d.ts `LoadBalancerListener`). Its VIP faces the internet
 *   when `network.private.floatingIp` or `floatingIpCreate` is set.
 * The OVHcloud API's spelling of TLS termination for inline listeners (`terminatedHTTPS` or
 * `TERMINATED_HTTPS`) was not confirmed on a public page: both are read, case and underscores
 * aside.
 */
import { isUnknown, list, obj, type Props } from "./values";

export const ovhListenerType = "ovh:index/cloudLoadbalancerListener:CloudLoadbalancerListener";
export const ovhLoadBalancerType = "ovh:index/cloudLoadbalancer:CloudLoadbalancer";
export const ovhInlineLoadBalancerType = "ovh:CloudProject/loadBalancer:LoadBalancer";

/** A listener protocol in one spelling: upper case, no underscores (`TERMINATEDHTTPS`). */
export const protocolKey = (protocol: string) => protocol.trim().toUpperCase().replace(/_/g, "");

export interface InlineListener {
  /** Field path of the listener in the load balancer (`listeners[0]`). */
  readonly path: string;
  /** Unknown at preview as a whole. */
  readonly unknown: boolean;
  /** The listener in Octavia's field names (`protocolPort`, `defaultTlsContainerRef`...). */
  readonly props: Props;
}

/** The inline listeners of an `ovh:CloudProject/loadBalancer`, in Octavia's field names. */
export function inlineListeners(props: Props): InlineListener[] | "unknown" {
  if (isUnknown(props.listeners)) return "unknown";
  return (list(props.listeners) ?? []).map((entry, i) => {
    const l = obj(entry) ?? {};
    return {
      path: `listeners[${i}]`,
      unknown: isUnknown(entry),
      props: {
        protocol: l.protocol,
        protocolPort: l.port,
        allowedCidrs: l.allowedCidrs,
        tlsVersions: l.tlsVersions,
        defaultTlsContainerRef: l.secretId,
        defaultPoolId: l.pool,
      },
    };
  });
}

/** Whether an inline-listener load balancer's VIP gets a public (floating) address. */
export function inlineLoadBalancerFacesInternet(props: Props): boolean | "unknown" {
  const network = props.network;
  if (isUnknown(network)) return "unknown";
  const priv = obj(network)?.private;
  if (isUnknown(priv)) return "unknown";
  const p = obj(priv);
  if (isUnknown(p?.floatingIp) || isUnknown(p?.floatingIpCreate)) return "unknown";
  const set = (v: unknown) => v !== undefined && v !== null;
  return set(p?.floatingIp) || set(p?.floatingIpCreate);
}
