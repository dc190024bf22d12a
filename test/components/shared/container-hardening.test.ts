/** The one hardened container context every platform workload uses. */
import { describe, expect, it } from "vitest";
import { hardenedContainerContext } from "../../../components/shared/container-hardening";

describe("hardenedContainerContext", () => {
  it("by default: non-root, read-only root, no privilege, every capability dropped, runtime seccomp", () => {
    expect(hardenedContainerContext()).toEqual({
      runAsNonRoot: true,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
  });

  it("a UID and a writable root are set only when asked", () => {
    expect(
      hardenedContainerContext({ runAsUser: 1000, readOnlyRootFilesystem: false }),
    ).toMatchObject({
      runAsNonRoot: true,
      runAsUser: 1000,
      readOnlyRootFilesystem: false,
    });
  });

  it("root (the named audit-shipper exception) is UID 0 and says so, with every other control kept", () => {
    expect(hardenedContainerContext({ asRoot: true, runAsUser: 1000 })).toEqual({
      runAsNonRoot: false,
      runAsUser: 0,
      allowPrivilegeEscalation: false,
      privileged: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ["ALL"] },
      seccompProfile: { type: "RuntimeDefault" },
    });
  });

  it("each call returns its own objects, so one workload cannot change another's", () => {
    const a = hardenedContainerContext();
    a.capabilities.drop.push("NET_RAW");
    expect(hardenedContainerContext().capabilities.drop).toEqual(["ALL"]);
  });
});
