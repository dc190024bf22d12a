import { chartConsoleOf, clusterConsoleOf, tillerListensOnLoopback } from "../lib/cluster-consoles";
import { resourcePolicies } from "../lib/define";
import { helmTypes, imagesOf } from "../lib/helm-values";
import {
  forEachContainer,
  podSpecsOf,
  unknownContainersMessages,
  unknownPodSpecMessages,
} from "../lib/pod-spec";
import { podBearingTypes } from "../lib/pod-bearing-types";
import { isUnknown, list, raw, str } from "../lib/values";
import { req } from "../requirements";

/**
 * No workload runs the Kubernetes dashboard or Tiller (Helm v2's server), in any pod spec of any
 * kind (lib/pod-spec.ts) or in a Helm release's values or chart. Both administer the whole
 * cluster from inside it: the dashboard is a web console acting with its service account or the
 * visitor's token; Tiller installs whatever any pod that reaches its gRPC port asks, with its own
 * (usually cluster-admin) rights and no authentication by default. Administration goes through
 * the bastion, never through a console every pod can reach (Checkov CKV_K8S_33, CKV_K8S_34 and
 * CKV_K8S_45; the latter accepts a Tiller listening on loopback, this rule accepts no Tiller:
 * Helm 3 needs none). Recognised by image repository (lib/cluster-consoles.ts), not by name.
 */
export function podNoClusterConsole() {
  return resourcePolicies({
    name: "kubernetes-core-pod-no-dashboard-or-tiller",
    description:
      "No workload or Helm release runs the Kubernetes dashboard or Tiller (Helm v2), recognised by image.",
    enforcementLevel: "mandatory",
    // Pod specs are found by shape in any Kubernetes kind; Helm releases by their values.
    types: podBearingTypes,
    meta: {
      area: "kubernetes",
      severity: "critical",
      requirements: [req.sncAdminInterfaces, req.isoPrivilegedAccess, req.isoConfiguration],
      remediation:
        "Remove the dashboard and Tiller: administer the cluster with kubectl through the bastion, and deploy charts with Helm 3 (no in-cluster server).",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const props = raw(args.props);
      if (helmTypes.includes(args.type)) {
        if (isUnknown(props.chart)) unknown("`chart` is unknown during preview.");
        const chart = str(props.chart);
        const fromChart = chart ? chartConsoleOf(chart) : undefined;
        if (fromChart)
          report(
            `chart "${chart}" installs the ${fromChart}, a console that administers the cluster from inside it. Remove the release.`,
          );
        // Values unknown during preview are named by kubernetes-helm-release-values-judged.
        for (const { path, image } of imagesOf(props.values)) {
          const found = clusterConsoleOf(image);
          if (found)
            report(
              `values \`${path}\` run "${image}", the ${found}: a console that administers the cluster from inside it. Remove it.`,
            );
        }
        return;
      }
      // A whole pod or a container list unknown during preview may hold a console: named, never passed.
      for (const message of unknownPodSpecMessages(args.type, props)) unknown(message);
      for (const pod of podSpecsOf(args.type, props))
        for (const message of unknownContainersMessages(pod)) unknown(message);
      forEachContainer(args.type, props, ({ label, container }) => {
        if (isUnknown(container.image)) {
          unknown(`${label}.image is unknown during preview.`);
          return;
        }
        const image = str(container.image);
        const found = image ? clusterConsoleOf(image) : undefined;
        if (!found) return;
        if (found === "Kubernetes dashboard") {
          report(
            `${label} runs "${image}", the Kubernetes dashboard: a web console that administers the cluster from inside it. Remove it; administer through the bastion.`,
          );
          return;
        }
        const tillerArgs = list(container.args) ?? [];
        const where =
          isUnknown(container.args) || tillerArgs.some(isUnknown)
            ? "its listen address is unknown during preview"
            : tillerListensOnLoopback(tillerArgs)
              ? "it listens on loopback only, yet every process of the pod and `kubectl port-forward` still reach it"
              : "it listens on the pod network (no `--listen=127.0.0.1:44134`), reachable by every pod";
        report(
          `${label} runs "${image}", Tiller (Helm v2): an unauthenticated server that installs anything it is asked with its own rights; ${where}. Remove it and deploy with Helm 3.`,
        );
      });
    },
  });
}
