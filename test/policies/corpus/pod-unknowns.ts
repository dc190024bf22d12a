/**
 * Values the pod hardening rules judge, unknown during preview: reported by each rule's advisory
 * twin, naming the path (container and field), never passed and never a mandatory finding. In
 * every shape an unknown arrives in: one field, a container's or the pod's securityContext, a
 * container list, the whole pod spec of each built-in workload kind (and a Patch), and a Service
 * selecting pods whose image is unknown. Each with a compliant (or known-bad) twin showing the
 * rule still decides what it can see.
 */
import { unknown, type Stack } from "../baseline";
import { bad, good, unknownOf, type Case } from "./case";
import { isolatedNamespace, podWith } from "./shapes";

/** Every rule built on kubernetes/pod-rule.ts: each has a twin naming what it could not judge. */
export const podRules = {
  privileged: "kubernetes-core-pod-no-privileged",
  escalation: "kubernetes-core-pod-no-privilege-escalation",
  hostNs: "kubernetes-core-pod-no-host-namespaces",
  hostPath: "kubernetes-core-pod-no-host-path",
  hostPorts: "kubernetes-core-pod-no-host-ports",
  nonRoot: "kubernetes-core-pod-run-as-non-root",
  caps: "kubernetes-core-pod-drop-all-capabilities",
  readOnly: "kubernetes-core-pod-read-only-root-filesystem",
  limits: "kubernetes-core-pod-resource-limits",
  seccomp: "kubernetes-core-pod-seccomp-profile",
  token: "kubernetes-core-pod-no-service-account-token",
  registry: "kubernetes-core-pod-image-eu-registry",
  immutable: "kubernetes-core-pod-image-immutable-reference",
  hostProcess: "kubernetes-core-pod-no-windows-host-process",
  kernelConfinement: "kubernetes-core-pod-no-kernel-confinement-override",
  secretEnv: "kubernetes-core-pod-no-secret-env",
  gitSync: "kubernetes-core-pod-no-git-sync-command-override",
  probes: "kubernetes-core-pod-health-probes",
  highUid: "kubernetes-core-pod-run-as-high-uid",
} as const;
const P = podRules;
const console = "kubernetes-core-pod-no-dashboard-or-tiller";
const defaultSa = "kubernetes-core-pod-no-default-service-account";
const tillerService = "kubernetes-core-service-no-tiller";

/** The twins that name a container list unknown during preview: every pod rule's, the console rule's. */
export const containerListTwins = [...Object.values(P), console].map(unknownOf);
/** The twins that name a whole pod unknown during preview: those, and the default account's. */
export const wholePodTwins = [...containerListTwins, unknownOf(defaultSa)];
/** The twins that name an image unknown during preview. */
const imageTwins = [P.registry, P.immutable, console].map(unknownOf);

type Json = Record<string, unknown>;
const sc = (o: Json) => o.securityContext as Json;
/** A controller (`spec.template.spec`) of `type` in namespace `apps`, its pods labelled app=key. */
const controller = (s: Stack, key: string, type: string, spec: unknown, extra: Json = {}) =>
  s.add(key, type, {
    metadata: { name: key, namespace: "apps" },
    spec: {
      selector: { matchLabels: { app: key } },
      template: { metadata: { labels: { app: key } }, spec },
      ...extra,
    },
  });
const deployment = (s: Stack, key: string, spec: unknown) =>
  controller(s, key, "kubernetes:apps/v1:Deployment", spec);
const service = (s: Stack, key: string, selector: Json, namespace = "apps") =>
  s.add(key, "kubernetes:core/v1:Service", {
    metadata: { name: key, namespace },
    spec: { type: "ClusterIP", ports: [{ port: 8080 }], selector },
  });
/** A case whose change runs in a stack holding the isolated `apps` namespace. */
const inApps =
  (change: (s: Stack) => void) =>
  (s: Stack): void => {
    isolatedNamespace(s, "apps");
    change(s);
  };

