/**
 * The anchors a security reviewer would otherwise reach for, check by check, and what in this
 * pack answers each: the data behind docs/coverage.md (scripts/coverage-doc.ts).
 *
 * Only ids and titles are taken from the anchors, read at the commits cited below; no code.
 * - Checkov: every check under checkov/kubernetes/checks (resource and graph checks) and every
 *   OpenStack check (checkov/terraform/checks/resource/openstack, provider/openstack), at
 *   bridgecrewio/checkov commit 03d5fdad8d6154b1565799a7b1fb8070c158866f (2026-08-20).
 * - CIS Kubernetes Benchmark 1.9, section 5, as kube-bench encodes it in cfg/cis-1.9/policies.yaml,
 *   at aquasecurity/kube-bench commit a73ce378418c71c5861e6963753f50dec3badadf (2026-06-09).
 */

export type Coverage =
  | { readonly status: "covered"; readonly policies: readonly string[]; readonly note?: string }
  | { readonly status: "not-applicable"; readonly reason: string }
  | { readonly status: "not-covered"; readonly reason: string };

export interface AnchorCheck {
  readonly id: string;
  readonly title: string;
  readonly coverage: Coverage;
}

export interface Anchor {
  readonly name: string;
  readonly source: string;
  readonly checks: readonly AnchorCheck[];
}

const flagOfNodeOrControlPlane =
  "A command-line flag of the control plane (API server, controller manager, scheduler, etcd) or of the kubelet: set on the nodes or by the managed Kubernetes service (OVHcloud MKS, Magnum), never declared by a Pulumi program that targets the platform's cluster. kube-bench checks it on the nodes (CIS sections 1 to 4).";

const covered = (policies: string[], note?: string): Coverage =>
  note ? { status: "covered", policies, note } : { status: "covered", policies };
const notApplicable = (reason: string): Coverage => ({ status: "not-applicable", reason });

