import { resourcePolicy } from "../lib/define";
import { isUnknown, raw, str } from "../lib/values";
import { req } from "../requirements";

/** Object storage containers use a storage policy that encrypts at rest. */
export function containerEncrypted() {
  return resourcePolicy({
    name: "openstack-objectstorage-container-encrypted",
    description: "Object storage containers use an encrypted storage policy.",
    enforcementLevel: "mandatory",
    types: ["openstack:objectstorage/container:Container"],
    meta: {
      area: "encryption",
      severity: "critical",
      requirements: [req.sncEncryptionAtRest, req.hdsConfidentiality, req.isoCrypto],
      remediation:
        "Set `storagePolicy` to a Swift storage policy that encrypts at rest (policy setting `encryptedStoragePolicies`).",
      settings: ["encryptedStoragePolicies"],
    },
    validate: (args, settings, report) => {
      if (args.type !== "openstack:objectstorage/container:Container") return;
      const props = raw(args.props);
      if (isUnknown(props.storagePolicy)) return;
      const policy = str(props.storagePolicy);
      const allowed = settings.encryptedStoragePolicies;
      if (!policy) {
        report(
          `No \`storagePolicy\`: the cluster default is not known to encrypt. Use one of: ${allowed.join(", ")}.`,
        );
      } else if (!allowed.some((p) => p.toLowerCase() === policy.toLowerCase())) {
        report(
          `Storage policy "${policy}" is not an encrypted policy. Use one of: ${allowed.join(", ")}.`,
        );
      }
    },
  });
}
