import { hasDigest, parseImage } from "../lib/images";
import { matchesGlob, str, UnknownAt } from "../lib/values";
import { req } from "../requirements";
import { podPolicies, unknownMessage } from "./pod-rule";

const mutableTags = new Set(["latest", "stable", "main", "master", "edge", "nightly", "dev"]);

export function podImageImmutable() {
  return podPolicies({
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
    check: ({ containers, read, settings, stack }, report, unknown) => {
      const production = matchesGlob(stack, settings.productionStacks);
      for (const container of containers) {
        const { label } = container;
        const reference = read(container, "image");
        if (reference instanceof UnknownAt) {
          unknown(unknownMessage(reference, `whether ${label}'s image is pinned`));
          continue;
        }
        const text = str(reference);
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
