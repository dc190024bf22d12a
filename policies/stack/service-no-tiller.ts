import { clusterConsoleOf } from "../lib/cluster-consoles";
import { stackPolicies } from "../lib/define";
import { containersOf, podSpecsOf } from "../lib/pod-spec";
import { StackIndex, type IndexedResource } from "../lib/stack-index";
import { at, isUnknown, obj, str, stringMap } from "../lib/values";
import { req } from "../requirements";

/**
 * No Service selects Tiller's pods: it would publish Helm v2's unauthenticated server (which
 * installs anything with its own rights) to every pod of the cluster, or beyond with a
 * LoadBalancer. Checkov's CKV_K8S_44 (TillerService.py) finds such a Service by "tiller" in its
 * name, labels or selector; this rule follows the Service's selector to the workloads of the
 * stack it really reaches, in its namespace, and judges their images (lib/cluster-consoles.ts),
 * whatever either is called. A Tiller that no Service selects is still rejected by
 * `kubernetes-core-pod-no-dashboard-or-tiller`; a Service selecting a Tiller deployed outside the
 * stack cannot be judged from it.
 */
export function serviceNoTiller() {
  return stackPolicies({
    name: "kubernetes-core-service-no-tiller",
    description:
      "No Service selects the pods of a Tiller (Helm v2) workload of the stack, found by their image.",
    enforcementLevel: "mandatory",
    meta: {
      area: "stack",
      severity: "critical",
      requirements: [req.sncAdminInterfaces, req.isoPrivilegedAccess, req.isoConfiguration],
      remediation:
        "Delete the Service and the Tiller workload behind it; deploy charts with Helm 3, which runs no server in the cluster.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const index = StackIndex.of(args.resources);
      const tillers = tillerPods(index);
      if (tillers.length === 0) return;
      for (const service of index.matching((t) =>
        /^kubernetes:core\/v1:Service(Patch)?$/.test(t),
      )) {
        const spec = obj(service.props.spec);
        const selectorValue = isUnknown(service.props.spec) ? service.props.spec : spec?.selector;
        if (isUnknown(selectorValue)) {
          unknown(
            `Service "${service.name}": \`spec.selector\` is unknown during preview.`,
            service.urn,
          );
          continue;
        }
        const selector = obj(selectorValue);
        if (!selector || Object.keys(selector).length === 0) continue;
        const known = stringMap(selector);
        const selectorUnknown = Object.keys(known).length < Object.keys(selector).length;
        const namespace = namespaceOf(service);
        for (const tiller of tillers) {
          const selects = Object.entries(known).every(([k, v]) => tiller.labels[k] === v);
          if (!selects) continue;
          const sameNamespace =
            namespace === undefined || tiller.namespace === undefined
              ? "unknown"
              : namespace === tiller.namespace;
          if (sameNamespace === false) continue;
          if (sameNamespace === "unknown" || selectorUnknown)
            unknown(
              `Service "${service.name}" may select Tiller's pods (${tiller.label}): its ${selectorUnknown ? "selector" : "namespace"} is unknown during preview.`,
              service.urn,
            );
          else
            report(
              `Service "${service.name}" selects the pods of ${tiller.label}, which runs Tiller (Helm v2): it publishes an unauthenticated server that installs anything. Delete both; deploy with Helm 3.`,
              service.urn,
            );
        }
      }
    },
  });
}

interface TillerPod {
  readonly label: string;
  /** Undefined while unknown during preview. */
  readonly namespace: string | undefined;
  readonly labels: Record<string, string>;
}

/** Pod templates of the stack that run Tiller, with the labels a Service selects them by. */
function tillerPods(index: StackIndex): TillerPod[] {
  const found: TillerPod[] = [];
  for (const r of index.all) {
    if (!r.type.startsWith("kubernetes:")) continue;
    for (const pod of podSpecsOf(r.type, r.props)) {
      const tiller = containersOf(pod).some(({ container }) => {
        const image = str(container.image);
        return image !== undefined && clusterConsoleOf(image) === "Tiller (Helm v2)";
      });
      if (!tiller) continue;
      // The pod's labels sit beside its spec: `metadata` of a Pod, `spec.template.metadata`...
      const metadataPath = pod.path.replace(/spec$/, "metadata");
      found.push({
        label: `${r.name} (${r.type.split(":").pop()})`,
        namespace: namespaceOf(r),
        labels: stringMap(obj(at(r.props, metadataPath))?.labels),
      });
    }
  }
  return found;
}

/** A namespaced resource's namespace: `default` when absent, undefined while unknown. */
function namespaceOf(r: IndexedResource): string | undefined {
  const value = obj(r.props.metadata)?.namespace;
  if (isUnknown(value)) return undefined;
  return str(value) ?? "default";
}