const fieldCases: Case[] = [
  // --- one field unknown, per rule -----------------------------------------------------------
  bad(
    "a privileged flag unknown during preview is named by the twin, not passed",
    [unknownOf(P.privileged)],
    inApps((s) =>
      deployment(
        s,
        "priv-later",
        podWith((c) => (sc(c).privileged = unknown)),
      ),
    ),
  ),
  good(
    "privileged: false, known, passes",
    inApps((s) =>
      deployment(
        s,
        "priv-off",
        podWith((c) => (sc(c).privileged = false)),
      ),
    ),
  ),
  bad(
    "allowPrivilegeEscalation unknown on an init container is named, not rejected",
    [unknownOf(P.escalation)],
    inApps((s) =>
      controller(
        s,
        "db",
        "kubernetes:apps/v1:StatefulSet",
        podWith((c, spec) => {
          const init = structuredClone(c);
          init.name = "init-perms";
          sc(init).allowPrivilegeEscalation = unknown;
          spec.initContainers = [init];
        }),
        { serviceName: "db" },
      ),
    ),
  ),
  bad(
    "readOnlyRootFilesystem unknown in a Job is named by the twin",
    [unknownOf(P.readOnly)],
    inApps((s) =>
      s.add("export", "kubernetes:batch/v1:Job", {
        metadata: { name: "export", namespace: "apps" },
        spec: { template: { spec: podWith((c) => (sc(c).readOnlyRootFilesystem = unknown)) } },
      }),
    ),
  ),
  bad(
    "a capabilities block unknown during preview is named",
    [unknownOf(P.caps)],
    inApps((s) =>
      deployment(
        s,
        "caps-later",
        podWith((c) => (sc(c).capabilities = unknown)),
      ),
    ),
  ),
  bad(
    "a drop list whose only entry is unknown is named (it may not be ALL)",
    [unknownOf(P.caps)],
    inApps((s) =>
      deployment(
        s,
        "drop-later",
        podWith((c) => (sc(c).capabilities = { drop: [unknown] })),
      ),
    ),
  ),
  good(
    "a drop list with ALL known beside an unknown entry passes",
    inApps((s) =>
      deployment(
        s,
        "drop-all",
        podWith((c) => (sc(c).capabilities = { drop: ["ALL", unknown] })),
      ),
    ),
  ),
  bad(
    "an added capability unknown during preview is named (it may be SYS_ADMIN)",
    [unknownOf(P.caps)],
    inApps((s) =>
      deployment(
        s,
        "add-later",
        podWith((c) => (sc(c).capabilities = { drop: ["ALL"], add: [unknown] })),
      ),
    ),
  ),
  bad(
    "a known SYS_ADMIN beside an unknown added capability is still rejected, and the unknown named",
    [P.caps, unknownOf(P.caps)],
    inApps((s) =>
      deployment(
        s,
        "add-mixed",
        podWith((c) => (sc(c).capabilities = { drop: ["ALL"], add: ["SYS_ADMIN", unknown] })),
      ),
    ),
  ),
  bad(
    "the pod's seccomp profile unknown, the container setting none, is named",
    [unknownOf(P.seccomp)],
    inApps((s) =>
      deployment(
        s,
        "seccomp-later",
        podWith((_c, spec) => (sc(spec).seccompProfile = unknown)),
      ),
    ),
  ),
  good(
    "a container's own RuntimeDefault profile settles the pod's unknown one",
    inApps((s) =>
      deployment(
        s,
        "seccomp-own",
        podWith((c, spec) => {
          sc(spec).seccompProfile = unknown;
          sc(c).seccompProfile = { type: "RuntimeDefault" };
        }),
      ),
    ),
  ),
  bad(
    "runAsNonRoot unknown on the pod is named by the twin",
    [unknownOf(P.nonRoot)],
    inApps((s) =>
      deployment(
        s,
        "nonroot-later",
        podWith((_c, spec) => (sc(spec).runAsNonRoot = unknown)),
      ),
    ),
  ),
  good(
    "runAsNonRoot on the container settles the pod's unknown one",
    inApps((s) =>
      deployment(
        s,
        "nonroot-own",
        podWith((c, spec) => {
          sc(spec).runAsNonRoot = unknown;
          sc(c).runAsNonRoot = true;
        }),
      ),
    ),
  ),
  bad(
    "a known UID 0 is rejected even when runAsNonRoot is unknown",
    [P.nonRoot, P.highUid],
    inApps((s) =>
      deployment(
        s,
        "root-known",
        podWith((_c, spec) => {
          sc(spec).runAsNonRoot = unknown;
          sc(spec).runAsUser = 0;
        }),
      ),
    ),
  ),
  bad(
    "hostNetwork unknown on a bare Pod is named by the twin",
    [unknownOf(P.hostNs)],
    inApps((s) =>
      s.add("probe", "kubernetes:core/v1:Pod", {
        metadata: { name: "probe", namespace: "apps" },
        spec: podWith((_c, spec) => (spec.hostNetwork = unknown)),
      }),
    ),
  ),
  good(
    "hostNetwork: false, known, passes",
    inApps((s) =>
      s.add("probe", "kubernetes:core/v1:Pod", {
        metadata: { name: "probe", namespace: "apps" },
        spec: podWith((_c, spec) => (spec.hostNetwork = false)),
      }),
    ),
  ),
  bad(
    "a volume list unknown during preview is named (it may hold a hostPath)",
    [unknownOf(P.hostPath)],
    inApps((s) =>
      deployment(
        s,
        "vols-later",
        podWith((_c, spec) => (spec.volumes = unknown)),
      ),
    ),
  ),
  bad(
    "one volume unknown during preview is named",
    [unknownOf(P.hostPath)],
    inApps((s) =>
      deployment(
        s,
        "vol-later",
        podWith((_c, spec) => (spec.volumes = [{ name: "scratch", emptyDir: {} }, unknown])),
      ),
    ),
  ),
  bad(
    "a hostPath volume whose path is unknown is still a hostPath: rejected",
    [P.hostPath],
    inApps((s) =>
      deployment(
        s,
        "hostpath-later",
        podWith((_c, spec) => (spec.volumes = [{ name: "node", hostPath: { path: unknown } }])),
      ),
    ),
  ),
  bad(
    "a port list unknown during preview is named (it may bind a host port)",
    [unknownOf(P.hostPorts)],
    inApps((s) =>
      deployment(
        s,
        "ports-later",
        podWith((c) => (c.ports = unknown)),
      ),
    ),
  ),
  bad(
    "a hostPort unknown during preview is named",
    [unknownOf(P.hostPorts)],
    inApps((s) =>
      deployment(
        s,
        "hostport-later",
        podWith((c) => (c.ports = [{ containerPort: 8080, hostPort: unknown }])),
      ),
    ),
  ),
  good(
    "a containerPort unknown during preview, without hostPort, passes",
    inApps((s) =>
      deployment(
        s,
        "port-later",
        podWith((c) => (c.ports = [{ containerPort: unknown }])),
      ),
    ),
  ),
  bad(
    "automountServiceAccountToken unknown during preview is named by both rules that read it",
    [unknownOf(P.token), unknownOf(defaultSa)],
    inApps((s) =>
      deployment(
        s,
        "token-later",
        podWith((_c, spec) => (spec.automountServiceAccountToken = unknown)),
      ),
    ),
  ),
  bad(
    "resources unknown during preview are named (limits may be missing)",
    [unknownOf(P.limits)],
    inApps((s) =>
      deployment(
        s,
        "res-later",
        podWith((c) => (c.resources = unknown)),
      ),
    ),
  ),
  bad(
    "a memory limit unknown and a CPU limit missing: the missing one is rejected, the unknown named",
    [P.limits, unknownOf(P.limits)],
    inApps((s) =>
      deployment(
        s,
        "limits-mixed",
        podWith((c) => (c.resources = { limits: { memory: unknown } })),
      ),
    ),
  ),
  bad(
    "an image unknown during preview is named by the registry, pinning and console twins",
    imageTwins,
    inApps((s) =>
      deployment(
        s,
        "image-later",
        podWith((c) => (c.image = unknown)),
      ),
    ),
  ),
  bad(
    "an image from Docker Hub is rejected beside an ephemeral container whose image is unknown",
    [P.registry, P.immutable, "kubernetes-core-pod-image-extra-eu-registry", ...imageTwins],
    inApps((s) =>
      s.add("debug", "kubernetes:core/v1:Pod", {
        metadata: { name: "debug", namespace: "apps" },
        spec: podWith((c, spec) => {
          c.image = "busybox";
          spec.ephemeralContainers = [{ ...structuredClone(c), name: "dbg", image: unknown }];
        }),
      }),
    ),
  ),
];

