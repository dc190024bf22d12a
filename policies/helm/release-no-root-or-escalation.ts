import { resourcePolicy } from "../lib/define";
import { helmTypes, valuesOf } from "../lib/helm-values";
import { isTrue, list, num, raw, str } from "../lib/values";
import { req } from "../requirements";

/**
 * A release's values lift none of the Pod Security Standards' Restricted controls
 * (https://kubernetes.io/docs/concepts/security/pod-security-standards/, Restricted): no
 * `allowPrivilegeEscalation: true`, no `runAsNonRoot: false` nor `runAsUser: 0`, no capability
 * added beyond `NET_BIND_SERVICE`, no `Unconfined` seccomp profile, wherever the chart nests
 * them. A `helm.sh/v3` Release renders its chart inside the provider, so its pods never reach the
 * pod rules: these values are what the pack can judge (lib/helm-values.ts).
 */
export function helmReleaseNoRootOrEscalation() {
  return resourcePolicy({
    name: "kubernetes-helm-release-no-root-or-escalation",
    description:
      "Helm release values allow no privilege escalation, no root user, no added capability beyond NET_BIND_SERVICE and no unconfined seccomp profile.",
    enforcementLevel: "mandatory",
    types: helmTypes,
    meta: {
      area: "helm",
      severity: "high",
      requirements: [
        req.pssEscalation,
        req.pssNonRoot,
        req.pssCapabilities,
        req.pssSeccomp,
        req.cisEscalation,
        req.cisRoot,
      ],
      remediation:
        "Remove the value (or set `allowPrivilegeEscalation: false`, `runAsNonRoot: true`, a non-zero `runAsUser`, `capabilities.drop: [ALL]`, `seccompProfile.type: RuntimeDefault`).",
      settings: [],
    },
    validate: (args, _settings, report) => {
      for (const { path, key, value } of valuesOf(raw(args.props).values)) {
        if (key === "allowPrivilegeEscalation" && isTrue(value))
          report(
            `values \`${path}: true\` lets a process gain more privileges than its parent. Set it to false.`,
          );
        else if (
          key === "runAsNonRoot" &&
          (value === false || str(value)?.toLowerCase() === "false")
        )
          report(
            `values \`${path}: false\` lets the release's containers run as root. Set it to true.`,
          );
        else if (key === "runAsUser" && num(value) === 0)
          report(
            `values \`${path}: 0\` runs the release's containers as root. Use a non-zero UID.`,
          );
        else if (key === "add" && /(^|\.)capabilities\.add$/.test(path)) {
          const added = (list(value) ?? []).map(str).filter((c): c is string => c !== undefined);
          const extra = added.filter(
            (c) => c.toUpperCase().replace(/^CAP_/, "") !== "NET_BIND_SERVICE",
          );
          if (extra.length > 0)
            report(
              `values \`${path}\` adds ${extra.join(", ")}: only NET_BIND_SERVICE may be added. Remove them.`,
            );
        } else if (
          key === "type" &&
          /(^|\.)seccompProfile\.type$/.test(path) &&
          str(value)?.toLowerCase() === "unconfined"
        )
          report(`values \`${path}: Unconfined\` opens every syscall. Use RuntimeDefault.`);
      }
    },
  });
}
