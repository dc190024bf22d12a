import { resourcePolicies } from "../lib/define";
import { isTrue, isUnknown, obj, raw, str } from "../lib/values";
import { req } from "../requirements";

/** The OpenStack provider talks to the cloud's APIs over verified TLS only. */
export function providerTlsEndpoint() {
  return resourcePolicies({
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
    validate: (args, _settings, report, unknown) => {
      const props = raw(args.props);
      // Unknown during preview, each may turn TLS off: named, not passed.
      for (const field of ["authUrl", "insecure", "endpointOverrides"])
        if (isUnknown(props[field]))
          unknown(
            `\`${field}\` is unknown during preview: whether the provider speaks TLS to Keystone and every service cannot be judged yet.`,
          );
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
        if (isUnknown(url))
          unknown(
            `Endpoint override for ${service} is unknown during preview: whether it is HTTPS cannot be judged yet.`,
          );
        const text = str(url);
        if (text && text.toLowerCase().startsWith("http://")) {
          report(`Endpoint override for ${service} ("${text}") is not HTTPS.`);
        }
      }
    },
  });
}
