/**
 * The gateway's images, pinned by digest in the platform's EU registry. Same placeholder policy
 * as components/workspace/images.ts: the digests below are placeholders (a run of zeros) until
 * the registry team mirrors each image and writes its digest and tag here in one reviewed
 * commit; a pull by a placeholder digest fails, so a forgotten one fails closed.
 */
import { placeholderDigest, type DigestPin } from "../workspace/images";

export interface GatewayImages {
  /** Guacamole web application (Tomcat), with its OpenID and PostgreSQL extensions. */
  readonly guacamole: DigestPin;
  /** guacd, the proxy daemon speaking VNC to the kiosks and recording sessions. */
  readonly guacd: DigestPin;
  /** PostgreSQL holding Guacamole's connections and group permissions. */
  readonly database: DigestPin;
  /**
   * The per-workspace kiosk: an X server with a VNC endpoint and one locked-down browser
   * showing only its workspace's tool (docs/research-gateway.md, "The kiosk image").
   */
  readonly kiosk: DigestPin;
}

export const gatewayImages: GatewayImages = {
  // Upstream docker.io/guacamole/guacamole and guacamole/guacd 1.6.0, mirrored into the registry.
  guacamole: { repository: "guacamole/guacamole", tag: "1.6.0", digest: placeholderDigest(0x61) },
  guacd: { repository: "guacamole/guacd", tag: "1.6.0", digest: placeholderDigest(0x62) },
  database: { repository: "library/postgres", tag: "16.6-alpine", digest: placeholderDigest(0x63) },
  // Built by the platform team (Debian, TigerVNC Xvnc, Firefox ESR with enterprise policies).
  kiosk: { repository: "hdh/kiosk-browser", tag: "0.1.0", digest: placeholderDigest(0x64) },
};

/** UIDs the images run as (never root); Pod Security `restricted` requires runAsNonRoot. */
export const gatewayUids = {
  guacamole: 1001,
  guacd: 1000,
  database: 70,
  kiosk: 1000,
} as const;
