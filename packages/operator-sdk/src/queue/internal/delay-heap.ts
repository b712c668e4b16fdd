import { siftDown, siftUp } from './heap-order.js';

/** A key waiting in the delay heap until `readyAt` (ms on the queue's clock). */
export interface DelayedKey {
  readonly key: string;
  readyAt: number;
  /** Insertion order, so keys due at the same time come out in the order they were scheduled. */
  seq: number;
  index: number;
}

/**
 * A binary min-heap of keys by due time with one entry per key, so the queue can run a single timer for
 * the earliest key however many are waiting (client-go's `waitForPriorityQueue` plus its `knownEntries`).
 */
export class DelayHeap {
  private readonly heap: DelayedKey[] = [];
  private readonly byKey = new Map<string, DelayedKey>();
  private seq = 0;

  get size(): number {
    return this.heap.length;
  }

  /** The earliest entry, without removing it. */
  peek(): DelayedKey | undefined {
    return this.heap[0];
  }

  /**
   * Schedules `key` at `readyAt`. A key already waiting keeps the earlier of its two times: an earlier
   * request wins, a later one is ignored. Returns whether the key's due time changed.
   */
  schedule(key: string, readyAt: number): boolean {
    const existing = this.byKey.get(key);
    if (existing) {
      if (readyAt >= existing.readyAt) return false;
      existing.readyAt = readyAt;
      existing.seq = this.seq++;
      this.up(existing.index);
      return true;
    }
    const entry: DelayedKey = { key, readyAt, seq: this.seq++, index: this.heap.length };
    this.heap.push(entry);
    this.byKey.set(key, entry);
    this.up(entry.index);
    return true;
  }

  /** Removes and returns the earliest entry. */
  pop(): DelayedKey | undefined {
    const top = this.heap[0];
    if (!top) return undefined;
    const last = this.heap.pop() as DelayedKey;
    if (last !== top) {
      last.index = 0;
      this.heap[0] = last;
      this.down(0);
    }
    this.byKey.delete(top.key);
    return top;
  }

  clear(): void {
    this.heap.length = 0;
    this.byKey.clear();
  }

  private readonly less = (a: DelayedKey, b: DelayedKey): boolean =>
    a.readyAt < b.readyAt || (a.readyAt === b.readyAt && a.seq < b.seq);

  private readonly swap = (i: number, j: number): void => {
    const a = this.heap[i] as DelayedKey;
    const b = this.heap[j] as DelayedKey;
    this.heap[i] = b;
    this.heap[j] = a;
    b.index = i;
    a.index = j;
  };

  private up(i: number): void {
    siftUp(this.heap, i, this.less, this.swap);
  }

  private down(i: number): void {
    siftDown(this.heap, i, this.less, this.swap);
  }
}
