/**
 * Workload family beyond the Pod Security fields: Windows HostProcess containers, Secrets handed
 * over as environment variables, git-sync's command override, the `default` service account in
 * use, the `default` namespace, and NGINX configuration snippets on Ingresses. Each in several
 * shapes (kinds, API versions, Patch and List forms, pod or container level) with a compliant
 * twin and a value unknown during preview.
 */
import { unknown, type Stack } from "../baseline";
import { bad, good, unknownOf, type Case } from "./case";
import { podWith } from "./shapes";
import { mksServer } from "./endpoints";

export const workloadPolicies = {
  hostProcess: "kubernetes-core-pod-no-windows-host-process",
  secretEnv: "kubernetes-core-pod-no-secret-env",
  gitSync: "kubernetes-core-pod-no-git-sync-command-override",
  defaultSa: "kubernetes-core-pod-no-default-service-account",
  token: "kubernetes-core-pod-no-service-account-token",
  defaultNs: "kubernetes-core-no-default-namespace",
  snippet: "kubernetes-networking-ingress-no-snippet-annotations",
} as const;
const P = workloadPolicies;

type Json = Record<string, unknown>;
const euImage = (name: string) =>
  `registry.hdh-sovereign.example.fr/hdh/${name}:1.0.0@sha256:${"e".repeat(64)}`;
const gitSyncImage = `registry.hdh-sovereign.example.fr/mirror/git-sync:v4.2.4@sha256:${"f".repeat(64)}`;

const deploymentOf = (s: Stack, key: string, spec: Json, namespace = "platform") =>
  s.add(key, "kubernetes:apps/v1:Deployment", {
    metadata: { name: key, namespace },
    spec: {
      selector: { matchLabels: { app: key } },
      template: { metadata: { labels: { app: key } }, spec },
    },
  });
const k8sProvider = (s: Stack, inputs: Json) =>
  s.add("k8s", "pulumi:providers:kubernetes", inputs).urn;
const ingress = (annotations: unknown, type = "kubernetes:networking.k8s.io/v1:Ingress") => ({
  type,
  inputs: {
    metadata: { name: "portal", namespace: "platform", annotations },
    spec: {
      tls: [{ hosts: ["portal.hdh.example.fr"], secretName: "portal-tls" }],
      rules: [{ host: "portal.hdh.example.fr" }],
    },
  },
});