export const checkov: Anchor = {
  name: "Checkov (Kubernetes and OpenStack checks)",
  source:
    "https://github.com/bridgecrewio/checkov/tree/03d5fdad8d6154b1565799a7b1fb8070c158866f/checkov",
  checks: [
    {
      id: "CKV_K8S_1",
      title: "Do not admit containers wishing to share the host process ID namespace",
      coverage: covered(["kubernetes-core-pod-no-host-namespaces"]),
    },
    {
      id: "CKV_K8S_2",
      title: "Do not admit privileged containers",
      coverage: covered(["kubernetes-core-pod-no-privileged"]),
    },
    {
      id: "CKV_K8S_3",
      title: "Do not admit containers wishing to share the host IPC namespace",
      coverage: covered(["kubernetes-core-pod-no-host-namespaces"]),
    },
    {
      id: "CKV_K8S_4",
      title: "Do not admit containers wishing to share the host network namespace",
      coverage: covered(["kubernetes-core-pod-no-host-namespaces"]),
    },
    {
      id: "CKV_K8S_5",
      title: "Containers should not run with allowPrivilegeEscalation",
      coverage: covered(["kubernetes-core-pod-no-privilege-escalation"]),
    },
    {
      id: "CKV_K8S_6",
      title: "Do not admit root containers",
      coverage: covered(["kubernetes-core-pod-run-as-non-root"]),
    },
    {
      id: "CKV_K8S_7",
      title: "Do not admit containers with the NET_RAW capability",
      coverage: covered(
        ["kubernetes-core-pod-drop-all-capabilities"],
        "Dropping ALL removes NET_RAW.",
      ),
    },
    {
      id: "CKV_K8S_8",
      title: "Liveness Probe Should be Configured",
      coverage: covered(
        ["kubernetes-core-pod-health-probes"],
        "Advisory (availability). Pods that run to completion (Job, CronJob, `restartPolicy` Never/OnFailure) need none; native sidecars are judged too.",
      ),
    },
    {
      id: "CKV_K8S_9",
      title: "Readiness Probe Should be Configured",
      coverage: covered(
        ["kubernetes-core-pod-health-probes"],
        "Advisory (availability). Pods that run to completion (Job, CronJob, `restartPolicy` Never/OnFailure) need none; native sidecars are judged too.",
      ),
    },
    {
      id: "CKV_K8S_10",
      title: "CPU requests should be set",
      coverage: covered(
        ["kubernetes-core-pod-resource-limits"],
        "Limits on CPU and memory are required, and Kubernetes copies a limit into an unset request (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits), so every judged container has a request.",
      ),
    },
    {
      id: "CKV_K8S_11",
      title: "CPU limits should be set",
      coverage: covered(["kubernetes-core-pod-resource-limits"]),
    },
    {
      id: "CKV_K8S_12",
      title: "Memory requests should be set",
      coverage: covered(
        ["kubernetes-core-pod-resource-limits"],
        "Limits on CPU and memory are required, and Kubernetes copies a limit into an unset request (https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/#requests-and-limits), so every judged container has a request.",
      ),
    },
    {
      id: "CKV_K8S_13",
      title: "Memory limits should be set",
      coverage: covered(["kubernetes-core-pod-resource-limits"]),
    },
    {
      id: "CKV_K8S_14",
      title: "Image Tag should be fixed - not latest or blank",
      coverage: covered(["kubernetes-core-pod-image-immutable-reference"]),
    },
    {
      id: "CKV_K8S_15",
      title: "Image Pull Policy should be Always",
      coverage: notApplicable(
        "`Always` makes the kubelet resolve a tag again at each start, so a moved tag is picked up. Images here come from the platform's EU registry only and are pinned by digest in production (kubernetes-core-pod-image-eu-registry, kubernetes-core-pod-image-immutable-reference): a digest names one content whatever the pull policy. The other use of `Always`, keeping pods without pull credentials from a private image cached on a shared node, is the AlwaysPullImages admission plugin, a control-plane flag (CKV_K8S_80) no program declares; and the platform's images carry no health data.",
      ),
    },
    {
      id: "CKV_K8S_16",
      title: "Container should not be privileged",
      coverage: covered(["kubernetes-core-pod-no-privileged"]),
    },
    {
      id: "CKV_K8S_17",
      title: "Containers should not share the host process ID namespace",
      coverage: covered(["kubernetes-core-pod-no-host-namespaces"]),
    },
    {
      id: "CKV_K8S_18",
      title: "Containers should not share the host IPC namespace",
      coverage: covered(["kubernetes-core-pod-no-host-namespaces"]),
    },
    {
      id: "CKV_K8S_19",
      title: "Containers should not share the host network namespace",
      coverage: covered(["kubernetes-core-pod-no-host-namespaces"]),
    },
    {
      id: "CKV_K8S_20",
      title: "Containers should not run with allowPrivilegeEscalation",
      coverage: covered(["kubernetes-core-pod-no-privilege-escalation"]),
    },
    {
      id: "CKV_K8S_21",
      title: "The default namespace should not be used",
      coverage: covered(
        ["kubernetes-core-no-default-namespace"],
        "Also an object naming no namespace whose provider (its `namespace`, else its kubeconfig context) places it in `default`; unknown when the kubeconfig is the deploying machine's.",
      ),
    },
    {
      id: "CKV_K8S_22",
      title: "Use read-only filesystem for containers where possible",
      coverage: covered(["kubernetes-core-pod-read-only-root-filesystem"]),
    },
    {
      id: "CKV_K8S_23",
      title: "Minimize the admission of root containers",
      coverage: covered(["kubernetes-core-pod-run-as-non-root"]),
    },
    {
      id: "CKV_K8S_24",
      title: "Do not allow containers with added capability",
      coverage: covered(["kubernetes-core-pod-drop-all-capabilities"]),
    },
    {
      id: "CKV_K8S_25",
      title: "Minimize the admission of containers with added capability",
      coverage: covered(["kubernetes-core-pod-drop-all-capabilities"]),
    },
    {
      id: "CKV_K8S_26",
      title: "Do not specify hostPort unless absolutely necessary",
      coverage: covered(["kubernetes-core-pod-no-host-ports"]),
    },
    {
      id: "CKV_K8S_27",
      title: "Do not expose the docker daemon socket to containers",
      coverage: covered(
        ["kubernetes-core-pod-no-host-path"],
        "Every hostPath is refused, the Docker socket's included.",
      ),
    },
    {
      id: "CKV_K8S_28",
      title: "Minimize the admission of containers with the NET_RAW capability",
      coverage: covered(["kubernetes-core-pod-drop-all-capabilities"]),
    },
    {
      id: "CKV_K8S_29",
      title: "Apply security context to your pods and containers",
      coverage: covered(
        [
          "kubernetes-core-pod-run-as-non-root",
          "kubernetes-core-pod-seccomp-profile",
          "kubernetes-core-pod-no-privilege-escalation",
        ],
        "The security context is required through the fields that matter.",
      ),
    },
    {
      id: "CKV_K8S_30",
      title: "Apply security context to your containers",
      coverage: covered([
        "kubernetes-core-pod-run-as-non-root",
        "kubernetes-core-pod-no-privilege-escalation",
        "kubernetes-core-pod-drop-all-capabilities",
        "kubernetes-core-pod-read-only-root-filesystem",
      ]),
    },
    {
      id: "CKV_K8S_31",
      title: "Ensure that the seccomp profile is set to docker/default or runtime/default",
      coverage: covered(["kubernetes-core-pod-seccomp-profile"]),
    },
    {
      id: "CKV_K8S_32",
      title: "Ensure default seccomp profile set to docker/default or runtime/default",
      coverage: covered(["kubernetes-core-pod-seccomp-profile"]),
    },
    {
      id: "CKV_K8S_33",
      title: "Ensure the Kubernetes dashboard is not deployed",
      coverage: covered(
        ["kubernetes-core-pod-no-dashboard-or-tiller"],
        "Recognised by image repository (`kubernetesui/*`, `kubernetes-dashboard*`) in every pod spec, and by chart or image in Helm releases; not by labels.",
      ),
    },
    {
      id: "CKV_K8S_34",
      title: "Ensure that Tiller (Helm v2) is not deployed",
      coverage: covered(
        ["kubernetes-core-pod-no-dashboard-or-tiller"],
        "Recognised by image repository (last segment `tiller`) in every pod spec and in Helm release values; not by labels.",
      ),
    },
    {
      id: "CKV_K8S_35",
      title: "Prefer using secrets as files over secrets as environment variables",
      coverage: covered(
        ["kubernetes-core-pod-no-secret-env"],
        "Advisory (severity medium): `secretKeyRef` and `envFrom.secretRef`, every container kind.",
      ),
    },
    {
      id: "CKV_K8S_36",
      title: "Minimize the admission of containers with capabilities assigned",
      coverage: covered(["kubernetes-core-pod-drop-all-capabilities"]),
    },
    {
      id: "CKV_K8S_37",
      title: "Minimize the admission of containers with capabilities assigned",
      coverage: covered(["kubernetes-core-pod-drop-all-capabilities"]),
    },
    {
      id: "CKV_K8S_38",
      title: "Ensure that Service Account Tokens are only mounted where necessary",
      coverage: covered(["kubernetes-core-pod-no-service-account-token"], "Advisory."),
    },
    {
      id: "CKV_K8S_39",
      title: "Do not use the CAP_SYS_ADMIN linux capability",
      coverage: covered(["kubernetes-core-pod-drop-all-capabilities"]),
    },
    {
      id: "CKV_K8S_40",
      title: "Containers should run as a high UID to avoid host conflict",
      coverage: covered(
        ["kubernetes-core-pod-run-as-high-uid"],
        "Same threshold as the check: `runAsUser` >= 10000 (RootContainersHighUID.py, `check_runAsUser(spec, 10000)`). Advisory: the platform's own workspace images run as UID 1000, the Jupyter Docker Stacks' `jovyan` (see the policy). Pods with `hostUsers: false` pass, as in Checkov; init and ephemeral containers are judged too; a `runAsUser` unknown at preview is named by the rule's advisory \"not judged\" finding.",
      ),
    },
    {
      id: "CKV_K8S_41",
      title: "Ensure that default service accounts are not actively used",
      coverage: covered(
        ["kubernetes-core-pod-no-default-service-account"],
        "The `default` ServiceAccount must set `automountServiceAccountToken: false`; a pod running as it must not mount its token.",
      ),
    },
    {
      id: "CKV_K8S_42",
      title: "Ensure that default service accounts are not actively used",
      coverage: covered(
        ["kubernetes-rbac-binding-no-default-service-account"],
        "Bindings to the `default` service account, also named as a user or through the `system:serviceaccounts` groups.",
      ),
    },
    {
      id: "CKV_K8S_43",
      title: "Image should use digest",
      coverage: covered(
        ["kubernetes-core-pod-image-immutable-reference"],
        "Production stacks; other stacks refuse mutable tags.",
      ),
    },
    {
      id: "CKV_K8S_44",
      title: "Ensure that the Tiller Service (Helm v2) is deleted",
      coverage: covered(
        ["kubernetes-core-service-no-tiller"],
        "A Service whose selector reaches the pods of a Tiller workload of the stack (by image), in its namespace; not by name.",
      ),
    },
    {
      id: "CKV_K8S_45",
      title: "Ensure the Tiller Deployment (Helm V2) is not accessible from within the cluster",
      coverage: covered(
        ["kubernetes-core-pod-no-dashboard-or-tiller"],
        "Stricter: every Tiller is rejected, listening on loopback (`--listen=127.0.0.1:44134`) or not.",
      ),
    },
    {
      id: "CKV_K8S_49",
      title: "Minimize wildcard use in Roles and ClusterRoles",
      coverage: covered(["kubernetes-rbac-role-no-wildcard"]),
    },
    {
      id: "CKV_K8S_68",
      title: "Ensure that the --anonymous-auth argument is set to false",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_69",
      title: "Ensure that the --basic-auth-file argument is not set",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_70",
      title: "Ensure that the --token-auth-file argument is not set",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_71",
      title: "Ensure that the --kubelet-https argument is set to true",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_72",
      title:
        "Ensure that the --kubelet-client-certificate and --kubelet-client-key arguments are set as appropriate",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_73",
      title: "Ensure that the --kubelet-certificate-authority argument is set as appropriate",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_74",
      title: "Ensure that the --authorization-mode argument is not set to AlwaysAllow",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_75",
      title: "Ensure that the --authorization-mode argument includes Node",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_77",
      title: "Ensure that the --authorization-mode argument includes RBAC",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_78",
      title: "Ensure that the admission control plugin EventRateLimit is set",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_79",
      title: "Ensure that the admission control plugin AlwaysAdmit is not set",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_80",
      title: "Ensure that the admission control plugin AlwaysPullImages is set",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_81",
      title:
        "Ensure that the admission control plugin SecurityContextDeny is set if PodSecurityPolicy is not used",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_82",
      title: "Ensure that the admission control plugin ServiceAccount is set",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_83",
      title: "Ensure that the admission control plugin NamespaceLifecycle is set",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_84",
      title: "Ensure that the admission control plugin PodSecurityPolicy is set",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_85",
      title: "Ensure that the admission control plugin NodeRestriction is set",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_86",
      title: "Ensure that the --insecure-bind-address argument is not set",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_88",
      title: "Ensure that the --insecure-port argument is set to 0",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_89",
      title: "Ensure that the --secure-port argument is not set to 0",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_90",
      title: "Ensure that the --profiling argument is set to false",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_91",
      title: "Ensure that the --audit-log-path argument is set",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_92",
      title: "Ensure that the --audit-log-maxage argument is set to 30 or as appropriate",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_93",
      title: "Ensure that the --audit-log-maxbackup argument is set to 10 or as appropriate",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_94",
      title: "Ensure that the --audit-log-maxsize argument is set to 100 or as appropriate",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_95",
      title: "Ensure that the --request-timeout argument is set as appropriate",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_96",
      title: "Ensure that the --service-account-lookup argument is set to true",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_97",
      title: "Ensure that the --service-account-key-file argument is set as appropriate",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_99",
      title: "Ensure that the --etcd-certfile and --etcd-keyfile arguments are set as appropriate",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_100",
      title:
        "Ensure that the --tls-cert-file and --tls-private-key-file arguments are set as appropriate",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_102",
      title: "Ensure that the --etcd-cafile argument is set as appropriate",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_104",
      title: "Ensure that encryption providers are appropriately configured",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_105",
      title: "Ensure that the API Server only makes use of Strong Cryptographic Ciphers",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_106",
      title: "Ensure that the --terminated-pod-gc-threshold argument is set as appropriate",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_107",
      title: "Ensure that the --profiling argument is set to false",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_108",
      title: "Ensure that the --use-service-account-credentials argument is set to true",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_110",
      title: "Ensure that the --service-account-private-key-file argument is set as appropriate",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_111",
      title: "Ensure that the --root-ca-file argument is set as appropriate",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_112",
      title: "Ensure that the RotateKubeletServerCertificate argument is set to true",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_113",
      title: "Ensure that the --bind-address argument is set to 127.0.0.1",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_114",
      title: "Ensure that the --profiling argument is set to false",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_115",
      title: "Ensure that the --bind-address argument is set to 127.0.0.1",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_116",
      title: "Ensure that the --cert-file and --key-file arguments are set as appropriate",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_117",
      title: "Ensure that the --client-cert-auth argument is set to true",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_118",
      title: "Ensure that the --auto-tls argument is not set to true",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_119",
      title:
        "Ensure that the --peer-cert-file and --peer-key-file arguments are set as appropriate",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_121",
      title: "Ensure that the --peer-client-cert-auth argument is set to true",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_138",
      title: "Ensure that the --anonymous-auth argument is set to false",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_139",
      title: "Ensure that the --authorization-mode argument is not set to AlwaysAllow",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_140",
      title: "Ensure that the --client-ca-file argument is set as appropriate",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_141",
      title: "Ensure that the --read-only-port argument is set to 0",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_143",
      title: "Ensure that the --streaming-connection-idle-timeout argument is not set to 0",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_144",
      title: "Ensure that the --protect-kernel-defaults argument is set to true",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_145",
      title: "Ensure that the --make-iptables-util-chains argument is set to true",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_146",
      title: "Ensure that the --hostname-override argument is not set",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_147",
      title:
        "Ensure that the --event-qps argument is set to 0 or a level which ensures appropriate event capture",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_148",
      title:
        "Ensure that the --tls-cert-file and --tls-private-key-file arguments are set as appropriate",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_149",
      title: "Ensure that the --rotate-certificates argument is not set to false",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_151",
      title: "Ensure that the Kubelet only makes use of Strong Cryptographic Ciphers",
      coverage: notApplicable(flagOfNodeOrControlPlane),
    },
    {
      id: "CKV_K8S_152",
      title:
        "Prevent NGINX Ingress annotation snippets which contain LUA code execution. See CVE-2021-25742",
      coverage: covered(
        ["kubernetes-networking-ingress-no-snippet-annotations"],
        "Every `*-snippet` annotation, on any Ingress API version and form.",
      ),
    },
    {
      id: "CKV_K8S_153",
      title: "Prevent All NGINX Ingress annotation snippets. See CVE-2021-25742",
      coverage: covered(
        ["kubernetes-networking-ingress-no-snippet-annotations"],
        "Every `*-snippet` annotation, on any Ingress API version and form.",
      ),
    },
    {
      id: "CKV_K8S_154",
      title:
        "Prevent NGINX Ingress annotation snippets which contain alias statements See CVE-2021-25742",
      coverage: covered(
        ["kubernetes-networking-ingress-no-snippet-annotations"],
        "Every `*-snippet` annotation, on any Ingress API version and form.",
      ),
    },
    {
      id: "CKV_K8S_155",
      title:
        "Minimize ClusterRoles that grant control over validating or mutating admission webhook configurations",
      coverage: covered(
        ["kubernetes-rbac-role-no-sensitive-rights"],
        "Create, update, patch or delete on either kind of webhook configuration, in any ClusterRole.",
      ),
    },
    {
      id: "CKV_K8S_156",
      title: "Minimize ClusterRoles that grant permissions to approve CertificateSigningRequests",
      coverage: covered(
        ["kubernetes-rbac-role-no-sensitive-rights"],
        "`certificatesigningrequests/approval` update or patch, and `approve` on signers.",
      ),
    },
    {
      id: "CKV_K8S_157",
      title:
        "Minimize Roles and ClusterRoles that grant permissions to bind RoleBindings or ClusterRoleBindings",
      coverage: covered(["kubernetes-rbac-role-no-escalation-verbs"], "The `bind` verb."),
    },
    {
      id: "CKV_K8S_158",
      title:
        "Minimize Roles and ClusterRoles that grant permissions to escalate Roles or ClusterRoles",
      coverage: covered(["kubernetes-rbac-role-no-escalation-verbs"], "The `escalate` verb."),
    },
    {
      id: "CKV_K8S_159",
      title: "Limit the use of git-sync to prevent code injection",
      coverage: covered(
        ["kubernetes-core-pod-no-git-sync-command-override"],
        "`GITSYNC_GIT`/`GIT_SYNC_GIT` in any container, `--git` in git-sync's.",
      ),
    },
    {
      id: "CKV2_K8S_1",
      title:
        "RoleBinding should not allow privilege escalation to a ServiceAccount or Node on other RoleBinding",
      coverage: covered(
        ["kubernetes-rbac-role-no-escalation-verbs", "kubernetes-rbac-role-no-sensitive-rights"],
        "The `bind` verb is refused in every role, whoever holds it; writing RoleBindings or ClusterRoleBindings too.",
      ),
    },
    {
      id: "CKV2_K8S_2",
      title:
        "Granting `create` permissions to `nodes/proxy` or `pods/exec` sub resources allows potential privilege escalation",
      coverage: covered(
        [
          "kubernetes-rbac-role-no-sensitive-rights",
          "kubernetes-rbac-binding-data-rights-own-namespace",
          "kubernetes-rbac-rolebinding-researcher-own-workspace",
        ],
        "`nodes/proxy` in any ClusterRole, for whoever holds it. `pods/exec` for every subject kind beyond its own namespace; within a service account's own namespace, exec is the namespace's own business (Checkov flags it there too).",
      ),
    },
    {
      id: "CKV2_K8S_3",
      title:
        "No ServiceAccount/Node should have `impersonate` permissions for groups/users/service-accounts",
      coverage: covered(["kubernetes-rbac-role-no-escalation-verbs"], "The `impersonate` verb."),
    },
    {
      id: "CKV2_K8S_4",
      title:
        "ServiceAccounts and nodes that can modify services/status may set the `status.loadBalancer.ingress.ip` field to exploit the unfixed CVE-2020-8554 and launch MiTM attacks against the cluster.",
      coverage: covered(
        ["kubernetes-rbac-role-no-sensitive-rights"],
        "Update or patch on `services/status`, in any role.",
      ),
    },
    {
      id: "CKV2_K8S_5",
      title: "No ServiceAccount/Node should be able to read all secrets",
      coverage: covered(
        [
          "kubernetes-rbac-binding-data-rights-own-namespace",
          "kubernetes-rbac-rolebinding-researcher-own-workspace",
        ],
        "Reading Secrets beyond the subject's own namespace, for every subject kind; a rule limited to named Secrets (`resourceNames`) is excepted, as Checkov does.",
      ),
    },
    {
      id: "CKV2_K8S_6",
      title: "Minimize the admission of pods which lack an associated NetworkPolicy",
      coverage: covered(
        ["kubernetes-core-namespace-workspace-default-deny"],
        "Workspace namespaces: default deny in both directions.",
      ),
    },
    {
      id: "CKV_OPENSTACK_1",
      title:
        "Ensure no hard coded OpenStack password, token, or application_credential_secret exists in provider",
      coverage: covered(
        ["openstack-provider-config-no-credentials"],
        "Password, token, application credential secret, and a private key given as content: in Pulumi they are stored with the provider in the state, literal or from (secret) stack configuration.",
      ),
    },
    {
      id: "CKV_OPENSTACK_2",
      title: "Ensure no security groups allow ingress from 0.0.0.0:0 to port 22 (tcp / udp)",
      coverage: covered([
        "openstack-networking-secgroup-rule-no-sensitive-port-from-internet",
        "openstack-networking-secgroup-rule-no-internet-ingress",
      ]),
    },
    {
      id: "CKV_OPENSTACK_3",
      title: "Ensure no security groups allow ingress from 0.0.0.0:0 to port 3389 (tcp / udp)",
      coverage: covered([
        "openstack-networking-secgroup-rule-no-sensitive-port-from-internet",
        "openstack-networking-secgroup-rule-no-internet-ingress",
      ]),
    },
    {
      id: "CKV_OPENSTACK_4",
      title: "Ensure that instance does not use basic credentials",
      coverage: covered(
        ["openstack-compute-instance-no-password-login"],
        "adminPass, and passwords set through cloud-init.",
      ),
    },
    {
      id: "CKV_OPENSTACK_5",
      title: "Ensure firewall rule set a destination IP",
      coverage: notApplicable(
        "Firewall-as-a-service rules (openstack_fw_rule_v1) are not used on the platform's clouds; security groups are judged instead.",
      ),
    },
  ],
};

