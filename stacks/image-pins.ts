/**
 * The platform's container images as stack config (`hdh:images`): the registry team mirrors a
 * version into the EU registry and writes its tag and digest in the stack file, never in
 * TypeScript. Each image has a default repository and tag in its component (what upstream version
 * the component was written for) and a placeholder digest (a run of zeros,
 * components/workspace/images.ts) until the registry team fills it: a pull by a placeholder
 * fails, and the plan reports every one by its key (stacks/placeholders.ts), as a mandatory
 * finding in production.
 */
import { z } from "zod";
import { workspaceImages, type DigestPin } from "../components/workspace/images";
import { gatewayImages } from "../components/gateway/images";
import { defaultAuditImages } from "../components/audit/images";
import { backupRunnerImage } from "../components/backup/runner-image";
import { proxyImage } from "../components/mirror/images";
import { moverImage } from "../components/airlock/images";
import * as size from "./size-limits";
import type { PlatformImages } from "../components/platform/platform-args";

export type { PlatformImages };

/** Each configurable image, by its key under `hdh:images`, with the component's default pin. */
export const defaultImagePins = {
  jupyter: workspaceImages.jupyter,
  rstudio: workspaceImages.rstudio,
  guacamole: gatewayImages.guacamole,
  guacd: gatewayImages.guacd,
  gatewayDatabase: gatewayImages.database,
  kiosk: gatewayImages.kiosk,
  fluentBit: defaultAuditImages.fluentBit,
  auditSealer: defaultAuditImages.sealer,
  backupRunner: backupRunnerImage,
  packageMirror: proxyImage,
  airlockMover: moverImage,
} as const satisfies Record<string, DigestPin>;

export type ImageKey = keyof typeof defaultImagePins;
export const imageKeys = Object.keys(defaultImagePins) as ImageKey[];

const pinSchema = z.strictObject({
  /** Repository path under the platform registry. @default the component's */
  repository: z
    .string()
    .max(size.registryMax)
    .regex(
      /^[a-z0-9]+([._/-][a-z0-9]+)*$/,
      'expected a repository path without registry or tag, such as "jupyter/scipy-notebook"',
    )
    .optional(),
  /** The mirrored version, for reports only; never used to pull. */
  tag: z
    .string({ error: "expected the mirrored version's tag, such as 4.4.1" })
    .min(1)
    .max(128)
    .refine((tag) => tag !== "latest", 'name the mirrored version, never "latest"'),
  /** The mirrored image's digest: `skopeo inspect --format '{{.Digest}}' docker://<image>:<tag>`. */
  digest: z
    .string({ error: 'expected the mirrored image\'s digest, "sha256:" and 64 hex characters' })
    .regex(/^sha256:[0-9a-f]{64}$/, 'expected "sha256:" and 64 lower-case hex characters'),
});

/** `hdh:images`: any of the image keys, each a pin; an image left out keeps its default pin. */
export const imagesSchema = z.strictObject(
  Object.fromEntries(imageKeys.map((key) => [key, pinSchema.optional()])) as Record<
    ImageKey,
    z.ZodOptional<typeof pinSchema>
  >,
);

export type RawImages = z.infer<typeof imagesSchema>;

export function resolveImages(raw: RawImages | undefined): PlatformImages {
  const pin = <T extends DigestPin>(key: ImageKey, fallback: T): T => {
    const given = raw?.[key];
    if (!given) return fallback;
    return {
      ...fallback,
      repository: given.repository ?? fallback.repository,
      tag: given.tag,
      digest: given.digest,
    };
  };
  return {
    workspace: {
      jupyter: pin("jupyter", workspaceImages.jupyter),
      rstudio: pin("rstudio", workspaceImages.rstudio),
    },
    gateway: {
      guacamole: pin("guacamole", gatewayImages.guacamole),
      guacd: pin("guacd", gatewayImages.guacd),
      database: pin("gatewayDatabase", gatewayImages.database),
      kiosk: pin("kiosk", gatewayImages.kiosk),
    },
    audit: {
      fluentBit: pin("fluentBit", defaultAuditImages.fluentBit),
      sealer: pin("auditSealer", defaultAuditImages.sealer),
    },
    backupRunner: pin("backupRunner", backupRunnerImage),
    packageMirror: pin("packageMirror", proxyImage),
    airlockMover: pin("airlockMover", moverImage),
  };
}
