/**
 * The security contexts every workload the platform runs gets: Pod Security "restricted" (no
 * privilege escalation, every capability dropped, the runtime's seccomp profile, a non-root user)
 * plus a read-only root filesystem and no privileged mode. One definition, so a control added
 * here reaches every workload, and the policy pack's Kubernetes rules judge the same baseline.
 */

export interface ContainerHardeningOptions {
  /** UID to run as. @default the image's own (non-root) user */
  readonly runAsUser?: number;
  /** Root filesystem read-only. @default true; only an image that cannot run so may turn it off */
  readonly readOnlyRootFilesystem?: boolean;
  /**
   * Run as root: only for a named policy exception (the audit shipper reading nodes' logs).
   * @default false
   */
  readonly asRoot?: boolean;
}

/** A fresh hardened security context (fresh arrays: callers may not share one object). */
export function hardenedContainerContext(options: ContainerHardeningOptions = {}) {
  return {
    runAsNonRoot: !options.asRoot,
    ...(options.asRoot
      ? { runAsUser: 0 }
      : options.runAsUser !== undefined
        ? { runAsUser: options.runAsUser }
        : {}),
    allowPrivilegeEscalation: false,
    privileged: false,
    readOnlyRootFilesystem: options.readOnlyRootFilesystem ?? true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  };
}

export interface PodHardeningOptions {
  /** UID every container runs as (non-root). */
  readonly user: number;
  /** GID of the processes. @default the UID */
  readonly group?: number;
  /** Group owning mounted volumes, for workloads that write to one. @default none */
  readonly fsGroup?: number;
}

/** The pod-level half: a non-root user and group, volume group if any, the runtime's seccomp profile. */
export function hardenedPodContext(options: PodHardeningOptions) {
  return {
    runAsNonRoot: true,
    runAsUser: options.user,
    runAsGroup: options.group ?? options.user,
    ...(options.fsGroup !== undefined ? { fsGroup: options.fsGroup } : {}),
    seccompProfile: { type: "RuntimeDefault" },
  };
}
