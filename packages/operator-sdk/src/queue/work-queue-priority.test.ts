import { describe, expect, it } from '@jest/globals';
import { FakeClock } from './fake-clock.js';
import { LowPriority } from './priority.js';
import { WorkQueue } from './work-queue.js';

/** One step of a table: add (key, priority), addAfter (key, ms, priority), get, done (key), tick (ms). */
type Step =
  | readonly ['add', string, number?]
  | readonly ['after', string, number, number?]
  | readonly ['get']
  | readonly ['done', string]
  | readonly ['tick', number];

async function run(steps: readonly Step[]): Promise<{ queue: WorkQueue; handedOut: string[] }> {
  const clock = new FakeClock();
  const queue = new WorkQueue({ name: 'test', clock });
  const handedOut: string[] = [];
  for (const step of steps) {
    if (step[0] === 'add') queue.add(step[1], { priority: step[2] });
    else if (step[0] === 'after') queue.addAfter(step[1], step[2], { priority: step[3] });
    else if (step[0] === 'get') {
      const item = await queue.getWithPriority();
      handedOut.push(`${item?.key}@${item?.priority}`);
    } else if (step[0] === 'done') queue.done(step[1]);
    else clock.advance(step[1]);
  }
  return { queue, handedOut };
}

/** Hands out everything ready, in order, as `key@priority`. */
async function drain(queue: WorkQueue): Promise<string[]> {
  const out: string[] = [];
  while (queue.len() > 0) {
    const item = await queue.getWithPriority();
    out.push(`${item?.key}@${item?.priority}`);
    queue.done(item!.key);
  }
  return out;
}

const low = LowPriority;

describe('WorkQueue priorities', () => {
  it.each<{ name: string; steps: Step[]; order: string[] }>([
    {
      name: 'a fresh event jumps ahead of initial-list work queued before it',
      steps: [
        ['add', 'a', low],
        ['add', 'b', low],
        ['add', 'c', low],
        ['add', 'fresh'],
      ],
      order: ['fresh@0', 'a@-100', 'b@-100', 'c@-100'],
    },
    {
      name: 'first in, first out within one priority',
      steps: [
        ['add', 'x'],
        ['add', 'y', low],
        ['add', 'z'],
        ['add', 'w', low],
      ],
      order: ['x@0', 'z@0', 'y@-100', 'w@-100'],
    },
    {
      name: 'higher custom priorities come first',
      steps: [
        ['add', 'p1', 1],
        ['add', 'p5', 5],
        ['add', 'p0'],
        ['add', 'p5b', 5],
      ],
      order: ['p5@5', 'p5b@5', 'p1@1', 'p0@0'],
    },
    {
      name: 'dedup keeps the higher priority, moved to the end of that priority',
      steps: [
        ['add', 'a', low],
        ['add', 'b'],
        ['add', 'c', low],
        ['add', 'a'],
        ['add', 'd'],
      ],
      order: ['b@0', 'a@0', 'd@0', 'c@-100'],
    },
    {
      name: 'dedup never lowers a priority or moves the key back',
      steps: [
        ['add', 'a'],
        ['add', 'b'],
        ['add', 'a', low],
      ],
      order: ['a@0', 'b@0'],
    },
    {
      name: 'a key re-added while in flight comes back with the highest priority it was added with',
      steps: [['add', 'a', low], ['get'], ['add', 'a', low], ['add', 'a'], ['add', 'b', low], ['done', 'a']],
      order: ['a@-100', 'a@0', 'b@-100'],
    },
    {
      name: 'a delayed key keeps the higher priority it was scheduled with',
      steps: [
        ['after', 'a', 100, low],
        ['after', 'a', 200],
        ['add', 'b', low],
        ['tick', 100],
      ],
      order: ['a@0', 'b@-100'],
    },
    {
      name: 'a delayed low-priority key still yields to fresh work when it becomes ready',
      steps: [
        ['after', 'a', 50, low],
        ['add', 'b', low],
        ['tick', 60],
        ['add', 'c'],
      ],
      order: ['c@0', 'b@-100', 'a@-100'],
    },
  ])('$name', async ({ steps, order }) => {
    const { queue, handedOut } = await run(steps);
    expect([...handedOut, ...(await drain(queue))]).toEqual(order);
  });

  it('counts a key raised in priority once in len()', async () => {
    const { queue } = await run([
      ['add', 'a', low],
      ['add', 'a'],
      ['add', 'a', 3],
    ]);
    expect(queue.len()).toBe(1);
    expect(await drain(queue)).toEqual(['a@3']);
  });

  it('get() without priorities keeps plain first-in first-out order', async () => {
    const { queue } = await run([
      ['add', 'a'],
      ['add', 'b'],
      ['add', 'c'],
    ]);
    expect([await queue.get(), await queue.get(), await queue.get()]).toEqual(['a', 'b', 'c']);
  });
});
