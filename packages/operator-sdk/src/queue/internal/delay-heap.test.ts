import { describe, expect, it } from '@jest/globals';
import { DelayHeap } from './delay-heap.js';

function drain(heap: DelayHeap): string[] {
  const keys: string[] = [];
  for (let entry = heap.pop(); entry; entry = heap.pop()) keys.push(entry.key);
  return keys;
}

describe('DelayHeap', () => {
  it('pops by due time, ties in scheduling order', () => {
    const heap = new DelayHeap();
    [
      ['c', 30],
      ['a', 10],
      ['b', 20],
      ['a2', 10],
      ['d', 5],
    ].forEach(([k, t]) => heap.schedule(k as string, t as number));
    expect(drain(heap)).toEqual(['d', 'a', 'a2', 'b', 'c']);
  });

  it('keeps the earlier time of a key scheduled twice', () => {
    const heap = new DelayHeap();
    expect(heap.schedule('a', 50)).toBe(true);
    heap.schedule('b', 40);
    expect(heap.schedule('a', 60)).toBe(false);
    expect(heap.schedule('a', 10)).toBe(true);
    expect(heap.size).toBe(2);
    expect(heap.peek()).toMatchObject({ key: 'a', readyAt: 10 });
  });

  it('stays ordered under many random operations', () => {
    const heap = new DelayHeap();
    const expected = new Map<string, number>();
    let seed = 42;
    const random = (): number => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let i = 0; i < 5000; i++) {
      const key = `k${Math.floor(random() * 1000)}`;
      const at = Math.floor(random() * 10_000);
      heap.schedule(key, at);
      expected.set(key, Math.min(expected.get(key) ?? Infinity, at));
    }
    const times: number[] = [];
    for (let entry = heap.pop(); entry; entry = heap.pop()) {
      expect(entry.readyAt).toBe(expected.get(entry.key));
      times.push(entry.readyAt);
    }
    expect(times).toHaveLength(expected.size);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });
});