const contextCases: Case[] = [
  // --- a whole securityContext unknown -------------------------------------------------------
  bad(
    "a container's whole securityContext unknown is named by every rule reading it",
    [
      P.privileged,
      P.escalation,
      P.readOnly,
      P.caps,
      P.nonRoot,
      P.seccomp,
      P.highUid,
      P.hostProcess,
      P.kernelConfinement,
    ].map(unknownOf),
    inApps((s) =>
      deployment(
        s,
        "sc-later",
        podWith((c) => (c.securityContext = unknown)),
      ),
    ),
  ),
  bad(
    "the pod's whole securityContext unknown is named where the container sets nothing itself",
    [P.nonRoot, P.seccomp, P.highUid, P.hostProcess, P.kernelConfinement].map(unknownOf),
    inApps((s) =>
      deployment(
        s,
        "podsc-later",
        podWith((_c, spec) => (spec.securityContext = unknown)),
      ),
    ),
  ),
  bad(
    "a container setting its own user, root guard and profile leaves only the pod-level fields unknown (HostProcess flag, sysctls and SELinux)",
    [unknownOf(P.hostProcess), unknownOf(P.kernelConfinement)],
    inApps((s) =>
      deployment(
        s,
        "podsc-own",
        podWith((c, spec) => {
          spec.securityContext = unknown;
          Object.assign(sc(c), {
            runAsNonRoot: true,
            runAsUser: 10001,
            seccompProfile: { type: "RuntimeDefault" },
          });
        }),
      ),
    ),
  ),
];

