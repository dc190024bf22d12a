/**
 * A compliant stack, built fresh for each corpus case: an OpenStack provider in an EU region,
 * encrypted storage, a bastion with the only public address, a workspace namespace with its
 * deny-all policy, a hardened workload. Each case then changes one thing.
 */
import { labelKeys, podSecurityLabels, workspaceRole } from "../../policies/catalog/labels";
import type { NormalizedResource } from "../../offline/resource-model";

export const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export const ownership = {
  [labelKeys.project]: "cardio-2026",
  [labelKeys.classification]: "3",
  [labelKeys.ownerGroup]: "hdh-researchers-cardio",
};

export class Stack {
  readonly resources = new Map<string, NormalizedResource>();
  constructor(readonly name: string) {}

  urn(type: string, name: string, parents: string[] = []): string {
    return `urn:pulumi:${this.name}::hdh::${[...parents, type].join("$")}::${name}`;
  }

  /** Adds (or replaces) a resource; openstack resources default to the `eu` provider. */
  add(
    key: string,
    type: string,
    inputs: Record<string, unknown>,
    extra: Partial<NormalizedResource> & { parents?: string[] } = {},
  ): NormalizedResource {
    const { parents, ...rest } = extra;
    const custom = !type.startsWith("hdh:");
    const r: NormalizedResource = {
      type,
      urn: this.urn(type, key, parents),
      name: key,
      custom,
      inputs,
      secretPaths: [],
      protect: false,
      retainOnDelete: false,
      dependencies: [],
      source: "plan",
      ...(type.startsWith("openstack:")
        ? { providerUrn: this.urn("pulumi:providers:openstack", "eu") }
        : {}),
      ...rest,
    };
    this.resources.set(key, r);
    return r;
  }

  get(key: string): NormalizedResource {
    const r = this.resources.get(key);
    if (!r) throw new Error(`no resource ${key} in the baseline`);
    return r;
  }

  inputs(key: string): Record<string, unknown> {
    return this.get(key).inputs;
  }

  list(): NormalizedResource[] {
    return [...this.resources.values()];
  }
}

export function hardenedPodSpec(
  image = "registry.hdh-sovereign.example.fr/hdh/jupyter:4.1.0@sha256:" + "a".repeat(64),
) {
  return {
    automountServiceAccountToken: false,
    securityContext: {
      runAsNonRoot: true,
      // 10000 or above: a UID no user of the node has (kubernetes-core-pod-run-as-high-uid).
      runAsUser: 10001,
      seccompProfile: { type: "RuntimeDefault" },
    },
    containers: [
      {
        name: "main",
        image,
        livenessProbe: { httpGet: { path: "/api", port: 8888 } },
        readinessProbe: { httpGet: { path: "/api", port: 8888 } },
        securityContext: {
          allowPrivilegeEscalation: false,
          readOnlyRootFilesystem: true,
          capabilities: { drop: ["ALL"] },
        },
        resources: { limits: { cpu: "2", memory: "8Gi" }, requests: { cpu: "1", memory: "4Gi" } },
        ports: [{ containerPort: 8888 }],
      },
    ],
    volumes: [{ name: "home", persistentVolumeClaim: { claimName: "home" } }],
  };
}

/** An instance every rule accepts: boots from an encrypted volume, carries its ownership. */
export function compliantInstance(networks: unknown[]) {
  return {
    flavorName: "b3-8",
    blockDevices: [
      {
        sourceType: "image",
        destinationType: "volume",
        bootIndex: 0,
        uuid: "img-1",
        volumeSize: 20,
        volumeType: "classic-luks",
      },
    ],
    networks,
    metadata: { ...ownership },
  };
}

const bastion = ["hdh:bastion:Bastion"];

