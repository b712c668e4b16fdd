// Serialises work per object key across the two controllers of one host (live and finalizer).

/**
 * One-at-a-time execution per key. The SDK runs one reconcile per key per controller; a host runs two
 * controllers over the same kind (live objects, deleting objects), and this keeps a provision from
 * overlapping the deprovision of the same claim.
 */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<void>>();

  async run<T>(key: string, work: () => Promise<T>): Promise<T> {
    const previous = this.tails.get(key) ?? Promise.resolve();
    let release!: () => void;
    const current = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => current);
    this.tails.set(key, tail);
    await previous;
    try {
      return await work();
    } finally {
      release();
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}
