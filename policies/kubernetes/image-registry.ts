import { fromAllowedRegistry, parseImage } from "../lib/images";
import { str, UnknownAt } from "../lib/values";
import { req } from "../requirements";
import { leftLiveMessage, podPolicies, unknownMessage } from "./pod-rule";

export function podImageRegistry() {
  return podPolicies({
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
    check: ({ containers, read, settings, pod }, report, unknown) => {
      for (const container of containers) {
        const { label } = container;
        const image = read(container, "image");
        if (image instanceof UnknownAt) {
          unknown(unknownMessage(image, `the registry ${label} pulls from`));
          continue;
        }
        const text = str(image);
        if (!text && pod.patch) {
          unknown(leftLiveMessage(`${label}.image`, `the registry ${label} pulls from`));
          continue;
        }
        if (!text) {
          report(`${label} names no image.`);
          continue;
        }
        if (!fromAllowedRegistry(parseImage(text), settings.registries)) {
          report(
            `${label}: image "${text}" is not from an allowed EU registry (${settings.registries.join(", ")}).`,
          );
        }
      }
    },
  });
}
