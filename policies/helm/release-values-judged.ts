import { resourcePolicy } from "../lib/define";
import { helmTypes, unknownPaths } from "../lib/helm-values";
import { isUnknown, list, obj, raw } from "../lib/values";
import { req } from "../requirements";

/**
 * What the Helm rules cannot see is said, never passed in silence: values unknown during
 * preview, values given as files (`valueYamlFiles`, read by the provider, not sent to the pack),
 * a values field that is not a map, or a post-renderer (helm/v3 Release `postrender`, helm/v4
 * Chart `postRenderer`: a command that rewrites the rendered manifests after the values, Helm
 * "Advanced Helm Techniques", post rendering), which may change whatever the values said.
 */
export function helmReleaseValuesJudged() {
  return resourcePolicy({
    name: "kubernetes-helm-release-values-judged",
    description:
      "Names the Helm release values the pack cannot judge (unknown at preview, in files, not a map, rewritten by a post-renderer).",
    enforcementLevel: "advisory",
    types: helmTypes,
    meta: {
      area: "helm",
      severity: "medium",
      requirements: [req.isoConfiguration],
      remediation:
        "Pass the release's values inline as literals (not files or other resources' outputs) so the pack judges them, or review the rendered chart (`helm template`) by hand.",
      settings: [],
    },
    validate: (args, _settings, report) => {
      const props = raw(args.props);
      if (isUnknown(props.values)) {
        report(
          "`values` are unknown during preview: service types, host access and images cannot be judged.",
        );
      } else if (props.values !== undefined && props.values !== null && !obj(props.values)) {
        report("`values` is not a map: it cannot be judged.");
      } else {
        const unknown = unknownPaths(props.values);
        if (unknown.length > 0)
          report(
            `values ${unknown.map((p) => `\`${p}\``).join(", ")} are unknown during preview: not judged.`,
          );
      }
      const postRenderer = props.postrender ?? props.postRenderer;
      if (
        isUnknown(postRenderer) ||
        (postRenderer !== undefined && postRenderer !== null && postRenderer !== "")
      )
        report(
          "a post-renderer rewrites the rendered manifests after the values: what is deployed is not what the values say, and is not judged.",
        );
      const files = props.valueYamlFiles;
      if (isUnknown(files) || (list(files) ?? []).length > 0)
        report(
          "`valueYamlFiles` are read by the provider, not sent to the pack: their values are not judged.",
        );
    },
  });
}
