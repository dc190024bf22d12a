import { resourcePolicies } from "../lib/define";
import { judgeInstanceUserData } from "../lib/cloud-init";
import { isUnknown, list, obj, raw, str } from "../lib/values";
import { req } from "../requirements";
import { instanceTypes } from "./instance-no-password-login";

const privateKey = /-----BEGIN (RSA |EC |DSA |OPENSSH |)PRIVATE KEY-----/;

/**
 * No private key travels in clear in an instance's user data, injected files or metadata: Nova
 * serves user data and the instance's `metadata` to anything on the instance through the metadata
 * service (meta_data.json `meta`, https://docs.openstack.org/nova/latest/user/metadata.html), the
 * metadata also to anyone who may show the server through the API, and the stack's state keeps
 * them all in clear. Keys come from the key manager at boot.
 */
export function instanceNoPrivateKeyInUserData() {
  return resourcePolicies({
    name: "openstack-compute-instance-no-private-key-in-user-data",
    description: "Instances' user data, injected files and metadata carry no private key in clear.",
    enforcementLevel: "mandatory",
    types: instanceTypes,
    meta: {
      area: "compute",
      severity: "critical",
      requirements: [req.sncSecrets, req.isoCrypto, req.hdsConfidentiality],
      remediation:
        "Remove the private key from `userData` (`ssh_keys.*_private`, `write_files`, scripts), `personalities` and `metadata`; fetch it at boot from the key manager (Barbican) with the instance's own credentials.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      if (!instanceTypes.includes(args.type)) return;
      const props = raw(args.props);
      (list(props.personalities) ?? []).forEach((value, i) => {
        const file = obj(value);
        if (file && privateKey.test(str(file.content) ?? ""))
          report(
            `\`personalities[${i}]\` (${str(file.file) ?? "?"}) injects a private key in clear. Fetch it from the key manager.`,
          );
      });
      if (isUnknown(props.metadata))
        unknown("`metadata` is unknown during preview: whether it carries a key cannot be judged.");
      for (const [key, value] of Object.entries(obj(props.metadata) ?? {}))
        if (typeof value === "string" && privateKey.test(value))
          report(
            `\`metadata.${key}\` carries a private key in clear, served by the metadata service and shown by the API. Fetch it from the key manager.`,
          );
      const found = judgeInstanceUserData(
        props.userData,
        unknown,
        "`userData` is unknown during preview: whether it carries a key cannot be judged.",
      );
      if (!found) return;
      if (found.privateKeys.length > 0)
        report(
          `User data carries a private key in clear (${found.privateKeys.join("; ")}). Fetch it from the key manager at boot.`,
        );
    },
  });
}
