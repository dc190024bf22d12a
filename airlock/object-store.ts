/**
 * What the airlock mover needs from object storage. The real store is Swift reached with the
 * mover's own Keystone identity (role hdh-airlock-mover, airlock/swift-store.ts), proven against
 * the real Swift in test/openstack/airlock-swift.test.ts; the decision logic's tests use
 * `MemoryStore`, which enforces no ACL (who may write where is Swift's job, tested there).
 */

export interface StoredObject {
  readonly body: Buffer;
}

export interface ObjectStore {
  /** Object names in `container` starting with `prefix`, sorted. */
  list(container: string, prefix: string): Promise<string[]>;
  /** The object, or undefined if it does not exist. */
  get(container: string, name: string): Promise<StoredObject | undefined>;
  put(container: string, name: string, body: Buffer): Promise<void>;
  delete(container: string, name: string): Promise<void>;
}

/** An in-memory store: the decision logic's tests. It checks no access rights. */
export class MemoryStore implements ObjectStore {
  private readonly objects = new Map<string, Map<string, StoredObject>>();

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
    this.objects.get(container)!.set(name, { body: Buffer.from(body) });
  }

  async delete(container: string, name: string): Promise<void> {
    this.objects.get(container)?.delete(name);
  }
}
