import { clusterConsoleOf } from "../lib/cluster-consoles";
import { stackPolicies } from "../lib/define";
import { containersOf, podSpecsOf, unknownContainersOf, unknownPodsOf } from "../lib/pod-spec";
import { listedObjects, StackIndex, type IndexedResource } from "../lib/stack-index";
import { setOwnKey } from "../lib/prototype-keys";
import { isUnknown, obj, str, stringMap, unknownMarker } from "../lib/values";
import { req } from "../requirements";

/**
 * No Service selects Tiller's pods: it would publish Helm v2's unauthenticated server (which
 * installs anything with its own rights) to every pod of the cluster, or beyond with a
 * LoadBalancer. Checkov's CKV_K8S_44 (TillerService.py) finds such a Service by "tiller" in its
 * name, labels or selector; this rule follows the Service's selector to the workloads of the
 * stack it really reaches, in its namespace, and judges their images (lib/cluster-consoles.ts),
 * whatever either is called. A Tiller that no Service selects is still rejected by
 * `kubernetes-core-pod-no-dashboard-or-tiller`; a Service selecting a Tiller deployed outside the
 * stack cannot be judged from it. A selected pod whose image (or container list, or whole pod)
 * is unknown during preview may be Tiller: the rule names it as not judged, never passes it.
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
      const services = index
        .matching((t) => /^kubernetes:core\/v1:Service(Patch|List)?$/.test(t))
        .flatMap(listedObjects);
      for (const service of services) {
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
          const labels = tiller.labels;
          const selects = labels === "unknown" ? "unknown" : selectorMatches(known, labels);
          if (selects === false) continue;
          const sameNamespace =
            namespace === undefined || tiller.namespace === undefined
              ? "unknown"
              : namespace === tiller.namespace;
          if (sameNamespace === false) continue;
          if (tiller.unknownImage !== undefined)
            unknown(
              `Service "${service.name}" ${selects === true && sameNamespace === true && !selectorUnknown ? "selects" : "may select"} the pods of ${tiller.label}, whose \`${tiller.unknownImage}\` is unknown during preview: they may run Tiller (Helm v2).`,
              service.urn,
            );
          else if (selects === "unknown" || sameNamespace === "unknown" || selectorUnknown)
            unknown(
              `Service "${service.name}" may select Tiller's pods (${tiller.label}): ${selectorUnknown ? "its selector is" : selects === "unknown" ? "the pods' labels are" : "its namespace is"} unknown during preview.`,
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
  /** The pod's labels; "unknown" when the pod template itself is unknown during preview. */
  readonly labels: Record<string, string> | "unknown";
  /**
   * Set when the pod may run Tiller: the path of its image, container list or pod spec that is
   * unknown during preview (a known Tiller image leaves it undefined).
   */
  readonly unknownImage?: string;
}

/**
 * Pod templates of the stack that run Tiller, or may (an image, a container list or the whole
 * pod unknown during preview), with the labels a Service selects them by.
 */
function tillerPods(index: StackIndex): TillerPod[] {
  const found: TillerPod[] = [];
  for (const r of index.all) {
    if (!r.type.startsWith("kubernetes:")) continue;
    const label = `${r.name} (${r.type.split(":").pop()})`;
    for (const unknownPod of unknownPodsOf(r.type, r.props))
      found.push({
        label,
        // A List whose items are unknown hides their namespaces too.
        namespace:
          unknownPod.path === "items" ? undefined : namespaceOf(objectAt(r, unknownPod.path)),
        // Only the pod spec itself unknown leaves the labels beside it to be read.
        labels: podLabels(unknownPod.metadata),
        unknownImage: unknownPod.path,
      });
    for (const pod of podSpecsOf(r.type, r.props)) {
      const containers = containersOf(pod);
      const tiller = containers.some(({ container }) => {
        const image = str(container.image);
        return image !== undefined && clusterConsoleOf(image) === "Tiller (Helm v2)";
      });
      const unknownImage = tiller
        ? undefined
        : (unknownContainersOf(pod)[0] ??
          containers
            .filter(({ container }) => isUnknown(container.image))
            .map(({ label: at }) => `${at}.image`)[0]);
      if (!tiller && unknownImage === undefined) continue;
      found.push({
        label,
        namespace: namespaceOf(objectAt(r, pod.path)),
        labels: podLabels(pod.metadata),
        unknownImage,
      });
    }
  }
  return found;
}

/** The labels of a pod, from its metadata (`metadata` of a Pod, `spec.template.metadata`). */
function podLabels(metadata: unknown): Record<string, string> | "unknown" {
  if (isUnknown(metadata) || isUnknown(obj(metadata)?.labels)) return "unknown";
  const labels = obj(obj(metadata)?.labels) ?? {};
  const result = stringMap(labels);
  // A label whose value is unknown during preview keeps its key, marked unknown: a selector on
  // it may select the pod (selectorMatches), where dropping it would pass the Service silently.
  for (const [key, value] of Object.entries(labels))
    if (isUnknown(value)) setOwnKey(result, key, unknownMarker);
  return result;
}

/** Whether a selector's known pairs match the pod's labels: false, true, or "unknown" when a label it reads is unknown. */
function selectorMatches(
  selector: Record<string, string>,
  labels: Record<string, string>,
): boolean | "unknown" {
  let result: boolean | "unknown" = true;
  for (const [key, value] of Object.entries(selector)) {
    const label = Object.hasOwn(labels, key) ? labels[key] : undefined;
    if (isUnknown(label)) result = "unknown";
    else if (label !== value) return false;
  }
  return result;
}

/** The object a property path of `r` sits in: an item of a List (`items[2].spec`), else `r`. */
function objectAt(r: IndexedResource, path: string): IndexedResource {
  const item = /^items\[(\d+)\]/.exec(path);
  if (!item) return r;
  return listedObjects(r).find((o) => o.name === `${r.name} items[${item[1]}]`) ?? r;
}

/** A namespaced object's namespace: `default` when absent, undefined while unknown. */
function namespaceOf(r: IndexedResource): string | undefined {
  // The whole metadata unknown during preview hides the namespace too: not `default`.
  if (isUnknown(r.props.metadata)) return undefined;
  const value = obj(r.props.metadata)?.namespace;
  if (isUnknown(value)) return undefined;
  return str(value) ?? "default";
}
