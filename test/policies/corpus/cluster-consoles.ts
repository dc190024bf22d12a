/**
 * Cluster consoles: the Kubernetes dashboard and Tiller (Helm v2), recognised by their image
 * repository in every pod spec shape and in Helm releases, whatever the program names or labels
 * them; and a Service reaching Tiller's pods, found through its selector. Each with a compliant
 * twin and a value unknown during preview.
 */
import { hardenedPodSpec, unknown, type Stack } from "../baseline";
import { bad, good, unknownOf, type Case } from "./case";
import { helmPolicies } from "./helm";
import { podRules } from "./pod-unknowns";

export const consolePolicies = {
  console: "kubernetes-core-pod-no-dashboard-or-tiller",
  tillerService: "kubernetes-core-service-no-tiller",
} as const;
const P = consolePolicies;

type Json = Record<string, unknown>;
const digest = `@sha256:${"c".repeat(64)}`;
/** Images mirrored to the platform's EU registry: the mirror keeps the upstream path. */
const mirrored = (path: string, tag: string) =>
  `registry.hdh-sovereign.example.fr/mirror/${path}:${tag}${digest}`;
const dashboardApi = mirrored("docker.io/kubernetesui/dashboard-api", "1.13.0");
const dashboardV1 = mirrored("google_containers/kubernetes-dashboard-amd64", "v1.10.1");
const tiller = mirrored("kubernetes-helm/tiller", "v2.17.0");

/** A hardened pod spec running `image`, with `edit` applied to its first container. */
function podRunning(image: string, edit: (container: Json, spec: Json) => void = () => {}): Json {
  const spec = hardenedPodSpec(image) as unknown as Json;
  edit((spec.containers as Json[])[0], spec);
  return spec;
}
const workload = (
  s: Stack,
  key: string,
  type: string,
  spec: Json,
  labels: Record<string, string> = { app: key },
  namespace = "platform",
) =>
  s.add(key, type, {
    metadata: { name: key, namespace },
    spec: { selector: { matchLabels: labels }, template: { metadata: { labels }, spec } },
  });
const service = (s: Stack, key: string, selector: unknown, namespace = "platform") =>
  s.add(key, "kubernetes:core/v1:Service", {
    metadata: { name: key, namespace },
    spec: { type: "ClusterIP", ports: [{ port: 44134 }], selector },
  });
const release = (s: Stack, inputs: Json) =>
  s.add("ops-release", "kubernetes:helm.sh/v3:Release", { namespace: "platform", ...inputs });
const tillerLabels = { app: "helm", name: "tiller" };

