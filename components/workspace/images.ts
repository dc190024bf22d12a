/**
 * The analysis images, pinned by digest, as mirrored into the platform's EU registry. A tag can
 * be moved to other content; a digest cannot, so what was reviewed is what runs.
 *
 * Placeholder policy: this repository cannot resolve digests (no registry access where it is
 * built), so the digests below are PLACEHOLDERS, recognisable by their run of zeros
 * (`isPlaceholderDigest`). A pull by a placeholder digest fails, so a forgotten one fails closed
 * rather than running an unreviewed image. When the registry team mirrors a version of
 * quay.io/jupyter/scipy-notebook or rocker/rstudio into the EU registry, they write the mirrored
 * image's digest (`skopeo inspect --format '{{.Digest}}' docker://<registry>/<repository>:<tag>`)
 * and its tag here together, in one reviewed commit. A tag alone, `latest`, or a digest that is
 * not 64 hex characters is refused by `imageProblems` before anything is created.
 */
import type { ArgProblem } from "../shared/validation";

/** An image in the platform registry, pinned by digest. */
export interface DigestPin {
  /** Repository path under the platform registry, e.g. "jupyter/scipy-notebook". */
  readonly repository: string;
  /** Human-readable version, for reports only; never used to pull. */
  readonly tag: string;
  /** Content digest, "sha256:" and 64 hex characters. */
  readonly digest: string;
}

/** An analysis tool's image and how it must run. */
export interface PinnedImage extends DigestPin {
  /** Port the tool serves its web UI on. */
  readonly port: number;
  /** Whether the tool runs with a read-only root filesystem (writable paths are mounted). */
  readonly readOnlyRootFilesystem: boolean;
  /** UID the image runs as: non-root. */
  readonly runAsUser: number;
  /** Paths the tool must write to besides the home volume (mounted as emptyDir). */
  readonly scratchPaths: readonly string[];
  /** Where the persistent work volume is mounted. */
  readonly homePath: string;
}

export type WorkspaceTool = "jupyter" | "rstudio";

export type WorkspaceImages = Readonly<Record<WorkspaceTool, PinnedImage>>;

const placeholderPrefix = "sha256:" + "0".repeat(48);

/** A syntactically valid digest that no image has: replaced when the image is mirrored. */
export function placeholderDigest(n: number): string {
  return placeholderPrefix + n.toString(16).padStart(16, "0");
}

/** True for a digest still waiting for the registry team (see the placeholder policy above). */
export function isPlaceholderDigest(digest: string): boolean {
  return digest.startsWith(placeholderPrefix);
}

export const workspaceImages: WorkspaceImages = {
  jupyter: {
    repository: "jupyter/scipy-notebook",
    tag: "2024-10-07",
    digest: placeholderDigest(1),
    port: 8888,
    readOnlyRootFilesystem: true,
    runAsUser: 1000,
    scratchPaths: ["/tmp", "/home/jovyan/.local", "/home/jovyan/.cache"],
    homePath: "/home/jovyan/work",
  },
  rstudio: {
    repository: "rocker/rstudio",
    tag: "4.4.1",
    digest: placeholderDigest(2),
    port: 8787,
    // RStudio Server writes under /var/lib/rstudio-server and /etc at start: a read-only root
    // filesystem breaks it, so it runs read-write with every other restriction kept.
    readOnlyRootFilesystem: false,
    runAsUser: 1000,
    scratchPaths: ["/tmp"],
    homePath: "/home/rstudio/work",
  },
};

const digestPattern = /^sha256:[0-9a-f]{64}$/;

/** Problems with a pin at `path`: a digest that is not sha256, a missing tag or `latest`. */
export function pinProblems(path: string, pin: DigestPin): ArgProblem[] {
  const problems: ArgProblem[] = [];
  if (!digestPattern.test(pin.digest)) {
    problems.push({
      propertyPath: `${path}.digest`,
      reason: `"${pin.digest}" is not a sha256 digest; pin the mirrored image by its "sha256:<64 hex>" digest`,
    });
  }
  if (pin.tag === "latest" || pin.tag === "") {
    problems.push({
      propertyPath: `${path}.tag`,
      reason: `name the mirrored version (never "latest") so reports say what runs`,
    });
  }
  return problems;
}

/** Problems with an analysis image: those of its pin, and a root UID. */
export function imageProblems(tool: WorkspaceTool, image: PinnedImage): ArgProblem[] {
  const problems = pinProblems(`images.${tool}`, image);
  if (!Number.isInteger(image.runAsUser) || image.runAsUser < 1) {
    problems.push({
      propertyPath: `images.${tool}.runAsUser`,
      reason: `${image.runAsUser} is not a non-root UID; workspaces never run as root`,
    });
  }
  return problems;
}

/** The pull reference: registry, repository and digest; never a tag. */
export function imageReference(registry: string, image: DigestPin): string {
  return `${registry.replace(/\/+$/, "")}/${image.repository}@${image.digest}`;
}
