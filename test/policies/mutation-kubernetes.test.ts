/**
 * Edges of the pod hardening rules that mutation testing showed the corpus leaves open: fields
 * left out (Kubernetes' insecure defaults apply), values unknown at preview (never judged),
 * boundaries (host port 0, empty limits), and what a named hostPath exception still refuses.
 * Each case is the hardened workload of the baseline with one change, judged by one rule.
 */
import { describe, expect, it } from "vitest";
import type { PolicySettings } from "../../policies/config";
import { hardenedPodSpec, Stack, unknown } from "./baseline";
import { unknownOf } from "./corpus/case";
import { ruleMessages } from "./rule-messages";

type Json = Record<string, unknown>;

const P = {
  caps: "kubernetes-core-pod-drop-all-capabilities",
  immutable: "kubernetes-core-pod-image-immutable-reference",
  registry: "kubernetes-core-pod-image-eu-registry",
  hostNamespaces: "kubernetes-core-pod-no-host-namespaces",
  hostPath: "kubernetes-core-pod-no-host-path",
  hostPorts: "kubernetes-core-pod-no-host-ports",
  escalation: "kubernetes-core-pod-no-privilege-escalation",
  privileged: "kubernetes-core-pod-no-privileged",
  readOnlyRoot: "kubernetes-core-pod-read-only-root-filesystem",
  limits: "kubernetes-core-pod-resource-limits",
  seccomp: "kubernetes-core-pod-seccomp-profile",
};

const label = "spec.template.spec.containers[0] (main)";

/** A named exception for the workload below: it may mount /var/log read-only. */
const logsException: PolicySettings["workloadExceptions"][number] = {
  kind: "Deployment",
  namespace: "ws-cardio",
  name: "jupyter",
  controls: ["host-path-read-only"],
  hostPaths: ["/var/log"],
  reason: "reads the node's logs (test of the named exception)",
};

/**
 * The rule's own lines for the hardened Deployment after `change(podSpec, firstContainer)`.
 * Messages are compared whole: a rule that throws fails the test instead.
 */
async function findings(
  policy: string,
  change: (pod: Json, container: Json) => void,
  settings: Partial<PolicySettings> = {},
): Promise<string[]> {
  const pod = hardenedPodSpec() as unknown as Json;
  change(pod, (pod.containers as Json[])[0]);
  const s = new Stack("dev");
  s.add("jupyter", "kubernetes:apps/v1:Deployment", {
    metadata: { name: "jupyter", namespace: "ws-cardio" },
    spec: { selector: { matchLabels: { app: "jupyter" } }, template: { spec: pod } },
  });
  return ruleMessages(policy, s, settings);
}

const securityContext = (c: Json) => c.securityContext as Json;

describe("the hardened workload", () => {
  it.each(Object.values(P))("passes %s", async (policy) => {
    expect(await findings(policy, () => {})).toEqual([]);
  });
});

describe("capabilities", () => {
  const noDrop = `${label} does not drop ALL capabilities. Add \`capabilities.drop: ["ALL"]\`.`;

  it.each<[string, (c: Json) => void]>([
    ["a container without a securityContext", (c) => delete c.securityContext],
    ["a securityContext without capabilities", (c) => delete securityContext(c).capabilities],
    ["a drop list without ALL", (c) => (securityContext(c).capabilities = { drop: ["NET_RAW"] })],
  ])("%s keeps the default capabilities and is flagged", async (_what, change) => {
    expect(await findings(P.caps, (_p, c) => change(c))).toEqual([noDrop]);
  });

  it.each<[string, Json]>([
    ["a drop list unknown at preview", { drop: unknown }],
    ["an add list unknown at preview", { drop: ["ALL"], add: unknown }],
    ["a drop list with an element unknown at preview besides ALL", { drop: [unknown, "ALL"] }],
    ["CAP_-prefixed, lower-case names", { drop: ["cap_all"], add: ["cap_net_bind_service"] }],
  ])("%s is not flagged", async (_what, capabilities) => {
    expect(
      await findings(P.caps, (_p, c) => (securityContext(c).capabilities = capabilities)),
    ).toEqual([]);
  });

  it("an unknown drop list is not judged even when the add list is known", async () => {
    const capabilities = { drop: unknown, add: ["NET_BIND_SERVICE"] };
    expect(
      await findings(P.caps, (_p, c) => (securityContext(c).capabilities = capabilities)),
    ).toEqual([]);
  });

  it("every capability added beyond NET_BIND_SERVICE is named", async () => {
    const capabilities = { drop: ["ALL"], add: ["SYS_ADMIN", "NET_BIND_SERVICE", "cap_net_raw"] };
    expect(
      await findings(P.caps, (_p, c) => (securityContext(c).capabilities = capabilities)),
    ).toEqual([
      `${label} adds capabilities SYS_ADMIN, NET_RAW. Only NET_BIND_SERVICE may be added.`,
    ]);
  });
});

