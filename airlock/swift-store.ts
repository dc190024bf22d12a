/**
 * `ObjectStore` over the OpenStack Swift API, authenticated with the mover's own Keystone
 * application credential (role hdh-airlock-mover). Plain `fetch`, no SDK. Who wrote a review is
 * not asked of Swift (it does not record an object's writer): each reviewer has a container only
 * they can write (components/airlock/reviewer-containers.ts).
 */
import { authenticate } from "../services/audit-sealer/keystone";
import type { ObjectStore, StoredObject } from "./object-store";

export interface SwiftSession {
  /** Keystone token (X-Auth-Token). */
  readonly token: string;
  /** Object-store endpoint of the project, e.g. https://storage.gra.cloud.ovh.net/v1/AUTH_<id>. */
  readonly storageUrl: string;
}

export class SwiftError extends Error {}

export class SwiftStore implements ObjectStore {
  constructor(
    private readonly session: SwiftSession,
    private readonly http: typeof fetch = fetch,
  ) {}

  private url(container: string, name?: string, query?: Record<string, string>): string {
    const path = [container, ...(name === undefined ? [] : [name])]
      .map((part) => part.split("/").map(encodeURIComponent).join("/"))
      .join("/");
    const search = query ? `?${new URLSearchParams(query).toString()}` : "";
    return `${this.session.storageUrl.replace(/\/+$/, "")}/${path}${search}`;
  }

  private async call(method: string, url: string, body?: Buffer): Promise<Response> {
    const response = await this.http(url, {
      method,
      headers: { "X-Auth-Token": this.session.token },
      body,
    });
    if (!response.ok && response.status !== 404) {
      throw new SwiftError(`${method} ${url}: HTTP ${response.status}`);
    }
    return response;
  }

  async list(container: string, prefix: string): Promise<string[]> {
    const names: string[] = [];
    let marker = "";
    for (;;) {
      const query: Record<string, string> = { format: "json", prefix, limit: "10000" };
      if (marker) query.marker = marker;
      const response = await this.call("GET", this.url(container, undefined, query));
      if (response.status === 404) return [];
      const page = (await response.json()) as { name: string }[];
      names.push(...page.map((o) => o.name));
      if (page.length < 10000) return names.sort();
      marker = page[page.length - 1].name;
    }
  }

  async get(container: string, name: string): Promise<StoredObject | undefined> {
    const response = await this.call("GET", this.url(container, name));
    if (response.status === 404) return undefined;
    const body = Buffer.from(await response.arrayBuffer());
    return { body };
  }

  async put(container: string, name: string, body: Buffer): Promise<void> {
    await this.call("PUT", this.url(container, name), body);
  }

  async delete(container: string, name: string): Promise<void> {
    await this.call("DELETE", this.url(container, name));
  }
}

/**
 * A token and the internal object-store endpoint of `region`, from a Keystone application
 * credential (the mover's only secret, mounted from its Kubernetes Secret, never a workspace's).
 * The Keystone client is the audit sealer's: one implementation of the catalogue rules (TLS only,
 * endpoints from the catalogue, never from elsewhere).
 */
export async function keystoneSession(
  authUrl: string,
  credential: { id: string; secret: string },
  region: string,
  timeoutMs = 10_000,
): Promise<SwiftSession> {
  const session = await authenticate(
    {
      authUrl,
      credentialId: credential.id,
      credentialSecret: credential.secret,
      region,
      endpointInterface: "internal",
    },
    timeoutMs,
  );
  return { token: session.token, storageUrl: session.endpoints.get("object-store")! };
}
