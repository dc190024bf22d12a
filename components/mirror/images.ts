/**
 * The mirror's proxy image, pinned by digest in the platform's EU registry; same placeholder
 * policy as components/workspace/images.ts (the stack's `hdh:images.packageMirror` fills it).
 */
import { placeholderDigest, type DigestPin } from "../workspace/images";

/** nginx, unprivileged build (UID 101, listens on 8080), as mirrored into the EU registry. */
export const proxyImage: DigestPin = {
  repository: "nginxinc/nginx-unprivileged",
  tag: "1.27.3-alpine",
  digest: placeholderDigest(3),
};