describe("images", () => {
  it.each<[string, unknown]>([
    ["no image", undefined],
    ["an empty image", ""],
  ])("a container with %s is named by the registry rule", async (_what, image) => {
    const change = (_p: Json, c: Json) => (c.image = image);
    expect(await findings(P.registry, change)).toEqual([`${label} names no image.`]);
    // ... and not reported again (or crashed on) by the immutable-reference rule.
    expect(await findings(P.immutable, change)).toEqual([]);
  });

  it("an image unknown at preview is judged by neither rule", async () => {
    const change = (_p: Json, c: Json) => (c.image = unknown);
    expect(await findings(P.registry, change)).toEqual([]);
    expect(await findings(P.immutable, change)).toEqual([]);
  });
});

describe("host namespaces", () => {
  it.each(["hostNetwork", "hostPID", "hostIPC"])("%s: true is flagged", async (field) => {
    expect(await findings(P.hostNamespaces, (p) => (p[field] = true))).toEqual([
      `spec.template.spec.${field} is true: the pod shares the node's namespace. Remove it.`,
    ]);
  });

  it("hostNetwork: false is not flagged", async () => {
    expect(await findings(P.hostNamespaces, (p) => (p.hostNetwork = false))).toEqual([]);
  });
});

describe("host ports", () => {
  it("a host port, even spelt as a string, is flagged", async () => {
    const change = (_p: Json, c: Json) =>
      (c.ports = [{ containerPort: 8888 }, { containerPort: 80, hostPort: "8080" }]);
    expect(await findings(P.hostPorts, change)).toEqual([
      `${label} binds host port 8080 on the node. Use a Service instead.`,
    ]);
  });

  it.each<[string, unknown[]]>([
    ["host port 0 (Kubernetes' 'none')", [{ containerPort: 80, hostPort: 0 }]],
    ["a port entry unknown at preview", [unknown, { containerPort: 80 }]],
    ["a host port unknown at preview", [{ containerPort: 80, hostPort: unknown }]],
  ])("%s is not flagged", async (_what, ports) => {
    expect(await findings(P.hostPorts, (_p, c) => (c.ports = ports))).toEqual([]);
  });
});

describe("a container without a securityContext gets Kubernetes' defaults", () => {
  const drop = (_p: Json, c: Json) => delete c.securityContext;

  it("privilege escalation allowed: flagged", async () => {
    expect(await findings(P.escalation, drop)).toEqual([
      `${label} does not set \`allowPrivilegeEscalation: false\`: setuid binaries could gain privileges.`,
    ]);
  });

  it("a writable root filesystem: flagged", async () => {
    expect(await findings(P.readOnlyRoot, drop)).toEqual([
      `${label} can write to its root filesystem. Set \`readOnlyRootFilesystem: true\`.`,
    ]);
  });

  it("not privileged: not flagged", async () => {
    expect(await findings(P.privileged, drop)).toEqual([]);
  });
});

describe("resource limits", () => {
  const limits = (value: unknown) => (_p: Json, c: Json) => ((c.resources as Json).limits = value);
  const missing = (what: string) =>
    `${label} has no ${what} limit: one workload could starve the node. Set \`resources.limits\`.`;

  it.each<[string, (p: Json, c: Json) => void]>([
    ["resources unknown at preview", (_p, c) => (c.resources = unknown)],
    ["limits unknown at preview", limits(unknown)],
  ])("%s are not judged", async (_what, change) => {
    expect(await findings(P.limits, change)).toEqual([]);
  });

  it.each<[string, unknown, string]>([
    ["a missing CPU limit", { memory: "1Gi" }, "cpu"],
    ["a null CPU limit", { cpu: null, memory: "1Gi" }, "cpu"],
    ["an empty memory limit", { cpu: "1", memory: "" }, "memory"],
    ["no limits at all", undefined, "cpu or memory"],
  ])("%s is flagged", async (_what, value, what) => {
    expect(await findings(P.limits, limits(value))).toEqual([missing(what)]);
  });

  it("a container without resources is flagged for both", async () => {
    expect(await findings(P.limits, (_p, c) => delete c.resources)).toEqual([
      missing("cpu or memory"),
    ]);
  });
});

describe("seccomp", () => {
  const podProfile = (value: unknown) => (p: Json) =>
    ((p.securityContext as Json).seccompProfile = value);

  it("no profile on the pod or the container leaves syscalls open: flagged", async () => {
    expect(await findings(P.seccomp, podProfile(undefined))).toEqual([
      `${label} runs without a seccomp profile: every syscall is open. Use RuntimeDefault.`,
    ]);
  });

  it("an Unconfined profile is flagged by name", async () => {
    expect(await findings(P.seccomp, podProfile({ type: "Unconfined" }))).toEqual([
      `${label} runs with seccomp profile "Unconfined": every syscall is open. Use RuntimeDefault.`,
    ]);
  });

  it.each<[string, unknown]>([
    ["a profile unknown at preview", unknown],
    ["a profile type unknown at preview", { type: unknown }],
  ])("%s is not judged", async (_what, value) => {
    expect(await findings(P.seccomp, podProfile(value))).toEqual([]);
  });
});

