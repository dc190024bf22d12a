/**
 * Availability and UID hygiene (both advisory): liveness and readiness probes on long-running
 * containers, in every workload shape, with pods that run to completion exempt by what they do;
 * and containers running as a UID of 10000 or above unless the pod has its own user namespace.
 * Each with a compliant twin and a value unknown during preview.
 */
import { unknown, type Stack } from "../baseline";
import { bad, good, unknownOf, type Case } from "./case";
import { podWith } from "./shapes";
import { containerListTwins } from "./pod-unknowns";

export const hygienePolicies = {
  probes: "kubernetes-core-pod-health-probes",
  highUid: "kubernetes-core-pod-run-as-high-uid",
} as const;
const P = hygienePolicies;

type Json = Record<string, unknown>;
const sc = (o: Json) => o.securityContext as Json;
const workload = (s: Stack, key: string, type: string, spec: Json) =>
  s.add(key, type, {
    metadata: { name: key, namespace: "platform" },
    spec: {
      selector: { matchLabels: { app: key } },
      template: { metadata: { labels: { app: key } }, spec },
    },
  });
const deployment = (s: Stack, key: string, spec: Json) =>
  workload(s, key, "kubernetes:apps/v1:Deployment", spec);
/** A second container, copied from the first (same image and hardening), named `name`. */
const copyOf = (spec: Json, name: string, extra: Json = {}): Json => ({
  ...structuredClone((spec.containers as Json[])[0]),
  name,
  ...extra,
});

