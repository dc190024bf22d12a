/**
 * Helm releases (helm.sh/v3 Release, helm.sh/v4 Chart): values publishing a Service, giving pods
 * the node, pulling images from outside the allowed registries, wherever the chart nests them;
 * values that cannot be judged are named by an advisory. Each with a compliant twin.
 */
import { unknown, type Stack } from "../baseline";
import { bad, good, type Case } from "./case";

export const helmPolicies = {
  exposure: "kubernetes-helm-release-no-service-exposure",
  host: "kubernetes-helm-release-no-host-access",
  registry: "kubernetes-helm-release-image-eu-registry",
  judged: "kubernetes-helm-release-values-judged",
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
];