const containerListCases: Case[] = [
  // --- a container list unknown ----------------------------------------------------------------
  bad(
    "a Deployment's containers unknown during preview are named by every pod rule's twin",
    containerListTwins,
    inApps((s) =>
      deployment(
        s,
        "containers-later",
        podWith((_c, spec) => (spec.containers = unknown)),
      ),
    ),
  ),
  bad(
    "a DaemonSet whose only container is unknown is named by every pod rule's twin",
    containerListTwins,
    inApps((s) =>
      controller(
        s,
        "agent",
        "kubernetes:apps/v1:DaemonSet",
        podWith((_c, spec) => (spec.containers = [unknown])),
      ),
    ),
  ),
];

/** A built-in workload of `type` whose pod, at `path` on the way to its pod spec, is unknown. */
function unknownPod(key: string, type: string, inputs: Json, alsoNamedBy: string[] = []): Case {
  return bad(
    `a ${type.split(":").pop()} whose ${Object.keys(inputs).includes("template") ? "template" : "pod"} is unknown during preview is named by every pod rule's twin (${key})`,
    [...wholePodTwins, ...alsoNamedBy.map(unknownOf)],
    inApps((s) => s.add(key, type, { metadata: { name: key, namespace: "apps" }, ...inputs })),
  );
}

