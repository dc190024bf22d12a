import { resourcePolicies } from "../lib/define";
import { judgeInstanceUserData, judgeWrittenFile, type UserDataFindings } from "../lib/cloud-init";
import { isUnknown, list, obj, raw, str } from "../lib/values";
import { req } from "../requirements";

/**
 * Nova instances, and OVHcloud API instances (`ovh_cloud_project_instance`, whose `userData` is
 * the same cloud-init user data: pulumi-ovh 2.19.1 cloudproject/instance.d.ts).
 */
export const instanceTypes = [
  "openstack:compute/instance:Instance",
  "openstack:compute/instanceV2:InstanceV2",
  "ovh:CloudProject/instance:Instance",
];

/**
 * Instances are reached with keys only: user data turns no SSH password login on and sets no
 * password, and Nova's `adminPass` injects none. Files Nova injects (`personalities`, written to
 * the given path by the config drive or file injection) are judged like cloud-init's
 * `write_files`: an sshd drop-in turning passwords on counts, a README mentioning `chpasswd` does not. A password is guessable and shared; a key is
 * per person and revocable (ANSSI admin guide, SecNumCloud 9.6 via the bastion).
 */
export function instanceNoPasswordLogin() {
  return resourcePolicies({
    name: "openstack-compute-instance-no-password-login",
    description:
      "Instances' user data (cloud-init) enables no SSH password login and sets no password; no `adminPass`.",
    enforcementLevel: "mandatory",
    types: instanceTypes,
    meta: {
      area: "compute",
      severity: "high",
      requirements: [req.sncAdminInterfaces, req.anssiAdmin, req.isoAccessControl],
      remediation:
        "Set `ssh_pwauth: false`, drop `password`, `chpasswd` and users' `passwd`/`hashed_passwd`/`plain_text_passwd`, and `adminPass`; log in with SSH keys through the bastion.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      if (!instanceTypes.includes(args.type)) return;
      const props = raw(args.props);
      if (isUnknown(props.adminPass)) unknown("`adminPass` is unknown during preview.");
      else if (str(props.adminPass))
        report("`adminPass` sets the instance's administrator password. Remove it; use SSH keys.");
      if (isUnknown(props.personalities))
        unknown(
          "`personalities` is unknown during preview: the files Nova injects cannot be judged.",
        );
      const injected: UserDataFindings = {
        passwordLogin: [],
        passwords: [],
        privateKeys: [],
        notJudged: [],
      };
      (list(props.personalities) ?? []).forEach((value, i) => {
        const file = obj(value);
        const text = isUnknown(file?.content) ? undefined : str(file?.content);
        if (isUnknown(file?.content) || isUnknown(file?.file))
          unknown(`\`personalities[${i}]\` is unknown during preview: the file cannot be judged.`);
        if (text)
          judgeWrittenFile(
            { path: str(file?.file), text },
            `personalities[${i}] (${str(file?.file) ?? "?"}): `,
            injected,
          );
      });
      if (injected.passwordLogin.length > 0)
        report(
          `An injected file turns SSH password login on (${injected.passwordLogin.join("; ")}). Remove it; log in with SSH keys.`,
        );
      if (injected.passwords.length > 0)
        report(
          `An injected file sets a password (${injected.passwords.join("; ")}). Remove it; log in with SSH keys.`,
        );
      const found = judgeInstanceUserData(
        props.userData,
        unknown,
        "`userData` is unknown during preview: its cloud-init cannot be judged.",
      );
      if (!found) return;
      if (found.passwordLogin.length > 0)
        report(
          `User data turns SSH password login on (${found.passwordLogin.join("; ")}). Set \`ssh_pwauth: false\`.`,
        );
      if (found.passwords.length > 0)
        report(
          `User data sets a password (${found.passwords.join("; ")}). Remove it; log in with SSH keys.`,
        );
    },
  });
}
