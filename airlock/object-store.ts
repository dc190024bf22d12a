/**
 * What the airlock mover needs from object storage. The real store is Swift reached with the
 * mover's own Keystone identity (role hdh-airlock-mover); tests use `MemoryStore`. `uploadedBy`
 * is the identity the store (or its access log) records for the object's last write: the mover
 * trusts that, never a name written inside the object.
 */

export interface StoredObject {
  readonly body: Buffer;
  /** Identity that wrote the object, as the store records it; undefined if it cannot say. */
  readonly uploadedBy: string | undefined;
}

export interface ObjectStore {
  /** Object names in `container` starting with `prefix`, sorted. */
  list(container: string, prefix: string): Promise<string[]>;
  /** The object, or undefined if it does not exist. */
  get(container: string, name: string): Promise<StoredObject | undefined>;
  put(container: string, name: string, body: Buffer): Promise<void>;
  delete(container: string, name: string): Promise<void>;
}

/** An in-memory store whose writes are attributed to `identity` (see `as`). */
export class MemoryStore implements ObjectStore {
  private readonly objects: Map<string, Map<string, StoredObject>>;

  constructor(
    private readonly identity: string = "hdh-airlock-mover",
    objects?: Map<string, Map<string, StoredObject>>,
  ) {
    this.objects = objects ?? new Map();
  }

  /** The same store, with writes attributed to another identity. */
  as(identity: string): MemoryStore {
    return new MemoryStore(identity, this.objects);
  }

  async list(container: string, prefix: string): Promise<string[]> {
    return [...(this.objects.get(container)?.keys() ?? [])]
      .filter((n) => n.startsWith(prefix))
      .sort();
  }

  async get(container: string, name: string): Promise<StoredObject | undefined> {
    return this.objects.get(container)?.get(name);
  }

  async put(container: string, name: string, body: Buffer): Promise<void> {
    if (!this.objects.has(container)) this.objects.set(container, new Map());
    this.objects.get(container)!.set(name, { body: Buffer.from(body), uploadedBy: this.identity });
  }

  async delete(container: string, name: string): Promise<void> {
    this.objects.get(container)?.delete(name);
  }
}