export function baseline(stackName = "dev"): Stack {
  const s = new Stack(stackName);
  s.add(
    "eu",
    "pulumi:providers:openstack",
    { region: "GRA11", authUrl: "https://auth.cloud.ovh.net/v3" },
    { providerUrn: undefined },
  );
  s.add("bastion", "hdh:bastion:Bastion", {}, { custom: false });
  s.add("data", "openstack:blockstorage/volume:Volume", {
    size: 20,
    volumeType: "high-speed-gen2-luks",
    metadata: { ...ownership },
  });
  s.add(
    "worker",
    "openstack:compute/instance:Instance",
    compliantInstance([{ name: "platform-net" }]),
  );
  s.add(
    "data-attach",
    "openstack:compute/volumeAttach:VolumeAttach",
    { instanceId: unknown, volumeId: unknown },
    {
      dependencies: [
        s.urn("openstack:compute/instance:Instance", "worker"),
        s.urn("openstack:blockstorage/volume:Volume", "data"),
      ],
      propertyDependencies: { volumeId: [s.urn("openstack:blockstorage/volume:Volume", "data")] },
    },
  );
  s.add("https-in", "openstack:networking/secGroupRule:SecGroupRule", {
    direction: "ingress",
    ethertype: "IPv4",
    protocol: "tcp",
    portRangeMin: 443,
    portRangeMax: 443,
    remoteIpPrefix: "10.42.0.0/16",
    securityGroupId: unknown,
    description: "portal from the platform network",
  });
  s.add(
    "edge-ip",
    "openstack:networking/floatingIp:FloatingIp",
    { pool: "Ext-Net" },
    { parents: bastion },
  );
  s.add(
    "ssh-admin",
    "openstack:networking/secGroupRule:SecGroupRule",
    {
      direction: "ingress",
      ethertype: "IPv4",
      protocol: "tcp",
      portRangeMin: 22,
      portRangeMax: 22,
      remoteIpPrefix: "203.0.113.0/24",
      securityGroupId: unknown,
      description: "administrators",
    },
    { parents: bastion },
  );
  s.add("workspace-key", "openstack:keymanager/orderV1:OrderV1", {
    type: "key",
    meta: { algorithm: "aes", bitLength: 256, mode: "xts" },
  });
  s.add(
    "airlock",
    "openstack:objectstorage/container:Container",
    { metadata: { ...ownership } },
    {
      dependencies: [s.urn("openstack:keymanager/orderV1:OrderV1", "workspace-key")],
    },
  );
  s.add("portal-https", "openstack:loadbalancer/listener:Listener", {
    protocol: "TERMINATED_HTTPS",
    protocolPort: 443,
    loadbalancerId: unknown,
    defaultTlsContainerRef: "https://kms.example/v1/containers/1",
  });
  s.add("ws-cardio", "kubernetes:core/v1:Namespace", {
    metadata: {
      name: "ws-cardio",
      labels: {
        [labelKeys.role]: workspaceRole,
        [podSecurityLabels.enforce]: "restricted",
        ...ownership,
      },
    },
  });
  // The platform's own namespace, where the corpus puts workloads that are not a workspace's:
  // isolated as every namespace holding a workload must be.
  s.add("platform", "kubernetes:core/v1:Namespace", {
    metadata: {
      name: "platform",
      labels: {
        [podSecurityLabels.enforce]: "restricted",
        [podSecurityLabels.enforceVersion]: "latest",
        ...ownership,
        [labelKeys.classification]: "platform",
        [labelKeys.ownerGroup]: "hdh-platform-operators",
      },
    },
  });
  s.add("platform-deny", "kubernetes:networking.k8s.io/v1:NetworkPolicy", {
    metadata: { name: "deny-all", namespace: "platform" },
    spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
  });
  s.add("ws-cardio-deny", "kubernetes:networking.k8s.io/v1:NetworkPolicy", {
    metadata: { name: "deny-all", namespace: "ws-cardio" },
    spec: { podSelector: {}, policyTypes: ["Ingress", "Egress"] },
  });
  s.add("encrypted-cinder", "kubernetes:storage.k8s.io/v1:StorageClass", {
    metadata: { name: "encrypted-cinder" },
    provisioner: "cinder.csi.openstack.org",
    parameters: { type: "classic-luks" },
  });
  s.add("ws-cardio-home", "kubernetes:core/v1:PersistentVolumeClaim", {
    metadata: { name: "home", namespace: "ws-cardio", labels: { ...ownership } },
    spec: {
      storageClassName: "encrypted-cinder",
      accessModes: ["ReadWriteOnce"],
      resources: { requests: { storage: "20Gi" } },
    },
  });
  s.add("ws-cardio-jupyter", "kubernetes:apps/v1:Deployment", {
    metadata: { name: "jupyter", namespace: "ws-cardio" },
    spec: {
      replicas: 1,
      selector: { matchLabels: { app: "jupyter" } },
      template: { metadata: { labels: { app: "jupyter" } }, spec: hardenedPodSpec() },
    },
  });
  s.add("ws-cardio-svc", "kubernetes:core/v1:Service", {
    metadata: { name: "jupyter", namespace: "ws-cardio" },
    spec: { type: "ClusterIP", ports: [{ port: 8888 }], selector: { app: "jupyter" } },
  });
  return s;
}

/** Pack-wide settings the corpus runs with (what a stack's policy config would say). */
export const corpusSettings = {
  adminCidrs: ["203.0.113.0/24"],
  // The baseline's region, as a stack with `hdh:cloud.objectStorageEncryptionAttestation` says it.
  objectStorageEncryptionAttestations: [
    { region: "GRA11", attestation: "https://contracts.hdh.test/object-storage-encryption" },
  ],
};
