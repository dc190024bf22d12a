import { resourcePolicies } from "../lib/define";
import { providerNamespace } from "../lib/kubeconfig";
import { isUnknown, list, obj, raw, str, type Props } from "../lib/values";
import { req } from "../requirements";

/**
 * The kinds that hold workloads, data or rights (Checkov's CKV_K8S_21 list, with
 * PersistentVolumeClaims): in `default` they sit in a namespace every cluster has, that no
 * workspace owns and that Kubernetes creates without Pod Security labels or network policies,
 * so nothing isolates them (CIS 5.7.4).
 */
const judgedKinds = new Set([
  "Pod",
  "Deployment",
  "DaemonSet",
  "StatefulSet",
  "ReplicaSet",
  "ReplicationController",
  "Job",
  "CronJob",
  "Service",
  "Secret",
  "ServiceAccount",
  "Role",
  "RoleBinding",
  "ConfigMap",
  "Ingress",
  "PersistentVolumeClaim",
]);
const kindOf = /^kubernetes:[^:]+:([A-Za-z]+?)(Patch|List)?$/;
/** The types of the judged kinds, as declared types: every group and version, Patch and List. */
const judgedTypes = [...judgedKinds].flatMap((kind) =>
  [kind, `${kind}Patch`, `${kind}List`].map((k) => `kubernetes:*:${k}`),
);

/** Kubernetes' own objects of `default`, which a program may configure but did not place there. */
const ownObjects = new Set(["ServiceAccount/default", "Service/kubernetes"]);

export function noDefaultNamespace() {
  return resourcePolicies({
    name: "kubernetes-core-no-default-namespace",
    description:
      "Workloads, Services, Secrets, ConfigMaps, RBAC and claims are not placed in the `default` namespace.",
    enforcementLevel: "mandatory",
    // The kind is read from the type token (any API group and version, Patch and List forms):
    // the judged kinds only, so the server skips every other type unread.
    types: judgedTypes,
    meta: {
      area: "kubernetes",
      severity: "medium",
      requirements: [req.cisDefaultNamespace, req.isoSegregation],
      remediation:
        "Set `metadata.namespace` to the workspace's or component's own namespace (isolated: Pod Security `restricted`, default deny), or give the Kubernetes provider a `namespace`.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      const match = kindOf.exec(args.type);
      if (!match || !judgedKinds.has(match[1])) return;
      const kind = match[1];
      const props = raw(args.props);
      const objects: { path: string; object: Props }[] =
        match[2] === "List"
          ? (list(props.items) ?? []).flatMap((item, i) => {
              const object = obj(item);
              return object ? [{ path: `items[${i}].`, object }] : [];
            })
          : [{ path: "", object: props }];
      for (const { path, object } of objects) {
        const metadata = obj(object.metadata);
        if (ownObjects.has(`${kind}/${str(metadata?.name) ?? ""}`)) continue;
        const namespace = isUnknown(object.metadata) ? object.metadata : metadata?.namespace;
        if (isUnknown(namespace)) {
          unknown(`${path}metadata.namespace of the ${kind} is unknown during preview.`);
          continue;
        }
        const own = str(namespace);
        if (own === "default")
          report(
            `${path}metadata.namespace of the ${kind} is \`default\`. Place it in its own namespace.`,
          );
        if (own) continue;
        const fallback = providerNamespace(args.provider ? raw(args.provider.props) : undefined);
        if (fallback === "unknown")
          unknown(
            `${path}the ${kind} names no namespace, and where its provider places it (its \`namespace\`, else its kubeconfig's current context) is unknown here.`,
          );
        else if (fallback === "default")
          report(
            `${path}the ${kind} names no namespace and its provider places it in \`default\`. Set \`metadata.namespace\`.`,
          );
      }
    },
  });
}
