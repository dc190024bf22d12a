import { fromAllowedRegistry, parseImage } from "../lib/images";
import { isUnknown, str } from "../lib/values";
import { req } from "../requirements";
import { podPolicy } from "./pod-rule";

export function podImageRegistry() {
  return podPolicy({
    name: "kubernetes-core-pod-image-eu-registry",
    description: "Container images come only from the platform's configured EU registry.",
    enforcementLevel: "mandatory",
    meta: {
      severity: "high",
      requirements: [req.cisImageProvenance, req.sncExtraEuLaw, req.isoConfiguration],
      remediation:
        "Push the image to the platform's EU registry (policy setting `registries`) and reference it from there.",
      settings: ["registries"],
    },
    check: ({ containers, settings }, report) => {
      for (const { label, container } of containers) {
        if (isUnknown(container.image)) continue;
        const text = str(container.image);
        if (!text) {
          report(`${label} names no image.`);
          continue;
        }
        const image = parseImage(text);
        if (!fromAllowedRegistry(image, settings.registries)) {
          report(
            `${label}: image "${text}" is not from an allowed EU registry (${settings.registries.join(", ")}).`,
          );
        }
      }
    },
  });
}
