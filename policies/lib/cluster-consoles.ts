/**
 * Recognises, from a container image reference, the two in-cluster consoles that administer a
 * whole cluster: the Kubernetes dashboard and Tiller, Helm v2's server. Judged by the image's
 * repository path, never by a name or label a program chooses, and whatever registry serves it
 * (mirrors keep the path: `mirror.example.eu/docker.io/kubernetesui/dashboard-api`).
 *
 * - Dashboard: the `kubernetesui` organisation publishes only the dashboard and its parts
 *   (`dashboard`, and since chart v7 `dashboard-api`, `-auth`, `-web`, `-metrics-scraper`:
 *   kubernetes/dashboard charts/kubernetes-dashboard/values.yaml; `metrics-scraper` in v2);
 *   before it, `k8s.gcr.io/kubernetes-dashboard-amd64` (the stable chart's values). Checkov's
 *   CKV_K8S_33 (checkov/kubernetes/checks/resource/k8s/KubernetesDashboard.py) fails the same
 *   two markers, by substring.
 * - Tiller: `gcr.io/kubernetes-helm/tiller`, later `ghcr.io/helm/tiller`: the repository's last
 *   segment is `tiller` (CKV_K8S_34, Tiller.py, fails "tiller" anywhere in the reference, which
 *   would also catch unrelated names such as "distiller"; the last segment is exact).
 */
import { parseImage } from "./images";

export type ClusterConsole = "Kubernetes dashboard" | "Tiller (Helm v2)";

/** Which console an image reference runs, if any. */
export function clusterConsoleOf(image: string): ClusterConsole | undefined {
  const segments = parseImage(image).path.toLowerCase().split("/");
  const last = segments[segments.length - 1];
  if (last === "tiller") return "Tiller (Helm v2)";
  if (last.startsWith("kubernetes-dashboard")) return "Kubernetes dashboard";
  const organisation = segments.lastIndexOf("kubernetesui");
  if (organisation >= 0 && organisation === segments.length - 2) return "Kubernetes dashboard";
  return undefined;
}

/** Helm charts that install the dashboard, by the chart's own name (`repo/name`, `oci://…/name`). */
export function chartConsoleOf(chart: string): ClusterConsole | undefined {
  const name = chart.replace(/\/+$/, "").split("/").pop()?.toLowerCase();
  return name === "kubernetes-dashboard" ? "Kubernetes dashboard" : undefined;
}

/**
 * Whether Tiller's arguments keep its gRPC port on the pod's loopback (`--listen=localhost:44134`,
 * `127.0.0.1`, or the address as the next argument), the hardening CKV_K8S_45
 * (TillerDeploymentListener.py) asks for.
 */
export function tillerListensOnLoopback(args: readonly unknown[]): boolean {
  const loopback = (text: string) => text.includes("localhost") || text.includes("127.0.0.1");
  return args.some((arg, i) => {
    if (typeof arg !== "string" || !arg.startsWith("--listen")) return false;
    if (arg.includes("=")) return loopback(arg);
    const next = args[i + 1];
    return typeof next === "string" && loopback(next);
  });
}
