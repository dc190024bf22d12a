/**
 * Kernel confinement (Pod Security Standards Baseline: AppArmor, SELinux, /proc mount type,
 * sysctls): each override in several shapes (pod or container level, field or annotation,
 * Deployment, CronJob, bare Pod) with compliant twins and values unknown during preview; and the
 * node's file system reached through a hostPath PersistentVolume, which no pod spec shows.
 */
import { unknown, type Stack } from "../baseline";
import { bad, good, unknownOf, type Case } from "./case";
import { podWith } from "./shapes";

const policy = "kubernetes-core-pod-no-kernel-confinement-override";
const pvHostPath = "kubernetes-core-persistentvolume-no-host-path";
const pv = (s: Stack, spec: unknown) =>
  s.add("node-dir", "kubernetes:core/v1:PersistentVolume", {
    metadata: { name: "node-dir" },
    spec,
  });

type Json = Record<string, unknown>;
const deployment = (s: Stack, spec: Json, annotations?: Json) =>
  s.add("confined", "kubernetes:apps/v1:Deployment", {
    metadata: { name: "confined", namespace: "platform" },
    spec: {
      selector: { matchLabels: { app: "confined" } },
      template: { metadata: { labels: { app: "confined" }, annotations }, spec },
    },
  });
const sc = (target: Json) => target.securityContext as Json;

export const kernelConfinementCases: Case[] = [
  bad("a container with appArmorProfile Unconfined is rejected", [policy], (s) =>
    deployment(
      s,
      podWith((c) => (sc(c).appArmorProfile = { type: "Unconfined" })),
    ),
  ),
  bad("a pod-level appArmorProfile Unconfined in a CronJob is rejected", [policy], (s) =>
    s.add("nightly", "kubernetes:batch/v1:CronJob", {
      metadata: { name: "nightly", namespace: "platform" },
      spec: {
        schedule: "0 3 * * *",
        jobTemplate: {
          spec: {
            template: {
              spec: podWith((_c, p) => (sc(p).appArmorProfile = { type: "Unconfined" })),
            },
          },
        },
      },
    }),
  ),
  bad("the AppArmor annotation 'unconfined' on a pod template is rejected", [policy], (s) =>
    deployment(
      s,
      podWith(() => {}),
      { "container.apparmor.security.beta.kubernetes.io/main": "unconfined" },
    ),
  ),
  good(
    "AppArmor RuntimeDefault, a localhost profile and the runtime/default annotation pass",
    (s) =>
      deployment(
        s,
        podWith((c, p) => {
          sc(p).appArmorProfile = { type: "RuntimeDefault" };
          sc(c).appArmorProfile = { type: "Localhost", localhostProfile: "k8s-jupyter" };
        }),
        { "container.apparmor.security.beta.kubernetes.io/main": "runtime/default" },
      ),
  ),
  bad("SELinux type spc_t (super-privileged container) is rejected", [policy], (s) =>
    deployment(
      s,
      podWith((_c, p) => (sc(p).seLinuxOptions = { type: "spc_t" })),
    ),
  ),
  bad("an SELinux user set on a container is rejected", [policy], (s) =>
    deployment(
      s,
      podWith((c) => (sc(c).seLinuxOptions = { user: "system_u" })),
    ),
  ),
  good("SELinux type container_t with a level passes", (s) =>
    deployment(
      s,
      podWith((_c, p) => (sc(p).seLinuxOptions = { type: "container_t", level: "s0:c123,c456" })),
    ),
  ),
  bad("procMount Unmasked on a bare Pod's container is rejected", [policy], (s) =>
    s.add("debug", "kubernetes:core/v1:Pod", {
      metadata: { name: "debug", namespace: "platform" },
      spec: podWith((c) => (sc(c).procMount = "Unmasked")),
    }),
  ),
  good("procMount Default passes", (s) =>
    deployment(
      s,
      podWith((c) => (sc(c).procMount = "Default")),
    ),
  ),
  bad("an unsafe sysctl (kernel.msgmax) beside a safe one is rejected", [policy], (s) =>
    deployment(
      s,
      podWith(
        (_c, p) =>
          (sc(p).sysctls = [
            { name: "net.ipv4.ip_local_port_range", value: "32768 60999" },
            { name: "kernel.msgmax", value: "65536" },
          ]),
      ),
    ),
  ),
  good("safe sysctls only pass", (s) =>
    deployment(
      s,
      podWith(
        (_c, p) =>
          (sc(p).sysctls = [
            { name: "net.ipv4.tcp_keepalive_time", value: "600" },
            { name: "kernel.shm_rmid_forced", value: "1" },
          ]),
      ),
    ),
  ),
  bad("sysctls unknown during preview are named unknown", [unknownOf(policy)], (s) =>
    deployment(
      s,
      podWith((_c, p) => (sc(p).sysctls = unknown)),
    ),
  ),
  bad(
    "a container's seLinuxOptions unknown during preview are named unknown",
    [unknownOf(policy)],
    (s) =>
      deployment(
        s,
        podWith((c) => (sc(c).seLinuxOptions = unknown)),
      ),
  ),
  bad(
    "an SELinux type unknown during preview is named unknown, not passed",
    [unknownOf(policy)],
    (s) =>
      deployment(
        s,
        podWith((c) => (sc(c).seLinuxOptions = { type: unknown })),
      ),
  ),
  bad(
    "an AppArmor annotation whose value is unknown during preview is named unknown, not passed",
    [unknownOf(policy)],
    (s) =>
      deployment(
        s,
        podWith(() => {}),
        { "container.apparmor.security.beta.kubernetes.io/main": unknown },
      ),
  ),
  bad("a PersistentVolume backed by hostPath / is rejected", [pvHostPath], (s) =>
    pv(s, {
      capacity: { storage: "10Gi" },
      accessModes: ["ReadWriteOnce"],
      storageClassName: "encrypted-cinder",
      hostPath: { path: "/", type: "Directory" },
    }),
  ),
  bad(
    "a PersistentVolume backed by a hostPath whose path is unknown is rejected",
    [pvHostPath],
    (s) =>
      pv(s, {
        capacity: { storage: "1Gi" },
        accessModes: ["ReadWriteOnce"],
        hostPath: { path: unknown },
      }),
  ),
  good("a local PersistentVolume pinned to a node, and a CSI one, pass", (s) => {
    pv(s, {
      capacity: { storage: "100Gi" },
      accessModes: ["ReadWriteOnce"],
      local: { path: "/mnt/disks/ssd1" },
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: "kubernetes.io/hostname", operator: "In", values: ["node-1"] },
              ],
            },
          ],
        },
      },
    });
    s.add("cinder-pv", "kubernetes:core/v1:PersistentVolume", {
      metadata: { name: "cinder-pv" },
      spec: {
        capacity: { storage: "10Gi" },
        accessModes: ["ReadWriteOnce"],
        csi: { driver: "cinder.csi.openstack.org", volumeHandle: "0f3e" },
      },
    });
  }),
  bad(
    "a PersistentVolume whose spec is unknown during preview is named unknown",
    [unknownOf(pvHostPath)],
    (s) => pv(s, unknown),
  ),
];
