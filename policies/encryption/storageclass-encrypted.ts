import { resourcePolicy } from "../lib/define";
import { storageClassVerdict } from "../lib/storage-class";
import { raw } from "../lib/values";
import { req } from "../requirements";

export const storageClassTypes = [
  "kubernetes:storage.k8s.io/v1:StorageClass",
  "kubernetes:storage.k8s.io/v1beta1:StorageClass",
];

/** Kubernetes StorageClasses provision encrypted volumes. */
export function storageClassEncrypted() {
  return resourcePolicy({
    name: "kubernetes-storage-storageclass-encrypted",
    description: "Kubernetes StorageClasses provision encrypted volumes.",
    enforcementLevel: "mandatory",
    types: storageClassTypes,
    meta: {
      area: "encryption",
      severity: "critical",
      requirements: [req.sncEncryptionAtRest, req.hdsConfidentiality, req.isoCrypto],
      remediation:
        "Use the Cinder CSI provisioner (`cinder.csi.openstack.org`) with `parameters.type` set to an encrypted volume type (policy setting `encryptedVolumeTypes`).",
      settings: ["encryptedVolumeTypes"],
    },
    validate: (args, settings, report) => {
      if (!storageClassTypes.includes(args.type)) return;
      const verdict = storageClassVerdict(raw(args.props), settings);
      if (verdict.kind === "unencrypted")
        report(`The StorageClass does not encrypt: ${verdict.why}.`);
    },
  });
}
