import { extraEuRegistryOperator } from "../catalog/jurisdictions";
import { resourcePolicy } from "../lib/define";
import { parseImage } from "../lib/images";
import { forEachContainer } from "../lib/pod-spec";
import { podBearingTypes } from "../lib/pod-bearing-types";
import { raw, str } from "../lib/values";
import { req } from "../requirements";

/** No container image pulled from a registry operated under extra-EU law. */
export function extraEuRegistry() {
  return resourcePolicy({
    name: "kubernetes-core-pod-image-extra-eu-registry",
    description:
      "Container images are not pulled from registries operated under extra-EU law (docker.io, ghcr.io, quay.io, gcr.io, mcr.microsoft.com, public.ecr.aws...).",
    enforcementLevel: "mandatory",
    // Pod specs are found by shape (lib/pod-spec.ts), custom resources included.
    types: podBearingTypes,
    meta: {
      area: "jurisdiction",
      severity: "high",
      requirements: [req.sncExtraEuLaw, req.hdsExtraEu, req.cisImageProvenance],
      remediation:
        "Mirror the image into the platform's EU registry (policy setting `registries`) and reference it there, pinned by digest.",
      settings: [],
    },
    validate: (args, _settings, report) => {
      forEachContainer(args.type, raw(args.props), ({ label, container }) => {
        const text = str(container.image);
        if (!text) return;
        const image = parseImage(text);
        const operator = extraEuRegistryOperator(image.host);
        if (!operator) return;
        const implicit = image.hostExplicit ? "" : " (no registry host means Docker Hub)";
        report(
          `${label}: image "${text}" comes from ${image.host}${implicit}, operated by ${operator.operator} under ${operator.jurisdiction} law. ` +
            "Mirror it into the EU registry and pull it from there.",
        );
      });
    },
  });
}
