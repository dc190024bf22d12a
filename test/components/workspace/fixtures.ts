/**
 * Plans workspaces under the offline engine (the same `runUnderMocks` as `hdh plan`) and reads
 * the planned Kubernetes objects back, plus a small NetworkPolicy evaluator that follows the
 * API's semantics (an empty selector selects everything), so isolation is proven from the
 * policies themselves rather than from names.
 */
import * as k8s from "@pulumi/kubernetes";
import * as openstack from "@pulumi/openstack";
import { runUnderMocks, type PlannedResource } from "../../../offline/mock-run";
import { Workspace } from "../../../components/workspace/workspace";
import type { WorkspaceArgs, WorkspaceReach } from "../../../components/workspace/workspace-args";
import type { WorkspaceConfig } from "../../../stacks/config";
import type { DataTier } from "../../../policies/catalog/data-tiers";
import { cidrContains, cidrsOverlap, parseCidr } from "../../../components/network/cidr";
import { labelKeys, mirrorRole } from "../../../policies/catalog/labels";

export const registry = "registry.hdh-sovereign.example.fr/hdh";
export const encryptedClass = "cinder-luks";
/** Pod network of the test cluster: where every workspace pod's address comes from. */
export const podCidr = "10.100.0.0/16";
export const objectStorageCidr = "10.42.8.10/32";

export const reach: WorkspaceReach = {
  dns: {
    namespace: "kube-system",
    podLabels: { "k8s-app": "kube-dns" },
    ports: [
      { port: 53, protocol: "UDP" },
      { port: 53, protocol: "TCP" },
    ],
  },
  packageMirror: {
    namespace: "hdh-mirror",
    podLabels: { [labelKeys.role]: mirrorRole },
    ports: [{ port: 8080 }],
  },
  objectStorage: { cidrs: [objectStorageCidr], ports: [{ port: 443 }] },
};

export function workspaceConfig(overrides: Partial<WorkspaceConfig> = {}): WorkspaceConfig {
  return {
    id: "cardio-2026",
    ownerGroup: "hdh-researchers-cardio",
    tier: 3 as DataTier,
    authorisation: { kind: "cnil-decision", reference: "DR-2026-0412" },
    expires: "2027-09-30",
    tool: "jupyter",
    storageGiB: 20,
    cpu: 2,
    memoryGiB: 8,
    ...overrides,
  } as WorkspaceConfig;
}

type ArgsOverrides = Partial<Omit<WorkspaceArgs, "kubernetesProvider" | "openstackProvider">>;

/** The providers a test plan creates, passed to every component of it. */
export interface TestProviders {
  readonly kubernetesProvider: k8s.Provider;
  readonly openstackProvider: openstack.Provider;
}

/** A Workspace's arguments as the platform gives them, in GRA11, for one project config. */
export function workspaceArgs(
  config: WorkspaceConfig,
  providers: TestProviders,
  overrides: ArgsOverrides = {},
): WorkspaceArgs {
  return {
    config,
    ...providers,
    region: "GRA11",
    keystone: { authUrl: "https://auth.cloud.ovh.net/v3" },
    registry,
    encryptedStorageClass: encryptedClass,
    reach,
    ...overrides,
  };
}

/** Plans one Workspace per config and returns every registered resource. */
export async function planWorkspaces(
  configs: readonly WorkspaceConfig[],
  overrides: ArgsOverrides = {},
  onResource?: (count: number) => void,
): Promise<PlannedResource[]> {
  const { resources } = await runUnderMocks(
    () => {
      const kubernetesProvider = new k8s.Provider("cluster", { kubeconfig: "mock" });
      const openstackProvider = new openstack.Provider("gra11", {
        authUrl: "https://auth.cloud.ovh.net/v3",
        region: "GRA11",
      });
      for (const config of configs) {
        new Workspace(
          `ws-${config.id}`,
          workspaceArgs(
            config,
            { kubernetesProvider, openstackProvider },
            { gateway: { namespace: "hdh-gateway", podLabels: { app: "gateway" } }, ...overrides },
          ),
        );
      }
    },
    { project: "hdh", stack: "test", onResource },
  );
  return resources;
}

export const ofType = (resources: PlannedResource[], type: string) =>
  resources.filter((r) => r.type === type);

export type Obj = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

export const meta = (r: PlannedResource): Obj => (r.inputs.metadata ?? {}) as Obj;
export const spec = (r: PlannedResource): Obj => (r.inputs.spec ?? {}) as Obj;

/** Namespaces by name, with their labels as the API server holds them (its name label added). */
export function namespaces(resources: PlannedResource[]): Map<string, Record<string, string>> {
  return new Map(
    ofType(resources, "kubernetes:core/v1:Namespace").map((r) => [
      meta(r).name as string,
      {
        ...((meta(r).labels ?? {}) as Record<string, string>),
        "kubernetes.io/metadata.name": meta(r).name as string,
      },
    ]),
  );
}

export function inNamespace(resources: PlannedResource[], type: string, ns: string) {
  return ofType(resources, type).filter((r) => meta(r).namespace === ns);
}

const matches = (selector: Obj | undefined, labels: Record<string, string>) =>
  Object.entries((selector?.matchLabels ?? {}) as Record<string, string>).every(
    ([k, v]) => labels[k] === v,
  ) && (selector?.matchExpressions ?? []).length === 0;

/**
 * Whether a NetworkPolicy peer can select a pod of namespace `target` (labels `targetLabels`)
 * whose address lies in the pod network. Pod selectors are assumed to match (worst case).
 */
export function peerReachesNamespace(peer: Obj, targetLabels: Record<string, string>): boolean {
  if (peer.ipBlock) {
    const block = parseCidr(peer.ipBlock.cidr);
    const pods = parseCidr(podCidr)!;
    if (!block || !cidrsOverlap(block, pods)) return false;
    const excepted = ((peer.ipBlock.except ?? []) as string[])
      .map((c) => parseCidr(c))
      .some((c) => c !== undefined && cidrContains(c, pods));
    return !excepted;
  }
  if (peer.namespaceSelector) return matches(peer.namespaceSelector, targetLabels);
  // A podSelector alone selects pods of the policy's own namespace: not another namespace.
  return false;
}

/** Every egress peer (direction "egress") or ingress peer of the policies in `ns`. */
export function peers(resources: PlannedResource[], ns: string, direction: "egress" | "ingress") {
  const key = direction === "egress" ? "to" : "from";
  return inNamespace(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy", ns).flatMap(
    (policy) => {
      const rules = (spec(policy)[direction] ?? []) as Obj[];
      // A rule with no (or an empty) peer list admits every peer: the widest selector.
      return rules.flatMap(
        (rule) =>
          ((rule[key] as Obj[] | undefined)?.length
            ? rule[key]
            : [{ ipBlock: { cidr: "0.0.0.0/0" } }, { namespaceSelector: {} }]) as Obj[],
      );
    },
  );
}
