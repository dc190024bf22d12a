import { resourcePolicy } from "../lib/define";
import { helmTypes, valuesOf } from "../lib/helm-values";
import { isTrue, raw } from "../lib/values";
import { req } from "../requirements";

/** Keys that, set to true anywhere in the values, give pods the node (Pod Security Baseline). */
const hostFlags = new Set(["hostNetwork", "hostPID", "hostIPC", "privileged"]);

/**
 * A release's values give no pod the node: no host network, PID or IPC namespace, no privileged
 * container, no hostPath volume, wherever the chart nests them.
 */
export function helmReleaseNoHostAccess() {
  return resourcePolicy({
    name: "kubernetes-helm-release-no-host-access",
    description:
      "Helm release values turn on no host network/PID/IPC, no privileged container and no hostPath volume.",
    enforcementLevel: "mandatory",
    types: helmTypes,
    meta: {
      area: "helm",
      severity: "critical",
      requirements: [req.pssPrivileged, req.pssHostNamespaces, req.pssHostPath, req.cisPrivileged],
      remediation:
        "Set `hostNetwork`/`hostPID`/`hostIPC`/`privileged` to false (or leave the chart's defaults) and replace hostPath volumes with PVCs.",
      settings: [],
    },
    validate: (args, _settings, report) => {
      for (const { path, key, value } of valuesOf(raw(args.props).values)) {
        if (hostFlags.has(key) && isTrue(value))
          report(`values \`${path}: true\` gives the release's pods the node. Turn it off.`);
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
