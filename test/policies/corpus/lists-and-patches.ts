/**
 * Pods declared in the two forms a program uses besides the object itself: a `<Kind>List`
 * (`items`, each item a workload in its own namespace) and a `<Kind>Patch` of a live workload,
 * which names only the fields it changes (a pod-level field or a template annotation, with no
 * container). Each bad case with a compliant twin.
 */
import { hardenedPodSpec, unknown, type Stack } from "../baseline";
import { bad, good, unknownOf, type Case } from "./case";
import { namespacePolicies } from "./namespaces";
import { podRules as P, wholePodTwins } from "./pod-unknowns";
import { isolatedNamespace, podWith } from "./shapes";

type Json = Record<string, unknown>;

const manifests = "kubernetes-yaml-manifests-judged";

/** The twins naming the fields a Patch of a container leaves at their live value. */
const leftLiveTwins = [
  P.escalation,
  P.nonRoot,
  P.caps,
  P.readOnly,
  P.limits,
  P.seccomp,
  P.probes,
  P.highUid,
].map(unknownOf);

/** A Deployment object as a List item carries it, in `namespace`, running `spec`. */
const deploymentItem = (name: string, namespace: string, spec: unknown): Json => ({
  apiVersion: "apps/v1",
  kind: "Deployment",
  metadata: { name, namespace },
  spec: {
    selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec },
  },
});

const inApps =
  (change: (s: Stack) => void) =>
  (s: Stack): void => {
    isolatedNamespace(s, "apps");
    change(s);
  };

const deploymentList = (s: Stack, items: unknown) =>
  s.add("apps-list", "kubernetes:apps/v1:DeploymentList", {
    apiVersion: "apps/v1",
    kind: "DeploymentList",
    items,
  });

const patch = (s: Stack, template: Json) =>
  s.add("apps-patch", "kubernetes:apps/v1:DeploymentPatch", {
    metadata: { name: "live-app", namespace: "apps" },
    spec: { template },
  });

/** The hardened pod's container as a Patch names it, with the `securityContext` it writes. */
const mainContainer = (securityContext?: Json): Json => ({
  name: "main",
  image: hardenedPodSpec().containers[0].image,
  ...(securityContext ? { securityContext } : {}),
});

/** A Patch's bad value: the policy's finding, and the twins of every other field it leaves live. */
const andOtherLeftLiveTwins = (policy: string) => [
  policy,
  ...leftLiveTwins.filter((t) => t !== unknownOf(policy)),
];

