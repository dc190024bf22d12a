/**
 * The audit store as the sealer's write-only credential sees it: Swift `PUT`, `GET` and `HEAD`
 * on objects of one container, `GET` of its listing, and `GET` of one Barbican secret's payload
 * (components/audit/writer-access.ts). Nothing here sends DELETE or POST: the credential's access
 * rules refuse them, and a sealer must never need them.
 */
import { authenticate, UpstreamError, type KeystoneCredential, type Session } from "./keystone";

export interface StoreOptions {
  readonly container: string;
  readonly keyRef: string;
  /** Per-request timeout, in milliseconds. @default 30000 */
  readonly timeoutMs?: number;
  readonly now: () => Date;
}

export interface ObjectRead {
  readonly body: string;
  /** Lower-cased header names. */
  readonly headers: Readonly<Record<string, string>>;
}

/** Tokens are renewed this long before Keystone says they expire. */
const tokenMarginMs = 5 * 60 * 1000;

export class AuditStore {
  private session: Session | undefined;
  private readonly timeoutMs: number;

  constructor(
    private readonly credential: KeystoneCredential,
    private readonly options: StoreOptions,
  ) {
    this.timeoutMs = options.timeoutMs ?? 30_000;
  }

  /** The 256-bit audit key, from Barbican. */
  async fetchKey(): Promise<Buffer> {
    const id = this.options.keyRef.replace(/\/+$/, "").split("/").pop() ?? "";
    const response = await this.call(
      "key-manager",
      (base) => {
        const v1 = /\/v1$/.test(base) ? base : `${base}/v1`;
        return `${v1}/secrets/${encodeURIComponent(id)}/payload`;
      },
      { method: "GET", headers: { Accept: "application/octet-stream" } },
    );
    if (response.status !== 200) {
      throw new UpstreamError(
        `Barbican refused the audit key's payload (HTTP ${response.status})`,
        response.status,
      );
    }
    const key = Buffer.from(await response.arrayBuffer());
    if (key.length !== 32) {
      throw new UpstreamError(
        `the audit key is ${key.length * 8} bits; expected a 256-bit AES key`,
      );
    }
    return key;
  }

  /** The last object name under `prefix` in name order (= seq order for batches). */
  async lastObjectName(prefix: string): Promise<string | undefined> {
    // One request where Swift honours `reverse` (Swift >= 2.13); otherwise page through.
    const reversed = await this.list({ prefix, reverse: "true", limit: "2" });
    if (reversed.length < 2 || reversed[0] > reversed[1]) return reversed[0];
    let marker = "";
    let last: string | undefined;
    for (;;) {
      const page = await this.list({ prefix, limit: "10000", ...(marker ? { marker } : {}) });
      if (page.length === 0) return last;
      last = page[page.length - 1];
      marker = last;
    }
  }

  private async list(query: Record<string, string>): Promise<string[]> {
    const search = new URLSearchParams({ format: "json", ...query }).toString();
    const response = await this.call(
      "object-store",
      (base) => `${base}/${encodeURIComponent(this.options.container)}?${search}`,
      { method: "GET", headers: { Accept: "application/json" } },
    );
    if (response.status === 204) return [];
    if (response.status !== 200) {
      throw new UpstreamError(
        `Swift refused the container listing (HTTP ${response.status})`,
        response.status,
      );
    }
    const items = (await response.json()) as { name?: unknown }[];
    return items.flatMap((item) => (typeof item.name === "string" ? [item.name] : []));
  }

  async getObject(name: string): Promise<ObjectRead> {
    const response = await this.call("object-store", (base) => this.objectUrl(base, name), {
      method: "GET",
    });
    if (response.status !== 200) {
      throw new UpstreamError(`Swift GET ${name}: HTTP ${response.status}`, response.status);
    }
    const headers: Record<string, string> = {};
    response.headers.forEach((value, key) => (headers[key.toLowerCase()] = value));
    return { body: await response.text(), headers };
  }

  /**
   * Creates `name` unless it exists (`If-None-Match: *`): "created", or "exists" when an object
   * is already there (this batch stored by an earlier attempt, or a conflict: the caller checks).
   */
  async createObject(
    name: string,
    body: string,
    headers: Readonly<Record<string, string>>,
  ): Promise<"created" | "exists"> {
    const response = await this.call("object-store", (base) => this.objectUrl(base, name), {
      method: "PUT",
      headers: { "Content-Type": "application/json", "If-None-Match": "*", ...headers },
      body,
    });
    if (response.status === 201) return "created";
    if (response.status === 412) return "exists";
    throw new UpstreamError(`Swift PUT ${name}: HTTP ${response.status}`, response.status);
  }

  private objectUrl(base: string, name: string): string {
    const path = name.split("/").map(encodeURIComponent).join("/");
    return `${base}/${encodeURIComponent(this.options.container)}/${path}`;
  }

  /** One request with a valid token; on 401 the token is renewed and the request made once more. */
  private async call(
    service: string,
    url: (base: string) => string,
    init: { method: "GET" | "HEAD" | "PUT"; headers?: Record<string, string>; body?: string },
  ): Promise<Response> {
    for (let attempt = 0; ; attempt++) {
      const session = await this.currentSession();
      const base = session.endpoints.get(service);
      if (!base) throw new UpstreamError(`no ${service} endpoint`);
      const response = await fetch(url(base), {
        ...init,
        headers: { ...init.headers, "X-Auth-Token": session.token },
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      if (response.status !== 401 || attempt > 0) return response;
      await response.body?.cancel();
      this.session = undefined;
    }
  }

  private async currentSession(): Promise<Session> {
    const now = this.options.now().getTime();
    if (!this.session || this.session.expiresAt.getTime() - tokenMarginMs <= now) {
      this.session = await authenticate(this.credential, this.timeoutMs);
    }
    return this.session;
  }
}
