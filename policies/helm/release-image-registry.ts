import { resourcePolicy } from "../lib/define";
import { helmTypes, imagesOf } from "../lib/helm-values";
import { fromAllowedRegistry, parseImage } from "../lib/images";
import { raw } from "../lib/values";
import { req } from "../requirements";

/** Images a release's values name come from the allowed registries (setting `registries`). */
export function helmReleaseImageRegistry() {
  return resourcePolicy({
    name: "kubernetes-helm-release-image-eu-registry",
    description: "Images named in Helm release values come from the allowed EU registries.",
    enforcementLevel: "mandatory",
    types: helmTypes,
    meta: {
      area: "helm",
      severity: "high",
      requirements: [req.cisImageProvenance, req.sncExtraEuLaw, req.isoConfiguration],
      remediation:
        "Point the chart's images at the platform registry (e.g. `global.imageRegistry`, or each `image.registry`/`image.repository`), mirrored there first.",
      settings: ["registries"],
    },
    validate: (args, settings, report) => {
      for (const { path, image } of imagesOf(raw(args.props).values)) {
        const ref = parseImage(image);
        if (!fromAllowedRegistry(ref, settings.registries))
          report(
            `values \`${path}\` pulls "${image}" from ${ref.host}, not an allowed registry (${settings.registries.join(", ")}).`,
          );
      }
    },
  });
}