export const listAndPatchCases: Case[] = [
  // --- Lists ---------------------------------------------------------------------------------
  good(
    "a DeploymentList of hardened workloads in an isolated namespace passes",
    inApps((s) =>
      deploymentList(s, [
        deploymentItem("a", "apps", hardenedPodSpec()),
        deploymentItem("b", "apps", hardenedPodSpec()),
      ]),
    ),
  ),
  bad(
    "a DeploymentList whose second item runs on the host network is rejected",
    [P.hostNs],
    inApps((s) =>
      deploymentList(s, [
        deploymentItem("a", "apps", hardenedPodSpec()),
        deploymentItem(
          "b",
          "apps",
          podWith((_c, spec) => (spec.hostNetwork = true)),
        ),
      ]),
    ),
  ),
  bad(
    "a PodList item running a privileged container is rejected",
    [P.privileged],
    inApps((s) =>
      s.add("pods", "kubernetes:core/v1:PodList", {
        items: [
          {
            kind: "Pod",
            metadata: { name: "p", namespace: "apps" },
            spec: podWith((c) => ((c.securityContext as Json).privileged = true)),
          },
        ],
      }),
    ),
  ),
  bad(
    "a DeploymentList item in a namespace neither isolated nor declared is rejected and named",
    [namespacePolicies.isolation, unknownOf(namespacePolicies.isolation)],
    inApps((s) => deploymentList(s, [deploymentItem("a", "elsewhere", hardenedPodSpec())])),
  ),
  bad(
    "a DeploymentList whose items are unknown during preview is named by every pod twin, not passed",
    // Their namespaces are unknown too: the baseline's Service may select them (Tiller unseen).
    [
      ...wholePodTwins,
      unknownOf(namespacePolicies.isolation),
      unknownOf("kubernetes-core-service-no-tiller"),
    ],
    inApps((s) => deploymentList(s, unknown)),
  ),
  bad(
    "a JobList item whose pod template is unknown during preview is named, not passed",
    wholePodTwins,
    inApps((s) =>
      s.add("jobs", "kubernetes:batch/v1:JobList", {
        items: [
          { kind: "Job", metadata: { name: "j", namespace: "apps" }, spec: { template: unknown } },
        ],
      }),
    ),
  ),
  // --- Patches without containers ---------------------------------------------------------------
  bad(
    "a DeploymentPatch turning on hostNetwork without naming a container is rejected",
    [P.hostNs],
    inApps((s) => patch(s, { spec: { hostNetwork: true } })),
  ),
  good(
    "a DeploymentPatch setting only a pod-level toleration passes (what it does not name stays as it is)",
    inApps((s) =>
      patch(s, {
        spec: { tolerations: [{ key: "gpu", operator: "Exists", effect: "NoSchedule" }] },
      }),
    ),
  ),
  bad(
    "a DeploymentPatch adding an unconfined AppArmor annotation to the pod template is rejected",
    [P.kernelConfinement],
    inApps((s) =>
      patch(s, {
        metadata: {
          annotations: { "container.apparmor.security.beta.kubernetes.io/main": "unconfined" },
        },
      }),
    ),
  ),
  good(
    "a DeploymentPatch that only restarts the pods (a template annotation) passes",
    inApps((s) =>
      patch(s, {
        metadata: { annotations: { "kubectl.kubernetes.io/restartedAt": "2026-12-04T06:00:00Z" } },
      }),
    ),
  ),
  bad(
    "a DeploymentPatch whose pod-level securityContext is unknown during preview is named, not passed",
    [P.hostProcess, P.kernelConfinement].map(unknownOf),
    inApps((s) => patch(s, { spec: { securityContext: unknown } })),
  ),
  // --- Patches naming a container -----------------------------------------------------------
  // A container a Patch names is merged into the live one by name: a field the Patch does not
  // set keeps its live value, which the program does not show. The absence rules name it
  // through their twins (it may also be a container the Patch adds), never report it.
  bad(
    "a DeploymentPatch bumping one container's image reports nothing mandatory; the fields it leaves live are named",
    leftLiveTwins,
    inApps((s) =>
      patch(s, {
        spec: { containers: [mainContainer()] },
      }),
    ),
  ),
  bad(
    "a DeploymentPatch turning on privilege escalation in a container is rejected",
    andOtherLeftLiveTwins(P.escalation),
    inApps((s) =>
      patch(s, {
        spec: { containers: [mainContainer({ allowPrivilegeEscalation: true })] },
      }),
    ),
  ),
  bad(
    "a DeploymentPatch setting an Unconfined seccomp profile on the pod is rejected",
    andOtherLeftLiveTwins(P.seccomp),
    inApps((s) =>
      patch(s, {
        spec: {
          securityContext: { seccompProfile: { type: "Unconfined" } },
          containers: [mainContainer()],
        },
      }),
    ),
  ),
  bad(
    "a DeploymentPatch replacing a container's capability drops without ALL is rejected",
    andOtherLeftLiveTwins(P.caps),
    inApps((s) =>
      patch(s, {
        spec: { containers: [mainContainer({ capabilities: { drop: ["NET_RAW"] } })] },
      }),
    ),
  ),
  // --- Manifests registered by the provider (yaml/v2, kustomize/v2) ---------------------------
  bad(
    "a yaml/v2 ConfigGroup whose yaml is unknown during preview is named (its objects are not registered)",
    [manifests],
    (s) => s.add("manifests", "kubernetes:yaml/v2:ConfigGroup", { yaml: unknown }),
  ),
  bad(
    "a yaml/v2 ConfigGroup object with one field unknown during preview is named (it holds every object back)",
    [manifests],
    (s) =>
      s.add("manifests", "kubernetes:yaml/v2:ConfigGroup", {
        objs: [
          { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: unknown } },
        ],
      }),
  ),
  good(
    "a yaml/v2 ConfigGroup of known objects passes (they are registered and judged as resources)",
    (s) =>
      s.add("manifests", "kubernetes:yaml/v2:ConfigGroup", {
        objs: [
          { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "c", namespace: "platform" } },
        ],
      }),
  ),
  bad(
    "a kustomize/v2 Directory whose directory is unknown during preview is named",
    [manifests],
    (s) => s.add("kustomized", "kubernetes:kustomize/v2:Directory", { directory: unknown }),
  ),
];
