/** The hardened pod and container contexts every platform workload uses. */
import { describe, expect, it } from "vitest";
import {
  hardenedContainerContext,
  hardenedPodContext,
} from "../../../components/shared/container-hardening";

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

describe("hardenedPodContext", () => {
  it("runs as the given non-root user, its group by default, with the runtime's seccomp profile", () => {
    expect(hardenedPodContext({ user: 101 })).toEqual({
      runAsNonRoot: true,
      runAsUser: 101,
      runAsGroup: 101,
      seccompProfile: { type: "RuntimeDefault" },
    });
  });

  it("a volume group and another process group are set only when asked", () => {
    expect(hardenedPodContext({ user: 1000, group: 100, fsGroup: 100 })).toEqual({
      runAsNonRoot: true,
      runAsUser: 1000,
      runAsGroup: 100,
      fsGroup: 100,
      seccompProfile: { type: "RuntimeDefault" },
    });
  });
});
