import { describe, expect, it } from '@jest/globals';
import { FakeClock } from './fake-clock.js';
import { ItemExponentialRateLimiter } from './item-exponential-rate-limiter.js';
import { WorkQueue } from './work-queue.js';

function newQueue(clock = new FakeClock()): { queue: WorkQueue; clock: FakeClock } {
  return { queue: new WorkQueue({ name: 'test', clock }), clock };
}

/** Whether `promise` has settled, after letting pending microtasks run. */
async function settled(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  await new Promise((resolve) => setImmediate(resolve));
  return done;
}

describe('WorkQueue: adding and getting', () => {
  it('holds a key once however often it is added', async () => {
    const { queue } = newQueue();
    queue.add('a');
    queue.add('b');
    queue.add('a');
    expect(queue.len()).toBe(2);
    expect(await queue.get()).toBe('a');
    expect(await queue.get()).toBe('b');
    expect(queue.len()).toBe(0);
  });

  it('hands a key added later to the worker that waited longest', async () => {
    const { queue } = newQueue();
    const first = queue.get();
    const second = queue.get();
    queue.add('x');
    queue.add('y');
    expect([await first, await second]).toEqual(['x', 'y']);
  });

  it('never hands out a key that is being processed', async () => {
    const { queue } = newQueue();
    queue.add('a');
    expect(await queue.get()).toBe('a');
    queue.add('a');
    expect(queue.len()).toBe(0);
    const next = queue.get();
    expect(await settled(next)).toBe(false);
    queue.done('a');
    expect(await next).toBe('a');
  });

  it('re-queues a key added during processing once, behind keys already waiting', async () => {
    const { queue } = newQueue();
    queue.add('a');
    await queue.get();
    queue.add('a');
    queue.add('b');
    queue.add('a');
    queue.done('a');
    expect(queue.len()).toBe(2);
    expect([await queue.get(), await queue.get()]).toEqual(['b', 'a']);
  });

  it('does not re-queue a key that was not added again', async () => {
    const { queue } = newQueue();
    queue.add('a');
    await queue.get();
    queue.done('a');
    expect(queue.len()).toBe(0);
  });

  it('ignores done for a key that is not being processed', async () => {
    const { queue } = newQueue();
    queue.add('a');
    queue.done('a');
    queue.done('never-added');
    expect(queue.len()).toBe(1);
    expect(await queue.get()).toBe('a');
    queue.add('a');
    queue.done('a');
    queue.done('a');
    expect(queue.len()).toBe(1);
  });
});

describe('WorkQueue: delays', () => {
  it('adds keys when they fall due, earliest first', async () => {
    const { queue, clock } = newQueue();
    queue.addAfter('late', 100);
    queue.addAfter('early', 50);
    clock.advance(49);
    expect(queue.len()).toBe(0);
    clock.advance(1);
    expect(queue.len()).toBe(1);
    clock.advance(50);
    expect([await queue.get(), await queue.get()]).toEqual(['early', 'late']);
  });

  it('keeps the earlier of two delays for the same key, and adds it once', () => {
    const { queue, clock } = newQueue();
    queue.addAfter('a', 100);
    queue.addAfter('a', 30);
    queue.addAfter('a', 60);
    clock.advance(30);
    expect(queue.len()).toBe(1);
    clock.advance(1000);
    expect(queue.len()).toBe(1);
    expect(clock.pendingTimers).toBe(0);
  });

  it('runs one timer for any number of delayed keys', () => {
    const { queue, clock } = newQueue();
    for (let i = 0; i < 5000; i++) queue.addAfter(`k${i}`, 1000 + i);
    expect(clock.pendingTimers).toBe(1);
    clock.advance(1000 + 2499);
    expect(queue.len()).toBe(2500);
    expect(clock.pendingTimers).toBe(1);
    clock.advance(2500);
    expect(queue.len()).toBe(5000);
    expect(clock.pendingTimers).toBe(0);
  });

  it('adds at once when the delay is not positive', () => {
    const { queue, clock } = newQueue();
    queue.addAfter('zero', 0);
    queue.addAfter('negative', -5);
    expect(queue.len()).toBe(2);
    expect(clock.pendingTimers).toBe(0);
  });

  it('deduplicates a due key against the same key already waiting', () => {
    const { queue, clock } = newQueue();
    queue.add('a');
    queue.addAfter('a', 10);
    clock.advance(10);
    expect(queue.len()).toBe(1);
  });

  it('re-queues a due key that is being processed only when it is done', async () => {
    const { queue, clock } = newQueue();
    queue.add('a');
    await queue.get();
    queue.addAfter('a', 10);
    clock.advance(10);
    expect(queue.len()).toBe(0);
    queue.done('a');
    expect(queue.len()).toBe(1);
  });
});

describe('WorkQueue: rate limiting', () => {
  it('delays by the rate limiter and counts requeues until forget', () => {
    const clock = new FakeClock();
    const queue = new WorkQueue({ name: 'test', clock, rateLimiter: new ItemExponentialRateLimiter() });
    queue.addRateLimited('a');
    clock.advance(4);
    expect(queue.len()).toBe(0);
    clock.advance(1);
    expect(queue.len()).toBe(1);
    queue.addRateLimited('b');
    queue.addRateLimited('b');
    expect(queue.numRequeues('b')).toBe(2);
    queue.forget('b');
    expect(queue.numRequeues('b')).toBe(0);
  });

  it('uses the default controller rate limiter when none is given', () => {
    const { queue, clock } = newQueue();
    queue.addRateLimited('a');
    queue.addRateLimited('a');
    expect(queue.numRequeues('a')).toBe(2);
    clock.advance(5);
    expect(queue.len()).toBe(1);
  });

  it('leaves the backoff alone on addAfter, so a fixed requeue does not grow it', () => {
    const { queue } = newQueue();
    queue.addAfter('a', 60_000);
    expect(queue.numRequeues('a')).toBe(0);
  });
});
