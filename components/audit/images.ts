/**
 * The audit pipeline's images, pinned by digest in the platform's EU registry. Same placeholder
 * policy as components/workspace/images.ts: a digest whose first 48 hex digits are zeros is a
 * placeholder, replaced in one reviewed commit when the registry team mirrors the image; a pull by
 * a placeholder fails, so a forgotten one fails closed.
 */
export interface AuditImage {
  /** Repository path under the platform registry. */
  readonly repository: string;
  /** Upstream version, for reports only; never used to pull. */
  readonly tag: string;
  /** "sha256:" and 64 hex characters. */
  readonly digest: string;
}

export interface AuditImages {
  /** Fluent Bit: the node shipper and the collector's syslog receiver. */
  readonly fluentBit: AuditImage;
  /**
   * The sealer: batches, chains (audit/batch.ts), encrypts (audit/envelope.ts) and uploads. The
   * service is services/audit-sealer (its Dockerfile there); the image is not built or mirrored
   * yet, so the digest stays a placeholder (docs/audit.md, "The sealer").
   */
  readonly sealer: AuditImage;
}

const placeholder = (n: number) => `sha256:${"0".repeat(48)}${n.toString(16).padStart(16, "0")}`;

export const defaultAuditImages: AuditImages = {
  // Upstream cr.fluentbit.io/fluent/fluent-bit, distroless; mirrored into the EU registry.
  fluentBit: { repository: "fluent/fluent-bit", tag: "3.2.10", digest: placeholder(0xa1) },
  sealer: { repository: "hdh/audit-sealer", tag: "0.1.0", digest: placeholder(0xa2) },
};

const digestPattern = /^sha256:[0-9a-f]{64}$/;

export function auditImageProblems(
  images: AuditImages,
): { propertyPath: string; reason: string }[] {
  return (Object.entries(images) as [string, AuditImage][]).flatMap(([key, image]) => {
    const problems = [];
    if (!digestPattern.test(image.digest)) {
      problems.push({
        propertyPath: `images.${key}.digest`,
        reason: `"${image.digest}" is not a sha256 digest; pin the mirrored image as "sha256:<64 hex>"`,
      });
    }
    if (!/^[a-z0-9]+([._/-][a-z0-9]+)*$/.test(image.repository)) {
      problems.push({
        propertyPath: `images.${key}.repository`,
        reason: `"${image.repository}" is not a repository path; give it without registry or tag`,
      });
    }
    return problems;
  });
}

/** Registry, repository and digest: never a tag. */
export function auditImageReference(registry: string, image: AuditImage): string {
  return `${registry.replace(/\/+$/, "")}/${image.repository}@${image.digest}`;
}
