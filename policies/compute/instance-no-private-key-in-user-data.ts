import { resourcePolicies } from "../lib/define";
import { judgeInstanceUserData } from "../lib/cloud-init";
import { list, obj, raw, str } from "../lib/values";
import { req } from "../requirements";
import { instanceTypes } from "./instance-no-password-login";

const privateKey = /-----BEGIN (RSA |EC |DSA |OPENSSH |)PRIVATE KEY-----/;

/**
 * No private key travels in clear in an instance's user data or injected files: Nova keeps user
 * data readable to anything on the instance through the metadata service, and in the stack's
 * state in clear. Keys come from the key manager at boot.
 */
export function instanceNoPrivateKeyInUserData() {
  return resourcePolicies({
    name: "openstack-compute-instance-no-private-key-in-user-data",
    description: "Instances' user data and injected files carry no private key in clear.",
    enforcementLevel: "mandatory",
    types: instanceTypes,
    meta: {
      area: "compute",
      severity: "critical",
      requirements: [req.sncSecrets, req.isoCrypto, req.hdsConfidentiality],
      remediation:
        "Remove the private key from `userData` (`ssh_keys.*_private`, `write_files`, scripts) and `personalities`; fetch it at boot from the key manager (Barbican) with the instance's own credentials.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const props = raw(args.props);
      (list(props.personalities) ?? []).forEach((value, i) => {
        const file = obj(value);
        if (file && privateKey.test(str(file.content) ?? ""))
          report(
            `\`personalities[${i}]\` (${str(file.file) ?? "?"}) injects a private key in clear. Fetch it from the key manager.`,
          );
      });
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
