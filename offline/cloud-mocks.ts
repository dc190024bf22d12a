/**
 * What the mocked cloud answers: deterministic ids and the few computed outputs the program
 * reads (a cluster's kubeconfig, an instance's address...). Everything else echoes the inputs.
 *
 * Deterministic on purpose: two plans of the same config are byte-identical, so `--baseline`
 * diffs show only real changes.
 */
import * as pulumi from "@pulumi/pulumi";
import type { MockCallArgs, MockResourceArgs } from "@pulumi/pulumi/runtime/mocks";

type OutputMaker = (args: MockResourceArgs) => Record<string, unknown>;

/** Computed outputs per resource type, as the real provider would fill them in after create. */
const computedOutputs: Record<string, OutputMaker> = {
  "openstack:compute/instance:Instance": (a) => ({
    accessIpV4: `10.0.0.${stableOctet(a.name)}`,
  }),
  "openstack:networking/floatingIp:FloatingIp": (a) => ({
    address: `192.0.2.${stableOctet(a.name)}`, // TEST-NET-1: never a real address
  }),
  "openstack:loadbalancer/loadBalancer:LoadBalancer": (a) => ({
    vipAddress: `10.0.1.${stableOctet(a.name)}`,
    vipPortId: `port-${stableHex(a.name)}`,
  }),
  // The cloud controller gives a LoadBalancer Service its (internal) address once created.
  "kubernetes:core/v1:Service": (a) =>
    (a.inputs.spec as { type?: string } | undefined)?.type === "LoadBalancer"
      ? { status: { loadBalancer: { ingress: [{ ip: `10.0.2.${stableOctet(a.name)}` }] } } }
      : {},
  "openstack:containerinfra/cluster:Cluster": (a) => ({
    apiAddress: `https://${a.name}.k8s.internal:6443`,
    kubeconfig: {
      rawConfig: `apiVersion: v1\nkind: Config\nclusters: []\n# mock kubeconfig for ${a.name}\n`,
    },
  }),
  // OVHcloud Managed Kubernetes: its API host is <id>.c1.<region>.k8s.ovh.net (docs/providers.md)
  // and its kubeconfig a secret output. The serviceName the real provider fills from
  // OVH_CLOUD_PROJECT_SERVICE when config gives none is left as given: the mock invents no project.
  "ovh:CloudProject/kube:Kube": (a) => {
    const url = `${stableHex(a.name).slice(0, 6)}.c1.${String(a.inputs.region ?? "").toLowerCase()}.k8s.ovh.net`;
    return {
      url,
      // Its kubeconfig names that API server (as real ones do, e.g. https://rhq5qw.c1.gra9.k8s.ovh.net),
      // so the pack judges the endpoint's operator on the same shape as in a real preview.
      kubeconfig: [
        "apiVersion: v1",
        "kind: Config",
        "clusters:",
        `  - name: ${a.name}`,
        "    cluster:",
        `      server: https://${url}`,
        `# mock kubeconfig for ${a.name}`,
        "",
      ].join("\n"),
    };
  },
  "openstack:keymanager/orderV1:OrderV1": (a) => ({
    secretRef: `https://barbican.internal/v1/secrets/${a.name}`,
    orderRef: `https://barbican.internal/v1/orders/${a.name}`,
  }),
  "openstack:keymanager/containerV1:ContainerV1": (a) => ({
    containerRef: `https://barbican.internal/v1/containers/${a.name}`,
  }),
  "random:index/randomPassword:RandomPassword": (a) => ({ result: `mock-password-${a.name}` }),
  "random:index/randomId:RandomId": (a) => ({ hex: stableHex(a.name), b64Url: stableHex(a.name) }),
  "random:index/randomString:RandomString": (a) => ({ result: stableHex(a.name) }),
  "random:index/randomUuid:RandomUuid": (a) => ({
    result: `00000000-0000-4000-8000-${stableHex(a.name).slice(0, 12)}`,
  }),
};

/**
 * Outputs the real provider marks secret. The engine applies `additionalSecretOutputs`; the mocks
 * do not, so we wrap them here, otherwise a generated password would look like plain text.
 */
const secretOutputs: Record<string, string[]> = {
  "random:index/randomPassword:RandomPassword": ["result", "bcryptHash"],
  "random:index/randomString:RandomString": ["result"],
  "openstack:containerinfra/cluster:Cluster": ["kubeconfig"],
  "ovh:CloudProject/kube:Kube": ["kubeconfig"],
};

export function mockResourceState(args: MockResourceArgs): Record<string, unknown> {
  const make = computedOutputs[args.type];
  const state: Record<string, unknown> = { ...args.inputs, ...(make ? make(args) : {}) };
  for (const key of secretOutputs[args.type] ?? []) {
    if (key in state) state[key] = pulumi.secret(state[key]);
  }
  return state;
}

/** Function calls the program may make; an unknown token fails loudly rather than faking data. */
const knownCalls: Record<string, (args: MockCallArgs) => Record<string, unknown>> = {
  // Lookups by name the program makes: the external network (router gateway, Magnum) and the
  // Glance image of the bastions. Ids are derived from the name so plans stay deterministic.
  "openstack:networking/getNetwork:getNetwork": (a) => ({
    ...a.inputs,
    id: `network-${stableHex(String(a.inputs.name ?? ""))}`,
  }),
  "openstack:images/getImage:getImage": (a) => ({
    ...a.inputs,
    id: `image-${stableHex(String(a.inputs.name ?? ""))}`,
  }),
};

export function mockCall(args: MockCallArgs): Record<string, unknown> {
  const handler = knownCalls[args.token];
  if (!handler) {
    throw new Error(
      `offline plan: no mock for function ${args.token}; add one in offline/cloud-mocks.ts ` +
        `rather than letting the program read made-up data`,
    );
  }
  return handler(args);
}

function stableHash(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return hash >>> 0;
}

function stableOctet(text: string): number {
  return (stableHash(text) % 250) + 2;
}

function stableHex(text: string): string {
  return stableHash(text).toString(16).padStart(8, "0").repeat(2);
}
