import { resourcePolicy } from "../lib/define";
import { helmTypes, valuesOf } from "../lib/helm-values";
import { isTrue, raw } from "../lib/values";
import { req } from "../requirements";

/** Keys that, set to true anywhere in the values, give pods the node (Pod Security Baseline). */
const hostFlags = new Set(["hostNetwork", "hostPID", "hostIPC", "privileged"]);

/** A host port that binds: a number (or numeric string) above 0, or a map or list holding one. */
function hostPortSet(value: unknown): boolean {
  if (typeof value === "number") return value > 0;
  if (typeof value === "string") return /^\s*[1-9]\d*\s*$/.test(value);
  if (Array.isArray(value)) return value.some(hostPortSet);
  if (value !== null && typeof value === "object") {
    // ingress-nginx's shape, `hostPort: { enabled, ports: { http: 80 } }`: the ports bind only
    // when enabled (its values.yaml ships them with `enabled: false`).
    const fields = value as Record<string, unknown>;
    if ("enabled" in fields && !isTrue(fields.enabled)) return false;
    return Object.entries(fields).some(([key, v]) => key !== "enabled" && hostPortSet(v));
  }
  return false;
}

/**
 * A release's values give no pod the node: no host network, PID or IPC namespace, no privileged
 * container, no hostPath volume, no host port (Pod Security Baseline, "Host Ports": `hostPort`
 * unset or 0), wherever the chart nests them.
 */
export function helmReleaseNoHostAccess() {
  return resourcePolicy({
    name: "kubernetes-helm-release-no-host-access",
    description:
      "Helm release values turn on no host network/PID/IPC, no privileged container, no hostPath volume and no host port.",
    enforcementLevel: "mandatory",
    types: helmTypes,
    meta: {
      area: "helm",
      severity: "critical",
      requirements: [
        req.pssPrivileged,
        req.pssHostNamespaces,
        req.pssHostPath,
        req.pssHostPorts,
        req.cisPrivileged,
      ],
      remediation:
        "Set `hostNetwork`/`hostPID`/`hostIPC`/`privileged` to false (or leave the chart's defaults), replace hostPath volumes with PVCs, and drop `hostPort`s (use a ClusterIP Service).",
      settings: [],
    },
    validate: (args, _settings, report) => {
      for (const { path, key, value } of valuesOf(raw(args.props).values)) {
        if (hostFlags.has(key) && isTrue(value))
          report(`values \`${path}: true\` gives the release's pods the node. Turn it off.`);
        else if (/^hostPorts?$/.test(key) && hostPortSet(value))
          report(
            `values \`${path}\` binds a port of the node to the release's pods. Drop it; use a ClusterIP Service.`,
          );
        else if (
          /^hostPath/.test(key) &&
          value !== null &&
          value !== undefined &&
          value !== false &&
          value !== ""
        )
          report(`values \`${path}\` mounts a node path into the release's pods. Use a PVC.`);
      }
    },
  });
}