const wholePodCases: Case[] = [
  // --- the whole pod unknown, per workload kind ------------------------------------------------
  unknownPod("pod-spec", "kubernetes:core/v1:Pod", { spec: unknown }),
  unknownPod("deploy-template", "kubernetes:apps/v1:Deployment", {
    spec: { selector: { matchLabels: { app: "x" } }, template: unknown },
  }),
  // A StatefulSet's unknown spec also hides its volume claim templates (their storage class).
  unknownPod("sts-spec", "kubernetes:apps/v1:StatefulSet", { spec: unknown }, [
    "kubernetes-core-persistentvolumeclaim-encrypted-class",
  ]),
  unknownPod("ds-podspec", "kubernetes:apps/v1:DaemonSet", {
    spec: { selector: {}, template: { metadata: { labels: { app: "x" } }, spec: unknown } },
  }),
  unknownPod("rs-template", "kubernetes:apps/v1:ReplicaSet", {
    spec: { selector: {}, template: unknown },
  }),
  unknownPod("rc-template", "kubernetes:core/v1:ReplicationController", {
    spec: { template: unknown },
  }),
  unknownPod("job-template", "kubernetes:batch/v1:Job", { spec: { template: unknown } }),
  unknownPod("cron-job-template", "kubernetes:batch/v1:CronJob", {
    spec: { schedule: "@daily", jobTemplate: unknown },
  }),
  unknownPod("pod-template", "kubernetes:core/v1:PodTemplate", { template: unknown }),
  unknownPod("old-deploy", "kubernetes:extensions/v1beta1:Deployment", { spec: unknown }),
  unknownPod("deploy-patch", "kubernetes:apps/v1:DeploymentPatch", {
    spec: { template: { spec: unknown } },
  }),
  good(
    "a DeploymentPatch that changes no pod (replicas only) is not a pod",
    inApps((s) =>
      s.add("scale", "kubernetes:apps/v1:DeploymentPatch", {
        metadata: { name: "scale", namespace: "apps" },
        spec: { replicas: unknown },
      }),
    ),
  ),
  good(
    "a ConfigMap whose data is unknown is not taken for a pod",
    inApps((s) =>
      s.add("settings", "kubernetes:core/v1:ConfigMap", {
        metadata: { name: "settings", namespace: "apps" },
        data: unknown,
      }),
    ),
  ),
];

const tillerCases: Case[] = [
  // --- a Service selecting pods whose image is unknown -----------------------------------------
  bad(
    "a Service selecting pods whose image is unknown during preview is named: they may run Tiller",
    [...imageTwins, unknownOf(tillerService)],
    inApps((s) => {
      deployment(
        s,
        "helm-later",
        podWith((c) => (c.image = unknown)),
      );
      service(s, "helm-api", { app: "helm-later" });
    }),
  ),
  bad(
    "a Service selecting other pods than those whose image is unknown is not named",
    imageTwins,
    inApps((s) => {
      deployment(
        s,
        "helm-later",
        podWith((c) => (c.image = unknown)),
      );
      deployment(
        s,
        "web",
        podWith(() => {}),
      );
      service(s, "web", { app: "web" });
    }),
  ),
  bad(
    "a Service in another namespace than the pods whose image is unknown is not named",
    imageTwins,
    inApps((s) => {
      deployment(
        s,
        "helm-later",
        podWith((c) => (c.image = unknown)),
      );
      service(s, "helm-api", { app: "helm-later" }, "ws-cardio");
    }),
  ),
  bad(
    "a Service beside a workload whose whole pod template is unknown is named: it may select Tiller",
    [...wholePodTwins, unknownOf(tillerService)],
    inApps((s) => {
      controller(s, "opaque", "kubernetes:apps/v1:Deployment", unknown);
      service(s, "opaque-api", { app: "opaque" });
    }),
  ),
];

export const podUnknownCases: Case[] = [
  ...fieldCases,
  ...contextCases,
  ...containerListCases,
  ...wholePodCases,
  ...tillerCases,
];
