import { resourcePolicies } from "../lib/define";
import { isUnknown, raw } from "../lib/values";
import { req } from "../requirements";

const providerType = "pulumi:providers:openstack";

/**
 * The provider inputs that are credentials (@pulumi/openstack 3.15.2 `ProviderArgs`): a
 * password, a token, an application credential's secret, and a client TLS key given as content.
 * Checkov's CKV_OPENSTACK_1 refuses the first three written into Terraform's provider block.
 * In Pulumi the same inputs, literal or from stack configuration (even `--secret`), are stored
 * with the provider in the stack's state and its checkpoints: whoever reads or decrypts the
 * state holds the cloud account, every project's data included. Taken from the environment
 * (`OS_*` variables, a clouds.yaml, an application credential injected by the deployment
 * pipeline) they never reach it.
 */
const credentialInputs = ["password", "token", "applicationCredentialSecret"];

export function openstackProviderNoCredentials() {
  return resourcePolicies({
    name: "openstack-provider-config-no-credentials",
    description:
      "OpenStack providers carry no password, token, application credential secret or private key in their inputs.",
    enforcementLevel: "mandatory",
    types: [providerType],
    meta: {
      area: "exposure",
      severity: "high",
      requirements: [req.sncSecrets, req.isoPrivilegedAccess],
      remediation:
        "Remove the credential from the provider and the stack configuration; give it through the environment of the deployment (`OS_APPLICATION_CREDENTIAL_ID`/`_SECRET`, or `OS_CLOUD` with a clouds.yaml), preferably a restricted, expiring application credential.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      if (args.type !== providerType) return;
      const props = raw(args.props);
      for (const key of credentialInputs) {
        const value = props[key];
        if (isUnknown(value))
          unknown(
            `\`${key}\` is set from a value unknown during preview; if not empty, it is stored with the provider in the state.`,
          );
        else if (typeof value === "string" && value !== "")
          report(
            `\`${key}\` is set on the provider: it is stored with it in the stack's state. Take it from the environment instead.`,
          );
      }
      const key = props.key;
      if (isUnknown(key)) unknown("`key` is set from a value unknown during preview.");
      else if (typeof key === "string" && key.includes("-----BEGIN"))
        report(
          "`key` carries a private key's content: it is stored with the provider in the stack's state. Point it at a file, or take the key from the environment.",
        );
    },
  });
}