export const workloadCases: Case[] = [
  // --- Windows HostProcess ---------------------------------------------------------------------
  bad(
    "a Pod whose pod-level windowsOptions ask for HostProcess is rejected",
    [P.hostProcess],
    (s) =>
      s.add("win-agent", "kubernetes:core/v1:Pod", {
        metadata: { name: "win-agent", namespace: "platform" },
        spec: podWith((_c, spec) => {
          (spec.securityContext as Json).windowsOptions = { hostProcess: true };
        }),
      }),
  ),
  bad("one HostProcess container of a DaemonSet is rejected", [P.hostProcess], (s) =>
    s.add("win-ds", "kubernetes:apps/v1:DaemonSet", {
      metadata: { name: "win-ds", namespace: "platform" },
      spec: {
        selector: { matchLabels: { app: "win" } },
        template: {
          spec: podWith((c) => {
            (c.securityContext as Json).windowsOptions = {
              hostProcess: true,
              runAsUserName: "NT AUTHORITY\\SYSTEM",
            };
          }),
        },
      },
    }),
  ),
  good("windowsOptions naming a user, without HostProcess, pass", (s) =>
    deploymentOf(
      s,
      "win-app",
      podWith((c) => {
        (c.securityContext as Json).windowsOptions = {
          runAsUserName: "ContainerUser",
          hostProcess: false,
        };
      }),
    ),
  ),
  bad(
    "a HostProcess flag unknown during preview is reported as unknown",
    [unknownOf(P.hostProcess)],
    (s) =>
      deploymentOf(
        s,
        "win-later",
        podWith((c) => {
          (c.securityContext as Json).windowsOptions = { hostProcess: unknown };
        }),
      ),
  ),

  // --- Secrets as environment variables (advisory) ---------------------------------------------
  bad("a Secret key handed over as an environment variable is flagged", [P.secretEnv], (s) =>
    deploymentOf(
      s,
      "api",
      podWith((c) => {
        c.env = [
          { name: "LOG_LEVEL", value: "info" },
          { name: "DB_PASSWORD", valueFrom: { secretKeyRef: { name: "db", key: "password" } } },
        ];
      }),
    ),
  ),
  bad(
    "a whole Secret turned into variables of a Job's init container is flagged",
    [P.secretEnv],
    (s) =>
      s.add("migrate", "kubernetes:batch/v1:Job", {
        metadata: { name: "migrate", namespace: "platform" },
        spec: {
          template: {
            spec: podWith((_c, spec) => {
              const init = structuredClone((spec.containers as Json[])[0]);
              init.name = "init";
              init.envFrom = [
                { configMapRef: { name: "settings" } },
                { secretRef: { name: "db" } },
              ];
              spec.initContainers = [init];
            }),
          },
        },
      }),
  ),
  good("a Secret mounted as a file and settings from a ConfigMap pass", (s) =>
    deploymentOf(
      s,
      "api",
      podWith((c, spec) => {
        c.env = [
          { name: "DB_PASSWORD_FILE", value: "/run/secrets/db/password" },
          { name: "MODE", valueFrom: { configMapKeyRef: { name: "settings", key: "mode" } } },
        ];
        c.volumeMounts = [{ name: "db", mountPath: "/run/secrets/db", readOnly: true }];
        (spec.volumes as Json[]).push({ name: "db", secret: { secretName: "db" } });
      }),
    ),
  ),
  bad(
    "an environment entry unknown during preview is reported as unknown",
    [unknownOf(P.secretEnv)],
    (s) =>
      deploymentOf(
        s,
        "api",
        podWith((c) => {
          c.env = [{ name: "DB_PASSWORD", valueFrom: unknown }];
        }),
      ),
  ),

  // --- git-sync's command override -------------------------------------------------------------
  bad("a sidecar setting GITSYNC_GIT is rejected, whatever its image", [P.gitSync], (s) =>
    deploymentOf(
      s,
      "docs",
      podWith((c) => {
        c.env = [
          { name: "GITSYNC_REPO", value: "https://git.hdh.example.fr/docs" },
          { name: "GITSYNC_GIT", value: "/tmp/run" },
        ];
      }, euImage("docs-sync")),
    ),
  ),
  bad("git-sync v3's GIT_SYNC_GIT in a CronJob is rejected", [P.gitSync], (s) =>
    s.add("sync", "kubernetes:batch/v1:CronJob", {
      metadata: { name: "sync", namespace: "platform" },
      spec: {
        schedule: "*/5 * * * *",
        jobTemplate: {
          spec: {
            template: {
              spec: podWith((c) => {
                c.env = [{ name: "GIT_SYNC_GIT", value: "sh" }];
              }, gitSyncImage),
            },
          },
        },
      },
    }),
  ),
  bad("git-sync's --git argument is rejected", [P.gitSync], (s) =>
    deploymentOf(
      s,
      "docs",
      podWith((c) => {
        c.args = ["--repo=https://git.hdh.example.fr/docs", "--git=/bin/sh"];
      }, gitSyncImage),
    ),
  ),
  good("git-sync with its ordinary flags passes", (s) =>
    deploymentOf(
      s,
      "docs",
      podWith((c) => {
        c.args = ["--repo=https://git.hdh.example.fr/docs", "--root=/git", "--period=60s"];
      }, gitSyncImage),
    ),
  ),
  good("another program's --git flag passes (only git-sync reads it as a command)", (s) =>
    deploymentOf(
      s,
      "ci",
      podWith((c) => {
        c.args = ["--git=https://git.hdh.example.fr/app"];
      }, euImage("builder")),
    ),
  ),

  // --- the default service account in use ------------------------------------------------------
  bad(
    "a pod naming the default service account with its token mounted is rejected",
    [P.defaultSa, P.token],
    (s) =>
      deploymentOf(
        s,
        "api",
        podWith((_c, spec) => {
          spec.serviceAccountName = "default";
          spec.automountServiceAccountToken = true;
        }),
      ),
  ),
  bad(
    "a custom resource whose pod template runs as the default service account with its token mounted is rejected",
    [P.defaultSa, P.token],
    // The rule declares every Kubernetes type but the built-in kinds without a pod template
    // (lib/pod-bearing-types.ts): a workload kind it has never heard of is still read.
    (s) =>
      s.add("canary", "kubernetes:argoproj.io/v1alpha1:Rollout", {
        metadata: { name: "canary", namespace: "platform" },
        spec: {
          selector: { matchLabels: { app: "canary" } },
          template: {
            metadata: { labels: { app: "canary" } },
            spec: podWith((_c, spec) => {
              spec.serviceAccountName = "default";
              spec.automountServiceAccountToken = true;
            }),
          },
        },
      }),
  ),
  bad("the default ServiceAccount mounting its token is rejected", [P.defaultSa], (s) =>
    s.add("ws-default-sa", "kubernetes:core/v1:ServiceAccount", {
      metadata: { name: "default", namespace: "ws-cardio" },
    }),
  ),
  bad(
    "a ServiceAccountPatch turning the default account's token on is rejected",
    [P.defaultSa],
    (s) =>
      s.add("ws-default-sa", "kubernetes:core/v1:ServiceAccountPatch", {
        metadata: { name: "default", namespace: "platform" },
        automountServiceAccountToken: true,
      }),
  ),
  good("the default ServiceAccount with its token off passes", (s) =>
    s.add("ws-default-sa", "kubernetes:core/v1:ServiceAccount", {
      metadata: { name: "default", namespace: "ws-cardio" },
      automountServiceAccountToken: false,
    }),
  ),
  bad(
    "a pod with its own service account mounting the token is only flagged as advisory",
    [P.token],
    (s) =>
      deploymentOf(
        s,
        "operator",
        podWith((_c, spec) => {
          spec.serviceAccountName = "operator";
          delete spec.automountServiceAccountToken;
        }),
      ),
  ),
  bad(
    "a service account name unknown during preview is reported as unknown",
    [unknownOf(P.defaultSa), P.token],
    (s) =>
      deploymentOf(
        s,
        "operator",
        podWith((_c, spec) => {
          spec.serviceAccountName = unknown;
          delete spec.automountServiceAccountToken;
        }),
      ),
  ),

  // --- the default namespace -------------------------------------------------------------------
  bad("a ConfigMap in the default namespace is rejected", [P.defaultNs], (s) =>
    s.add("settings", "kubernetes:core/v1:ConfigMap", {
      metadata: { name: "settings", namespace: "default" },
      data: { mode: "batch" },
    }),
  ),
  bad(
    "a Role of an older RBAC API version in the default namespace is rejected",
    [P.defaultNs],
    // The rule declares its kinds in every group and version (`kubernetes:*:Role`), so a version
    // the corpus holds nowhere else is still judged.
    (s) =>
      s.add("reader", "kubernetes:rbac.authorization.k8s.io/v1beta1:Role", {
        metadata: { name: "reader", namespace: "default" },
        rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get"] }],
      }),
  ),
  bad("the second item of a SecretList in default is rejected", [P.defaultNs], (s) =>
    s.add("secrets", "kubernetes:core/v1:SecretList", {
      items: [
        { metadata: { name: "a", namespace: "platform" } },
        { metadata: { name: "b", namespace: "default" } },
      ],
    }),
  ),
  bad(
    "a Service naming no namespace, whose provider's kubeconfig context names none, lands in default and is rejected",
    [P.defaultNs],
    (s) => {
      const providerUrn = k8sProvider(s, {
        kubeconfig: JSON.stringify({
          "current-context": "ops",
          clusters: [{ name: "hdh", cluster: { server: mksServer } }],
          contexts: [{ name: "ops", context: { cluster: "hdh", user: "ops" } }],
        }),
      });
      s.add(
        "metrics",
        "kubernetes:core/v1:Service",
        { metadata: { name: "metrics" }, spec: { ports: [{ port: 9090 }] } },
        { providerUrn },
      );
    },
  ),
  good("a ConfigMap naming no namespace, whose provider places it in platform, passes", (s) => {
    const providerUrn = k8sProvider(s, {
      namespace: "platform",
      kubeconfig: JSON.stringify({ clusters: [{ name: "hdh", cluster: { server: mksServer } }] }),
    });
    s.add(
      "settings",
      "kubernetes:core/v1:ConfigMap",
      { metadata: { name: "settings" }, data: {} },
      { providerUrn },
    );
  }),
  good("Kubernetes' own kubernetes Service in default passes", (s) =>
    s.add("kubernetes-svc", "kubernetes:core/v1:ServicePatch", {
      metadata: { name: "kubernetes", namespace: "default" },
    }),
  ),
  bad("a namespace unknown during preview is reported as unknown", [unknownOf(P.defaultNs)], (s) =>
    s.add("settings", "kubernetes:core/v1:ConfigMap", {
      metadata: { name: "settings", namespace: unknown },
      data: {},
    }),
  ),

  // --- NGINX configuration snippets ------------------------------------------------------------
  bad("an Ingress with a Lua configuration snippet is rejected", [P.snippet], (s) => {
    const i = ingress({
      "nginx.ingress.kubernetes.io/configuration-snippet": "access_by_lua_block { ngx.say('x') }",
    });
    s.add("portal-ingress", i.type, i.inputs);
  }),
  bad(
    "an extensions/v1beta1 IngressPatch with an alias server snippet is rejected",
    [P.snippet],
    (s) => {
      const i = ingress(
        {
          "nginx.ingress.kubernetes.io/server-snippet": "location /x { alias /var/run/secrets/; }",
        },
        "kubernetes:extensions/v1beta1:IngressPatch",
      );
      s.add("portal-ingress", i.type, i.inputs);
    },
  ),
  bad("an auth snippet on an item of an IngressList is rejected", [P.snippet], (s) =>
    s.add("ingresses", "kubernetes:networking.k8s.io/v1:IngressList", {
      items: [
        ingress({ "nginx.ingress.kubernetes.io/auth-snippet": "proxy_set_header X-A b;" }).inputs,
      ],
    }),
  ),
  good("an Ingress with ordinary controller annotations passes", (s) => {
    const i = ingress({
      "nginx.ingress.kubernetes.io/proxy-body-size": "10m",
      "nginx.ingress.kubernetes.io/backend-protocol": "HTTPS",
    });
    s.add("portal-ingress", i.type, i.inputs);
  }),
  bad(
    "Ingress annotations unknown during preview are reported as unknown",
    [unknownOf(P.snippet)],
    (s) => {
      const i = ingress(unknown);
      s.add("portal-ingress", i.type, i.inputs);
    },
  ),
];
