// The two moves of an array-backed binary heap, shared by the queue's delay and ready heaps.

/** Whether `a` must come out before `b`. */
export type Before<T> = (a: T, b: T) => boolean;
/** Exchanges the entries at `i` and `j` (a heap that tracks positions updates them here). */
export type Swap = (i: number, j: number) => void;

/** Moves the entry at `i` up until its parent comes before it. */
export function siftUp<T>(heap: readonly T[], i: number, before: Before<T>, swap: Swap): void {
  while (i > 0) {
    const parent = (i - 1) >> 1;
    if (!before(heap[i] as T, heap[parent] as T)) return;
    swap(i, parent);
    i = parent;
  }
}

/** Moves the entry at `i` down until it comes before both children. */
export function siftDown<T>(heap: readonly T[], i: number, before: Before<T>, swap: Swap): void {
  for (;;) {
    const left = 2 * i + 1;
    const right = left + 1;
    let first = i;
    if (left < heap.length && before(heap[left] as T, heap[first] as T)) first = left;
    if (right < heap.length && before(heap[right] as T, heap[first] as T)) first = right;
    if (first === i) return;
    swap(i, first);
    i = first;
  }
}
