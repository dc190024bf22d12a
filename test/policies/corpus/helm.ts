/**
 * Helm releases (helm.sh/v3 Release, helm.sh/v4 Chart): values publishing a Service, giving pods
 * the node, pulling images from outside the allowed registries, wherever the chart nests them;
 * values that cannot be judged (or that a post-renderer rewrites) are named by an advisory; the
 * chart itself fetched in clear is rejected. Each with a compliant twin.
 */
import { unknown, type Stack } from "../baseline";
import { bad, good, unknownOf, type Case } from "./case";

export const helmPolicies = {
  exposure: "kubernetes-helm-release-no-service-exposure",
  host: "kubernetes-helm-release-no-host-access",
  registry: "kubernetes-helm-release-image-eu-registry",
  judged: "kubernetes-helm-release-values-judged",
  chartTls: "kubernetes-helm-release-chart-over-tls",
  root: "kubernetes-helm-release-no-root-or-escalation",
} as const;
const P = helmPolicies;

const euImage = {
  registry: "registry.hdh-sovereign.example.fr",
  repository: "mirror/nginx",
  tag: "1.27.0",
};
const release = (s: Stack, values: unknown, extra: Record<string, unknown> = {}, v4 = false) =>
  s.add("ingress", v4 ? "kubernetes:helm.sh/v4:Chart" : "kubernetes:helm.sh/v3:Release", {
    chart: "ingress-nginx",
    namespace: "ingress",
    values,
    ...extra,
  });

