import { resourcePolicies } from "../lib/define";
import { kubeconfigTls, looksLikePath } from "../lib/kubeconfig";
import { packageOfType } from "../lib/urn";
import { isTrue, isUnknown, raw } from "../lib/values";
import { req } from "../requirements";

/**
 * Provider settings that turn certificate verification off, by the names providers give them
 * (Kubernetes `insecure`, Helm-style `insecureSkipTlsVerify`, Vault/others `skipTlsVerify`...).
 * The OpenStack provider's `insecure` is judged by `openstack-provider-config-tls-endpoint`.
 */
const insecureKeys =
  /^(insecure|insecureSkipTlsVerify|skipTlsVerify|tlsInsecureSkipVerify|skipCertVerification|sslSkipVerify|skipVerify)$/i;

/**
 * Every provider talks to its API over verified TLS: a provider that skips verification hands
 * its credentials (the cluster's admin token, the cloud's) to whoever sits on the path. The
 * Kubernetes provider's kubeconfig is read for `insecure-skip-tls-verify` and http:// servers.
 */
export function providerTlsVerify() {
  return resourcePolicies({
    name: "pulumi-all-provider-tls-verify",
    description:
      "No provider turns TLS certificate verification off (kubeconfig insecure-skip-tls-verify, `insecure` and its aliases) or talks plain HTTP.",
    enforcementLevel: "mandatory",
    // Every explicit provider, of any package.
    types: ["pulumi:providers:*"],
    meta: {
      area: "encryption",
      severity: "high",
      requirements: [req.sncEncryptionInTransit, req.isoCrypto],
      remediation:
        "Remove `insecure-skip-tls-verify` from the kubeconfig and give the cluster's CA in `certificate-authority-data`; drop `insecure`/`skipTlsVerify` settings; use https:// servers.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      if (!args.type.startsWith("pulumi:providers:")) return;
      const props = raw(args.props);
      const pkg = packageOfType(args.type);
      for (const [key, value] of Object.entries(props)) {
        if (pkg === "openstack" || !insecureKeys.test(key)) continue;
        if (isUnknown(value)) unknown(`\`${key}\` is unknown during preview.`);
        else if (isTrue(value))
          report(
            `\`${key}: true\` turns certificate verification off. Remove it; trust the API's CA instead.`,
          );
      }
      if (pkg !== "kubernetes" || props.kubeconfig === undefined) return;
      if (isUnknown(props.kubeconfig)) {
        unknown("`kubeconfig` is unknown during preview: its TLS settings cannot be judged.");
        return;
      }
      if (typeof props.kubeconfig === "string" && looksLikePath(props.kubeconfig)) {
        unknown(
          "`kubeconfig` is the path of a file the pack cannot read: its TLS settings cannot be judged. Give its content instead.",
        );
        return;
      }
      const tls = kubeconfigTls(props.kubeconfig);
      if (tls === "unreadable") {
        unknown("`kubeconfig` is neither YAML nor JSON: its TLS settings cannot be judged.");
        return;
      }
      for (const name of tls?.insecure ?? [])
        report(
          `kubeconfig cluster "${name}" sets \`insecure-skip-tls-verify: true\`: the cluster's credentials go to any server on the path. Give \`certificate-authority-data\` instead.`,
        );
      for (const name of tls?.plain ?? [])
        report(
          `kubeconfig cluster "${name}" is reached over http://: credentials and data cross in clear. Use https://.`,
        );
    },
  });
}
