import { describe, expect, it } from '@jest/globals';
import { realClock } from './clock.js';
import { FakeClock } from './fake-clock.js';
import { WorkQueue } from './work-queue.js';

function newQueue(): { queue: WorkQueue; clock: FakeClock } {
  const clock = new FakeClock();
  return { queue: new WorkQueue({ name: 'test', clock }), clock };
}

function activeTimeouts(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'Timeout').length;
}

describe('WorkQueue: shutDown', () => {
  it('releases every waiting worker with undefined', async () => {
    const { queue } = newQueue();
    const waiting = [queue.get(), queue.get(), queue.get()];
    queue.shutDown();
    expect(await Promise.all(waiting)).toEqual([undefined, undefined, undefined]);
    expect(queue.shuttingDown).toBe(true);
  });

  it('hands out nothing more: queued keys are dropped and adds ignored', async () => {
    const { queue } = newQueue();
    queue.add('queued');
    queue.shutDown();
    queue.add('late');
    queue.addRateLimited('late');
    expect(queue.len()).toBe(0);
    expect(await queue.get()).toBeUndefined();
    expect(queue.numRequeues('late')).toBe(0);
  });

  it('cancels the delay timer and drops delayed keys', () => {
    const { queue, clock } = newQueue();
    queue.addAfter('a', 100);
    queue.shutDown();
    expect(clock.pendingTimers).toBe(0);
    clock.advance(200);
    expect(queue.len()).toBe(0);
  });

  it('is idempotent', async () => {
    const { queue } = newQueue();
    queue.shutDown();
    queue.shutDown();
    expect(await queue.get()).toBeUndefined();
  });

  it('never keeps the process alive for delayed keys', () => {
    const queue = new WorkQueue({ name: 'real', clock: realClock });
    const before = activeTimeouts();
    queue.addAfter('a', 3_600_000);
    expect(activeTimeouts()).toBe(before);
    queue.shutDown();
  });
});

describe('WorkQueue: shutDownWithDrain', () => {
  it('resolves true at once when nothing is in flight', async () => {
    const { queue } = newQueue();
    queue.add('queued-only');
    await expect(queue.shutDownWithDrain(1000)).resolves.toBe(true);
  });

  it('waits until every key in flight is done', async () => {
    const { queue, clock } = newQueue();
    queue.add('a');
    queue.add('b');
    const [a, b] = [await queue.get(), await queue.get()];
    let drained: boolean | undefined;
    const drain = queue.shutDownWithDrain(1000).then((result) => (drained = result));
    expect(await queue.get()).toBeUndefined();
    queue.done(a as string);
    await Promise.resolve();
    expect(drained).toBeUndefined();
    queue.done(b as string);
    await drain;
    expect(drained).toBe(true);
    expect(clock.pendingTimers).toBe(0);
  });

  it('does not re-queue a key added while it was in flight', async () => {
    const { queue } = newQueue();
    queue.add('a');
    await queue.get();
    queue.add('a');
    const drain = queue.shutDownWithDrain(1000);
    queue.done('a');
    await expect(drain).resolves.toBe(true);
    expect(queue.len()).toBe(0);
  });

  it('gives up after the timeout and resolves false', async () => {
    const { queue, clock } = newQueue();
    queue.add('stuck');
    await queue.get();
    const drain = queue.shutDownWithDrain(500);
    clock.advance(499);
    queue.done('other');
    clock.advance(1);
    await expect(drain).resolves.toBe(false);
  });

  it('answers every caller when several wait', async () => {
    const { queue } = newQueue();
    queue.add('a');
    await queue.get();
    const first = queue.shutDownWithDrain(1000);
    const second = queue.shutDownWithDrain(1000);
    queue.done('a');
    await expect(Promise.all([first, second])).resolves.toEqual([true, true]);
  });
});
