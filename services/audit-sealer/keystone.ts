/**
 * Keystone v3 with an application credential: a token and the service catalogue, from which the
 * object-store and key-manager endpoints of the configured region are taken. The token is sent
 * only to endpoints Keystone's catalogue names (and only over TLS, loopback tests aside), never
 * to a host read from elsewhere.
 */
import { isSafeUrl } from "./config";

export interface KeystoneCredential {
  readonly authUrl: string;
  readonly credentialId: string;
  readonly credentialSecret: string;
  readonly region: string;
  readonly endpointInterface: string;
}

export interface Session {
  readonly token: string;
  readonly expiresAt: Date;
  /** Service type ("object-store", "key-manager") to its URL in the region and interface. */
  readonly endpoints: ReadonlyMap<string, string>;
}

export class UpstreamError extends Error {
  constructor(
    message: string,
    readonly status?: number,
  ) {
    super(message);
    this.name = "UpstreamError";
  }
}

interface CatalogEntry {
  type?: string;
  endpoints?: { interface?: string; region?: string; region_id?: string; url?: string }[];
}

export function tokensUrl(authUrl: string): string {
  const base = authUrl.replace(/\/+$/, "");
  return /\/v3$/.test(base) ? `${base}/auth/tokens` : `${base}/v3/auth/tokens`;
}

/**
 * A token and the endpoints of `services` (each must be in the catalogue for the credential's
 * region and interface). @param services @default ["object-store", "key-manager"] (the sealer's)
 */
export async function authenticate(
  credential: KeystoneCredential,
  timeoutMs: number,
  services: readonly string[] = ["object-store", "key-manager"],
): Promise<Session> {
  const response = await fetch(tokensUrl(credential.authUrl), {
    method: "POST",
    headers: { "Content-Type": "application/json", Accept: "application/json" },
    body: JSON.stringify({
      auth: {
        identity: {
          methods: ["application_credential"],
          application_credential: {
            id: credential.credentialId,
            secret: credential.credentialSecret,
          },
        },
      },
    }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const token = response.headers.get("x-subject-token");
  if (response.status !== 201 || !token) {
    throw new UpstreamError(
      `Keystone refused the application credential (HTTP ${response.status})`,
      response.status,
    );
  }
  const body = (await response.json()) as {
    token?: { expires_at?: string; catalog?: CatalogEntry[] };
  };
  const catalog = body.token?.catalog ?? [];
  const endpoints = new Map<string, string>();
  for (const type of services) {
    endpoints.set(type, endpointOf(catalog, type, credential.region, credential.endpointInterface));
  }
  const expiresAt = new Date(body.token?.expires_at ?? "");
  if (Number.isNaN(expiresAt.getTime()))
    throw new UpstreamError("Keystone token has no expires_at");
  return { token, expiresAt, endpoints };
}

function endpointOf(catalog: CatalogEntry[], type: string, region: string, iface: string): string {
  const candidates = catalog
    .filter((entry) => entry.type === type)
    .flatMap((entry) => entry.endpoints ?? []);
  const found = candidates.find(
    (e) => e.interface === iface && (e.region_id ?? e.region) === region && e.url,
  );
  if (!found?.url) {
    const regions = [...new Set(candidates.map((e) => e.region_id ?? e.region))].join(", ");
    throw new UpstreamError(
      `no ${iface} ${type} endpoint in region ${region} in the catalogue (regions offered: ${regions || "none"}); the credential's project must have one there`,
    );
  }
  if (!isSafeUrl(found.url)) {
    throw new UpstreamError(
      `the ${type} endpoint of ${region} is not https: refusing to send a token to it`,
    );
  }
  return found.url.replace(/\/+$/, "");
}
