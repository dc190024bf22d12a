import { fromAllowedRegistry, parseImage } from "../lib/images";
import { isUnknown, list, obj, readPath, str, UnknownAt } from "../lib/values";
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
    check: ({ containers, read, readPod, settings, pod }, report, unknown) => {
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
      // An `image` volume mounts an OCI image or artifact (a model, a data set) that the kubelet
      // pulls from its registry like a container image (Kubernetes docs, Volumes, "image",
      // https://kubernetes.io/docs/concepts/storage/volumes/#image): the same origin rule.
      const volumes = readPod("volumes");
      (list(volumes) ?? []).forEach((value, index) => {
        const volume = obj(value);
        if (!volume || volume.image === undefined || volume.image === null) return;
        const where = `${pod.path}.volumes[${index}] (${str(volume.name) ?? "unnamed"})`;
        const reference = readPath(
          volume.image,
          "reference",
          `${pod.path}.volumes[${index}].image`,
        );
        if (reference instanceof UnknownAt || isUnknown(reference))
          return unknown(
            unknownMessage(
              reference instanceof UnknownAt ? reference : new UnknownAt(where),
              `the registry the image volume ${where} pulls from`,
            ),
          );
        const text = str(reference);
        if (text && !fromAllowedRegistry(parseImage(text), settings.registries))
          report(
            `${where}: image volume "${text}" is not from an allowed EU registry (${settings.registries.join(", ")}).`,
          );
      });
    },
  });
}
