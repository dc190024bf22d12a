import { resourcePolicy } from "../lib/define";
import { chartSources } from "../lib/helm-chart-source";
import { helmTypes, imagesOf } from "../lib/helm-values";
import { fromAllowedRegistry, parseImage } from "../lib/images";
import { raw } from "../lib/values";
import { req } from "../requirements";

/**
 * The chart and the images a release's values name come from the allowed registries (setting
 * `registries`). The chart is code the provider renders into every object of the release, so
 * it is held to the same origin as the images it deploys: an OCI chart lives in a container
 * registry, and an HTTPS chart repository is listed there the same way (`host` or `host/path`).
 * A chart source unknown during preview is named by kubernetes-helm-release-chart-over-tls-unknown.
 */
export function helmReleaseImageRegistry() {
  return resourcePolicy({
    name: "kubernetes-helm-release-image-eu-registry",
    description:
      "A Helm release's chart, and the images named in its values, come from the allowed EU registries.",
    enforcementLevel: "mandatory",
    types: helmTypes,
    meta: {
      area: "helm",
      severity: "high",
      requirements: [req.cisImageProvenance, req.sncExtraEuLaw, req.isoConfiguration],
      remediation:
        "Mirror the chart and its images into the platform registry first; pull the chart from there (`oci://<registry>/...` or its HTTPS repository) and point the images at it (`global.imageRegistry`, or each `image.registry`/`image.repository`).",
      settings: ["registries"],
    },
    validate: (args, settings, report) => {
      const props = raw(args.props);
      for (const source of chartSources(props).sources) {
        if (!fromAllowedRegistry({ ...source, hostExplicit: true }, settings.registries))
          report(
            `\`${source.field}\` "${source.text}" downloads the chart from ${source.host}, not an allowed registry (${settings.registries.join(", ")}).`,
          );
      }
      for (const { path, image } of imagesOf(props.values)) {
        const ref = parseImage(image);
        if (!fromAllowedRegistry(ref, settings.registries))
          report(
            `values \`${path}\` pulls "${image}" from ${ref.host}, not an allowed registry (${settings.registries.join(", ")}).`,
          );
      }
    },
  });
}
