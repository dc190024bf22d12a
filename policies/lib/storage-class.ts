/**
 * Whether a Kubernetes StorageClass encrypts the volumes it provisions: a Cinder CSI class whose
 * volume `type` is an encrypted Cinder type, or any CSI class that declares `encrypted: "true"`
 * (Ceph RBD, Longhorn and most CSI drivers spell it so). Anything else cannot be proven.
 */
import type { PolicySettings } from "../config";
import { isTrue, isUnknown, obj, str, type Props } from "./values";

const cinderProvisioners = new Set(["cinder.csi.openstack.org", "kubernetes.io/cinder"]);

export type Verdict =
  { kind: "encrypted" } | { kind: "unknown" } | { kind: "unencrypted"; why: string };

export function isEncryptedVolumeType(type: string, settings: PolicySettings): boolean {
  const wanted = type.toLowerCase();
  return settings.encryptedVolumeTypes.some((t) => t.toLowerCase() === wanted);
}

export function storageClassVerdict(props: Props, settings: PolicySettings): Verdict {
  if (isUnknown(props.provisioner) || isUnknown(props.parameters)) return { kind: "unknown" };
  const provisioner = str(props.provisioner) ?? "";
  const parameters = obj(props.parameters) ?? {};
  if (isTrue(parameters.encrypted)) return { kind: "encrypted" };
  if (cinderProvisioners.has(provisioner)) {
    if (isUnknown(parameters.type)) return { kind: "unknown" };
    const type = str(parameters.type);
    if (!type) {
      return {
        kind: "unencrypted",
        why: "its Cinder `parameters.type` is not set, so the cloud's default (unencrypted) volume type is used",
      };
    }
    if (!isEncryptedVolumeType(type, settings)) {
      return {
        kind: "unencrypted",
        why: `its Cinder volume type "${type}" is not an encrypted type (${settings.encryptedVolumeTypes.join(", ")})`,
      };
    }
    return { kind: "encrypted" };
  }
  return {
    kind: "unencrypted",
    why: `provisioner "${provisioner || "(none)"}" is neither Cinder CSI with an encrypted volume type nor declares \`encrypted: "true"\``,
  };
}
