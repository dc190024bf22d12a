/**
 * Whether a StorageClass provably encrypts the volumes it provisions (what the PVC rule relies
 * on): values unknown at preview give no verdict, a Cinder class needs an encrypted volume type,
 * any other class must declare `encrypted: "true"`.
 */
import { describe, expect, it } from "vitest";
import { defaultSettings, type PolicySettings } from "../../../policies/config";
import { isEncryptedVolumeType, storageClassVerdict } from "../../../policies/lib/storage-class";
import { unknown } from "../baseline";

const settings: PolicySettings = { ...defaultSettings, encryptedVolumeTypes: ["classic-luks"] };
const verdict = (props: Record<string, unknown>) => storageClassVerdict(props, settings);
const cinder = "cinder.csi.openstack.org";

describe("storageClassVerdict", () => {
  it("an unknown provisioner or unknown parameters give no verdict", () => {
    expect(verdict({ provisioner: unknown, parameters: { type: "classic" } })).toEqual({
      kind: "unknown",
    });
    expect(verdict({ provisioner: cinder, parameters: unknown })).toEqual({ kind: "unknown" });
  });

  it("a Cinder class whose volume type is unknown gives no verdict", () => {
    expect(verdict({ provisioner: cinder, parameters: { type: unknown } })).toEqual({
      kind: "unknown",
    });
  });

  it("a class declaring encrypted: true encrypts, whatever its provisioner", () => {
    expect(verdict({ provisioner: "rbd.csi.ceph.com", parameters: { encrypted: "true" } })).toEqual(
      {
        kind: "encrypted",
      },
    );
    expect(
      verdict({ provisioner: cinder, parameters: { encrypted: true, type: "classic" } }),
    ).toEqual({ kind: "encrypted" });
  });

  it("a Cinder class with an encrypted volume type encrypts, in any case", () => {
    expect(verdict({ provisioner: cinder, parameters: { type: "Classic-LUKS" } })).toEqual({
      kind: "encrypted",
    });
    expect(
      verdict({ provisioner: "kubernetes.io/cinder", parameters: { type: "classic-luks" } }),
    ).toEqual({
      kind: "encrypted",
    });
  });

  it("a Cinder class without a volume type uses the cloud's unencrypted default", () => {
    for (const parameters of [{}, { type: "" }, undefined]) {
      const v = verdict({ provisioner: cinder, parameters });
      expect(v.kind).toBe("unencrypted");
      expect(v.kind === "unencrypted" && v.why).toMatch(/`parameters.type` is not set/);
    }
  });

  it("a Cinder class with a plain volume type is unencrypted, naming the type and the allowed ones", () => {
    const v = verdict({ provisioner: cinder, parameters: { type: "classic" } });
    expect(v).toEqual({
      kind: "unencrypted",
      why: 'its Cinder volume type "classic" is not an encrypted type (classic-luks)',
    });
  });

  it("another provisioner without encrypted: true is unencrypted, naming the provisioner", () => {
    const v = verdict({ provisioner: "rbd.csi.ceph.com", parameters: { encrypted: "false" } });
    expect(v.kind === "unencrypted" && v.why).toMatch(/^provisioner "rbd.csi.ceph.com" is neither/);
    const none = verdict({});
    expect(none.kind === "unencrypted" && none.why).toMatch(/^provisioner "\(none\)" is neither/);
  });
});

describe("isEncryptedVolumeType", () => {
  it("matches the configured types ignoring case, and nothing else", () => {
    expect(isEncryptedVolumeType("CLASSIC-luks", settings)).toBe(true);
    expect(isEncryptedVolumeType("classic", settings)).toBe(false);
    expect(isEncryptedVolumeType("classic-luks-2", settings)).toBe(false);
  });
});
