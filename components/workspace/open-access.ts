/**
 * Everything that gives a person access to a workspace, which exists only while it is open:
 * the tier's allowed network flows, the researchers' role binding, the analysis tool and its
 * service. Closing a workspace removes all of it in one deployment (docs/workspace-lifecycle.md).
 */
import * as k8s from "@pulumi/kubernetes";
import type * as pulumi from "@pulumi/pulumi";
import type { WorkspaceSpec } from "./workspace-spec";
import { analysisPodSpec } from "./analysis-pod";
import type { PinnedImage } from "./images";
import type { FlowRule, WorkspaceFlows } from "./network-rules";

export interface OpenAccessArgs {
  /** The project's configuration (id, tier, tool, size, owner group). */
  readonly config: WorkspaceSpec;
  /** The workspace namespace's name. */
  readonly namespace: pulumi.Input<string>;
  /** Flows the tier allows, on top of the namespace's default deny. */
  readonly flows: WorkspaceFlows;
  /** The namespace's researcher Role, bound to the owner group. */
  readonly roleName: pulumi.Input<string>;
  /** Kubernetes group of the project's researchers (OIDC prefix + owner group). */
  readonly researcherGroup: string;
  /** The tool's image reference (registry, path, digest) and its pin. */
  readonly image: string;
  readonly pin: PinnedImage;
  /** Labels of the tool's pods, also its service selector. */
  readonly appLabels: Readonly<Record<string, string>>;
  /** Claim and service account the tool's pod uses (both in the namespace). */
  readonly claimName: string;
  readonly serviceAccountName: string;
  /** Resources the tool's Deployment must wait for (namespace, claim, service account). */
  readonly podDependsOn: pulumi.Resource[];
}

/** Creates the open workspace's access resources under `opts` (parent, provider, namespace). */
export function createOpenAccess(
  name: string,
  args: OpenAccessArgs,
  opts: pulumi.CustomResourceOptions,
): void {
  const { config, namespace: ns, pin, appLabels } = args;
  new k8s.networking.v1.NetworkPolicy(
    `${name}-allow`,
    {
      metadata: { name: `allow-tier-${config.tier}`, namespace: ns },
      spec: {
        podSelector: {},
        policyTypes: ["Ingress", "Egress"],
        egress: args.flows.egress.map(toApiRule("to")),
        ingress: args.flows.ingress.map(toApiRule("from")),
      },
    },
    opts,
  );
  new k8s.rbac.v1.RoleBinding(
    `${name}-researchers`,
    {
      metadata: { name: "researchers", namespace: ns },
      roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: args.roleName },
      subjects: [
        { apiGroup: "rbac.authorization.k8s.io", kind: "Group", name: args.researcherGroup },
      ],
    },
    opts,
  );
  const pod = analysisPodSpec({
    labels: appLabels,
    image: args.image,
    pin,
    cpu: config.cpu,
    memoryGiB: config.memoryGiB,
    claimName: args.claimName,
    serviceAccountName: args.serviceAccountName,
  });
  new k8s.apps.v1.Deployment(
    `${name}-analysis`,
    {
      metadata: { name: config.tool, namespace: ns, labels: appLabels },
      spec: {
        replicas: 1,
        // The work volume is ReadWriteOnce: the old pod must let go before the new one mounts.
        strategy: { type: "Recreate" },
        selector: { matchLabels: appLabels },
        template: pod,
      },
    },
    { ...opts, dependsOn: args.podDependsOn },
  );
  new k8s.core.v1.Service(
    `${name}-service`,
    {
      metadata: { name: config.tool, namespace: ns, labels: appLabels },
      spec: {
        type: "ClusterIP",
        selector: appLabels,
        ports: [{ name: "http", port: pin.port, targetPort: pin.port, protocol: "TCP" }],
      },
    },
    opts,
  );
}

/** A flow rule in the Kubernetes API's shape (`to` for egress, `from` for ingress). */
function toApiRule(direction: "to" | "from") {
  return (rule: FlowRule) => ({ [direction]: rule.peers, ports: rule.ports });
}
