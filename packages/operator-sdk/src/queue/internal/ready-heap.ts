import { siftDown, siftUp } from './heap-order.js';

/** A ready key as the heap holds it; stale once the key was re-filed at a higher priority. */
interface ReadyEntry {
  readonly key: string;
  readonly priority: number;
  /** Filing order: keys of one priority come out in the order they were filed. */
  readonly seq: number;
}

/**
 * The keys ready to be handed out, highest priority first and first-in first-out within a priority
 * (controller-runtime's `priorityqueue` ready tree). One live entry per key: filing a key again at a higher
 * priority moves it to the end of that priority (the old entry is left in the heap and skipped when it
 * surfaces); at the same or a lower priority it changes nothing.
 */
export class ReadyHeap {
  private readonly heap: ReadyEntry[] = [];
  private readonly live = new Map<string, ReadyEntry>();
  private seq = 0;

  /** The number of keys ready (stale entries not counted). */
  get length(): number {
    return this.live.size;
  }

  /** The priority `key` is filed at, or undefined when it is not ready. */
  priorityOf(key: string): number | undefined {
    return this.live.get(key)?.priority;
  }

  /** Files `key` at `priority`, or raises it there; returns whether anything changed. */
  push(key: string, priority: number): boolean {
    const existing = this.live.get(key);
    if (existing && existing.priority >= priority) return false;
    const entry = { key, priority, seq: this.seq++ };
    this.live.set(key, entry);
    this.heap.push(entry);
    this.up(this.heap.length - 1);
    return true;
  }

  /** Removes and returns the first key and its priority. */
  shift(): { key: string; priority: number } | undefined {
    for (;;) {
      const top = this.heap[0];
      if (!top) return undefined;
      const last = this.heap.pop() as ReadyEntry;
      if (last !== top) {
        this.heap[0] = last;
        this.down(0);
      }
      if (this.live.get(top.key) !== top) continue;
      this.live.delete(top.key);
      return { key: top.key, priority: top.priority };
    }
  }

  clear(): void {
    this.heap.length = 0;
    this.live.clear();
  }

  private readonly before = (a: ReadyEntry, b: ReadyEntry): boolean =>
    a.priority > b.priority || (a.priority === b.priority && a.seq < b.seq);

  private up(i: number): void {
    siftUp(this.heap, i, this.before, this.swap);
  }

  private down(i: number): void {
    siftDown(this.heap, i, this.before, this.swap);
  }

  private readonly swap = (i: number, j: number): void => {
    const a = this.heap[i] as ReadyEntry;
    this.heap[i] = this.heap[j] as ReadyEntry;
    this.heap[j] = a;
  };
}
