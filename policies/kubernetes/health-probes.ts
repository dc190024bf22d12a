import { isUnknown, list, obj, str } from "../lib/values";
import { req } from "../requirements";
import { leftLiveMessage, podPolicies, type PodContext } from "./pod-rule";

/**
 * Every long-running container declares a liveness and a readiness probe, so the kubelet restarts
 * a hung process and no traffic reaches a container that is not ready (Checkov CKV_K8S_8 and
 * CKV_K8S_9, LivenessProbe.py and ReadinessProbe.py: regular containers of every workload kind
 * but Job and CronJob). Availability hygiene, not a confidentiality control: advisory.
 *
 * Judged by what the pod does rather than its kind: a pod that runs to completion (a Job's or
 * CronJob's, or any pod with `restartPolicy: Never`/`OnFailure`, which Jobs require) needs no
 * probe. Checked: regular containers, and init containers with `restartPolicy: Always` (native
 * sidecars, which run beside the workload and take probes); other init and ephemeral containers
 * take none.
 */
const probes = ["livenessProbe", "readinessProbe"] as const;

export function podHealthProbes() {
  return podPolicies({
    name: "kubernetes-core-pod-health-probes",
    description:
      "Long-running containers declare a liveness and a readiness probe (pods that run to completion need none).",
    enforcementLevel: "advisory",
    meta: {
      severity: "low",
      requirements: [req.sncAvailability, req.isoMonitoring],
      remediation:
        "Add `livenessProbe` and `readinessProbe` (httpGet, tcpSocket, grpc or exec) to each long-running container.",
      settings: [],
    },
    check: (context, report, unknown) => {
      const completion = runsToCompletion(context);
      if (completion === true) return;
      for (const { label, container, sidecar } of longRunning(context)) {
        for (const probe of probes) {
          const value = container[probe];
          if (isUnknown(value)) unknown(`${label}.${probe} is unknown during preview.`);
          else if (value === undefined && context.pod.patch)
            unknown(leftLiveMessage(`${label}.${probe}`, `whether ${label} is probed`));
          else if (!hasHandler(value)) {
            if (sidecar === "unknown")
              unknown(
                `${label} has no ${probe}, and its restartPolicy is unknown during preview (a native sidecar, restartPolicy Always, needs one).`,
              );
            else if (completion === "unknown")
              unknown(
                `${label} has no ${probe}, and ${context.pod.path}.restartPolicy is unknown during preview (a pod that runs to completion needs none).`,
              );
            else
              report(
                `${label} has no ${probe}: ${probe === "livenessProbe" ? "a hung process is never restarted" : "traffic reaches it before it is ready"}. Add one.`,
              );
          }
        }
      }
    },
  });
}

/** Whether the pod runs to completion (Job, CronJob, restartPolicy Never/OnFailure). */
function runsToCompletion({ pod, type }: PodContext): boolean | "unknown" {
  if (
    pod.runsToCompletion ||
    /:(Job|CronJob)$/.test(type) ||
    pod.path.endsWith("spec.jobTemplate.spec.template.spec") ||
    pod.path.endsWith("spec.jobTargetRef.template.spec")
  )
    return true;
  const policy = pod.spec.restartPolicy;
  if (isUnknown(policy)) return "unknown";
  return policy === "Never" || policy === "OnFailure";
}

/**
 * Regular containers and native sidecars (init containers with `restartPolicy: Always`); an init
 * container whose restartPolicy is unknown during preview may be a sidecar (`sidecar: "unknown"`).
 */
function longRunning({ pod, containers }: PodContext) {
  const initContainers = list(pod.spec.initContainers) ?? [];
  const sidecars = new Set(initContainers.filter((c) => str(obj(c)?.restartPolicy) === "Always"));
  const maybeSidecars = new Set(initContainers.filter((c) => isUnknown(obj(c)?.restartPolicy)));
  return containers
    .filter(
      ({ label, container }) =>
        label.startsWith(`${pod.path}.containers[`) ||
        sidecars.has(container) ||
        maybeSidecars.has(container),
    )
    .map((c) => ({ ...c, sidecar: maybeSidecars.has(c.container) ? "unknown" : undefined }));
}

/** A probe's handlers (Kubernetes `Probe`/`ProbeHandler`): one of them says what is probed. */
const handlers = ["exec", "httpGet", "tcpSocket", "grpc"];

/** A probe with a handler; `{}` or timings alone probe nothing. */
function hasHandler(value: unknown): boolean {
  const probe = obj(value);
  return probe !== undefined && handlers.some((h) => probe[h] !== undefined && probe[h] !== null);
}
