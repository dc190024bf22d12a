import { resourcePolicy } from "../lib/define";
import { isTrue, isUnknown, obj, raw, str } from "../lib/values";
import { req } from "../requirements";

/** The OpenStack provider talks to the cloud's APIs over verified TLS only. */
export function providerTlsEndpoint() {
  return resourcePolicy({
    name: "openstack-provider-config-tls-endpoint",
    description: "The OpenStack provider reaches Keystone and every endpoint over verified HTTPS.",
    enforcementLevel: "mandatory",
    types: ["pulumi:providers:openstack"],
    meta: {
      area: "encryption",
      severity: "high",
      requirements: [req.sncEncryptionInTransit, req.isoCrypto],
      remediation:
        "Use an https:// `authUrl` and endpoint overrides, and never set `insecure: true`; give `cacertFile` for a private CA.",
      settings: [],
    },
    validate: (args, _settings, report) => {
      const props = raw(args.props);
      const authUrl = isUnknown(props.authUrl) ? undefined : str(props.authUrl);
      if (authUrl && !authUrl.toLowerCase().startsWith("https://")) {
        report(
          `Keystone URL "${authUrl}" is not HTTPS: credentials and tokens would cross the network in clear.`,
        );
      }
      if (isTrue(props.insecure))
        report(
          "`insecure: true` disables TLS certificate verification. Remove it and trust the CA with `cacertFile`.",
        );
      for (const [service, url] of Object.entries(obj(props.endpointOverrides) ?? {})) {
        const text = str(url);
        if (text && text.toLowerCase().startsWith("http://")) {
          report(`Endpoint override for ${service} ("${text}") is not HTTPS.`);
        }
      }
    },
  });
}