export const hygieneCases: Case[] = [
  // --- liveness and readiness probes ----------------------------------------------------------
  bad("a Deployment's container without a liveness probe is flagged", [P.probes], (s) =>
    deployment(
      s,
      "api",
      podWith((c) => delete c.livenessProbe),
    ),
  ),
  bad("a StatefulSet's container without a readiness probe is flagged", [P.probes], (s) =>
    workload(
      s,
      "db",
      "kubernetes:apps/v1:StatefulSet",
      podWith((c) => delete c.readinessProbe),
    ),
  ),
  bad("a probe giving only timings, no handler, is flagged", [P.probes], (s) =>
    workload(
      s,
      "agent",
      "kubernetes:apps/v1:DaemonSet",
      podWith((c) => (c.livenessProbe = { initialDelaySeconds: 10, periodSeconds: 5 })),
    ),
  ),
  bad(
    "a native sidecar (init container, restartPolicy Always) without probes is flagged",
    [P.probes],
    (s) =>
      deployment(
        s,
        "proxied",
        podWith((_c, spec) => {
          const sidecar = copyOf(spec, "proxy", { restartPolicy: "Always" });
          delete sidecar.livenessProbe;
          delete sidecar.readinessProbe;
          spec.initContainers = [sidecar];
        }),
      ),
  ),
  bad(
    "an init container without probes whose restartPolicy is unknown (maybe a sidecar) is reported as unknown",
    [unknownOf(P.probes)],
    (s) =>
      deployment(
        s,
        "maybe-proxied",
        podWith((_c, spec) => {
          const init = copyOf(spec, "proxy", { restartPolicy: unknown });
          delete init.livenessProbe;
          delete init.readinessProbe;
          spec.initContainers = [init];
        }),
      ),
  ),
  bad(
    "a container list unknown during preview is named by the twin of every pod rule, the cluster-console rule's included",
    containerListTwins,
    (s) =>
      deployment(
        s,
        "later",
        podWith((_c, spec) => (spec.initContainers = [unknown])),
      ),
  ),
  good("an ordinary init container without probes passes", (s) =>
    deployment(
      s,
      "seeded",
      podWith((_c, spec) => {
        const init = copyOf(spec, "seed");
        delete init.livenessProbe;
        delete init.readinessProbe;
        spec.initContainers = [init];
      }),
    ),
  ),
  good("exec, tcpSocket and grpc probes pass", (s) =>
    deployment(
      s,
      "probed",
      podWith((c) => {
        c.livenessProbe = { exec: { command: ["/bin/health"] } };
        c.readinessProbe = { tcpSocket: { port: 8888 } };
      }),
    ),
  ),
  good("a Job's container without probes passes: it runs to completion", (s) =>
    s.add("export", "kubernetes:batch/v1:Job", {
      metadata: { name: "export", namespace: "platform" },
      spec: {
        template: {
          spec: podWith((c, spec) => {
            delete c.livenessProbe;
            delete c.readinessProbe;
            spec.restartPolicy = "Never";
          }),
        },
      },
    }),
  ),
  good("a bare Pod with restartPolicy OnFailure without probes passes", (s) =>
    s.add("once", "kubernetes:core/v1:Pod", {
      metadata: { name: "once", namespace: "platform" },
      spec: podWith((c, spec) => {
        delete c.livenessProbe;
        delete c.readinessProbe;
        spec.restartPolicy = "OnFailure";
      }),
    }),
  ),
  bad(
    "a liveness probe unknown during preview is reported as unknown",
    [unknownOf(P.probes)],
    (s) =>
      deployment(
        s,
        "later",
        podWith((c) => (c.livenessProbe = unknown)),
      ),
  ),
  bad(
    "a pod without probes whose restartPolicy is unknown is reported as unknown",
    [unknownOf(P.probes)],
    (s) =>
      s.add("maybe-once", "kubernetes:core/v1:Pod", {
        metadata: { name: "maybe-once", namespace: "platform" },
        spec: podWith((c, spec) => {
          delete c.livenessProbe;
          spec.restartPolicy = unknown;
        }),
      }),
  ),

  // --- high UID -------------------------------------------------------------------------------
  bad("a pod running as UID 1000 is flagged", [P.highUid], (s) =>
    deployment(
      s,
      "uid1000",
      podWith((_c, spec) => (sc(spec).runAsUser = 1000)),
    ),
  ),
  bad("a container overriding the pod's high UID with 999 is flagged", [P.highUid], (s) =>
    deployment(
      s,
      "override",
      podWith((c) => (sc(c).runAsUser = 999)),
    ),
  ),
  good("a container raising a low pod UID to 20000 passes", (s) =>
    deployment(
      s,
      "raised",
      podWith((c, spec) => {
        sc(spec).runAsUser = 1000;
        sc(c).runAsUser = 20000;
      }),
    ),
  ),
  bad("a pod setting no runAsUser anywhere (the image's user) is flagged", [P.highUid], (s) =>
    deployment(
      s,
      "image-user",
      podWith((_c, spec) => delete sc(spec).runAsUser),
    ),
  ),
  bad("an init container of a Job running as UID 1000 is flagged", [P.highUid], (s) =>
    s.add("prepare", "kubernetes:batch/v1:Job", {
      metadata: { name: "prepare", namespace: "platform" },
      spec: {
        template: {
          spec: podWith((_c, spec) => {
            spec.restartPolicy = "Never";
            const init = copyOf(spec, "fetch");
            init.securityContext = { ...sc(init), runAsUser: 1000 };
            spec.initContainers = [init];
          }),
        },
      },
    }),
  ),
  good("a pod in its own user namespace (hostUsers: false) may run as UID 1000", (s) =>
    deployment(
      s,
      "userns",
      podWith((_c, spec) => {
        sc(spec).runAsUser = 1000;
        spec.hostUsers = false;
      }),
    ),
  ),
  good("a Windows pod (runAsUser does not apply) passes", (s) =>
    deployment(
      s,
      "win",
      podWith((_c, spec) => {
        delete sc(spec).runAsUser;
        spec.os = { name: "windows" };
      }),
    ),
  ),
  bad(
    "a runAsUser unknown during preview is reported as unknown (it may be 0, or below 10000)",
    [unknownOf(P.highUid), unknownOf("kubernetes-core-pod-run-as-non-root")],
    (s) =>
      deployment(
        s,
        "uid-later",
        podWith((_c, spec) => (sc(spec).runAsUser = unknown)),
      ),
  ),
  bad(
    "a low UID whose hostUsers is unknown during preview is reported as unknown",
    [unknownOf(P.highUid)],
    (s) =>
      deployment(
        s,
        "userns-later",
        podWith((_c, spec) => {
          sc(spec).runAsUser = 1000;
          spec.hostUsers = unknown;
        }),
      ),
  ),
];
