import { isUnknown, list, obj, readPath, str, UnknownAt } from "../lib/values";
import { req } from "../requirements";
import { podPolicies, unknownMessage } from "./pod-rule";

/**
 * The four Baseline controls of the Pod Security Standards that keep a pod inside the kernel's
 * confinement (https://kubernetes.io/docs/concepts/security/pod-security-standards/, Baseline):
 * - AppArmor: no `appArmorProfile.type: Unconfined` on the pod or a container, and no
 *   `container.apparmor.security.beta.kubernetes.io/<container>` annotation other than
 *   `runtime/default` or `localhost/<profile>`;
 * - SELinux: `seLinuxOptions.type` only container_t, container_init_t, container_kvm_t or
 *   container_engine_t, and no `user` or `role`;
 * - /proc mount type: `procMount` only `Default` (Unmasked exposes the host's /proc paths);
 * - sysctls: only the safe, namespaced set (https://kubernetes.io/docs/tasks/administer-cluster/sysctl-cluster/,
 *   "safe sysctls", up to Kubernetes 1.32).
 * Pod Security admission enforces these where a namespace enforces baseline or restricted; the
 * pack judges the program itself, whatever namespace labels the cluster will have.
 */
const safeSysctls = new Set([
  "kernel.shm_rmid_forced",
  "net.ipv4.ip_local_port_range",
  "net.ipv4.tcp_syncookies",
  "net.ipv4.ping_group_range",
  "net.ipv4.ip_unprivileged_port_start",
  "net.ipv4.ip_local_reserved_ports",
  "net.ipv4.tcp_keepalive_time",
  "net.ipv4.tcp_fin_timeout",
  "net.ipv4.tcp_keepalive_intvl",
  "net.ipv4.tcp_keepalive_probes",
  "net.ipv4.tcp_rmem",
  "net.ipv4.tcp_wmem",
]);
const allowedSeLinuxTypes = new Set([
  "container_t",
  "container_init_t",
  "container_kvm_t",
  "container_engine_t",
]);
const appArmorAnnotation = "container.apparmor.security.beta.kubernetes.io/";

export function podNoKernelConfinementOverride() {
  return podPolicies({
    name: "kubernetes-core-pod-no-kernel-confinement-override",
    description:
      "No pod turns AppArmor off, sets a custom SELinux type, user or role, unmasks /proc, or sets an unsafe sysctl.",
    enforcementLevel: "mandatory",
    meta: {
      severity: "high",
      requirements: [req.pssKernelControls, req.anssiContainers],
      remediation:
        "Remove `appArmorProfile.type: Unconfined` and unconfined AppArmor annotations, custom `seLinuxOptions`, `procMount: Unmasked` and sysctls outside the safe set.",
      settings: [],
    },
    check: ({ pod, securityContexts, readPod, readPodMetadata }, report, unknown) => {
      for (const { path: where, context } of securityContexts) {
        for (const field of ["appArmorProfile.type", "seLinuxOptions", "procMount"]) {
          const value = readPath(context, field, where);
          if (value instanceof UnknownAt) {
            unknown(unknownMessage(value, "the pod's kernel confinement"));
            continue;
          }
          if (value === undefined || value === null) continue;
          if (field === "appArmorProfile.type" && str(value)?.toLowerCase() === "unconfined")
            report(`${where}.appArmorProfile.type is Unconfined: AppArmor is off. Remove it.`);
          if (field === "procMount" && str(value) !== undefined && str(value) !== "Default")
            report(
              `${where}.procMount is ${str(value)}: the host's masked /proc paths are exposed. Remove it.`,
            );
          if (field === "seLinuxOptions") {
            const options = obj(value) ?? {};
            // A type, user or role unknown during preview may be any of them: named, not passed.
            for (const key of ["type", "user", "role"])
              if (isUnknown(options[key]))
                unknown(
                  unknownMessage(
                    new UnknownAt(`${where}.seLinuxOptions.${key}`),
                    "the pod's kernel confinement",
                  ),
                );
            const type = str(options.type);
            if (type && !allowedSeLinuxTypes.has(type))
              report(
                `${where}.seLinuxOptions.type is ${type}, outside the container types. Remove it.`,
              );
            for (const key of ["user", "role"])
              if (str(options[key]))
                report(`${where}.seLinuxOptions.${key} is set (${str(options[key])}). Remove it.`);
          }
        }
      }

      const sysctls = readPod("securityContext.sysctls");
      if (sysctls instanceof UnknownAt) unknown(unknownMessage(sysctls, "the pod's sysctls"));
      else
        (list(sysctls) ?? []).forEach((entry, i) => {
          const name = readPath(entry, "name", `${pod.path}.securityContext.sysctls[${i}]`);
          if (name instanceof UnknownAt)
            unknown(unknownMessage(name, "whether the sysctl is safe"));
          else if (typeof name === "string" && !safeSysctls.has(name))
            report(
              `${pod.path}.securityContext.sysctls[${i}] sets ${name}, not one of Kubernetes' safe sysctls: it can reach other pods or the node. Remove it.`,
            );
        });

      // The annotation form of AppArmor, on the pod's (or its template's) metadata.
      const annotations = readPodMetadata("annotations");
      if (annotations instanceof UnknownAt) {
        unknown(unknownMessage(annotations, "the pod's AppArmor annotations"));
        return;
      }
      for (const [key, value] of Object.entries(obj(annotations) ?? {})) {
        if (!key.startsWith(appArmorAnnotation)) continue;
        // An AppArmor annotation whose value is unknown during preview may say `unconfined`.
        if (isUnknown(value))
          unknown(
            unknownMessage(
              new UnknownAt(`${pod.metadataPath}.annotations.${key}`),
              "the pod's AppArmor profile",
            ),
          );
        else if (
          typeof value === "string" &&
          value !== "runtime/default" &&
          !value.startsWith("localhost/")
        )
          report(
            `The pod's annotation ${key} is "${value}": AppArmor is not the runtime's or a local profile. Use runtime/default.`,
          );
      }
    },
  });
}