export const cisKubernetes5: Anchor = {
  name: "CIS Kubernetes Benchmark 1.9, section 5 (Kubernetes Policies), as kube-bench encodes it",
  source:
    "https://github.com/aquasecurity/kube-bench/blob/a73ce378418c71c5861e6963753f50dec3badadf/cfg/cis-1.9/policies.yaml",
  checks: [
    {
      id: "5.1.1",
      title: "Ensure that the cluster-admin role is only used where required",
      coverage: covered(["kubernetes-rbac-binding-no-cluster-admin"]),
    },
    {
      id: "5.1.2",
      title: "Minimize access to secrets",
      coverage: covered(
        [
          "kubernetes-rbac-binding-data-rights-own-namespace",
          "kubernetes-rbac-rolebinding-researcher-own-workspace",
        ],
        "Secrets read through a ClusterRoleBinding, or by a service account beyond its own namespace, or by researchers' groups outside their workspace.",
      ),
    },
    {
      id: "5.1.3",
      title: "Minimize wildcard use in Roles and ClusterRoles",
      coverage: covered(["kubernetes-rbac-role-no-wildcard"]),
    },
    {
      id: "5.1.4",
      title: "Minimize access to create pods",
      coverage: covered(
        ["kubernetes-rbac-binding-data-rights-own-namespace"],
        "Creating pods (or the workload resources that create them) through a ClusterRoleBinding, or by a service account beyond its own namespace.",
      ),
    },
    {
      id: "5.1.5",
      title: "Ensure that default service accounts are not actively used",
      coverage: covered(
        [
          "kubernetes-rbac-binding-no-default-service-account",
          "kubernetes-core-pod-no-default-service-account",
        ],
        "No binding to the default service account, no token mounted from it.",
      ),
    },
    {
      id: "5.1.6",
      title: "Ensure that Service Account Tokens are only mounted where necessary",
      coverage: covered(["kubernetes-core-pod-no-service-account-token"], "Advisory."),
    },
    {
      id: "5.1.7",
      title: "Avoid use of system:masters group",
      coverage: covered(["kubernetes-rbac-binding-no-cluster-admin"]),
    },
    {
      id: "5.1.8",
      title:
        "Limit use of the Bind, Impersonate and Escalate permissions in the Kubernetes cluster",
      coverage: covered(["kubernetes-rbac-role-no-escalation-verbs"]),
    },
    {
      id: "5.1.9",
      title: "Minimize access to create persistent volumes",
      coverage: covered(["kubernetes-rbac-role-no-sensitive-rights"]),
    },
    {
      id: "5.1.10",
      title: "Minimize access to the proxy sub-resource of nodes",
      coverage: covered(["kubernetes-rbac-role-no-sensitive-rights"]),
    },
    {
      id: "5.1.11",
      title: "Minimize access to the approval sub-resource of certificatesigningrequests objects",
      coverage: covered(["kubernetes-rbac-role-no-sensitive-rights"]),
    },
    {
      id: "5.1.12",
      title: "Minimize access to webhook configuration objects",
      coverage: covered(["kubernetes-rbac-role-no-sensitive-rights"]),
    },
    {
      id: "5.1.13",
      title: "Minimize access to the service account token creation",
      coverage: covered(["kubernetes-rbac-role-no-sensitive-rights"]),
    },
    {
      id: "5.2.1",
      title: "Ensure that the cluster has at least one active policy control mechanism in place",
      coverage: covered(
        ["kubernetes-core-namespace-workspace-pod-security"],
        "Pod Security admission `restricted`, enforced on workspace namespaces.",
      ),
    },
    {
      id: "5.2.2",
      title: "Minimize the admission of privileged containers",
      coverage: covered(["kubernetes-core-pod-no-privileged"]),
    },
    {
      id: "5.2.3",
      title: "Minimize the admission of containers wishing to share the host process ID namespace",
      coverage: covered(["kubernetes-core-pod-no-host-namespaces"]),
    },
    {
      id: "5.2.4",
      title: "Minimize the admission of containers wishing to share the host IPC namespace",
      coverage: covered(["kubernetes-core-pod-no-host-namespaces"]),
    },
    {
      id: "5.2.5",
      title: "Minimize the admission of containers wishing to share the host network namespace",
      coverage: covered([
        "kubernetes-core-pod-no-host-namespaces",
        "kubernetes-helm-release-no-host-access",
      ]),
    },
    {
      id: "5.2.6",
      title: "Minimize the admission of containers with allowPrivilegeEscalation",
      coverage: covered(["kubernetes-core-pod-no-privilege-escalation"]),
    },
    {
      id: "5.2.7",
      title: "Minimize the admission of root containers",
      coverage: covered(["kubernetes-core-pod-run-as-non-root"]),
    },
    {
      id: "5.2.8",
      title: "Minimize the admission of containers with the NET_RAW capability",
      coverage: covered(["kubernetes-core-pod-drop-all-capabilities"]),
    },
    {
      id: "5.2.9",
      title: "Minimize the admission of containers with added capabilities",
      coverage: covered(["kubernetes-core-pod-drop-all-capabilities"]),
    },
    {
      id: "5.2.10",
      title: "Minimize the admission of containers with capabilities assigned",
      coverage: covered(["kubernetes-core-pod-drop-all-capabilities"]),
    },
    {
      id: "5.2.11",
      title: "Minimize the admission of Windows HostProcess containers",
      coverage: covered(["kubernetes-core-pod-no-windows-host-process"]),
    },
    {
      id: "5.2.12",
      title: "Minimize the admission of HostPath volumes",
      coverage: covered([
        "kubernetes-core-pod-no-host-path",
        "kubernetes-helm-release-no-host-access",
      ]),
    },
    {
      id: "5.2.13",
      title: "Minimize the admission of containers which use HostPorts",
      coverage: covered(["kubernetes-core-pod-no-host-ports"]),
    },
    {
      id: "5.3.1",
      title: "Ensure that the CNI in use supports NetworkPolicies",
      coverage: notApplicable(
        "A property of the cluster's network plugin, chosen by the managed service, not declared in a program.",
      ),
    },
    {
      id: "5.3.2",
      title: "Ensure that all Namespaces have NetworkPolicies defined",
      coverage: covered(
        ["kubernetes-core-namespace-workspace-default-deny"],
        "Namespaces that hold workloads: default deny in both directions.",
      ),
    },
    {
      id: "5.4.1",
      title: "Prefer using Secrets as files over Secrets as environment variables",
      coverage: covered(["kubernetes-core-pod-no-secret-env"], "Advisory (severity medium)."),
    },
    {
      id: "5.4.2",
      title: "Consider external secret storage",
      coverage: notApplicable(
        "An organisational choice, not a property of a declared resource; the platform keeps its keys in Barbican (openstack-keymanager-* policies).",
      ),
    },
    {
      id: "5.5.1",
      title: "Configure Image Provenance using ImagePolicyWebhook admission controller",
      coverage: covered(
        ["kubernetes-core-pod-image-eu-registry", "kubernetes-core-pod-image-immutable-reference"],
        "Provenance judged at plan time: images from the EU registry, pinned by digest in production.",
      ),
    },
    {
      id: "5.7.1",
      title: "Create administrative boundaries between resources using namespaces",
      coverage: covered(
        [
          "kubernetes-rbac-rolebinding-researcher-own-workspace",
          "kubernetes-core-namespace-workspace-default-deny",
        ],
        "Workspace namespaces: researchers' rights and traffic stay within them.",
      ),
    },
    {
      id: "5.7.2",
      title: "Ensure that the seccomp profile is set to docker/default in your Pod definitions",
      coverage: covered(["kubernetes-core-pod-seccomp-profile"]),
    },
    {
      id: "5.7.3",
      title: "Apply SecurityContext to your Pods and Containers",
      coverage: covered([
        "kubernetes-core-pod-run-as-non-root",
        "kubernetes-core-pod-no-privilege-escalation",
        "kubernetes-core-pod-drop-all-capabilities",
        "kubernetes-core-pod-read-only-root-filesystem",
        "kubernetes-core-pod-seccomp-profile",
      ]),
    },
    {
      id: "5.7.4",
      title: "The default namespace should not be used",
      coverage: covered(["kubernetes-core-no-default-namespace"]),
    },
  ],
};

export const anchors: readonly Anchor[] = [checkov, cisKubernetes5];