describe("hostPath volumes", () => {
  const withException = { workloadExceptions: [logsException] };
  const nodeLogs = { name: "node-logs", hostPath: { path: "/var/log" } };
  const mountsOnly = (mounts: unknown[]) => (p: Json, c: Json) => {
    p.volumes = [nodeLogs, { name: "scratch", emptyDir: {} }];
    c.volumeMounts = mounts;
  };
  const readOnlyOnly = "read-only mounts only.";

  it("a hostPath set to null is no hostPath volume", async () => {
    const change = (p: Json) => (p.volumes = [{ name: "logs", hostPath: null, emptyDir: {} }]);
    expect(await findings(P.hostPath, change)).toEqual([]);
  });

  it("a hostPath whose value is unknown at preview is still a hostPath", async () => {
    const change = (p: Json) => (p.volumes = [{ name: "logs", hostPath: unknown }]);
    expect(await findings(P.hostPath, change)).toEqual([
      "spec.template.spec.volumes[0] (logs) mounts the node's ?. Use a PVC or emptyDir instead.",
    ]);
  });

  it("an unnamed hostPath volume is flagged as unnamed", async () => {
    const change = (p: Json) => (p.volumes = [{ hostPath: { path: "/etc" } }]);
    expect(await findings(P.hostPath, change)).toEqual([
      "spec.template.spec.volumes[0] (unnamed) mounts the node's /etc. Use a PVC or emptyDir instead.",
    ]);
  });

  it("under the exception, a writable mount of another volume does not make the hostPath writable", async () => {
    const change = mountsOnly([
      { name: "node-logs", mountPath: "/logs", readOnly: true },
      { name: "scratch", mountPath: "/tmp" },
    ]);
    expect(await findings(P.hostPath, change, withException)).toEqual([]);
  });

  it("under the exception, one writable mount among read-only ones is flagged", async () => {
    const change = mountsOnly([
      { name: "scratch", mountPath: "/tmp", readOnly: true },
      { name: "node-logs", mountPath: "/logs" },
    ]);
    const found = await findings(P.hostPath, change, withException);
    expect(found).toEqual([
      `spec.template.spec.volumes[0] mounts the node's /var/log writable in ${label}; its named exception allows ${readOnlyOnly}`,
    ]);
  });

  // Unknown is never compliant, nor a violation: the twin names the value the exception waits on.
  it("under the exception, a mount whose volume name is unknown at preview may be the hostPath: named by the twin", async () => {
    const change = mountsOnly([
      { name: "node-logs", mountPath: "/logs", readOnly: true },
      { name: unknown, mountPath: "/data" },
    ]);
    expect(await findings(P.hostPath, change, withException)).toEqual([]);
    expect(await findings(unknownOf(P.hostPath), change, withException)).toEqual([
      `\`${label}.volumeMounts[1].name\` is unknown during preview: whether /var/log is mounted read-only cannot be judged yet.`,
    ]);
  });

  it("under the exception, a hostPath volume whose name is unknown may be any writable mount: named by the twin", async () => {
    const change = (p: Json, c: Json) => {
      p.volumes = [{ name: unknown, hostPath: { path: "/var/log" } }];
      c.volumeMounts = [{ name: "scratch", mountPath: "/tmp" }];
    };
    expect(await findings(P.hostPath, change, withException)).toEqual([]);
    expect(await findings(unknownOf(P.hostPath), change, withException)).toEqual([
      "`spec.template.spec.volumes[0].name` is unknown during preview: whether /var/log is mounted read-only cannot be judged yet.",
    ]);
  });

  it("under the exception, a hostPath whose path is unknown at preview is named by the twin", async () => {
    const change = (p: Json) => (p.volumes = [{ name: "logs", hostPath: { path: unknown } }]);
    expect(await findings(P.hostPath, change, withException)).toEqual([]);
    expect(await findings(unknownOf(P.hostPath), change, withException)).toEqual([
      "`spec.template.spec.volumes[0].hostPath.path` is unknown during preview: whether spec.template.spec.volumes[0] is a path the workload's exception allows cannot be judged yet.",
    ]);
  });

  it("every container mounting the hostPath writable is named", async () => {
    const change = (p: Json, c: Json) => {
      p.volumes = [nodeLogs];
      c.volumeMounts = [{ name: "node-logs", mountPath: "/logs" }];
      const sidecar = { ...c, name: "sidecar" };
      const reader = {
        ...c,
        name: "reader",
        volumeMounts: [{ name: "node-logs", mountPath: "/logs", readOnly: true }],
      };
      p.containers = [c, reader, sidecar];
    };
    expect(await findings(P.hostPath, change, withException)).toEqual([
      `spec.template.spec.volumes[0] mounts the node's /var/log writable in ${label}, spec.template.spec.containers[2] (sidecar); its named exception allows ${readOnlyOnly}`,
    ]);
  });
});
