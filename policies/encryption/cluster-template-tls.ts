import { resourcePolicy } from "../lib/define";
import { isTrue, isUnknown, raw, str } from "../lib/values";
import { req } from "../requirements";

/** Magnum clusters keep TLS on their API and never pull from an insecure registry. */
export function clusterTemplateTls() {
  return resourcePolicy({
    name: "openstack-containerinfra-clustertemplate-tls",
    description: "Magnum cluster templates keep TLS enabled and use no insecure registry.",
    enforcementLevel: "mandatory",
    types: ["openstack:containerinfra/clusterTemplate:ClusterTemplate"],
    meta: {
      area: "encryption",
      severity: "high",
      requirements: [req.sncEncryptionInTransit, req.isoConfiguration, req.isoCrypto],
      remediation: "Remove `tlsDisabled: true` and `insecureRegistry` from the cluster template.",
      settings: [],
    },
    validate: (args, _settings, report) => {
      const props = raw(args.props);
      if (isTrue(props.tlsDisabled))
        report("`tlsDisabled: true` exposes the Kubernetes API and its credentials without TLS.");
      if (!isUnknown(props.insecureRegistry) && str(props.insecureRegistry)) {
        report(
          `\`insecureRegistry: ${str(props.insecureRegistry)}\` lets nodes pull images over plain HTTP or unverified TLS.`,
        );
      }
    },
  });
}