export const consoleCases: Case[] = [
  // --- the Kubernetes dashboard ---------------------------------------------------------------
  bad(
    "a Deployment running the dashboard's API image from an EU mirror is rejected",
    [P.console],
    (s) => workload(s, "ops-ui", "kubernetes:apps/v1:Deployment", podRunning(dashboardApi)),
  ),
  bad("a bare Pod running the v1 kubernetes-dashboard-amd64 image is rejected", [P.console], (s) =>
    s.add("kd", "kubernetes:core/v1:Pod", {
      metadata: { name: "kd", namespace: "platform" },
      spec: podRunning(dashboardV1),
    }),
  ),
  bad("a Helm release whose values run the dashboard image is rejected", [P.console], (s) =>
    release(s, {
      chart: "ops/console",
      values: {
        web: {
          image: {
            registry: "registry.hdh-sovereign.example.fr",
            repository: "mirror/kubernetesui/dashboard-web",
            tag: "1.7.0",
          },
        },
      },
    }),
  ),
  bad("a Helm release of the kubernetes-dashboard chart is rejected", [P.console], (s) =>
    release(s, { chart: "kubernetes-dashboard/kubernetes-dashboard", values: {} }),
  ),
  good("a workload labelled app=kubernetes-dashboard but running Jupyter passes", (s) =>
    workload(s, "labelled", "kubernetes:apps/v1:Deployment", podRunning(hardenedImage()), {
      app: "kubernetes-dashboard",
      "k8s-app": "kubernetes-dashboard",
    }),
  ),
  good("the team's own image called dashboard passes", (s) =>
    workload(
      s,
      "kpi",
      "kubernetes:apps/v1:Deployment",
      podRunning(mirrored("hdh/dashboard", "2.0.0")),
    ),
  ),
  bad(
    "a Helm release whose chart is unknown during preview is reported as unknown",
    // Unknown too: whether that chart is fetched over TLS (helm.ts).
    [unknownOf(P.console), unknownOf(helmPolicies.chartTls)],
    (s) => release(s, { chart: unknown, values: {} }),
  ),

  // --- Tiller (Helm v2) -----------------------------------------------------------------------
  bad("a Deployment running Tiller, whatever it is named, is rejected", [P.console], (s) =>
    workload(s, "release-agent", "kubernetes:apps/v1:Deployment", podRunning(tiller)),
  ),
  bad("a ReplicaSet running Tiller on loopback only is still rejected", [P.console], (s) =>
    workload(
      s,
      "helm2",
      "kubernetes:apps/v1:ReplicaSet",
      podRunning(tiller, (c) => (c.args = ["--listen=127.0.0.1:44134"])),
    ),
  ),
  bad("a CronJob whose pod runs Tiller from ghcr.io's path is rejected", [P.console], (s) =>
    s.add("nightly", "kubernetes:batch/v1:CronJob", {
      metadata: { name: "nightly", namespace: "platform" },
      spec: {
        schedule: "0 3 * * *",
        jobTemplate: {
          spec: {
            template: {
              spec: podRunning(mirrored("ghcr.io/helm/tiller", "v2.17.0"), (_c, spec) => {
                spec.restartPolicy = "OnFailure";
              }),
            },
          },
        },
      },
    }),
  ),
  good("an image whose name only contains 'tiller' (distiller) passes", (s) =>
    workload(
      s,
      "distiller",
      "kubernetes:apps/v1:Deployment",
      podRunning(mirrored("hdh/distiller", "1.0.0")),
    ),
  ),
  bad(
    "a container image unknown during preview is reported as unknown",
    [P.console, podRules.registry, podRules.immutable].map(unknownOf),
    (s) =>
      workload(
        s,
        "later",
        "kubernetes:apps/v1:StatefulSet",
        podRunning(hardenedImage(), (c) => (c.image = unknown)),
      ),
  ),

  // --- a Service reaching Tiller ---------------------------------------------------------------
  bad(
    "a Service selecting Tiller's pods is rejected, beside the Tiller itself",
    [P.console, P.tillerService],
    (s) => {
      workload(s, "helm2", "kubernetes:apps/v1:Deployment", podRunning(tiller), tillerLabels);
      service(s, "helm-api", { app: "helm" });
    },
  ),
  bad(
    "a Service selecting other pods beside a Tiller leaves only the Tiller rejected",
    [P.console],
    (s) => {
      workload(s, "helm2", "kubernetes:apps/v1:Deployment", podRunning(tiller), tillerLabels);
      service(s, "web", { app: "web" });
    },
  ),
  bad("a Service with Tiller's labels in another namespace does not reach it", [P.console], (s) => {
    workload(s, "helm2", "kubernetes:apps/v1:Deployment", podRunning(tiller), tillerLabels);
    service(s, "helm-api", { app: "helm" }, "ws-cardio");
  }),
  good("a Service named tiller-deploy selecting a Jupyter workload passes", (s) => {
    workload(s, "notebook", "kubernetes:apps/v1:Deployment", podRunning(hardenedImage()), {
      app: "notebook",
    });
    service(s, "tiller-deploy", { app: "notebook" });
  }),
  bad(
    "a Service selecting a label of Tiller's pods whose value is unknown is named unknown, not passed",
    [P.console, unknownOf(P.tillerService)],
    (s) => {
      workload(s, "helm2", "kubernetes:apps/v1:Deployment", podRunning(tiller), {
        app: unknown,
        name: "tiller",
      });
      service(s, "helm-api", { app: "helm" });
    },
  ),
  bad(
    "a Service beside a Tiller whose whole metadata is unknown is named unknown, not passed",
    [
      P.console,
      unknownOf(P.tillerService),
      // The namespace rules' own findings on a workload whose namespace is unknown (its whole
      // metadata unknown is not `default`: named, not reported there).
      unknownOf("kubernetes-core-namespace-workload-isolation"),
      unknownOf("kubernetes-core-no-default-namespace"),
    ],
    (s) => {
      s.add("helm2", "kubernetes:apps/v1:Deployment", {
        metadata: unknown,
        spec: {
          selector: { matchLabels: tillerLabels },
          template: { metadata: { labels: tillerLabels }, spec: podRunning(tiller) },
        },
      });
      service(s, "helm-api", { app: "helm" });
    },
  ),
  bad(
    "a Service whose selector is unknown beside a Tiller is reported as unknown",
    [P.console, unknownOf(P.tillerService)],
    (s) => {
      workload(s, "helm2", "kubernetes:apps/v1:Deployment", podRunning(tiller), tillerLabels);
      service(s, "helm-api", unknown);
    },
  ),
  // --- Lists: each item in its own namespace -------------------------------------------------
  bad(
    "a ServiceList item selecting Tiller's pods is rejected, beside the Tiller itself",
    [P.console, P.tillerService],
    (s) => {
      workload(s, "helm2", "kubernetes:apps/v1:Deployment", podRunning(tiller), tillerLabels);
      s.add("services", "kubernetes:core/v1:ServiceList", {
        items: [
          {
            metadata: { name: "helm-api", namespace: "platform" },
            spec: { ports: [{ port: 44134 }], selector: { app: "helm" } },
          },
        ],
      });
    },
  ),
  bad(
    "a Service selecting a Tiller declared as a DeploymentList item of its namespace is rejected",
    [P.console, P.tillerService],
    (s) => {
      s.add("tools", "kubernetes:apps/v1:DeploymentList", {
        items: [
          {
            metadata: { name: "helm2", namespace: "platform" },
            spec: {
              selector: { matchLabels: tillerLabels },
              template: { metadata: { labels: tillerLabels }, spec: podRunning(tiller) },
            },
          },
        ],
      });
      service(s, "helm-api", { app: "helm" });
    },
  ),
  bad(
    "a Service in another namespace than a DeploymentList item running Tiller does not reach it",
    [P.console],
    (s) => {
      s.add("tools", "kubernetes:apps/v1:DeploymentList", {
        items: [
          {
            metadata: { name: "helm2", namespace: "platform" },
            spec: {
              selector: { matchLabels: tillerLabels },
              template: { metadata: { labels: tillerLabels }, spec: podRunning(tiller) },
            },
          },
        ],
      });
      service(s, "helm-api", { app: "helm" }, "ws-cardio");
    },
  ),
];

function hardenedImage(): string {
  return mirrored("hdh/jupyter", "4.1.0");
}
