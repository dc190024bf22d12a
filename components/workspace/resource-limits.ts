/**
 * The workspace's resource ceiling: a quota for the whole namespace and per-container limits,
 * both from the project's configured CPU, memory and storage. No load balancer, no node port:
 * a workspace is reached only through the research gateway.
 */
import type * as k8s from "@pulumi/kubernetes";
import type { WorkspaceSpec } from "./workspace-spec";
import { cpuQuantity } from "./analysis-pod";

/** Pods a project may run at once: its tool, a restart overlapping it, and airlock helpers. */
export const maxPods = 4;

type Sizing = Pick<WorkspaceSpec, "cpu" | "memoryGiB" | "storageGiB">;

/** ResourceQuota spec: twice the tool's size, so a restart can overlap the running pod. */
export function workspaceQuotaSpec(config: Sizing): k8s.types.input.core.v1.ResourceQuotaSpec {
  return {
    hard: {
      "requests.cpu": cpuQuantity(config.cpu * 2),
      "limits.cpu": cpuQuantity(config.cpu * 2),
      "requests.memory": `${config.memoryGiB * 2}Gi`,
      "limits.memory": `${config.memoryGiB * 2}Gi`,
      "requests.storage": `${config.storageGiB}Gi`,
      persistentvolumeclaims: "1",
      pods: String(maxPods),
      "services.loadbalancers": "0",
      "services.nodeports": "0",
    },
  };
}

/** LimitRange spec: defaults for containers that name none, and the tool's size as ceiling. */
export function workspaceLimitRangeSpec(config: Sizing): k8s.types.input.core.v1.LimitRangeSpec {
  return {
    limits: [
      {
        type: "Container",
        default: { cpu: "500m", memory: "512Mi" },
        defaultRequest: { cpu: "100m", memory: "256Mi" },
        max: { cpu: cpuQuantity(config.cpu), memory: `${config.memoryGiB}Gi` },
      },
      { type: "PersistentVolumeClaim", max: { storage: `${config.storageGiB}Gi` } },
    ],
  };
}
