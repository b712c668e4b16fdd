import { describe, expect, it } from '@jest/globals';
import { Fifo } from './fifo.js';

describe('Fifo', () => {
  it('returns items in insertion order across compactions', () => {
    const fifo = new Fifo<number>();
    const out: number[] = [];
    for (let i = 0; i < 10_000; i++) {
      fifo.push(i);
      if (i % 3 === 0) out.push(fifo.shift() as number);
    }
    for (let item = fifo.shift(); item !== undefined; item = fifo.shift()) out.push(item);
    expect(out).toEqual(Array.from({ length: 10_000 }, (_, i) => i));
    expect(fifo.length).toBe(0);
  });

  it('is empty after clear', () => {
    const fifo = new Fifo<string>();
    fifo.push('a');
    fifo.clear();
    expect([fifo.length, fifo.shift()]).toEqual([0, undefined]);
  });
});
