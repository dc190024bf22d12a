import { hasDigest, parseImage } from "../lib/images";
import { isUnknown, matchesGlob, str } from "../lib/values";
import { req } from "../requirements";
import { podPolicy } from "./pod-rule";

const mutableTags = new Set(["latest", "stable", "main", "master", "edge", "nightly", "dev"]);

export function podImageImmutable() {
  return podPolicy({
    name: "kubernetes-core-pod-image-immutable-reference",
    description:
      "Images are never referenced by a mutable tag (latest, none...); production stacks pin every image by digest.",
    enforcementLevel: "mandatory",
    meta: {
      severity: "high",
      requirements: [req.cisImageProvenance, req.isoConfiguration],
      remediation:
        "Reference images by version tag and, in production, by digest: `registry/app:1.4.2@sha256:<digest>`.",
      settings: ["productionStacks"],
    },
    check: ({ containers, settings, stack }, report) => {
      const production = matchesGlob(stack, settings.productionStacks);
      for (const { label, container } of containers) {
        if (isUnknown(container.image)) continue;
        const text = str(container.image);
        if (!text) continue;
        const image = parseImage(text);
        if (hasDigest(image)) continue;
        if (!image.tag || mutableTags.has(image.tag.toLowerCase())) {
          report(
            `${label}: image "${text}" uses ${image.tag ? `the mutable tag "${image.tag}"` : "no tag (latest)"}: what runs can change without a deployment. Pin a version and digest.`,
          );
        } else if (production) {
          report(
            `${label}: image "${text}" is not pinned by digest in production stack "${stack}". Add \`@sha256:<digest>\`.`,
          );
        }
      }
    },
  });
}
