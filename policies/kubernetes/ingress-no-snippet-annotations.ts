import { resourcePolicies } from "../lib/define";
import { isUnknown, list, obj, raw, type Props } from "../lib/values";
import { req } from "../requirements";

/**
 * ingress-nginx copies `*-snippet` annotations (`configuration-snippet`, `server-snippet`...)
 * into its NGINX configuration unreviewed: whoever may write an Ingress can read the
 * controller's service account token, which reads every Secret of the cluster, each
 * workspace's included (CVE-2021-25742). Lua and `alias`
 * directives are the known exploits (Checkov's CKV_K8S_152 and 154); any snippet is the door
 * (CKV_K8S_153), so any annotation whose key names a snippet is refused, whatever controller the
 * cluster runs: another controller ignores it, and a later switch to ingress-nginx would not.
 */
const ingressTypes = [
  "kubernetes:networking.k8s.io/*:Ingress",
  "kubernetes:networking.k8s.io/*:IngressPatch",
  "kubernetes:networking.k8s.io/*:IngressList",
  "kubernetes:extensions/*:Ingress",
  "kubernetes:extensions/*:IngressPatch",
  "kubernetes:extensions/*:IngressList",
];
const isIngress = /^kubernetes:(networking\.k8s\.io|extensions)\/[^:]+:Ingress(Patch|List)?$/;

export function ingressNoSnippetAnnotations() {
  return resourcePolicies({
    name: "kubernetes-networking-ingress-no-snippet-annotations",
    description: "No Ingress carries an NGINX configuration snippet annotation.",
    enforcementLevel: "mandatory",
    types: ingressTypes,
    meta: {
      area: "kubernetes",
      severity: "critical",
      requirements: [req.isoPrivilegedAccess, req.hdsConfidentiality, req.isoConfiguration],
      remediation:
        "Remove the `*-snippet` annotation and express the need with the controller's dedicated annotations or its global configuration, reviewed by the platform team.",
      settings: [],
    },
    validate: (args, _settings, report, unknown) => {
      if (!isIngress.test(args.type)) return;
      const props = raw(args.props);
      const objects: { path: string; object: Props }[] = args.type.endsWith("List")
        ? (list(props.items) ?? []).flatMap((item, i) => {
            const object = obj(item);
            return object ? [{ path: `items[${i}].`, object }] : [];
          })
        : [{ path: "", object: props }];
      for (const { path, object } of objects) {
        const metadata = object.metadata;
        const annotations = isUnknown(metadata) ? metadata : obj(metadata)?.annotations;
        if (isUnknown(annotations)) {
          unknown(`${path}metadata.annotations are unknown during preview.`);
          continue;
        }
        for (const key of Object.keys(obj(annotations) ?? {}))
          if (key.toLowerCase().includes("snippet"))
            report(
              `${path}metadata.annotations["${key}"] injects raw NGINX configuration (CVE-2021-25742): whoever writes this Ingress can read every Secret of the cluster. Remove it.`,
            );
      }
    },
  });
}
