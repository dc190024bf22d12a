/**
 * The airlock mover's image (built from airlock/), pinned by digest in the platform's EU
 * registry; same placeholder policy as components/workspace/images.ts (the stack's
 * `hdh:images.airlockMover` fills it).
 */
import { placeholderDigest, type DigestPin } from "../workspace/images";

/** The mover image (built from airlock/), as mirrored into the EU registry. */
export const moverImage: DigestPin = {
  repository: "hdh/airlock-mover",
  tag: "0.1.0",
  digest: placeholderDigest(4),
};
