import { resourcePolicy } from "../lib/define";
import { helmTypes, unknownPaths } from "../lib/helm-values";
import { isUnknown, list, obj, raw } from "../lib/values";
import { req } from "../requirements";

/**
 * What the Helm rules cannot see is said, never passed in silence: values unknown during
 * preview, values given as files (`valueYamlFiles`, read by the provider, not sent to the pack),
 * or a values field that is not a map.
 */
export function helmReleaseValuesJudged() {
  return resourcePolicy({
    name: "kubernetes-helm-release-values-judged",
    description:
      "Names the Helm release values the pack cannot judge (unknown at preview, in files, not a map).",
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
      const files = props.valueYamlFiles;
      if (isUnknown(files) || (list(files) ?? []).length > 0)
        report(
          "`valueYamlFiles` are read by the provider, not sent to the pack: their values are not judged.",
        );
    },
  });
}