export const helmCases: Case[] = [
  bad("a release publishing its controller as a LoadBalancer is rejected", [P.exposure], (s) =>
    release(s, { controller: { image: euImage, service: { type: "LoadBalancer" } } }),
  ),
  bad("a v4 Chart with a NodePort deep in its values is rejected", [P.exposure], (s) =>
    release(s, { primary: { metrics: { service: { type: "nodeport" } } } }, {}, true),
  ),
  good("a release whose services are ClusterIP passes", (s) =>
    release(s, { controller: { image: euImage, service: { type: "ClusterIP" } } }),
  ),
  bad("a release turning on host networking is rejected", [P.host], (s) =>
    release(s, { controller: { hostNetwork: true, image: euImage } }),
  ),
  bad("a release running a privileged container in a list item is rejected", [P.host], (s) =>
    release(s, { sidecars: [{ name: "a" }, { name: "b", securityContext: { privileged: true } }] }),
  ),
  bad("a release mounting a host path is rejected", [P.host], (s) =>
    release(s, { extraVolumes: [{ name: "logs", hostPath: { path: "/var/log" } }] }),
  ),
  good("a release with host access explicitly off passes", (s) =>
    release(s, { hostNetwork: false, securityContext: { privileged: false }, image: euImage }),
  ),
  bad("a release pulling from Docker Hub (no registry host) is rejected", [P.registry], (s) =>
    release(s, { image: "bitnami/postgresql:16.4.0" }),
  ),
  bad("a release whose image object names ghcr.io is rejected", [P.registry], (s) =>
    release(s, {
      exporter: { image: { registry: "ghcr.io", repository: "org/exporter", tag: "2.0" } },
    }),
  ),
  bad(
    "a global.imageRegistry outside the EU overrides every image and is rejected",
    [P.registry],
    (s) =>
      release(s, {
        global: { imageRegistry: "quay.io" },
        image: { repository: "org/app", tag: "1" },
      }),
  ),
  good("a release whose images are mirrored in the EU registry passes", (s) =>
    release(s, {
      global: { imageRegistry: "registry.hdh-sovereign.example.fr" },
      image: { repository: "mirror/app", tag: "1.0.0" },
    }),
  ),
  bad(
    "values unknown during preview are an advisory finding, never a silent pass",
    [P.judged],
    (s) => release(s, unknown),
  ),
  bad("a value unknown during preview is named by the advisory", [P.judged], (s) =>
    release(s, { controller: { image: euImage, service: { type: unknown } } }),
  ),
  bad("values given as files are an advisory finding", [P.judged], (s) =>
    release(s, {}, { valueYamlFiles: [{ path: "values-prod.yaml" }] }),
  ),
  bad(
    "a release whose manifests a post-renderer rewrites is an advisory finding",
    [P.judged],
    (s) =>
      release(
        s,
        { controller: { image: euImage } },
        { postrender: "/usr/local/bin/kustomize-wrap" },
      ),
  ),
  bad("a v4 Chart with a post-renderer command is an advisory finding", [P.judged], (s) =>
    release(
      s,
      { image: euImage },
      { postRenderer: { command: "kustomize", args: ["build"] } },
      true,
    ),
  ),
  bad("a chart from a repository in plain http:// is rejected", [P.chartTls], (s) =>
    release(
      s,
      { image: euImage },
      { repositoryOpts: { repo: "http://registry.hdh-sovereign.example.fr/chartrepo/stable" } },
    ),
  ),
  bad("a chart given as an HTTP:// URL is rejected", [P.chartTls], (s) =>
    s.add("tool", "kubernetes:helm.sh/v3:Release", {
      chart: "HTTP://registry.hdh-sovereign.example.fr/charts/tool-1.2.0.tgz",
      namespace: "tools",
      values: {},
    }),
  ),
  bad("a v4 Chart downloaded with plainHttp is rejected", [P.chartTls], (s) =>
    release(
      s,
      { image: euImage },
      { chart: "oci://registry.hdh-sovereign.example.fr/charts/ingress-nginx", plainHttp: true },
      true,
    ),
  ),
  good("a chart from an https:// repository, or OCI over TLS, passes", (s) => {
    release(
      s,
      { image: euImage },
      { repositoryOpts: { repo: "https://registry.hdh-sovereign.example.fr/chartrepo/stable" } },
    );
    s.add("tool", "kubernetes:helm.sh/v4:Chart", {
      chart: "oci://registry.hdh-sovereign.example.fr/charts/tool",
      namespace: "tools",
      values: {},
      plainHttp: false,
    });
  }),
  // --- The chart's origin: the allowed registries, like the images it deploys -------------------
  bad(
    "a chart from a public HTTPS repository outside the allowed registries is rejected",
    [P.registry],
    (s) =>
      release(
        s,
        { image: euImage },
        { repositoryOpts: { repo: "https://charts.bitnami.com/bitnami" } },
      ),
  ),
  bad("a v3 chart pulled from Docker Hub over OCI is rejected", [P.registry], (s) =>
    release(
      s,
      { image: euImage },
      { chart: "oci://registry-1.docker.io/bitnamicharts/postgresql" },
    ),
  ),
  bad("a v4 Chart from an OCI repository on ghcr.io is rejected", [P.registry], (s) =>
    release(
      s,
      { image: euImage },
      { chart: "app", repositoryOpts: { repo: "oci://ghcr.io/org/charts" } },
      true,
    ),
  ),
  bad("a packaged chart downloaded from GitHub releases is rejected", [P.registry], (s) =>
    release(
      s,
      { image: euImage },
      { chart: "https://github.com/org/repo/releases/download/v1/app-1.0.0.tgz" },
    ),
  ),
  bad(
    "a chart from a look-alike host that only starts with the registry's name is rejected",
    [P.registry],
    (s) =>
      release(
        s,
        { image: euImage },
        { chart: "oci://registry.hdh-sovereign.example.fr.attacker.io/charts/app" },
      ),
  ),
  good("a chart pulled over OCI from the platform's registry passes", (s) =>
    release(
      s,
      { image: euImage },
      { chart: "oci://registry.hdh-sovereign.example.fr/charts/ingress-nginx" },
      true,
    ),
  ),
  good("a chart read from a local directory passes (nothing downloaded)", (s) =>
    release(s, { image: euImage }, { chart: "./charts/ingress-nginx" }),
  ),
  // --- Manifest files downloaded in clear ------------------------------------------------------
  bad("a yaml/v2 ConfigFile downloaded over http:// is rejected", [P.chartTls], (s) =>
    s.add("manifests", "kubernetes:yaml/v2:ConfigFile", { file: "http://example.com/app.yaml" }),
  ),
  bad(
    "a yaml/v2 ConfigGroup with one http:// file among its files is rejected",
    [P.chartTls],
    (s) =>
      s.add("manifests", "kubernetes:yaml/v2:ConfigGroup", {
        files: ["./local.yaml", "http://example.com/app.yaml"],
      }),
  ),
  bad("a v1 ConfigFile downloaded over http:// is rejected", [P.chartTls], (s) =>
    s.add("manifests", "kubernetes:yaml:ConfigFile", { file: "http://example.com/app.yaml" }),
  ),
  bad("a kustomize/v2 Directory fetched from an http:// git URL is rejected", [P.chartTls], (s) =>
    s.add("overlay", "kubernetes:kustomize/v2:Directory", {
      directory: "http://git.example.fr/team/deploy//overlays/prod?ref=v1.0.0",
    }),
  ),
  good("a yaml/v2 ConfigFile downloaded over https:// passes", (s) =>
    s.add("manifests", "kubernetes:yaml/v2:ConfigFile", { file: "https://example.com/app.yaml" }),
  ),
  bad(
    "a repository URL unknown during preview is reported as unknown, not compliant",
    [unknownOf(P.chartTls)],
    (s) => release(s, { image: euImage }, { repositoryOpts: { repo: unknown } }),
  ),
  bad("a release running its pods as UID 0 is rejected", [P.root], (s) =>
    release(s, { image: euImage, podSecurityContext: { runAsUser: 0 } }),
  ),
  bad("a release allowing privilege escalation is rejected", [P.root], (s) =>
    release(s, { image: euImage, containerSecurityContext: { allowPrivilegeEscalation: true } }),
  ),
  bad("a release adding SYS_ADMIN is rejected", [P.root], (s) =>
    release(s, { image: euImage, securityContext: { capabilities: { add: ["SYS_ADMIN"] } } }),
  ),
  bad("a v4 Chart with an Unconfined seccomp profile is rejected", [P.root], (s) =>
    release(s, { podSecurityContext: { seccompProfile: { type: "Unconfined" } } }, {}, true),
  ),
  good("a release dropping ALL, adding only NET_BIND_SERVICE, as a non-root UID passes", (s) =>
    release(s, {
      image: euImage,
      podSecurityContext: { runAsNonRoot: true, runAsUser: 101 },
      securityContext: {
        allowPrivilegeEscalation: false,
        capabilities: { drop: ["ALL"], add: ["NET_BIND_SERVICE"] },
        seccompProfile: { type: "RuntimeDefault" },
      },
    }),
  ),
  bad("a release binding a node port with hostPort is rejected", [P.host], (s) =>
    release(s, { image: euImage, daemonset: { containerPort: { http: 80 }, hostPort: 8080 } }),
  ),
  bad("ingress-nginx's hostPort block, enabled, is rejected", [P.host], (s) =>
    release(s, {
      controller: { image: euImage, hostPort: { enabled: true, ports: { http: 80, https: 443 } } },
    }),
  ),
  good("ingress-nginx's hostPort block as shipped (enabled: false) passes", (s) =>
    release(s, {
      controller: { image: euImage, hostPort: { enabled: false, ports: { http: 80, https: 443 } } },
    }),
  ),
  bad("a release giving a Service external IPs is rejected", [P.exposure], (s) =>
    release(s, {
      controller: { image: euImage, service: { type: "ClusterIP", externalIPs: ["192.0.2.10"] } },
    }),
  ),
  good("an empty externalIPs list passes", (s) =>
    release(s, { controller: { image: euImage, service: { type: "ClusterIP", externalIPs: [] } } }),
  ),
];
