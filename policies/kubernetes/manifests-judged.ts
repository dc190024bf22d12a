import { resourcePolicy } from "../lib/define";
import { isUnknown, list, obj, raw } from "../lib/values";
import { req } from "../requirements";

/**
 * The components that register Kubernetes objects from manifests inside the provider, and the
 * inputs that carry those objects: `yaml/v2` ConfigGroup (`files`, `yaml`, `objs`) and
 * ConfigFile (`file`), `kustomize/v2` Directory (`directory`).
 */
const manifestInputs: Readonly<Record<string, readonly string[]>> = {
  "kubernetes:yaml/v2:ConfigGroup": ["files", "yaml", "objs"],
  "kubernetes:yaml/v2:ConfigFile": ["file"],
  "kubernetes:kustomize/v2:Directory": ["directory"],
};

/**
 * What the pack cannot see is said, never passed in silence: the provider registers a
 * ConfigGroup's, ConfigFile's or kustomize Directory's objects as resources (judged by every
 * other rule) only once its inputs are known. With one unknown during preview it logs "Required
 * input properties have unknown values. Preview is incomplete." and registers none
 * (pulumi-kubernetes, provider/pkg/provider/yaml/v2/configgroup.go `Construct`, read at commit
 * 0fb51f67): every pod, role and policy in those manifests goes unjudged until `pulumi up`.
 */
export function kubernetesManifestsJudged() {
  return resourcePolicy({
    name: "kubernetes-yaml-manifests-judged",
    description:
      "Names the ConfigGroup, ConfigFile and kustomize Directory whose manifests are unknown at preview, so that none of their objects is judged.",
    enforcementLevel: "advisory",
    types: Object.keys(manifestInputs),
    meta: {
      area: "kubernetes",
      severity: "medium",
      requirements: [req.isoConfiguration],
      remediation:
        "Give the manifests as literals or files known at preview (not other resources' outputs), so that the provider registers their objects and the pack judges them; or check with `pulumi up` and the pack.",
      settings: [],
    },
    validate: (args, _settings, report) => {
      const inputs = manifestInputs[args.type];
      if (!inputs) return;
      const props = raw(args.props);
      // One unknown anywhere in them (a field of one object of `objs`) holds every object back.
      const unknown = inputs.filter((field) => holdsUnknown(props[field], 0));
      if (unknown.length > 0)
        report(
          `${unknown.map((f) => `\`${f}\``).join(", ")} unknown during preview: the provider registers none of the manifests' objects, and none is judged yet.`,
        );
    },
  });
}

/** Whether a value is, or holds at any depth, a value unknown during preview (bounded walk). */
function holdsUnknown(value: unknown, depth: number): boolean {
  if (isUnknown(value)) return true;
  if (depth > 64) return false;
  const children = list(value) ?? Object.values(obj(value) ?? {});
  return children.some((child) => holdsUnknown(child, depth + 1));
}
